"""The means test and amount for a household as the file stands: loads the facts, the domain computes.

The arithmetic (standards in force, income assessment, the benefit rules, 单人户) is in
app.domain.assessment; this module only reads the household, its persons and incomes, the standards and
the rules from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import assessment
from app.domain.assessment import CaseFacts, HouseholdFacts, Standards
from app.domain.benefit import BenefitResult
from app.domain.income import IncomeAssessment
from app.errors import UserError
from app.models.household import Household, IncomeItem, Person
from app.models.settings import Standard
from app.services import settings

# The columns the bulk checks read instead of whole entities (they satisfy the domain's Protocols).
FACT_COLUMNS = (
    Person.id,
    Person.household_id,
    Person.birth_date,
    Person.disability_category,
    Person.disability_grade,
    Person.health,
    Person.is_member,
    Person.death_date,
)
INCOME_COLUMNS = (
    IncomeItem.household_id,
    IncomeItem.person_id,
    IncomeItem.kind,
    IncomeItem.amount_fen,
    IncomeItem.period_months,
    IncomeItem.counted,
    IncomeItem.reason,
)


def load_standards(session: Session) -> Standards:
    """Every standard on file, in memory."""
    return Standards(session.execute(select(Standard)).scalars())


def household_facts(session: Session, household_id: str) -> HouseholdFacts:
    household = session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案")
    persons = session.execute(select(Person).where(Person.household_id == household_id)).scalars().all()
    incomes = (
        session.execute(select(IncomeItem).where(IncomeItem.household_id == household_id)).scalars().all()
    )
    return HouseholdFacts(household.urban_rural, household.village_code, household.three_no, persons, incomes)


def member_ids(session: Session, household_id: str) -> list[str]:
    """Ids of the household's living 共同生活 members, head first."""
    people = session.execute(
        select(Person).where(Person.household_id == household_id).order_by(Person.relation_code)
    ).scalars()
    return [p.id for p in assessment.living_members(people)]


def estimate(
    session: Session,
    household_id: str,
    program: str,
    on: date,
    covered_ids: Sequence[str] | None = None,
    *,
    alone: str | None = None,
) -> tuple[IncomeAssessment, BenefitResult]:
    """The per-capita income and the amount the rules give for a household as its file stands.

    ``alone``: a person assessed as a household of one on their own income (单人户, S1 Art.8; S5).
    """
    facts = household_facts(session, household_id)
    return assessment.estimate(
        facts, load_standards(session), settings.benefit_rules(session), program, on, covered_ids, alone=alone
    )


def case_estimate(
    session: Session, case: CaseFacts, on: date, covered_ids: Sequence[str] | None = None
) -> tuple[IncomeAssessment, BenefitResult]:
    """``estimate`` for a case (a 单人户 alone on their own income; 特困 the applicant only)."""
    facts = household_facts(session, case.household_id)
    return assessment.case_estimate(
        case, facts, load_standards(session), settings.benefit_rules(session), on, covered_ids
    )
