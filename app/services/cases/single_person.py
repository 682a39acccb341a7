"""单人户 (单独申请, S1 Art.8; S5 §1(1)): may this applicant apply alone? Checked at intake and approval."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.assessment import living_members, member_facts
from app.domain.benefit import is_edge_household, single_person_allowed
from app.domain.codes import Employment, Health, Program
from app.domain.money import fen_to_yuan
from app.errors import UserError
from app.models.household import Person
from app.services import settings
from app.services.cases import assessment

FIELD = "单独申请"
_UNEMPLOYED = frozenset({Employment.UNEMPLOYED.value, Employment.UNEMPLOYED_REGISTERED.value})


def single_person_ground(
    session: Session, household_id: str, applicant_id: str, program: str, on: date
) -> str:
    """The ground on which the applicant may apply alone; UserError with the reason when they may not.

    The household is assessed as a whole (all its living members, on the standard in force ``on``): a
    household that qualifies is enrolled in full (S5); an applicant in a 低保边缘家庭 (below 1.5 × the
    standard) may apply alone if severely disabled or seriously ill (S1 Art.8); an unemployed adult with a
    severe disability may apply alone in any case (S5). An applicant who is the household's only living
    member is simply a household of one.
    """
    if program != Program.DIBAO.value:
        label = Program(program).label
        raise UserError(f"单独申请（单人户）只适用于低保，{label}按其自身规定认定", field=FIELD)
    people = living_members(
        session.execute(select(Person).where(Person.household_id == household_id)).scalars()
    )
    applicant = next((p for p in people if p.id == applicant_id), None)
    if applicant is None:
        raise UserError("单独申请的申请人必须是该户在世的共同生活家庭成员", field=FIELD)
    if len(people) == 1:
        return "家庭仅有申请人一人，按一人户核算"
    _, household = assessment.estimate(session, household_id, program, on)
    rules = settings.benefit_rules(session)
    edge = not household.eligible and is_edge_household(
        household.per_capita_fen, household.standard_fen, rules.edge_multiplier
    )
    allowed, why = single_person_allowed(
        member_facts(applicant, on),
        household_is_edge=edge,
        severe_illness_recognised=applicant.health == Health.SERIOUS.value,
        unemployed=applicant.employment in _UNEMPLOYED,
        household_eligible=household.eligible,
    )
    if not allowed:
        figures = (
            f"全家月人均收入{fen_to_yuan(household.per_capita_fen)}元，"
            f"保障标准{fen_to_yuan(household.standard_fen)}元"
        )
        raise UserError(f"{applicant.name}不能单独申请：{why}。{figures}", field=FIELD)
    return why
