"""The content of a 公示 (rows, period, words), kept apart from the layout so privacy can check it first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain import privacy
from app.domain.calendar import DayKind, format_cn
from app.domain.codes import Program, RuleMode
from app.domain.money import yuan
from app.errors import UserError
from app.printing.casefile import Office
from app.printing.catalog import NoticeKind
from app.printing.wording import notice_basis, program_title


@dataclass(frozen=True)
class NoticeRow:
    """One published line: only what privacy.PUBLIC_NOTICE_FIELDS allows."""

    seq: int
    place: str
    name: str
    persons: int
    category: str
    monthly_fen: int | None
    remark: str = ""


@dataclass(frozen=True)
class NoticeData:
    """Everything a notice shows, already filtered by the privacy rules."""

    kind: NoticeKind
    county: str
    township: str
    village: str
    program_title: str  # e.g. 最低生活保障; two programs joined with 和
    basis: str  # the legal basis, e.g. 《最低生活保障审核确认办法》第十九条
    rows: tuple[NoticeRow, ...]
    issued_on: date
    issuer: str
    office_phone: str
    office_address: str
    hotline: str
    period: tuple[date, date] | None = None
    period_days: int = 7
    day_kind: DayKind = DayKind.CALENDAR
    steps: str = "入户调查、信息核对"

    @property
    def households(self) -> int:
        return len(self.rows)

    @property
    def persons(self) -> int:
        return sum(r.persons for r in self.rows)

    @property
    def total_fen(self) -> int:
        return sum(r.monthly_fen or 0 for r in self.rows)


@dataclass(frozen=True)
class NoticeTexts:
    """The words of a notice: checked by privacy.assert_public before anything is laid out."""

    title: str
    paragraphs: tuple[str, ...]
    issuer: str
    date_line: str

    def all_text(self, rows: Sequence[NoticeRow]) -> str:
        cells = [" ".join((r.place, r.name, r.category, r.remark)) for r in rows]
        return "\n".join([self.title, *self.paragraphs, self.issuer, self.date_line, *cells])


def period_text(data: NoticeData) -> str:
    """「为期7天，从2025年3月11日起至3月17日止」 (the year is repeated only when it changes)."""
    if data.period is None:
        return ""
    first, last = data.period
    unit = "天" if data.day_kind is DayKind.CALENDAR else "个工作日"
    end = format_cn(last) if last.year != first.year else f"{last.month}月{last.day}日"
    return f"为期{data.period_days}{unit}，从{format_cn(first)}起至{end}止"


def notice_texts(data: NoticeData) -> NoticeTexts:
    where = f"{data.township}{data.village}"
    money = yuan(data.total_fen)
    count = f"{data.households}户{data.persons}人"
    period = period_text(data)
    channels = (
        f"来人、来信、来电等方式向{data.issuer}反映。地址：{data.office_address or '＿＿＿＿＿＿＿＿'}；"
        f"电话：{data.office_phone or '＿＿＿＿＿＿'}；社会救助服务热线：{data.hotline}。"
        "对实名反映的问题，我们将逐一核实并予以答复，并依法保护反映人的个人信息。"
    )
    kind = data.kind
    if kind is NoticeKind.PRELIMINARY:
        title = f"{where}{data.program_title}初审公示"
        intro = (
            f"根据{data.basis}的规定，经本人申请、{data.steps}，{data.township}人民政府对{data.village}"
            f"下列{count}提出了拟给予{data.program_title}的初审意见，拟月保障金额合计{money}元，现予以公示。"
        )
        paragraphs = (intro, f"本次公示{period}。", f"公示期间，如有异议，可通过{channels}")
    elif kind is NoticeKind.APPROVED:
        title = f"{where}拟批准{data.program_title}对象公示"
        intro = (
            f"根据{data.basis}的规定，经乡镇人民政府初审、县级民政部门审核，拟批准{data.village}下列{count}"
            f"享受{data.program_title}，拟月保障金额合计{money}元，现予以公示。"
        )
        paragraphs = (intro, f"本次公示{period}。", f"公示期间，如有异议，可通过{channels}")
    elif kind is NoticeKind.STANDING:
        title = f"{where}{data.program_title}对象长期公示"
        intro = (
            f"根据{data.basis}的规定，现将{data.village}截至{format_cn(data.issued_on)}享受"
            f"{data.program_title}的{count}名单予以公布，月保障金额合计{money}元。"
        )
        paragraphs = (
            intro,
            "本名单长期公示，保障对象有变动时及时更新。",
            f"如发现名单中有不符合条件的情况，可随时通过{channels}",
        )
    else:
        title = f"{where}停发{data.program_title}公示"
        intro = (
            f"根据{data.basis}的规定，经复核，{data.village}下列{count}已不再符合{data.program_title}条件，"
            f"已书面告知本人并停发（停止供养），原月保障金额合计{money}元，现予以公示。"
        )
        paragraphs = (intro, f"本次公示{period}。", f"公示期间，如有异议，可通过{channels}")
    return NoticeTexts(title, paragraphs, data.issuer, format_cn(data.issued_on))


@dataclass(frozen=True)
class Candidate:
    """A line a notice might show, before the privacy filter decides what of it is printed."""

    place: str
    name: str
    persons: int
    category: str
    monthly_fen: int | None
    remark: str
    program: Program
    mode: RuleMode
    appraised: bool = False  # a 民主评议 was held for it


_NOTHING = {
    NoticeKind.PRELIMINARY: "正在初审公示或待公示的申请",
    NoticeKind.APPROVED: "正在拟批准公示的申请",
    NoticeKind.STANDING: "在保对象",
    NoticeKind.STOP: "当月停发的对象",
}


def steps_taken(lines: Sequence[Candidate]) -> str:
    """The steps the cases went through, as the 初审公示 names them: 民主评议 only where one was held."""
    held = sum(1 for c in lines if c.appraised)
    if held == 0:
        return "入户调查、信息核对"
    if held == len(lines):
        return "入户调查、信息核对、民主评议"
    return f"入户调查、信息核对（其中{held}户经民主评议）"


def assemble(
    kind: NoticeKind,
    office: Office,
    issuer: str,
    lines: Sequence[Candidate],
    on: date,
    period: tuple[date, date] | None,
    days: int,
    day_kind: DayKind,
) -> NoticeData:
    """The notice's data: each line through privacy.public_notice_row, the programs, basis and steps."""
    if not lines:
        raise UserError(
            f"{office.township}{office.village}在{format_cn(on)}没有{_NOTHING[kind]}，无可公示的内容"
        )
    rows = []
    for seq, c in enumerate(lines, start=1):
        raw = {
            "seq": seq,
            "village": c.place,
            "name": c.name,
            "persons": c.persons,
            "category": c.category,
            "monthly_fen": c.monthly_fen,
            "remark": c.remark,
        }
        clean = privacy.public_notice_row(raw)
        fen = clean.get("monthly_fen")
        rows.append(
            NoticeRow(
                seq,
                str(clean.get("village", "")),
                str(clean.get("name", "")),
                c.persons,
                str(clean.get("category", "")),
                fen if isinstance(fen, int) else None,
                str(clean.get("remark", "")),
            )
        )
    programs = sorted({c.program for c in lines}, key=list(Program).index)
    modes = [c.mode for c in lines]
    mode = max(set(modes), key=modes.count)
    steps = steps_taken(lines)
    return NoticeData(
        kind=kind,
        county=office.county,
        township=office.township,
        village=office.village,
        program_title=program_title(programs),
        basis=notice_basis(kind, programs, mode),
        rows=tuple(rows),
        issued_on=period[0] if period else on,
        issuer=issuer,
        office_phone=office.phone,
        office_address=office.address,
        hotline=office.hotline,
        period=period,
        period_days=days,
        day_kind=day_kind,
        steps=steps,
    )
