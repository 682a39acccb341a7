"""The fixed words of the documents: program titles, categories and the legal basis each notice cites."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.codes import Program, RuleMode
from app.domain.workflow import S1, S2, S3, S4
from app.printing.catalog import NoticeKind

S1_FULL = f"{S1}（民发〔2021〕57号）"
S2_FULL = f"{S2}（民发〔2012〕220号）"

PROGRAM_TITLES = {
    Program.DIBAO: "最低生活保障",
    Program.TEKUN: "特困人员救助供养",
    Program.LINSHI: "临时救助",
}
_SHORT = {Program.DIBAO: "低保", Program.TEKUN: "特困供养", Program.LINSHI: "临时救助"}


def program_title(programs: Iterable[Program]) -> str:
    """「最低生活保障」, or 「最低生活保障和特困人员救助供养」 for a list with both."""
    found = sorted(set(programs), key=list(Program).index)
    return "和".join(PROGRAM_TITLES[p] for p in found) or PROGRAM_TITLES[Program.DIBAO]


def category(program: Program, urban_rural_label: str = "", tier: str = "") -> str:
    """The 类别/档次 cell: 「农村低保」, 「城市低保·A档」, 「特困供养」."""
    text = _SHORT[program]
    if program is Program.DIBAO and urban_rural_label:
        text = f"{urban_rural_label}{text}"
    return f"{text}·{tier}" if tier else text


def notice_basis(kind: NoticeKind, programs: Iterable[Program], mode: RuleMode) -> str:
    """The regulations (and articles) a notice of ``kind`` rests on, for the programs it lists."""
    found = set(programs)
    parts: list[str] = [S3]
    if Program.DIBAO in found or not found:
        if mode is RuleMode.RULES_2012:
            article = {
                NoticeKind.PRELIMINARY: "第二十五条",
                NoticeKind.APPROVED: "第二十九条",
                NoticeKind.STANDING: "第三十四条",
                NoticeKind.STOP: "",
            }[kind]
            parts.append(f"{S2_FULL}{article}")
        else:
            article = {
                NoticeKind.PRELIMINARY: "第十九条",
                NoticeKind.APPROVED: "第二十四条",
                NoticeKind.STANDING: "第二十四条",
                NoticeKind.STOP: "第三十二条",
            }[kind]
            parts.append(f"{S1_FULL}{article}")
    if Program.TEKUN in found:
        parts.append(f"{S4}第十五条" if kind is NoticeKind.PRELIMINARY else S4)
    if Program.LINSHI in found:
        parts.append("《关于进一步加强和改进临时救助工作的意见》")
    if kind is NoticeKind.STOP:
        parts[0] = f"{S3}第十三条"
    return "和".join(["、".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


# Remedies a refusal, stop or reduction letter must state [GK]: 行政复议法 60 days, 行政诉讼法 6 months.
def remedies(county: str) -> str:
    return (
        f"如对本决定不服，可以自收到本告知书之日起六十日内向{county}人民政府申请行政复议，"
        "也可以自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
    )
