"""Household income per S1 Art.13: counted, excluded and deducted lines."""

from __future__ import annotations

import pytest

from app.domain.codes import IncomeKind
from app.domain.income import DEDUCTION_KINDS, DEFAULT_EXCLUDED, IncomeLine, assess
from app.domain.money import Rounding
from app.errors import UserError


def test_worked_example_900_yuan_for_three_people() -> None:
    # Wage 6 months 5,400 元 → 900 元/月; 3 members → 300 元 per capita.
    a = assess([IncomeLine(IncomeKind.WAGE, 540_000, period_months=6)], members=3)
    assert a.counted_monthly_fen == 90_000
    assert a.net_monthly_fen == 90_000
    assert a.per_capita_fen == 30_000


def test_special_care_is_not_counted_and_reason_cites_article_13() -> None:
    lines = [
        IncomeLine(IncomeKind.WAGE, 90_000),
        IncomeLine(IncomeKind.SPECIAL_CARE, 30_000),  # 300 元 优抚金
    ]
    a = assess(lines, members=3)
    assert a.counted_monthly_fen == 90_000
    assert a.excluded_monthly_fen == 30_000
    assert a.per_capita_fen == 30_000
    ((line, reason),) = a.excluded
    assert line.kind is IncomeKind.SPECIAL_CARE
    assert reason == "优抚金不计入家庭收入（《最低生活保障审核确认办法》第十三条）"


def test_all_default_exclusions_present() -> None:
    assert set(DEFAULT_EXCLUDED) == {
        IncomeKind.SPECIAL_CARE,
        IncomeKind.FAMILY_PLANNING,
        IncomeKind.SCHOLARSHIP,
        IncomeKind.HEROISM,
        IncomeKind.SOCIAL_ASSISTANCE,
        IncomeKind.BASIC_PENSION,
    }
    assert "城乡居民基础养老金" in DEFAULT_EXCLUDED[IncomeKind.BASIC_PENSION]
    assert IncomeKind.WAGE not in DEFAULT_EXCLUDED
    assert set(DEDUCTION_KINDS) == {
        IncomeKind.EMPLOYMENT_COST,
        IncomeKind.RIGID_EXPENSE,
        IncomeKind.SUPPORT_PAID,
        IncomeKind.TAX_CONTRIBUTION,
    }


def test_employment_cost_is_deducted() -> None:
    # Wage 1,500 元/月, commuting cost 300 元/月, 4 members → (1500 − 300) / 4 = 300 元.
    a = assess([IncomeLine(IncomeKind.WAGE, 150_000), IncomeLine(IncomeKind.EMPLOYMENT_COST, 30_000)], 4)
    assert a.deductions_monthly_fen == 30_000
    assert a.net_monthly_fen == 120_000
    assert a.per_capita_fen == 30_000


def test_net_is_floored_at_zero() -> None:
    a = assess([IncomeLine(IncomeKind.FARMING, 10_000), IncomeLine(IncomeKind.RIGID_EXPENSE, 50_000)], 2)
    assert a.net_monthly_fen == 0
    assert a.per_capita_fen == 0


def test_yearly_farming_income_is_spread_over_twelve_months() -> None:
    # 3,000 元 a year → 250 元/月; 3 members → 83.333… 元.
    lines = [IncomeLine(IncomeKind.FARMING, 300_000, period_months=12)]
    assert assess(lines, 3).per_capita_fen == 8_333
    assert assess(lines, 3, Rounding.YUAN).per_capita_fen == 8_300
    assert assess(lines, 3, Rounding.YUAN_UP).per_capita_fen == 8_400


def test_explicit_override_counts_or_excludes() -> None:
    scholarship_counted = IncomeLine(IncomeKind.SCHOLARSHIP, 60_000, counted=True)
    gift_excluded = IncomeLine(IncomeKind.GIFT, 20_000, counted=False, reason="一次性慰问，县局同意不计")
    a = assess([scholarship_counted, gift_excluded], 2)
    assert a.counted_monthly_fen == 60_000
    assert a.excluded_monthly_fen == 20_000
    assert a.excluded[0][1] == "一次性慰问，县局同意不计"


def test_deduction_switched_off_is_listed_but_not_subtracted() -> None:
    off = IncomeLine(IncomeKind.SUPPORT_PAID, 20_000, counted=False, reason="无支付凭证")
    a = assess([IncomeLine(IncomeKind.WAGE, 100_000), off], 1)
    assert a.deductions_monthly_fen == 0
    assert a.excluded_monthly_fen == 0
    assert a.net_monthly_fen == 100_000
    assert a.excluded == ((off, "无支付凭证"),)


def test_excluding_without_reason_is_refused() -> None:
    with pytest.raises(UserError, match="注明理由"):
        IncomeLine(IncomeKind.WAGE, 100, counted=False)
    with pytest.raises(UserError, match="注明理由"):
        IncomeLine(IncomeKind.WAGE, 100, counted=False, reason="  ")


def test_bad_lines_and_member_counts() -> None:
    with pytest.raises(UserError, match="负数"):
        IncomeLine(IncomeKind.WAGE, -1)
    with pytest.raises(UserError, match="至少为1个月"):
        IncomeLine(IncomeKind.WAGE, 100, period_months=0)
    with pytest.raises(UserError, match="至少为1人"):
        assess([], 0)


def test_period_split_rounds_half_up_to_the_fen() -> None:
    # 1 fen over 2 months = 0.5 fen → 1 fen monthly total; per capita over 1 member also 1.
    a = assess([IncomeLine(IncomeKind.OTHER, 1, period_months=2)], 1)
    assert a.counted_monthly_fen == 1
    assert a.per_capita_fen == 1
