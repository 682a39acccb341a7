"""The builders on their own: long lists over pages, missing glyphs (fonts: test_fonts.py)."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from app.domain.calendar import DayKind
from app.domain.codes import Program, RuleMode
from app.domain.money import yuan
from app.errors import UserError
from app.printing import fonts
from app.printing.casefile import Office
from app.printing.catalog import NoticeKind, Paper, form_name
from app.printing.notice_data import Candidate, assemble, period_text
from app.printing.notices import build_notice, paginate
from tests.printing.conftest import compact, pdf_rows, pdf_text

OFFICE = Office("华容县", "三封寺镇", "杨柳村", phone="0730-4211234", address="三封寺镇人民政府民政办")


def candidates(n: int, name: str = "张三") -> list[Candidate]:
    return [
        Candidate(
            f"杨柳村{i % 12 + 1}组",
            name,
            i % 5 + 1,
            "农村低保",
            30000 + i,
            "",
            Program.DIBAO,
            RuleMode.RULES_2021,
        )
        for i in range(n)
    ]


def test_a_long_list_runs_over_pages_with_the_header_on_each_and_totals_on_the_last() -> None:
    data = assemble(
        NoticeKind.STANDING,
        OFFICE,
        "三封寺镇人民政府",
        candidates(150),
        date(2026, 11, 20),
        None,
        7,
        DayKind.CALENDAR,
    )
    doc = build_notice(data, fonts.load(), Paper.A4)
    pages = pdf_rows(doc.pdf)
    assert doc.pages == len(pages) >= 4
    seqs: list[int] = []
    for number, page in enumerate(pages, start=1):
        cells = [c for row in page for c in row]
        assert cells.count("序号") == cells.count("户主或申请人") == 1, f"one header on page {number}"
        assert f"第{number}页 共{len(pages)}页" in cells
        assert ("合计" in cells) == (number == len(pages))
        seqs += [int(row[0]) for row in page if row[0].isdigit() and len(row) >= 6]
    assert seqs == list(range(1, 151))
    total = sum(c.monthly_fen or 0 for c in candidates(150))
    assert next(r for r in pages[-1] if r[0] == "合计")[-1] == yuan(total)
    assert sum(c.persons for c in candidates(150)) == data.persons


@pytest.mark.parametrize("paper", list(Paper))
def test_the_seal_block_always_shares_its_page_with_the_end_of_the_list(paper: Paper) -> None:
    for n in (14, 31, 47, 64, 80):
        lines = [
            Candidate(
                "杨柳村1组",
                "张三",
                2,
                "农村低保",
                30000,
                "渐退期至2027年3月，家庭成员就业后收入超过保障标准" * (i % 4 == 0),
                Program.DIBAO,
                RuleMode.RULES_2021,
            )
            for i in range(n)
        ]
        data = assemble(
            NoticeKind.STOP,
            OFFICE,
            "三封寺镇人民政府",
            lines,
            date(2026, 11, 20),
            (date(2026, 11, 20), date(2026, 11, 26)),
            7,
            DayKind.CALENDAR,
        )
        doc = build_notice(data, fonts.load(), paper)
        (page,) = pdf_rows(doc.pdf, pages=[doc.pages - 1])
        last = [c for row in page for c in row]
        assert "合计" in last and "三封寺镇人民政府" in last and "2026年11月20日" in last, (paper, n)
        assert sum(row[0].isdigit() for row in page) >= 2 and last.count("序号") == 1, (paper, n)


def test_paginate_moves_the_last_rows_when_the_tail_does_not_fit() -> None:
    heights = [20.0] + [10.0] * 10
    assert paginate(heights, 200, 200, 50) == [range(1, 11)]
    assert paginate(heights, 100, 100, 5) == [range(1, 8), range(8, 11)]
    assert paginate(heights, 125, 100, 30) == [range(1, 8), range(8, 11)]  # 3 rows go with the seal
    assert paginate(heights, 100, 100, 60) == [range(1, 8), range(8, 11)]  # 3 rows: 1 from page 1
    assert paginate(heights, 65, 100, 60) == [range(1, 5), range(5, 8), range(8, 11)]
    assert paginate([20.0, 10.0], 30, 100, 50) == [range(1, 2)]  # a one-row list moves whole


def test_period_text_repeats_the_year_only_when_it_changes() -> None:
    data = assemble(
        NoticeKind.PRELIMINARY,
        OFFICE,
        "三封寺镇人民政府",
        candidates(1),
        date(2025, 12, 29),
        (date(2025, 12, 29), date(2026, 1, 4)),
        7,
        DayKind.CALENDAR,
    )
    assert period_text(data) == "为期7天，从2025年12月29日起至2026年1月4日止"
    assert "为期7天，从2025年12月29日起至2026年1月4日止" in compact(
        pdf_text(build_notice(data, fonts.load()).pdf)
    )


def test_an_empty_list_is_refused() -> None:
    with pytest.raises(UserError, match="没有在保对象"):
        assemble(NoticeKind.STANDING, OFFICE, "x", [], date(2026, 1, 1), None, 7, DayKind.CALENDAR)


def test_a_character_missing_from_the_font_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    rare = "\U0002a6a5"  # 𪚥, outside WenQuanYi Micro Hei
    data = assemble(
        NoticeKind.STANDING,
        OFFICE,
        "x",
        candidates(2, f"王{rare}"),
        date(2026, 1, 1),
        None,
        7,
        DayKind.CALENDAR,
    )
    with caplog.at_level(logging.WARNING, logger="jiuzhu.printing"):
        doc = build_notice(data, fonts.load())
    assert doc.missing_chars == [rare]
    assert "lacks glyphs" in caplog.text


def test_form_names_accept_the_key_or_the_chinese_title() -> None:
    assert form_name("summary") == "summary"
    assert form_name("入户调查表") == "investigation"
    assert form_name("申请书") == "application"
    with pytest.raises(KeyError):
        form_name("nope")


def test_public_place_shows_village_and_group_never_the_house_number() -> None:
    from app.domain.privacy import public_place

    assert public_place("杨柳村", "杨柳村3组12号") == "杨柳村3组"
    assert public_place("杨柳村", "杨柳村１２组８号") == "杨柳村12组"
    assert public_place("新街社区", "解放路88号2栋301室") == "新街社区"
