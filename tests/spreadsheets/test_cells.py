"""Dirty cells, header detection and village matching, without a database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.spreadsheets import cells, headers
from app.spreadsheets.cells import CellError, PartialDate
from app.spreadsheets.villages import VillageMatcher, clean_name, free_code, key
from tests.spreadsheets.ledgers import LI, ZHANG


@pytest.mark.parametrize(
    "raw",
    [
        ZHANG,
        ZHANG.lower(),
        "'" + ZHANG,
        f" {ZHANG[:6]} {ZHANG[6:]} ",
        "４３０６２３" + ZHANG[6:-1] + "ｘ",
        "‘" + ZHANG,
    ],
)
def test_id_numbers_are_cleaned(raw: str) -> None:
    assert cells.id_number(raw) == ZHANG


def test_old_15_digit_numbers_kept_by_excel_are_upgraded() -> None:
    old = "430623560308059"
    assert cells.id_number(int(old)) == cells.id_number(old) == "43062319560308059X"
    assert cells.id_number(float(old)) == "43062319560308059X"


@pytest.mark.parametrize("value", [4.30623195805010e17, float(LI), int(LI[:15] + "000"), "4.30623E+17"])
def test_numbers_whose_digits_excel_lost_are_refused_never_guessed(value: object) -> None:
    with pytest.raises(CellError, match="后几位已经丢失"):
        cells.id_number(value)


def test_a_trailing_000_text_number_gets_a_hint() -> None:
    with pytest.raises(CellError, match="末三位为000"):
        cells.id_number(LI[:15] + "000")


def test_an_exact_integer_id_written_by_another_program_is_accepted() -> None:
    assert cells.id_number(int(LI)) == LI


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1956.03, PartialDate(1956, (3,))),
        (1956.1, PartialDate(1956, (1, 10))),  # typed 1956.10, stored as the number 1956.1
        (1956.12, PartialDate(1956, (12,))),
        ("1956.03", PartialDate(1956, (3,))),
        ("1956.1", PartialDate(1956, (1,))),
        ("1956-3-8", PartialDate(1956, (3,), 8)),
        ("1956/03/08", PartialDate(1956, (3,), 8)),
        ("1956年3月", PartialDate(1956, (3,))),
        ("1956年3月8日", PartialDate(1956, (3,), 8)),
        ("１９５６年３月８日", PartialDate(1956, (3,), 8)),
        ("19560308", PartialDate(1956, (3,), 8)),
        (195603, PartialDate(1956, (3,))),
        (1956, PartialDate(1956)),
        (20522, PartialDate(1956, (3,), 8)),  # an Excel serial date
        (datetime(1956, 3, 8), PartialDate(1956, (3,), 8)),
        ("1956-03-08 00:00:00", PartialDate(1956, (3,), 8)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_as_ledgers_write_them(value: object, expected: PartialDate | None) -> None:
    assert cells.partial_date(value) == expected


@pytest.mark.parametrize("value", ["1956-13", "1956-2-30", "三月", "56.3"])
def test_impossible_dates_are_refused(value: str) -> None:
    with pytest.raises(CellError):
        cells.partial_date(value)


def test_partial_dates_match_the_birth_date_of_the_id_number() -> None:
    assert PartialDate(1956, (1, 10)).matches(date(1956, 10, 8))
    assert not PartialDate(1956, (3,), 9).matches(date(1956, 3, 8))
    with pytest.raises(CellError, match="1月还是10月"):
        cells.month(2019.1)
    assert cells.month("2019年10月") == "2019-10"


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        *[("320元", 32000), ("320.00", 32000), (320, 32000), (320.5, 32050), ("￥1,200.00", 120000)],
        *[("３２０元/月", 32000), (96.00000000000001, 9600), (None, None), ("", None)],
    ],
)
def test_amounts(value: object, fen: int | None) -> None:
    assert cells.amount_fen(value) == fen


def test_bad_amounts_are_refused() -> None:
    for value in ("三百元", "-20", "320.555"):
        with pytest.raises(CellError):
            cells.amount_fen(value)


def test_sex_relation_count_and_category() -> None:
    assert [cells.sex(v) for v in ("男", "女", 1, 2, "1", "男性", "F", None)] == [
        *("M", "F", "M", "F", "M", "M", "F"),
        None,
    ]
    with pytest.raises(CellError):
        cells.sex("未知")
    assert [cells.relation(v) for v in ("户主", "本人", "妻子", "儿子", "女儿", "户主之子", 12)] == [
        *("02", "01", "12", "20", "30", "20", "12")
    ]
    with pytest.raises(CellError, match="无法识别"):
        cells.relation("邻居的狗")
    assert cells.count("3人") == 3 and cells.count(3.0) == 3
    assert cells.category("农村低保A类") == ("dibao", "A类", "rural")
    assert cells.category("城市低保") == ("dibao", None, "urban")
    assert cells.category("分散供养特困人员") == ("tekun", "分散供养", None)
    assert cells.category("五保") == ("tekun", None, None)
    with pytest.raises(CellError, match="临时救助"):
        cells.category("临时救助")


def test_header_below_title_rows_with_a_merged_two_row_header() -> None:
    rows = [
        ("某镇花名册", None, None, None, None),
        ("单位：", None, None, None, "2024年"),
        ("序号", "户主", None, "家庭成员", None),
        (None, "姓名", "身份证号", "姓名", "关系"),
        (1, "张三", ZHANG, "张三", "户主"),
    ]
    header = headers.find_header(rows)
    assert header is not None and header.row == 3 and header.height == 2
    assert header.mapping == {"head_name": 1, "head_id_number": 2, "name": 3, "relation": 4, "id_number": 2}
    assert header.layout == "member"
    assert header.column_name(2) == "C（户主/身份证号）"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["户主姓名", "身份证号码", "享受人数", "月补助", "村(居)"], "household"),
        (["姓名", "与户主关系", "公民身份号码", "保障金额（元）", "村组"], "member"),
        (["村", "户主", "关系", "身份证"], "member"),
    ],
)
def test_column_synonyms_and_layout(labels: list[str], expected: str) -> None:
    header = headers.find_header([tuple(labels)])
    assert header is not None and header.layout == expected
    assert {"name", "id_number", "village"} <= set(header.mapping)


def test_a_chosen_mapping_overrides_the_guess_and_names_unknown_columns() -> None:
    rows = [("名字", "证件", "地方", "钱")]
    assert headers.find_header(rows) is None
    chosen = {"name": "名字", "id_number": "证件", "village": "地方", "monthly_amount": "钱"}
    header = headers.apply_mapping(headers.locate(rows, chosen), chosen)
    assert header.mapping == {"name": 0, "id_number": 1, "village": 2, "monthly_amount": 3}
    assert headers.mapping_labels(header) == chosen


def test_villages_match_with_or_without_suffix_and_suggest_the_closest() -> None:
    matcher = VillageMatcher([("430623101201", "东山村"), ("430623101001", "新街社区")], ["三封寺镇"])
    for written in (
        "东山村",
        "东山村委会",
        "东山",
        "东山村民委员会",
        "三封寺镇东山村",
        "东山村3组",
        " 东山村 ",
    ):
        assert matcher.match(written).code == "430623101201", written
    assert matcher.match("新街社区居委会").code == "430623101001"
    assert matcher.match("新街").code == "430623101001"
    missed = matcher.match("东三村")
    assert missed.code is None and missed.suggestion == "东山村"
    matcher.add("430623101202", "东山社区")
    assert matcher.match("东山").ambiguous == ("东山村", "东山社区")
    assert clean_name("东山村委会") == "东山村" and clean_name("新街居委会") == "新街社区"
    assert key("东山村3组") == "东山"
    assert free_code("430623101000", {"430623101200"}, "青山村") == "430623101201"
    assert free_code("430623101000", set(), "新街社区") == "430623101001"


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("张三", []),
        ("张\u200b三", ["U+200B 零宽空格"]),
        ("\ufeff张\u200d三\u200c", ["U+200C 零宽不连字", "U+200D 零宽连字", "U+FEFF 字节顺序标记"]),
        ("\u2066张三\u2069", ["U+2066 文字方向控制符", "U+2069 文字方向控制符"]),  # LRI…PDI: no reordering
        ("\u200b", ["U+200B 零宽空格"]),  # looked empty in Excel, and is
    ],
)
def test_invisible_characters_that_can_go_without_changing_what_was_shown(raw: str, found: list[str]) -> None:
    assert cells.invisible(raw) == found
    assert cells.name(raw) == cells.INVISIBLE.sub("", raw)


@pytest.mark.parametrize(
    "raw",
    [
        "\u202e三张",  # RLO: shown 张三, stored 三张
        "张\u202b·\u202c三",  # RLE around the dot of a minority name: shown in another order
        "\u2067赵六\u2069",  # RLI
        "\u200eعلي",  # a direction mark beside right-to-left letters
    ],
)
def test_direction_controls_that_reorder_what_excel_showed_are_refused(raw: str) -> None:
    with pytest.raises(CellError, match="改变文字显示顺序"):
        cells.invisible(raw)


def test_footer_and_total_labels_count_only_left_of_and_in_the_name_column() -> None:
    from app.spreadsheets.rowkinds import is_footer, is_total

    for label in (
        "制表人：张丽",
        "制 表 人：",
        "审核人（签字）：",
        "分管领导签字：",
        "填表说明：1.",
        "注1：",
        "（盖章）",
    ):
        assert is_footer([label], 0), label
    assert is_footer([None, "审核 王建华", "张丽"], 2)
    assert not is_footer(["张三"], 0) and not is_footer(["说明本表"], 0)
    assert is_total(["小计", None, "3户"], 2) and is_total([None, "东山村委会小计", None], 2)
    # a person's own notes never make the row a total or a footer line
    assert not is_total([1, "东山村", "张三", "累计发放12个月"], 2)
    assert not is_footer([1, "东山村", "张三", "备注：残疾"], 2)
