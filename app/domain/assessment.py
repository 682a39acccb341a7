"""The means test and the amount for a household, from its facts: standards, incomes, members and rules.

Pure: the service (app.services.cases.assessment) loads the facts from the file and calls these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from app.domain import benefit as rules_benefit
from app.domain import idcard
from app.domain.areas import scope_prefix
from app.domain.benefit import BenefitResult, BenefitRules, MemberFacts
from app.domain.codes import DisabilityCategory, Health, IncomeKind, Program
from app.domain.income import IncomeAssessment, IncomeLine, assess
from app.errors import UserError

P = TypeVar("P", bound="PersonFacts")


class StandardFacts(Protocol):
    """One row of the standards table: a program's amount for 城/乡 in an area from a date."""

    @property
    def program(self) -> str: ...

    @property
    def urban_rural(self) -> str: ...

    @property
    def area_code(self) -> str: ...

    @property
    def effective_from(self) -> date: ...

    @property
    def amount_fen(self) -> int: ...

    @property
    def unit(self) -> str: ...


class Standards:
    """The standards table in memory: the monthly standard in force for a program, 城/乡, area and day.

    The latest standard in force wins; on the same date a township's own standard wins over the county's.
    """

    def __init__(self, rows: Iterable[StandardFacts]) -> None:
        self._by_key: dict[tuple[str, str], list[tuple[date, str, int]]] = {}
        for s in rows:
            monthly = rules_benefit.monthly_standard(s.amount_fen, s.unit)
            entry = (s.effective_from, scope_prefix(s.area_code), monthly)
            self._by_key.setdefault((s.program, s.urban_rural), []).append(entry)
        for values in self._by_key.values():
            values.sort()

    def monthly(self, program: str, urban_rural: str, on: date, area: str | None = None) -> int | None:
        """特困 falls back to the 低保 standard where no 特困 standard is set.

        ``area``: the household's village; only standards of areas covering it count (else any area).
        """
        for prog in (program, "dibao"):
            best: tuple[date, int, int] | None = None
            for start, prefix, monthly in self._by_key.get((prog, urban_rural), []):
                if start > on or (area is not None and not area.startswith(prefix)):
                    continue
                rank = (start, len(prefix) if area is not None else 0, monthly)
                if best is None or rank[:2] >= best[:2]:
                    best = rank
            if best is not None:
                return best[2]
        return None


class PersonFacts(Protocol):
    """What the calculation reads of a person: a Person, or a row of these columns (bulk checks)."""

    id: str
    household_id: str
    birth_date: date
    disability_category: str | None
    disability_grade: int | None
    health: str
    is_member: bool
    death_date: date | None


class IncomeFacts(Protocol):
    person_id: str | None
    kind: str
    amount_fen: int
    period_months: int
    counted: bool | None
    reason: str


class CaseFacts(Protocol):
    """What the assessment reads of a case: a Case, or any row with these (read-only) attributes."""

    @property
    def household_id(self) -> str: ...

    @property
    def applicant_id(self) -> str: ...

    @property
    def program(self) -> str: ...

    @property
    def single_person(self) -> bool: ...


@dataclass(frozen=True)
class HouseholdFacts:
    """A household as the means test reads it: where it lives, 三无, its persons and income lines."""

    urban_rural: str
    village_code: str
    three_no: bool
    persons: Sequence[PersonFacts]
    incomes: Sequence[IncomeFacts]


def income_line(item: IncomeFacts) -> IncomeLine:
    return IncomeLine(
        IncomeKind(item.kind),
        item.amount_fen,
        item.period_months,
        item.counted,
        item.reason or None,
        item.person_id,
    )


def member_facts(person: PersonFacts, on: date) -> MemberFacts:
    """What a person's share depends on, as it stands on ``on``."""
    return MemberFacts(
        person.id,
        max(0, idcard.age_on(person.birth_date, on)),
        DisabilityCategory(person.disability_category) if person.disability_category else None,
        person.disability_grade,
        Health(person.health),
    )


def living_members(persons: Iterable[P]) -> list[P]:
    """共同生活家庭成员 still alive (the per-capita divisor)."""
    return [p for p in persons if p.is_member and p.death_date is None]


def compute(
    standard_fen: int,
    lines: Sequence[IncomeLine],
    members: int,
    covered: Sequence[MemberFacts],
    rules: BenefitRules,
    *,
    three_no: bool,
) -> tuple[IncomeAssessment, BenefitResult]:
    """The one calculation every caller uses: income assessment, then the benefit rules."""
    assessment = assess(lines, members)
    result = rules_benefit.calculate(
        standard_fen, assessment.per_capita_fen, covered, rules, three_no=three_no
    )
    return assessment, result


def estimate(
    household: HouseholdFacts,
    standards: Standards,
    rules: BenefitRules,
    program: str,
    on: date,
    covered_ids: Sequence[str] | None = None,
    *,
    alone: str | None = None,
) -> tuple[IncomeAssessment, BenefitResult]:
    """The per-capita income and the amount the rules give for a household on ``on``.

    ``covered_ids``: the persons covered (default: every living member). ``alone``: a person assessed as
    a household of one on their own income (单人户, S1 Art.8; S5).
    """
    members = living_members(household.persons)
    household_lines = alone is None or len(members) == 1  # a household of one: all its lines are its own
    if alone is not None:
        members = [p for p in members if p.id == alone]
        covered_ids = [alone]
    if not members:
        raise UserError("该户没有共同生活的家庭成员，无法核算")
    standard = standards.monthly(program, household.urban_rural, on, household.village_code)
    if standard is None:
        raise UserError(f"尚未录入{on.year}年适用的保障标准，请先在“设置—保障标准”中录入")
    by_id = {p.id: p for p in members}
    ids = list(covered_ids) if covered_ids is not None else list(by_id)
    if any(i not in by_id for i in ids):
        raise UserError("保障对象必须是该户在世的共同生活家庭成员")
    lines = [income_line(i) for i in household.incomes if household_lines or i.person_id == alone]
    covered = [member_facts(by_id[i], on) for i in ids]
    return compute(standard, lines, len(members), covered, rules, three_no=household.three_no)


def assessed_alone(case: CaseFacts) -> bool:
    """A 单人户 (单独申请, S1 Art.8; S5): the applicant is assessed as a household of one (not 特困: S4)."""
    return bool(case.single_person) and case.program == Program.DIBAO.value


def covers_applicant_only(case: CaseFacts) -> bool:
    """特困 and 单人户 cases cover the applicant only; other cases the whole household."""
    return bool(case.single_person) or case.program == Program.TEKUN.value


def case_estimate(
    case: CaseFacts,
    household: HouseholdFacts,
    standards: Standards,
    rules: BenefitRules,
    on: date,
    covered_ids: Sequence[str] | None = None,
) -> tuple[IncomeAssessment, BenefitResult]:
    """``estimate`` for a case: a 单人户 alone on their own income; else the household, covering the
    applicant (特困) or every living member unless ``covered_ids`` says otherwise."""
    if assessed_alone(case):
        return estimate(household, standards, rules, case.program, on, alone=case.applicant_id)
    if covered_ids is None and covers_applicant_only(case):
        covered_ids = [case.applicant_id]
    return estimate(household, standards, rules, case.program, on, covered_ids)
