"""Unit tests for app.domain.relations (GB/T 4761-2008 relationship codes)."""

from __future__ import annotations

import pytest

from app.domain import relations
from app.domain.codes import Sex
from app.errors import UserError


def test_code_list_is_complete() -> None:
    expected = {"01", "02", "10", "11", "12", "99"}
    expected |= {str(c) for c in range(20, 98)}  # 20–79 in full, 80 其他, 81–97 collateral kin
    assert set(relations.RELATIONS) == expected
    assert len(relations.RELATIONS) == 84


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("01", "本人"),
        ("02", "户主"),
        ("12", "妻"),
        ("28", "女婿"),
        ("38", "儿媳"),
        ("53", "公公"),
        ("64", "外祖母"),
        ("72", "嫂"),
        ("96", "外甥女"),
        ("99", "非亲属"),
    ],
)
def test_relation_name(code: str, name: str) -> None:
    assert relations.relation_name(code) == name
    assert relations.is_known(code)


@pytest.mark.parametrize("code", ["98", "00", "2", "", "1A"])
def test_unknown_code(code: str) -> None:
    assert not relations.is_known(code)
    with pytest.raises(UserError) as info:
        relations.relation_name(code)
    assert info.value.field == "与户主关系"


MALE_CODES = ["11", "20", "27", "28", "41", "46", "51", "53", "63", "71", "76", "95"]
FEMALE_CODES = ["12", "30", "37", "38", "42", "44", "52", "54", "64", "72", "75", "90"]
SEXLESS_CODES = ["01", "02", "10", "40", "50", "60", "70", "80", "91", "97", "99"]


@pytest.mark.parametrize("code", MALE_CODES)
def test_expected_sex_male(code: str) -> None:
    assert relations.expected_sex(code) is Sex.MALE


@pytest.mark.parametrize("code", FEMALE_CODES)
def test_expected_sex_female(code: str) -> None:
    assert relations.expected_sex(code) is Sex.FEMALE


@pytest.mark.parametrize("code", SEXLESS_CODES)
def test_expected_sex_none(code: str) -> None:
    assert relations.expected_sex(code) is None


@pytest.mark.parametrize(
    ("code", "gen"),
    [
        ("01", 0),
        ("02", 0),
        ("12", 0),
        ("71", 0),
        ("78", 0),
        ("20", -1),
        ("28", -1),
        ("38", -1),
        ("41", -2),
        ("45", -2),
        ("47", -3),
        ("51", 1),
        ("54", 1),
        ("61", 2),
        ("65", 2),
        ("66", 3),
        ("81", None),
        ("93", None),
        ("97", None),
        ("99", None),
        ("98", None),
    ],
)
def test_generation(code: str, gen: int | None) -> None:
    assert relations.generation(code) == gen


def test_head_spouse_child_predicates() -> None:
    assert [c for c in relations.RELATIONS if relations.is_head(c)] == ["01", "02"]
    assert [c for c in relations.RELATIONS if relations.is_spouse(c)] == ["10", "11", "12"]
    children = {c for c in relations.RELATIONS if relations.is_child(c)}
    assert children == {f"{c}" for c in range(20, 40)} - {"28", "38"}


NEAR = [
    "10",
    "11",
    "12",
    "50",
    "51",
    "52",
    "57",
    "58",
    "20",
    "21",
    "27",
    "31",
    "37",
    "70",
    "71",
    "73",
    "75",
    "77",
    "60",
    "61",
    "62",
    "63",
    "64",
    "40",
    "41",
    "42",
    "43",
    "44",
]
NOT_NEAR = [
    "01",
    "02",
    "28",
    "38",
    "53",
    "54",
    "55",
    "56",
    "72",
    "74",
    "76",
    "78",
    "45",
    "46",
    "47",
    "48",
    "65",
    "66",
    "67",
    "68",
    "80",
    "81",
    "91",
    "92",
    "93",
    "95",
    "97",
    "99",
]


@pytest.mark.parametrize("code", NEAR)
def test_near_relatives(code: str) -> None:
    assert relations.is_near_relative(code)


@pytest.mark.parametrize("code", NOT_NEAR)
def test_not_near_relatives(code: str) -> None:
    assert not relations.is_near_relative(code)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("儿子", "20"),
        ("女儿", "30"),
        ("妻子", "12"),
        ("丈夫", "11"),
        ("父亲", "51"),
        ("母亲", "52"),
        ("孙子", "41"),
        ("孙女", "42"),
        ("户主", "02"),
        ("本人", "01"),
        ("妻", "12"),
        ("长女", "32"),
        (" 次子 ", "23"),
        ("户主之子", "20"),
        ("之妻", "12"),
        ("儿媳妇", "38"),
        ("外婆", "64"),
        ("其他孙子、孙女或外孙子、外孙女", "49"),
        ("１２", "12"),
        ("20", "20"),
        ("2", "02"),
    ],
)
def test_code_for_name(name: str, code: str) -> None:
    assert relations.code_for_name(name) == code


@pytest.mark.parametrize("name", ["", "邻居的猫", "98", "123", "之"])
def test_code_for_name_unknown(name: str) -> None:
    assert relations.code_for_name(name) is None


@pytest.mark.parametrize(
    ("code", "sex", "age", "head_age", "fragment"),
    [
        ("12", Sex.MALE, 40, 42, "性别应为女"),
        ("20", Sex.FEMALE, 20, 45, "性别应为男"),
        ("20", Sex.MALE, 50, 50, "应小于户主"),
        ("20", Sex.MALE, 45, 50, "仅相差5岁"),
        ("38", Sex.FEMALE, 60, 55, "应小于户主"),
        ("51", Sex.MALE, 40, 45, "应大于户主"),
        ("51", Sex.MALE, 60, 50, "仅相差10岁"),
        ("41", Sex.MALE, 30, 50, "仅相差20岁"),
        ("61", Sex.MALE, 70, 50, "仅相差20岁"),
        ("98", None, None, None, "不在国家标准代码表中"),
    ],
)
def test_relation_problems_found(
    code: str, sex: Sex | None, age: int | None, head_age: int | None, fragment: str
) -> None:
    problems = relations.relation_problems(code, sex, age, head_age)
    assert len(problems) == 1
    assert fragment in problems[0]


@pytest.mark.parametrize(
    ("code", "sex", "age", "head_age"),
    [
        ("12", Sex.FEMALE, 40, 42),
        ("10", Sex.MALE, 70, 30),
        ("20", Sex.MALE, 20, 45),
        ("20", Sex.MALE, 50, None),
        ("51", Sex.MALE, 70, 45),
        ("55", Sex.MALE, 40, 60),  # father-in-law younger than the head: not checked
        ("41", Sex.MALE, 5, 65),
        ("71", Sex.MALE, 30, 60),
        ("99", None, 90, 20),
        ("20", None, None, None),
    ],
)
def test_relation_problems_none(code: str, sex: Sex | None, age: int | None, head_age: int | None) -> None:
    assert relations.relation_problems(code, sex, age, head_age) == []


def test_sex_and_age_problems_together() -> None:
    assert len(relations.relation_problems("52", Sex.MALE, 30, 40)) == 2
