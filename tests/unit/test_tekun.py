"""特困 criteria (S4): labour capacity, self-care, supporters, minors."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.codes import DisabilityCategory, Health, LabourCapacity
from app.domain.tekun import (
    SupporterFacts,
    labour_capacity,
    minor_coverage_ends,
    no_labour_capacity,
    supporter_unable,
    tekun_eligible,
)

INT = DisabilityCategory.INTELLECTUAL
PHYS = DisabilityCategory.PHYSICAL
VIS = DisabilityCategory.VISION


@pytest.mark.parametrize(("age", "expected"), [(15, True), (16, False), (59, False), (60, True)])
def test_no_labour_capacity_by_age(age: int, expected: bool) -> None:
    assert no_labour_capacity(age, None, None) is expected


@pytest.mark.parametrize(
    ("category", "grade", "expected"),
    [
        (INT, 3, True),
        (INT, 4, False),
        (DisabilityCategory.MENTAL, 1, True),
        (PHYS, 2, True),
        (PHYS, 3, False),
        (VIS, 1, True),
        (VIS, 2, False),
        (DisabilityCategory.HEARING, 1, False),
    ],
)
def test_no_labour_capacity_by_disability(category: DisabilityCategory, grade: int, expected: bool) -> None:
    assert no_labour_capacity(40, category, grade) is expected


@pytest.mark.parametrize(
    ("age", "category", "grade", "health", "expected"),
    [
        (15, None, None, Health.HEALTHY, LabourCapacity.NONE),
        (16, None, None, Health.HEALTHY, LabourCapacity.FULL),
        (59, None, None, Health.HEALTHY, LabourCapacity.FULL),
        (60, None, None, Health.HEALTHY, LabourCapacity.NONE),
        (40, INT, 3, Health.HEALTHY, LabourCapacity.FULL_LOSS),
        (40, PHYS, 1, Health.HEALTHY, LabourCapacity.FULL_LOSS),
        (40, PHYS, 3, Health.HEALTHY, LabourCapacity.PARTIAL_LOSS),
        (40, DisabilityCategory.HEARING, 4, Health.HEALTHY, LabourCapacity.PARTIAL_LOSS),
        (40, None, None, Health.SERIOUS, LabourCapacity.PARTIAL_LOSS),
        (40, None, None, Health.CHRONIC, LabourCapacity.FULL),
    ],
)
def test_labour_capacity(
    age: int, category: DisabilityCategory | None, grade: int | None, health: Health, expected: LabourCapacity
) -> None:
    assert labour_capacity(age, category, grade, health) is expected


def test_supporter_unable_grounds() -> None:
    assert supporter_unable(SupporterFacts(45, is_tekun=True))[0]
    assert supporter_unable(SupporterFacts(60, is_dibao=True))[0]
    assert not supporter_unable(SupporterFacts(59, is_dibao=True))[0]
    assert supporter_unable(SupporterFacts(70, income_below_local_average=True))[0]
    assert not supporter_unable(SupporterFacts(69, income_below_local_average=True))[0]
    assert not supporter_unable(SupporterFacts(75))[0]  # 70+ but income not low
    assert not supporter_unable(SupporterFacts(75, income_below_local_average=True, assets_low=False))[0]
    assert supporter_unable(SupporterFacts(40, severely_disabled=True, income_below_local_average=True))[0]
    assert not supporter_unable(SupporterFacts(40, severely_disabled=True))[0]
    ok, why = supporter_unable(SupporterFacts(35, incapacitated_missing_or_jailed=True))
    assert ok and "第八条第五项" in why
    ok, why = supporter_unable(SupporterFacts(40))
    assert not ok and "具有履行义务能力" in why


def test_tekun_eligible_elderly_without_supporters() -> None:
    ok, grounds = tekun_eligible(
        72, None, None, income_below_standard=True, assets_within_limit=True, supporters=[]
    )
    assert ok
    assert len(grounds) == 3
    assert any("无法定" in g for g in grounds)


def test_tekun_eligible_with_unable_supporter_and_disabled_adult() -> None:
    son = SupporterFacts(62, is_dibao=True)
    ok, grounds = tekun_eligible(
        40, INT, 2, income_below_standard=True, assets_within_limit=True, supporters=[son]
    )
    assert ok and any("第1名义务人" in g for g in grounds)


def test_tekun_refusals_list_every_failed_criterion() -> None:
    able_daughter = SupporterFacts(40)
    ok, reasons = tekun_eligible(
        45, PHYS, 3, income_below_standard=False, assets_within_limit=False, supporters=[able_daughter]
    )
    assert not ok
    assert len(reasons) == 4  # capacity, income, assets, the supporter
    assert any("无劳动能力" in r for r in reasons)
    assert any("财产" in r for r in reasons)
    ok, reasons = tekun_eligible(
        80, None, None, income_below_standard=True, assets_within_limit=True, supporters=[able_daughter]
    )
    assert not ok and reasons == [
        "第1名义务人：义务人具有履行义务能力（不符合《特困人员认定办法》第八条所列情形）"
    ]


def test_minor_coverage_ends_at_18_unless_in_school() -> None:
    assert minor_coverage_ends(date(2010, 5, 20), in_school=False) == date(2028, 5, 20)
    assert minor_coverage_ends(date(2008, 2, 29), in_school=False) == date(2026, 2, 28)
    assert minor_coverage_ends(date(2010, 5, 20), in_school=True) is None
