"""Periodic reviews (复核): what the file says now, recording a review and its proposal, the next due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import idcard
from app.domain.assessment import living_members
from app.domain.benefit import is_severely_disabled
from app.domain.codes import (
    DisabilityCategory,
    Employment,
    Health,
    LabourCapacity,
    Program,
    RuleMode,
    UrbanRural,
)
from app.domain.money import fen_to_yuan, month_of, next_month
from app.domain.reviews import ReviewFrequency, gradual_exit_end, next_review_due, review_frequency
from app.domain.workflow import BENEFIT_STATES, Action, CaseState, next_state
from app.errors import UserError
from app.models.case import Benefit, BenefitMember, Case, Review
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services import settings
from app.services.cases import assessment
from app.services.context import TOWNSHIP_ROLES, Actor, query, require_area, require_role

PROPOSALS: dict[str, str] = {
    "none": "维持不变",
    "increase": "增发",
    "reduce": "减发",
    "stop": "停发",
    "gradual_exit": "渐退",
}
_ACTIONS = {
    "increase": Action.ADJUST,
    "reduce": Action.ADJUST,
    "stop": Action.STOP,
    "gradual_exit": Action.START_GRADUAL_EXIT,
}


@dataclass(frozen=True)
class ReviewInput:
    """A review as recorded on the 复核 form; ``proposed_fen`` for 增发/减发, ``exit_months`` for 渐退."""

    done_on: date
    finding: str
    stable_income: bool = True
    proposal: str = "none"
    proposed_fen: int | None = None
    reason: str = ""
    exit_months: int | None = None


@dataclass(frozen=True)
class ReviewContext:
    """What the reviewer sees beside the form: the amount paid and what the file gives today."""

    case_id: str
    case_number: str
    head_name: str
    program: str
    state: str
    monthly_fen: int | None
    estimate_fen: int | None
    estimate_reason: str
    eligible: bool | None
    suggestion: str  # a key of PROPOSALS
    frequency: str
    last_finding: str
    can_exit: bool  # 渐退 exists for this case (低保, being paid)


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    return case


def _benefit(session: Session, case_id: str) -> Benefit | None:
    return session.execute(select(Benefit).where(Benefit.case_id == case_id)).scalars().first()


def _can_exit(case: Case) -> bool:
    try:
        next_state(
            CaseState(case.state), Action.START_GRADUAL_EXIT, RuleMode(case.rule_mode), Program(case.program)
        )
    except UserError:
        return False
    return True


@query
def review_context(uow: UnitOfWork, actor: Actor, case_id: str) -> ReviewContext:
    """The amount being paid, the amount the rules give from the file as it stands today, and a suggestion
    (a household outside the actor's area is refused)."""
    session, today = uow.session, clock.today()
    case = _case(session, case_id)
    household = session.get(Household, case.household_id)
    assert household is not None
    require_area(actor, household.village_code, "查看该户的复核")
    benefit = _benefit(session, case_id)
    paid = benefit.monthly_fen if benefit is not None else None
    covered: list[str] | None = None
    if benefit is not None:
        stmt = select(BenefitMember.person_id).where(BenefitMember.benefit_id == benefit.id)
        covered = list(session.execute(stmt).scalars()) or None
    estimate: int | None = None
    eligible: bool | None = None
    try:
        _, result = assessment.case_estimate(session, case, today, covered)
    except UserError as exc:
        reason = exc.message
    else:
        estimate, eligible, reason = result.total_fen, result.eligible, result.reason
    suggestion = "none"
    if eligible is False:
        suggestion = "stop"
    elif estimate is not None and paid is not None and estimate != paid:
        suggestion = "increase" if estimate > paid else "reduce"
    last = session.execute(
        select(Review)
        .where(Review.case_id == case_id, Review.done_on.is_not(None))
        .order_by(Review.done_on.desc())
        .limit(1)
    ).scalar()
    current = session.execute(
        select(Review.frequency).where(Review.case_id == case_id, Review.done_on.is_(None)).limit(1)
    ).scalar()
    return ReviewContext(
        case.id,
        case.case_number,
        household.head_name,
        case.program,
        case.state,
        paid,
        estimate,
        reason,
        eligible,
        suggestion,
        current or (last.frequency if last else ""),
        last.finding if last else "",
        _can_exit(case),
    )


_IRREGULAR = frozenset({Employment.FLEXIBLE.value, Employment.UNEMPLOYED.value})


def stable_income(session: Session, case: Case, on: date) -> bool:
    """收入来源固定 as the file stands: no working-age member lives on odd jobs or flexible work (S1
    Art.31 reviews a household whose income has no fixed source and who can work every 6 months)."""
    people = living_members(
        session.execute(select(Person).where(Person.household_id == case.household_id)).scalars()
    )
    return not any(p.employment in _IRREGULAR and 16 <= idcard.age_on(p.birth_date, on) < 60 for p in people)


def next_frequency(session: Session, case: Case, stable_income: bool, on: date) -> ReviewFrequency:
    """How often this household is reviewed from now on (S1 Art.31; S2 Art.33 under the 2012 rules)."""
    household = session.get(Household, case.household_id)
    assert household is not None
    people = living_members(
        session.execute(select(Person).where(Person.household_id == case.household_id)).scalars()
    )
    working = any(
        p.labour_capacity == LabourCapacity.FULL.value and 16 <= idcard.age_on(p.birth_date, on) < 60
        for p in people
    )
    severe = household.three_no or any(
        p.health == Health.SERIOUS.value
        or is_severely_disabled(
            DisabilityCategory(p.disability_category) if p.disability_category else None, p.disability_grade
        )
        for p in people
    )
    return review_frequency(
        program=Program(case.program),
        rules_2012=case.rule_mode == RuleMode.RULES_2012.value,
        stable_income=stable_income,
        has_working_member=working,
        three_no_or_severe=severe,
        urban=household.urban_rural == UrbanRural.URBAN.value,
    )


def _check_proposal(case: Case, data: ReviewInput, paid: int | None) -> int | None:
    """Validate the proposal against the procedure and the amount paid; returns the amount to store."""
    if not data.proposal:
        raise UserError("请选择复核处理建议（维持不变、增发、减发、停发或渐退）", field="处理建议")
    if data.proposal not in PROPOSALS:
        raise UserError(f"复核建议“{data.proposal}”无效", field="处理建议")
    if data.proposal == "none":
        return None
    label = PROPOSALS[data.proposal]
    if not data.reason.strip():
        raise UserError(f"建议{label}须写明理由（《最低生活保障审核确认办法》第三十二条）", field="理由")
    next_state(
        CaseState(case.state), _ACTIONS[data.proposal], RuleMode(case.rule_mode), Program(case.program)
    )
    if data.proposal == "stop":
        return 0
    if data.proposal == "gradual_exit":
        gradual_exit_end(next_month(month_of(data.done_on)), data.exit_months or 0)
        return paid
    amount = data.proposed_fen
    if amount is None or amount <= 0:
        raise UserError(f"建议{label}须填写调整后的月保障金", field="建议金额")
    if paid is not None and data.proposal == "increase" and amount <= paid:
        raise UserError(f"增发后的金额应高于现发的{fen_to_yuan(paid)}元", field="建议金额")
    if paid is not None and data.proposal == "reduce" and amount >= paid:
        raise UserError(f"减发后的金额应低于现发的{fen_to_yuan(paid)}元", field="建议金额")
    return amount


def record_review(uow: UnitOfWork, actor: Actor, case_id: str, data: ReviewInput) -> Review:
    """Record a review of a household being paid, with its proposal, and schedule the next one.

    The township proposes (增发/减发/停发/渐退); the decision stays with whoever decides the case.
    """
    require_role(actor, TOWNSHIP_ROLES, "登记复核")
    session = uow.session
    case = _case(session, case_id)
    household = session.get(Household, case.household_id)
    assert household is not None
    require_area(actor, household.village_code, "复核该户")
    state = CaseState(case.state)
    if state not in BENEFIT_STATES:
        raise UserError(f"该申请当前状态为“{state.label}”，不在保，无需复核")
    if not data.finding.strip():
        raise UserError("请填写复核情况", field="复核情况")
    benefit = _benefit(session, case_id)
    amount = _check_proposal(case, data, benefit.monthly_fen if benefit else None)
    review = session.execute(
        select(Review)
        .where(Review.case_id == case_id, Review.done_on.is_(None))
        .order_by(Review.due_on)
        .limit(1)
    ).scalar()
    if review is None:
        review = Review(case_id=case_id, kind="triggered", due_on=data.done_on)
        session.add(review)
    if data.done_on < case.state_since:
        raise UserError(f"复核日期不能早于{case.state_since:%Y-%m-%d}", field="复核日期")
    reason = data.reason.strip()
    if data.proposal == "gradual_exit":
        reason = f"{reason}（渐退期{data.exit_months}个月）"
    review.done_on = data.done_on
    review.reviewer = actor.username
    review.stable_income = data.stable_income
    review.finding = data.finding.strip()
    review.proposal = data.proposal
    review.proposed_fen = amount
    review.reason = reason
    freq = next_frequency(session, case, data.stable_income, data.done_on)
    due = next_review_due(data.done_on, freq, settings.review_stable_months(session))
    session.add(Review(case_id=case_id, kind="periodic", frequency=freq.value, due_on=due))
    session.flush()
    return review
