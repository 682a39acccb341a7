"""特困人员 criteria at the decision (S4 Art.4–8): no labour capacity, no livelihood, no able supporter."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import idcard
from app.domain.benefit import BenefitResult
from app.domain.codes import DisabilityCategory, Program
from app.domain.tekun import SupporterFacts, tekun_eligible
from app.domain.workflow import BENEFIT_STATES
from app.errors import UserError
from app.models.case import Case
from app.models.household import Person, Supporter


def _receives(session: Session, id_number: str) -> set[str]:
    """The programmes a person with this ID number is being paid under (a supporter on file)."""
    if not id_number:
        return set()
    rows = session.execute(
        select(Case.program)
        .join(Person, Person.household_id == Case.household_id)
        .where(Person.id_number == id_number.upper(), Case.state.in_([s.value for s in BENEFIT_STATES]))
    ).scalars()
    return set(rows)


def check(session: Session, case: Case, on: date, means: BenefitResult) -> list[str]:
    """The grounds met; UserError listing every criterion that fails.

    Supporters the township recorded as unable to support (with the reason) are taken as found; the others
    are judged on what the file shows of them (age, whether they are themselves 特困 or 低保 recipients).
    Assets are weighed in the investigation: the file holds no 特困 asset limit to test them against.
    """
    applicant = session.get(Person, case.applicant_id)
    if applicant is None:
        raise UserError("找不到申请人")
    supporters = []
    for s in session.execute(select(Supporter).where(Supporter.household_id == case.household_id)).scalars():
        if not s.able_to_support:
            continue
        programs = _receives(session, s.id_number)
        age = idcard.age_on(s.birth_date, on) if s.birth_date else 0
        supporters.append(
            SupporterFacts(
                age=age,
                is_tekun=Program.TEKUN.value in programs,
                is_dibao=Program.DIBAO.value in programs,
            )
        )
    category = DisabilityCategory(applicant.disability_category) if applicant.disability_category else None
    ok, grounds = tekun_eligible(
        max(0, idcard.age_on(applicant.birth_date, on)),
        category,
        applicant.disability_grade,
        income_below_standard=means.eligible,
        assets_within_limit=True,
        supporters=supporters,
    )
    if not ok:
        raise UserError(
            f"{applicant.name}不符合特困人员认定条件：{'；'.join(grounds)}。"
            "义务人确无履行义务能力的，请在家庭档案的义务人中登记其情况和理由",
            field="认定条件",
        )
    return grounds
