"""Unit tests for app.domain.idcard; expected check characters were computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import idcard
from app.domain.codes import Sex
from app.errors import UserError

# Hand computation with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and table "10X98765432":
# 11010519491231002X: sum 167, 167 mod 11 = 2  -> "X"   (seq 002: female, born 1949-12-31)
# 430623198001011232: sum 208, 208 mod 11 = 10 -> "2"   (seq 123: male, born 1980-01-01)
# 360426199101010071: sum 231, 231 mod 11 = 0  -> "1"   (seq 007: male, born 1991-01-01)
# 430623201003150046: sum 193, 193 mod 11 = 6  -> "6"   (seq 004: female, born 2010-03-15)
# 43062319990230001?: sum 255, 255 mod 11 = 2  -> "X"   (birth date 1999-02-30 does not exist)
SAMPLE_F = "11010519491231002X"
MALE_1980 = "430623198001011232"
MALE_1991 = "360426199101010071"
GIRL_2010 = "430623201003150046"
ON = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("11010519491231002", "X"),
        ("43062319800101123", "2"),
        ("36042619910101007", "1"),
        ("43062320100315004", "6"),
    ],
)
def test_check_char_matches_hand_computation(first17: str, expected: str) -> None:
    assert idcard.check_char(first17) == expected


@pytest.mark.parametrize("number", [SAMPLE_F, MALE_1980, MALE_1991, GIRL_2010])
def test_valid_numbers(number: str) -> None:
    assert idcard.is_valid(number)
    assert idcard.normalize(number) == number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11010519491231002x", SAMPLE_F),  # lower-case x
        ("１１０１０５１９４９１２３１００２ｘ", SAMPLE_F),  # full-width digits and letter
        ("'430623198001011232", MALE_1980),  # Excel text prefix
        (" 430623 19800101 1232 ", MALE_1980),
        ("430623\u300019800101\u30001232", MALE_1980),  # ideographic spaces
        ("110105491231002", SAMPLE_F),  # 15-digit: 110105 + 19 + 491231002, check X
        ("430623800101123", MALE_1980),  # 15-digit: 430623 + 19 + 800101123, check 2
    ],
)
def test_normalize_cleans_and_upgrades(raw: str, expected: str) -> None:
    assert idcard.normalize(raw) == expected


def test_upgrade_15() -> None:
    assert idcard.upgrade_15("110105491231002") == "11010519491231002X"
    assert idcard.upgrade_15("360426910101007") == "360426199101010071"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "不能为空"),
        ("1101051949123100", "现为16位"),
        ("11010519491231002XX", "现为19位"),
        ("11010519491231002A", "无效字符“A”"),
        ("110105-19491231-002X", "无效字符“-”"),
        ("1101051949X231002X", "最后一位"),
        ("11010549123100X", "最后一位"),
        ("43062319990230001X", "出生日期“19990230”"),
        ("430623199913010010", "出生日期“19991301”"),
        ("110105194912310021", "应为“X”"),
        ("430623198001011233", "应为“2”"),
    ],
)
def test_normalize_rejects_with_clear_message(raw: str, fragment: str) -> None:
    with pytest.raises(UserError) as info:
        idcard.normalize(raw)
    assert fragment in info.value.message
    assert info.value.field == "身份证号"
    assert not idcard.is_valid(raw)


def test_future_birth_date_rejected() -> None:
    with pytest.raises(UserError, match="晚于今天"):
        idcard.normalize("43062320991231001X")


def test_unknown_area_code_accepted() -> None:
    # 000000 is no area code at all; 00000019800101123 -> sum 95, 95 mod 11 = 7 -> "5"
    assert idcard.normalize("000000198001011235") == "000000198001011235"


def test_parse_sample_is_female() -> None:
    info = idcard.parse("11010519491231002x")
    assert info == idcard.IdInfo(SAMPLE_F, "110105", date(1949, 12, 31), Sex.FEMALE)


def test_parse_male() -> None:
    info = idcard.parse(MALE_1991)
    assert (info.area_code, info.birth_date, info.sex) == ("360426", date(1991, 1, 1), Sex.MALE)


@pytest.mark.parametrize(
    ("area", "birth", "seq", "expected"),
    [
        ("110105", date(1949, 12, 31), 2, SAMPLE_F),
        ("430623", date(1980, 1, 1), 123, MALE_1980),
        ("430623", date(2010, 3, 15), 4, GIRL_2010),
    ],
)
def test_make_id(area: str, birth: date, seq: int, expected: str) -> None:
    assert idcard.make_id(area, birth, seq) == expected


@pytest.mark.parametrize(("area", "seq"), [("43062", 1), ("43062a", 1), ("430623", 1000), ("430623", -1)])
def test_make_id_rejects_bad_parts(area: str, seq: int) -> None:
    with pytest.raises(ValueError):
        idcard.make_id(area, date(1980, 1, 1), seq)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1949, 12, 31), date(2025, 12, 30), 75),
        (date(1949, 12, 31), date(2025, 12, 31), 76),
        (date(2000, 2, 29), date(2025, 2, 28), 24),
        (date(2000, 2, 29), date(2025, 3, 1), 25),
        (date(2025, 1, 1), date(2025, 6, 1), 0),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert idcard.age_on(birth, on) == age


def test_mask() -> None:
    assert idcard.mask(SAMPLE_F) == "110105********002X"
    assert idcard.mask("430623800101123") == "430623*****1123"
    assert idcard.mask("12345") == "*****"


def test_consistent_member_has_no_findings() -> None:
    found = idcard.inconsistencies(
        GIRL_2010,
        sex=Sex.FEMALE,
        birth_date=date(2010, 3, 15),
        relation_code="30",
        head_birth_date=date(1980, 1, 1),
        on=ON,
    )
    assert found == []


def test_invalid_number_reported() -> None:
    found = idcard.inconsistencies("110105194912310021")
    assert [f.field for f in found] == ["身份证号"]
    assert "应为“X”" in found[0].message


def test_sex_mismatch() -> None:
    found = idcard.inconsistencies(SAMPLE_F, sex=Sex.MALE)
    assert [f.field for f in found] == ["性别"]
    assert "登记为男" in found[0].message and "为女" in found[0].message


def test_birth_date_mismatch() -> None:
    found = idcard.inconsistencies(SAMPLE_F, birth_date=date(1949, 12, 30))
    assert [f.field for f in found] == ["出生日期"]
    assert "1949年12月30日" in found[0].message and "1949年12月31日" in found[0].message


@pytest.mark.parametrize(
    ("number", "code"),
    [(SAMPLE_F, "20"), (MALE_1980, "12"), (MALE_1980, "52"), (GIRL_2010, "41"), (MALE_1991, "38")],
)
def test_sex_inconsistent_with_relation(number: str, code: str) -> None:
    found = idcard.inconsistencies(number, relation_code=code)
    assert [f.field for f in found] == ["与户主关系"]
    assert "性别应为" in found[0].message


def test_child_not_younger_than_head() -> None:
    found = idcard.inconsistencies(MALE_1980, relation_code="20", head_birth_date=date(1985, 5, 5), on=ON)
    assert [f.field for f in found] == ["与户主关系"]
    assert "应小于户主" in found[0].message


def test_child_too_close_in_age_to_head() -> None:
    # Son born 1980-01-01 (45 on ON), head born 1970-01-01 (55): only 10 years apart.
    found = idcard.inconsistencies(MALE_1980, relation_code="22", head_birth_date=date(1970, 1, 1), on=ON)
    assert len(found) == 1
    assert "仅相差10岁" in found[0].message


def test_parent_not_older_than_head() -> None:
    # Father born 1980 (45 on ON), head born 1970 (55).
    found = idcard.inconsistencies(MALE_1980, relation_code="51", head_birth_date=date(1970, 1, 1), on=ON)
    assert len(found) == 1
    assert "应大于户主" in found[0].message


def test_plausible_mother_and_grandmother() -> None:
    # Mother 75 vs head 45; the 1949 woman as grandmother of a 15-year-old head is 60 years older.
    assert idcard.inconsistencies(SAMPLE_F, relation_code="52", head_birth_date=date(1980, 1, 1), on=ON) == []
    assert idcard.inconsistencies(SAMPLE_F, relation_code="62", head_birth_date=date(2010, 1, 1), on=ON) == []


def test_invalid_number_still_checks_stated_sex_against_relation() -> None:
    found = idcard.inconsistencies("123", sex=Sex.FEMALE, relation_code="20")
    assert [f.field for f in found] == ["身份证号", "与户主关系"]
