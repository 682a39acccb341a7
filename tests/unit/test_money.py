"""Money parsing, formatting, rounding modes and month arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from app.domain.money import (
    Rounding,
    add_months,
    add_months_to_date,
    fen_to_yuan,
    first_day,
    last_day,
    month_cn,
    month_of,
    months_between,
    next_month,
    parse_month,
    round_fen,
    yuan,
    yuan_to_fen,
    yuan_unit,
    yuan_value,
)
from app.errors import UserError


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("320", 32000),
        ("320.5", 32050),
        ("320.00", 32000),
        ("320元", 32000),
        ("1,200.00", 120000),
        ("３２０．５", 32050),
        (" 0.01 ", 1),
        ("￥45.60", 4560),
        (320, 32000),
        (Decimal("12.34"), 1234),
    ],
)
def test_yuan_to_fen_accepts_usual_forms(text: str | int | Decimal, fen: int) -> None:
    assert yuan_to_fen(text) == fen


@pytest.mark.parametrize("junk", ["abc", "", "12a", "1.2.3", "12,34.00", "三百", "320.", ".5", "1e3"])
def test_yuan_to_fen_rejects_junk_with_chinese_message(junk: str) -> None:
    with pytest.raises(UserError, match="金额格式不正确"):
        yuan_to_fen(junk)


def test_yuan_to_fen_rejects_three_decimals_and_negatives() -> None:
    with pytest.raises(UserError, match="两位小数"):
        yuan_to_fen("1.234")
    with pytest.raises(UserError, match="两位小数"):
        yuan_to_fen(Decimal("0.005"))
    with pytest.raises(UserError, match="负数"):
        yuan_to_fen("-5")
    with pytest.raises(UserError, match="负数"):
        yuan_to_fen(-5)


def test_fen_to_yuan_formats_two_decimals_and_grouping() -> None:
    assert fen_to_yuan(32000) == "320.00"
    assert fen_to_yuan(5) == "0.05"
    assert fen_to_yuan(123456789) == "1234567.89"
    assert yuan(123456789) == "1,234,567.89"
    assert fen_to_yuan(-250) == "-2.50"


def test_round_trip_yuan_fen() -> None:
    for fen in (0, 1, 99, 100, 32050, 120000):
        assert yuan_to_fen(fen_to_yuan(fen)) == fen


@pytest.mark.parametrize(
    ("value", "rounding", "expected"),
    [
        (Fraction(12345, 1), Rounding.FEN, 12345),
        (Fraction(1, 2), Rounding.FEN, 1),  # 0.5 fen rounds half up
        (Fraction(49, 100), Rounding.FEN, 0),
        (12345, Rounding.JIAO, 12350),  # 123.45 → 123.5 元
        (12344, Rounding.JIAO, 12340),
        (12350, Rounding.YUAN, 12400),  # 123.50 → 124 元
        (12349, Rounding.YUAN, 12300),
        (12301, Rounding.YUAN_UP, 12400),  # 123.01 → 124 元
        (12300, Rounding.YUAN_UP, 12300),
        (Decimal("33333.3333"), Rounding.YUAN, 33300),
    ],
)
def test_round_fen_modes(value: Decimal | Fraction | int, rounding: Rounding, expected: int) -> None:
    assert round_fen(value, rounding) == expected


def test_round_fen_refuses_float() -> None:
    with pytest.raises(TypeError):
        round_fen(1.5, Rounding.FEN)  # type: ignore[arg-type]


def test_rounding_labels_are_chinese() -> None:
    assert Rounding.YUAN_UP.label == "进位到元"
    assert Rounding("jiao") is Rounding.JIAO


def test_month_arithmetic() -> None:
    assert add_months("2025-11", 3) == "2026-02"
    assert add_months("2025-01", -1) == "2024-12"
    assert next_month("2024-12") == "2025-01"
    assert months_between("2024-11", "2025-02") == 3
    assert months_between("2025-02", "2024-11") == -3
    assert month_of(date(2025, 3, 31)) == "2025-03"
    assert first_day("2024-02") == date(2024, 2, 1)
    assert last_day("2024-02") == date(2024, 2, 29)


def test_parse_month_normalises_and_validates() -> None:
    assert parse_month("2025-03") == "2025-03"
    assert parse_month("2025-3") == "2025-03"
    assert parse_month("2025年3月") == "2025-03"
    for bad in ("2025-13", "2025-00", "25-03", "2025-03-01", "March"):
        with pytest.raises(UserError, match="月份"):
            parse_month(bad)


def test_add_months_to_date_clamps_to_month_end() -> None:
    assert add_months_to_date(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months_to_date(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months_to_date(date(2025, 8, 15), 6) == date(2026, 2, 15)


def test_one_formatter_for_amounts_and_one_for_months() -> None:
    assert yuan(123456789) == "1,234,567.89"
    assert yuan(None) == ""
    assert yuan_unit(32050) == "320.50元"
    assert yuan_unit(None) == ""
    assert yuan_value(32050) == Decimal("320.5")
    assert month_cn("2026-12") == "2026年12月"
    assert month_cn("2025-04") == "2025年4月"
    assert month_cn(None) == month_cn("") == "＿＿＿＿年＿＿月"
