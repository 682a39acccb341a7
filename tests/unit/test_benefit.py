"""Dibao amount: 补差, 分档, 三无, 分类施保, rounding, floor, 低保边缘, 单人户."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from app.domain.benefit import (
    BenefitRules,
    MemberFacts,
    Tier,
    TopupGroup,
    TopupRule,
    calculate,
    is_edge_household,
    is_severely_disabled,
    monthly_standard,
    single_person_allowed,
    topup_groups,
)
from app.domain.codes import DisabilityCategory, Health
from app.domain.money import Rounding
from app.errors import UserError

GAP = BenefitRules()
NINGXIA = BenefitRules(
    calc_mode="tier",
    tiers=(Tier("A档", 69_000, 20_000), Tier("B档", 61_000, 40_000), Tier("C档", 53_000, None)),
)


def adults(n: int) -> list[MemberFacts]:
    return [MemberFacts(f"p{i}", 40) for i in range(n)]


def test_monthly_standard_from_year_and_month() -> None:
    assert monthly_standard(720_000, "year") == 60_000  # 7,200 元/年 → 600 元/月
    assert monthly_standard(60_000, "month") == 60_000
    assert monthly_standard(500_000, "year") == 41_667  # 416.666… 元
    assert monthly_standard(500_000, "year", Rounding.YUAN) == 41_700
    with pytest.raises(UserError, match="单位"):
        monthly_standard(60_000, "week")


def test_gap_worked_example() -> None:
    # Standard 600, per capita 300, 3 covered → (600 − 300) × 3 = 900 元.
    r = calculate(60_000, 30_000, adults(3), GAP)
    assert r.eligible
    assert (r.base_fen, r.total_fen, r.covered, r.tier, r.is_edge) == (90_000, 90_000, 3, None, False)
    assert r.topups_fen == {}
    assert "补差" in r.reason


def test_tier_mode_ningxia_a_b_c() -> None:
    assert calculate(75_000, 10_000, adults(2), NINGXIA).total_fen == 138_000  # A: 690 × 2
    b = calculate(75_000, 35_000, adults(3), NINGXIA)
    assert (b.tier, b.total_fen) == ("B档", 183_000)  # 610 × 3
    assert calculate(75_000, 60_000, adults(1), NINGXIA).tier == "C档"  # above B's 400 maximum
    named = calculate(75_000, 10_000, adults(2), NINGXIA, tier_name="C档")
    assert (named.tier, named.total_fen) == ("C档", 106_000)  # 530 × 2
    with pytest.raises(UserError, match="没有名为"):
        calculate(75_000, 10_000, adults(2), NINGXIA, tier_name="D档")


def test_tier_mode_without_matching_tier_or_without_tiers() -> None:
    capped = BenefitRules(calc_mode="tier", tiers=(Tier("A档", 69_000, 20_000),))
    r = calculate(75_000, 30_000, adults(1), capped)
    assert not r.eligible and r.total_fen == 0
    with pytest.raises(UserError, match="档次"):
        calculate(75_000, 30_000, adults(1), BenefitRules(calc_mode="tier"))


def test_three_no_gets_full_standard_even_in_tier_mode() -> None:
    r = calculate(60_000, 0, adults(1), NINGXIA, three_no=True)
    assert (r.base_fen, r.total_fen, r.tier) == (60_000, 60_000, None)


def test_not_eligible_edge_household_850_vs_600() -> None:
    r = calculate(60_000, 85_000, adults(2), GAP)
    assert not r.eligible and r.total_fen == 0 and r.base_fen == 0
    assert r.is_edge  # 850 < 1.5 × 600 = 900
    assert "不符合" in r.reason and "低保边缘" in r.reason
    at_limit = calculate(60_000, 90_000, adults(2), GAP)
    assert not at_limit.is_edge
    assert "低保边缘" not in at_limit.reason
    assert not calculate(60_000, 60_000, adults(1), GAP).eligible  # equal is not below


def test_is_edge_household() -> None:
    assert is_edge_household(85_000, 60_000)
    assert not is_edge_household(90_000, 60_000)
    assert is_edge_household(110_000, 60_000, Decimal("2"))


def test_percent_topup_for_80_year_old() -> None:
    rules = BenefitRules(topups=(TopupRule(TopupGroup.ELDERLY, "percent", Decimal("10")),))
    people = [MemberFacts("old", 80), MemberFacts("son", 45)]
    r = calculate(60_000, 30_000, people, rules)
    # Base (600 − 300) × 2 = 600; 10 % of 600 = 60 for the 80-year-old only.
    assert r.base_fen == 60_000
    assert r.topups_fen == {"old": 6_000}
    assert r.member_groups == {"old": (TopupGroup.ELDERLY,)}
    assert r.total_fen == 66_000


def test_topup_combine_max_versus_sum() -> None:
    topups = (
        TopupRule(TopupGroup.ELDERLY, "percent", Decimal("10")),  # 60 元
        TopupRule(TopupGroup.SEVERE_DISABILITY, "fixed", Decimal("10000")),  # 100 元
    )
    person = [MemberFacts("a", 70, DisabilityCategory.PHYSICAL, 1)]
    as_max = calculate(60_000, 30_000, person, BenefitRules(topups=topups))
    as_sum = calculate(60_000, 30_000, person, BenefitRules(topups=topups, topup_combine="sum"))
    assert as_max.topups_fen == {"a": 10_000}
    assert as_sum.topups_fen == {"a": 16_000}
    assert (as_max.total_fen, as_sum.total_fen) == (40_000, 46_000)


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [(Rounding.FEN, 26_627), (Rounding.JIAO, 26_630), (Rounding.YUAN, 26_600), (Rounding.YUAN_UP, 26_700)],
)
def test_rounding_applies_to_total(rounding: Rounding, expected: int) -> None:
    # (600.00 − 333.73) × 1 = 266.27 元
    r = calculate(60_000, 33_373, adults(1), BenefitRules(rounding=rounding))
    assert r.base_fen == 26_627
    assert r.total_fen == expected


def test_minimum_payment_floor() -> None:
    r = calculate(60_000, 59_500, adults(1), BenefitRules(min_payment_fen=1_000))
    assert r.base_fen == 500 and r.total_fen == 1_000
    assert "最低发放" in r.reason


def test_topup_groups_boundaries() -> None:
    assert topup_groups(MemberFacts("x", 60), GAP) == {TopupGroup.ELDERLY}
    assert topup_groups(MemberFacts("x", 59), GAP) == set()
    assert topup_groups(MemberFacts("x", 17), GAP) == {TopupGroup.MINOR}
    assert topup_groups(MemberFacts("x", 18), GAP) == set()
    ill = MemberFacts("x", 30, DisabilityCategory.INTELLECTUAL, 3, Health.SERIOUS)
    assert topup_groups(ill, GAP) == {TopupGroup.SEVERE_DISABILITY, TopupGroup.SERIOUS_ILLNESS}
    assert TopupGroup.SEVERE_DISABILITY.label == "重度残疾人"
    assert TopupGroup.SERIOUS_ILLNESS.label == "重病患者"


def test_is_severely_disabled() -> None:
    assert is_severely_disabled(DisabilityCategory.HEARING, 2)
    assert is_severely_disabled(DisabilityCategory.MENTAL, 3)
    assert not is_severely_disabled(DisabilityCategory.PHYSICAL, 3)
    assert not is_severely_disabled(DisabilityCategory.INTELLECTUAL, 4)
    assert not is_severely_disabled(None, None)
    with pytest.raises(UserError):
        is_severely_disabled(DisabilityCategory.PHYSICAL, 5)


def test_rules_round_trip_through_json() -> None:
    rules = BenefitRules(
        calc_mode="tier",
        tiers=NINGXIA.tiers,
        topups=(TopupRule(TopupGroup.MINOR, "fixed", Decimal("5000")),),
        topup_combine="sum",
        rounding=Rounding.JIAO,
        min_payment_fen=1_000,
        edge_multiplier=Decimal("2"),
        elderly_age=65,
    )
    assert BenefitRules.from_dict(json.loads(json.dumps(rules.to_dict()))) == rules
    assert BenefitRules.from_dict({}) == BenefitRules()


def test_bad_rules_are_user_errors() -> None:
    with pytest.raises(UserError):
        BenefitRules.from_dict({"rounding": "nearest"})
    with pytest.raises(UserError):
        BenefitRules.from_dict({"tiers": [{"name": "A"}]})
    with pytest.raises(UserError):
        BenefitRules(calc_mode="flat")
    with pytest.raises(UserError):
        TopupRule(TopupGroup.ELDERLY, "double", Decimal(1))


def test_calculate_refuses_nonsense_inputs() -> None:
    with pytest.raises(UserError, match="保障人数"):
        calculate(60_000, 0, [], GAP)
    with pytest.raises(UserError, match="标准"):
        calculate(0, 0, adults(1), GAP)


def test_single_person_grounds() -> None:
    severe = MemberFacts("d", 40, DisabilityCategory.INTELLECTUAL, 3)
    ok, why = single_person_allowed(severe, household_is_edge=True)
    assert ok and "第八条" in why
    ok, why = single_person_allowed(severe, household_is_edge=False)
    assert not ok and "边缘" in why
    ok, _ = single_person_allowed(severe, household_is_edge=False, unemployed=True)
    assert ok  # S5: 成年无业重度残疾人
    ok, _ = single_person_allowed(
        MemberFacts("i", 50), household_is_edge=True, severe_illness_recognised=True
    )
    assert ok
    ok, why = single_person_allowed(MemberFacts("c", 50), household_is_edge=False, clergy_years=3)
    assert ok and "宗教" in why
    assert not single_person_allowed(MemberFacts("c", 50), household_is_edge=False, clergy_years=2)[0]
    mild = MemberFacts("m", 40, DisabilityCategory.PHYSICAL, 3)
    assert not single_person_allowed(mild, household_is_edge=True)[0]
