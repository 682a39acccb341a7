"""The means test from plain facts (app.domain.assessment): no database, the same rules the services use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from app.domain.assessment import HouseholdFacts, Standards, case_estimate, estimate
from app.domain.benefit import BenefitRules
from app.errors import UserError

ON = date(2026, 11, 20)
VILLAGE = "430623101201"
NO_STANDARDS = Standards([])


@dataclass
class Std:
    program: str = "dibao"
    urban_rural: str = "rural"
    area_code: str = "430623000000"
    effective_from: date = date(2026, 1, 1)
    amount_fen: int = 50000
    unit: str = "month"


@dataclass
class P:
    id: str
    birth_date: date = date(1970, 1, 1)
    household_id: str = "h"
    disability_category: str | None = None
    disability_grade: int | None = None
    health: str = "healthy"
    is_member: bool = True
    death_date: date | None = None


@dataclass
class Income:
    person_id: str | None
    amount_fen: int
    kind: str = "wage"
    period_months: int = 1
    counted: bool | None = None
    reason: str = ""


@dataclass
class C:
    program: str = "dibao"
    single_person: bool = False
    household_id: str = "h"
    applicant_id: str = "a"


def household(*persons: P, incomes: tuple[Income, ...] = ()) -> HouseholdFacts:
    return HouseholdFacts("rural", VILLAGE, False, persons, incomes)


RULES = BenefitRules()  # 补差, rounded to the yuan
TABLE = Standards([Std()])


def test_the_gap_to_the_standard_for_every_living_member() -> None:
    facts = household(P("a"), P("b"), P("dead", death_date=date(2026, 1, 1)), incomes=(Income("a", 40000),))
    income, result = estimate(facts, TABLE, RULES, "dibao", ON)
    assert income.per_capita_fen == 20000  # 400 元 over the two living members
    assert result.eligible and result.covered == 2
    assert result.total_fen == (50000 - 20000) * 2


def test_a_single_person_is_assessed_alone_on_their_own_income() -> None:
    facts = household(P("a"), P("b"), incomes=(Income("a", 10000), Income("b", 90000)))
    income, result = case_estimate(C(single_person=True), facts, TABLE, RULES, ON)
    assert income.per_capita_fen == 10000 and result.covered == 1
    assert result.total_fen == 40000


def test_a_tekun_case_covers_the_applicant_only() -> None:
    facts = household(P("a"), P("b"))
    _, result = case_estimate(C(program="tekun"), facts, TABLE, RULES, ON)
    assert result.covered == 1  # and the 特困 standard falls back to the 低保 one


def test_refusals_say_what_is_missing() -> None:
    with pytest.raises(UserError, match="没有共同生活"):
        estimate(household(P("a", is_member=False)), TABLE, RULES, "dibao", ON)
    with pytest.raises(UserError, match="尚未录入2026年适用的保障标准"):
        estimate(household(P("a")), NO_STANDARDS, RULES, "dibao", ON)
    with pytest.raises(UserError, match="保障对象必须是"):
        estimate(household(P("a")), TABLE, RULES, "dibao", ON, ["someone else"])
