"""Official documents: the seal's place over the issuing body and the date, the title in the 小标宋 manner,
and a 初审公示 that names 民主评议 only where one was held."""

from __future__ import annotations

import io
from datetime import date

from app.domain.calendar import DayKind
from app.domain.codes import Program, RuleMode
from app.printing import fonts
from app.printing.casefile import Office
from app.printing.catalog import NoticeKind
from app.printing.layout import SEAL
from app.printing.notice_data import Candidate, assemble, notice_texts, steps_taken
from app.printing.notices import build_notice

OFFICE = Office("华容县", "三封寺镇", "新华村", "三封寺镇民政办", "0730-4211234", "三封寺镇政府院内", "12349")


def line(name: str, appraised: bool) -> Candidate:
    return Candidate(
        "新华村2组", name, 2, "农村低保", 36100, "", Program.DIBAO, RuleMode.RULES_2021, appraised
    )


def test_the_preliminary_notice_names_the_steps_actually_taken() -> None:
    assert steps_taken([line("甲", False), line("乙", False)]) == "入户调查、信息核对"
    assert steps_taken([line("甲", True), line("乙", True)]) == "入户调查、信息核对、民主评议"
    assert steps_taken([line("甲", True), line("乙", False)]) == "入户调查、信息核对（其中1户经民主评议）"
    period = (date(2026, 11, 16), date(2026, 11, 22))
    data = assemble(NoticeKind.PRELIMINARY, OFFICE, "三封寺镇人民政府", [line("甲", False)], period[0],
                    period, 7, DayKind.CALENDAR)  # fmt: skip
    assert "经本人申请、入户调查、信息核对，" in notice_texts(data).paragraphs[0]
    assert "民主评议" not in "".join(notice_texts(data).paragraphs)


def positions(pdf: bytes) -> dict[str, tuple[float, float]]:
    """The centre of each text line of page 1, by its text."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    found: dict[str, tuple[float, float]] = {}
    page = next(iter(extract_pages(io.BytesIO(pdf))))
    for box in page:
        if isinstance(box, LTTextContainer):
            for text_line in box:
                if isinstance(text_line, LTTextLine):
                    x0, y0, x1, y1 = text_line.bbox
                    found["".join(text_line.get_text().split())] = ((x0 + x1) / 2, (y0 + y1) / 2)
    return found


def test_the_seal_goes_over_the_issuing_body_and_the_date() -> None:
    period = (date(2026, 11, 16), date(2026, 11, 22))
    data = assemble(NoticeKind.PRELIMINARY, OFFICE, "三封寺镇人民政府", [line("甲", True)], period[0],
                    period, 7, DayKind.CALENDAR)  # fmt: skip
    at = positions(build_notice(data, fonts.load()).pdf)
    issuer, when, mark = at["三封寺镇人民政府"], at["2026年11月16日"], at["（盖章）"]
    assert abs(issuer[0] - when[0]) < 1  # the body centred over the date
    assert mark[1] > issuer[1] > when[1]  # the mark of the seal's place above both
    assert abs(mark[0] - issuer[0]) < 1 and mark[1] - when[1] < SEAL  # both inside the seal's circle
    table_bottom = min(y for text, (_, y) in at.items() if text.startswith("合计"))
    assert table_bottom - (issuer[1] + when[1]) / 2 > SEAL / 2  # the seal clear of the list above


def test_a_two_line_title_breaks_between_words() -> None:
    """「…最低生活保障和 / 特困人员…」, not 「…保障和特 / 困人员…」 (a word cut in two)."""
    from app.printing.layout import title_break

    font = fonts.load().heading
    text = "三封寺镇长岭村最低生活保障和特困人员救助供养对象长期公示"
    assert title_break(text, font, 22, 400) == [
        "三封寺镇长岭村最低生活保障和",
        "特困人员救助供养对象长期公示",
    ]
    assert title_break("最低生活保障对象长期公示名单", font, 22, 400) is None  # no word break: as wrapped
