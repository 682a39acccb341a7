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


def test_head_predicate() -> None:
    assert [c for c in relations.RELATIONS if relations.is_head(c)] == ["01", "02"]
