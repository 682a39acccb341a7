"""Issue 11, ledger import: households start where the ledger starts one, footers are not members,
over-long values, invisible characters and uncomputed formulas are refused or cleaned with the row named."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models.case import Benefit
from app.models.db import Database
from app.models.household import Household, Person
from app.services.intake.ledger import ImportOptions, import_ledger
from app.spreadsheets.errors_book import write_errors
from app.spreadsheets.report import ImportReport
from app.spreadsheets.suspect import UNCOMPUTED
from tests.spreadsheets.ledgers import (
    CLERK,
    LI,
    MING,
    QIAN,
    SUN,
    WANG,
    ZHANG,
    ZHAO,
    add_villages,
    dump,
    numbered_ledger,
    with_cached_results,
)

TODAY = date(2026, 11, 20)
EAST, WEST = "430623101201", "430623101202"
BAD_SUN = SUN[:17] + ("0" if SUN[17] != "0" else "1")  # a wrong check character
HH1 = [
    [1, "东山村", "张三", "张三", "户主", ZHANG, "男", 320, "农村低保", "东山村3组", "张三"],
    [None, None, None, "李四", "妻", LI, "女"],
    [None, None, None, "张小明", "子", MING, "男"],
]
HH3 = [[3, "东山村", "王五", "王五", "户主", WANG, "男", 510, "特困供养", "东山村5组", "王五"]]
ZHANG_HOUSEHOLD = (
    EAST,
    frozenset({("张三", ZHANG, "02"), ("李四", LI, "12"), ("张小明", MING, "20")}),
    32000,
)
WANG_HOUSEHOLD = (EAST, frozenset({("王五", WANG, "02")}), 51000)


def run(db: Database, path: Path, **options: Any) -> ImportReport:
    with db.uow(CLERK.username) as uow:
        report = import_ledger(uow, CLERK, path, ImportOptions(today=TODAY, **options))
        uow.commit()
        return report


def registry(db: Database) -> dict[str, tuple[str, frozenset[tuple[str, str, str]], int | None]]:
    """head name → (village, members as (name, ID number, relation), monthly amount in payment)."""
    with db.uow("t") as uow:
        s = uow.session
        out = {}
        for h in s.execute(select(Household)).scalars():
            people = s.execute(select(Person).where(Person.household_id == h.id)).scalars()
            members = frozenset((p.name, p.id_number, p.relation_code) for p in people)
            benefit = s.execute(select(Benefit.monthly_fen).where(Benefit.household_id == h.id)).scalar()
            out[h.head_name] = (h.village_code, members, benefit)
        return out


def located(report: ImportReport) -> set[tuple[int, str]]:
    """The errors as (row, column letter)."""
    return {(p.row, p.column[:1]) for p in report.errors}


def refused_whole(db: Database, path: Path) -> ImportReport:
    """Import without --accept-partial: refused, and the database byte for byte as it was."""
    before = dump(db)
    report = run(db, path)
    assert report.errors and not report.written
    assert dump(db) == before
    return report


# ---------------------------------------------------------------- where a household starts


def test_a_new_number_starts_a_household_even_when_its_first_row_is_not_the_head_and_a_bad_member_stays_in_it(
    station: Database, tmp_path: Path
) -> None:
    """Household 2 lists the wife first (relation 妻, new 序号) and has a bad member: households 1 and 3
    come in exactly, household 2 is refused alone and reported with its rows."""
    add_villages(station)
    hh2 = [
        [2, "西湖村", "赵六", "钱七", "妻", QIAN, "女", 400, "农村低保", "西湖村1组", "赵六"],
        [None, None, None, "赵六", "户主", ZHAO, "男"],
        [None, None, None, "孙八", "子", BAD_SUN, "男"],
    ]
    path = numbered_ledger(
        tmp_path / "l.xlsx", [*HH1, *hh2, *HH3, ["合计", None, "3户7人", None, None, None, None, 1230]]
    )
    report = refused_whole(station, path)
    assert located(report) == {(9, "F")}  # only the bad member: 钱七 did not fall into 张三's household
    [note] = [p for p in report.problems if p.row == 7 and "整户未导入" in p.reason]
    assert "第7–9行" in note.reason and "第9行有错误" in note.reason
    partial = run(station, path, accept_partial=True)
    assert partial.written and (partial.created, partial.refused) == (2, 1)
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "王五": WANG_HOUSEHOLD}


@pytest.mark.parametrize("repeated", [False, True], ids=["first-row-only", "on-every-row"])
def test_head_name_and_village_filled_start_a_household_without_numbers(
    station: Database, tmp_path: Path, repeated: bool
) -> None:
    """No 序号 column: a row with 户主姓名 and village filled (or changed, where every row repeats them)
    starts a household, although its relation says 妻."""
    add_villages(station)
    header = ["村(社区)", "户主姓名", "姓名", "与户主关系", "身份证号码", "性别", "月保障金（元）"]
    east = ("东山村", "张三") if repeated else (None, None)
    west = ("西湖村", "赵六") if repeated else (None, None)
    rows = [
        ["东山村", "张三", "张三", "户主", ZHANG, "男", 320],
        [*east, "李四", "妻", LI, "女"],
        [*east, "张小明", "子", MING, "男"],
        ["西湖村", "赵六", "钱七", "妻", QIAN, "女", 400],
        [*west, "赵六", "户主", ZHAO, "男"],
    ]
    report = run(station, numbered_ledger(tmp_path / "l.xlsx", rows, header))
    assert report.errors == [], [str(p) for p in report.errors]
    west_household = (WEST, frozenset({("钱七", QIAN, "12"), ("赵六", ZHAO, "02")}), 40000)
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "赵六": west_household}


def test_a_household_started_on_another_relation_without_any_head_is_refused_alone(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    hh2 = [[2, "西湖村", "赵六", "钱七", "妻", QIAN, "女", 400, "农村低保"]]
    path = numbered_ledger(tmp_path / "l.xlsx", [*HH1, *hh2, *HH3])
    report = refused_whole(station, path)
    [error] = report.errors
    assert error.row == 7 and "序号表明这里开始新的一户" in error.reason and "第7行" in error.reason
    run(station, path, accept_partial=True)
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "王五": WANG_HOUSEHOLD}


def test_a_number_repeated_on_every_member_row_keeps_the_household_and_a_second_head_is_refused(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    rows = [
        [1, "东山村", "张三", "张三", "户主", ZHANG, "男", 320, "农村低保"],
        [1, "东山村", "张三", "李四", "妻", LI, "女"],
        [1, "东山村", "张三", "张小明", "子", MING, "男"],
        [2, "西湖村", "赵六", "赵六", "户主", ZHAO, "男", 400, "农村低保"],
        [2, "西湖村", "赵六", "孙八", "户主", SUN, "男"],
        *HH3,
    ]
    path = numbered_ledger(tmp_path / "l.xlsx", rows)
    report = refused_whole(station, path)
    [error] = report.errors
    assert (error.row, error.column[:1]) == (8, "E") and "第7行已有户主" in error.reason
    run(station, path, accept_partial=True)
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "王五": WANG_HOUSEHOLD}


def test_a_number_on_every_person_row_does_not_split_households(station: Database, tmp_path: Path) -> None:
    """Some ledgers number persons, not households: the relation keeps the household together."""
    add_villages(station)
    rows = [
        [1, "东山村", "张三", "张三", "户主", ZHANG, "男", 320, "农村低保"],
        [2, None, None, "李四", "妻", LI, "女"],
        [3, None, None, "张小明", "子", MING, "男"],
        [4, "东山村", "王五", "王五", "户主", WANG, "男", 510, "特困供养"],
    ]
    report = run(station, numbered_ledger(tmp_path / "l.xlsx", rows))
    assert report.errors == [] and report.created == 2
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "王五": WANG_HOUSEHOLD}


# ---------------------------------------------------------------- totals, signatures and notes


def test_totals_signatures_and_notes_under_the_table_are_skipped_not_members(
    station: Database, tmp_path: Path
) -> None:
    """合计/总计 rows and the footer (制表人, 审核人, 分管领导, 填表说明, 填表日期 …) are not persons,
    even when a signature lands in the name column; a row with an ID number below them still counts."""
    add_villages(station)
    footer: list[list[Any]] = [
        ["小计", None, "1户3人", None, None, None, None, 320],
        ["总计：共2户4人", None, None, None, None, None, None, 830],
        [],
        [None, "制表人：", None, "张丽", None, "审核人：王建华", None, "分管领导（签字）：", "李明"],
        ["制表人", None, None, "审核人", None, "分管领导"],
        [None, None, None, "张丽", None, "王建华", None, "李明"],
        ["填表说明：1.本表一户一行填写户主，家庭成员列在户主下方。"],
        [None, None, None, "2.身份证号码一律填写18位，不足的请核对户口本。"],
        ["填表日期：", None, None, date(2024, 3, 15)],
        ["联系电话：0730-4567890"],
        ["4", "西湖村", "赵六", "赵六", "户主", ZHAO, "男", 400, "农村低保"],
    ]
    report = run(station, numbered_ledger(tmp_path / "l.xlsx", [*HH1, *HH3, *footer]))
    assert report.errors == [], [str(p) for p in report.errors]
    assert report.sheets[0].skipped == {"total": 2, "blank": 1, "footer": 7}
    assert {p.row for p in report.problems if "表尾签名或说明" in p.reason} == set(range(11, 18))
    west_household = (WEST, frozenset({("赵六", ZHAO, "02")}), 40000)
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "王五": WANG_HOUSEHOLD, "赵六": west_household}


# ---------------------------------------------------------------- values that do not fit


def test_a_value_longer_than_its_column_is_refused_with_field_and_row(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    long_address = "东山村" + "第三村民小组老屋场" * 22  # 201 characters; the file holds 200
    long_name = "赵六" + "（身份证遗失，正在补办，户口本上登记的曾用名为赵老六，请核实后再录入）" * 2
    rows = [
        [1, "东山村", "张三", "张三", "户主", ZHANG, "男", 320, "农村低保", long_address, "张三"],
        [None, None, None, "李四", "妻", LI, "女"],
        [None, None, None, "张小明", "子", MING, "男"],
        [2, "西湖村", "赵六", long_name, "户主", ZHAO, "男", 400, "农村低保"],
        [3, "东山村", "王五", "王五", "户主", WANG, "男", 510, "特困供养", "东山村5组", "王五" * 21],
    ]
    path = numbered_ledger(tmp_path / "l.xlsx", rows)
    report = refused_whole(station, path)
    found = {(p.row, p.column, p.reason) for p in report.errors}
    assert found == {
        (4, "J（家庭住址）", "家庭住址过长：有201个字，档案中最多只能存200个字；请删减后再导入"),
        (7, "D（姓名）", f"姓名过长：有{len(long_name)}个字，档案中最多只能存40个字；请删减后再导入"),
        (8, "K（开户人）", "户名过长：有42个字，档案中最多只能存40个字；请删减后再导入"),
    }
    assert run(station, path, accept_partial=True).created == 0


def test_zero_width_characters_are_removed_from_names_with_a_warning_naming_the_row(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    rows = [
        [
            1,
            "东山村\ufeff",
            "张三",
            "张\u200b三",
            "户主",
            ZHANG,
            "男",
            320,
            "农村低保",
            "东山村3组",
            "张\u200d三",
        ],
        [None, None, None, "李四\u200e", "妻", LI + "\u200b", "女"],
        [None, None, None, "张小明", "子", MING, "男"],
        *HH3,
    ]
    report = run(station, numbered_ledger(tmp_path / "l.xlsx", rows))
    assert report.errors == [] and report.created == 2
    warned = {(p.row, p.column[:1]) for p in report.warnings if "看不见的字符" in p.reason}
    assert warned == {(4, "B"), (4, "D"), (4, "K"), (5, "D"), (5, "F")}
    [zwsp] = [p for p in report.warnings if (p.row, p.column[:1]) == (4, "D")]
    assert "U+200B 零宽空格" in zwsp.reason and "按“张三”导入" in zwsp.reason
    assert registry(station) == {"张三": ZHANG_HOUSEHOLD, "王五": WANG_HOUSEHOLD}
    with station.uow("t") as uow:
        zhang = uow.session.execute(select(Household).where(Household.head_name == "张三")).scalar_one()
        assert zhang.account_holder == "张三"
        head = uow.session.execute(select(Person).where(Person.id_number == ZHANG)).scalar_one()
        assert head.name_pinyin == "zhangsan"


def test_direction_overrides_that_reorder_a_name_are_refused_and_an_invisible_only_name_is_blank(
    station: Database, tmp_path: Path
) -> None:
    """U+202E shows “赵六” for the stored “六赵”: removing it changes the name, so the cell is refused."""
    add_villages(station)
    rows = [
        *HH1[:1],
        [None, None, None, "\u200b", "妻", LI, "女"],
        [2, "西湖村", "赵六", "\u202e六赵", "户主", ZHAO, "男", 400, "农村低保"],
        *HH3,
    ]
    path = numbered_ledger(tmp_path / "l.xlsx", rows)
    report = refused_whole(station, path)
    reasons = {(p.row, p.column[:1]): p.reason for p in report.errors}
    assert set(reasons) == {(5, "D"), (6, "D")}
    assert reasons[(5, "D")] == "姓名为空"
    [blank] = [p for p in report.warnings if p.row == 5]
    assert blank.reason == "含有看不见的字符（U+200B 零宽空格），没有别的内容，看作空白"
    assert "改变文字显示顺序" in reasons[(6, "D")] and "U+202E" in reasons[(6, "D")]
    run(station, path, accept_partial=True)
    assert set(registry(station)) == {"王五"}


# ---------------------------------------------------------------- formulas


def test_a_formula_without_a_cached_result_is_reported_never_imported_as_empty(
    station: Database, tmp_path: Path
) -> None:
    """A file written by a program and never opened in Excel holds formulas without results."""
    add_villages(station)
    header = ["序号", "村(社区)", "户主姓名", "姓名", "与户主关系", "身份证号码", "性别", "月保障金（元）"]
    header += ["保障类别", "家庭住址", "开户人", "备注", "年龄"]
    rows = [
        [
            1,
            "东山村",
            "张三",
            "张三",
            "户主",
            ZHANG,
            "男",
            "=300+20",
            "农村低保",
            None,
            None,
            None,
            "=2026-1956",
        ],
        [None, None, None, "李四", "妻", LI, "女"],
        [None, None, None, "张小明", "子", MING, "男"],
        [
            2,
            "西湖村",
            "赵六",
            "赵六",
            "户主",
            ZHAO,
            "男",
            "=200*2",
            "农村低保",
            None,
            None,
            '=IF(1=1,"","x")',
        ],
        [3, "东山村", "王五", '="王"&"五"', "户主", WANG, "男", 510, "特困供养"],
        ["合计", None, None, None, None, None, None, "=SUM(H4:H8)"],
    ]
    path = numbered_ledger(tmp_path / "l.xlsx", rows, header)
    with_cached_results(path, {"H7": "400", "L7": ""})  # Excel's results for 赵六's row only
    report = refused_whole(station, path)
    assert {(p.row, p.column, p.reason) for p in report.errors} == {
        (4, "H（月保障金（元））", UNCOMPUTED),
        (8, "D（姓名）", UNCOMPUTED),
    }
    assert UNCOMPUTED == "公式没有计算结果，请在Excel中打开并保存后再导入"
    partial = run(station, path, accept_partial=True)
    assert (partial.created, partial.refused) == (1, 2)
    assert registry(station) == {"赵六": (WEST, frozenset({("赵六", ZHAO, "02")}), 40000)}


def test_the_errors_workbook_lists_the_new_problems_with_their_rows(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    rows = [
        [1, "东山村", "张三", "张\u200b三", "户主", ZHANG, "男", "=300+20", "农村低保"],
        [None, None, None, "李四", "妻", LI, "女"],
        [2, "西湖村", "赵六", "钱七", "妻", QIAN, "女", 400, "农村低保", "西湖村" * 70],
        [3, "东山村", "王五", "\u202e五王", "户主", WANG, "男", 510, "特困供养"],
        ["制表人：张丽", None, None, "审核人：王建华"],
    ]
    report = run(station, numbered_ledger(tmp_path / "l.xlsx", rows))
    out = tmp_path / "问题.xlsx"
    write_errors(out, report.problems, report.sheets, report.summary())
    listed = [r[:5] for r in load_workbook(out)["问题-花名册"].iter_rows(min_row=2, values_only=True)]
    expected = [
        ("花名册", 4, "H（月保障金（元））", "错误", UNCOMPUTED),
        ("花名册", 4, "D（姓名）", "提示", "含有看不见的字符（U+200B 零宽空格），已删除，按“张三”导入"),
        ("花名册", 4, None, "说明", "本户（第4–5行）因第4行有错误，整户未导入"),
        (
            "花名册",
            6,
            "J（家庭住址）",
            "错误",
            "家庭住址过长：有210个字，档案中最多只能存200个字；请删减后再导入",
        ),
        ("花名册", 7, "D（姓名）", "错误"),
        ("花名册", 8, None, "说明", "看作表尾签名或说明，未导入：“制表人：张丽 审核人：王建华”"),
    ]
    for want in expected:
        assert any(row[: len(want)] == want for row in listed), (want, listed)
    headless = next(r for r in listed if r[1] == 6 and r[2] is None and r[3] == "错误")
    assert headless[3] == "错误" and "没有“与户主关系”为“户主”的人" in headless[4]
    assert "改变文字显示顺序" in next(r for r in listed if r[1] == 7 and r[3] == "错误")[4]


def test_an_excel_error_value_and_a_person_without_id_are_reported_not_skipped(
    station: Database, tmp_path: Path
) -> None:
    """#N/A pasted from a broken VLOOKUP is no name; a member whose notes say 累计… is no total row."""
    add_villages(station)
    rows = [
        *HH1,
        [None, None, None, "张小红", "女", None, "女", None, None, None, None, "累计发放12个月"],
        [2, "西湖村", "赵六", "#N/A", "户主", ZHAO, "男", 400, "农村低保"],
        *HH3,
    ]
    report = refused_whole(station, numbered_ledger(tmp_path / "l.xlsx", rows))
    reasons = {(p.row, p.column[:1]): p.reason for p in report.errors}
    assert set(reasons) == {(7, "F"), (8, "D")}
    assert reasons[(7, "F")] == "身份证号为空"
    assert "Excel的错误值“#N/A”" in reasons[(8, "D")]
    run(station, numbered_ledger(tmp_path / "l.xlsx", rows), accept_partial=True)
    assert registry(station) == {"王五": WANG_HOUSEHOLD}
