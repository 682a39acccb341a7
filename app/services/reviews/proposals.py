"""The county decides what township reviews propose: 增发, 减发, 停发 or 渐退 — or declines the proposal.

A proposal is open until the county records a decision of that kind on the case (dated on or after the
review) or declines it; declining is an event in the case's history with the county's reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, select

from app.domain.codes import Program
from app.domain.workflow import CaseState
from app.errors import UserError
from app.models.case import Benefit, Case, CaseEvent, Decision, Review
from app.models.db import UnitOfWork
from app.models.household import Household
from app.services.cases import decisions
from app.services.cases.events import append_event
from app.services.context import Actor, query
from app.services.county_office import area_names, place_names, require_county_actor
from app.services.payments import changes
from app.services.reviews.review import PROPOSALS

ACTED = ("increase", "reduce", "stop", "gradual_exit")
DECLINED = "proposal_declined"  # the CaseEvent action when the county does not follow the proposal
DECISION_KINDS = ("adjust", "stop", "gradual_exit")


@dataclass(frozen=True)
class ProposalRow:
    review_id: str
    case_id: str
    case_number: str
    township: str
    village: str
    head_name: str
    program: str
    proposal: str
    done_on: date
    reviewer: str
    finding: str
    reason: str
    paid_fen: int
    topup_fen: int
    proposed_fen: int | None

    @property
    def proposal_label(self) -> str:
        return PROPOSALS.get(self.proposal, self.proposal)

    @property
    def program_label(self) -> str:
        return Program(self.program).label


def _open_condition() -> ColumnElement[bool]:
    decided = exists().where(
        Decision.case_id == Review.case_id,
        Decision.kind.in_(DECISION_KINDS),
        Decision.decided_on >= Review.done_on,
    )
    declined = exists().where(
        CaseEvent.case_id == Review.case_id,
        CaseEvent.action == DECLINED,
        CaseEvent.on_date >= Review.done_on,
    )
    return and_(~decided, ~declined)


@query
def proposal_queue(uow: UnitOfWork, actor: Actor) -> list[ProposalRow]:
    """Reviews whose proposal waits for the county, oldest first (county staff only)."""
    session = uow.session
    require_county_actor(session, actor, "查看复核调整建议")
    names = area_names(session)
    found = session.execute(
        select(Review, Case, Household.village_code, Household.head_name, Benefit)
        .join(Case, Case.id == Review.case_id)
        .join(Household, Household.id == Case.household_id)
        .join(Benefit, Benefit.case_id == Case.id)
        .where(
            Review.done_on.is_not(None),
            Review.proposal.in_(ACTED),
            Case.state.in_((CaseState.ACTIVE.value, CaseState.GRADUAL_EXIT.value)),
            _open_condition(),
        )
        .order_by(Review.done_on, Household.head_pinyin, Household.head_name, Case.case_number)
    ).all()
    rows = []
    for review, case, village, head, benefit in found:
        assert review.done_on is not None
        township, village_name = place_names(names, village)
        rows.append(
            ProposalRow(
                review_id=review.id,
                case_id=case.id,
                case_number=case.case_number,
                township=township,
                village=village_name,
                head_name=head,
                program=case.program,
                proposal=review.proposal,
                done_on=review.done_on,
                reviewer=review.reviewer,
                finding=review.finding,
                reason=review.reason,
                paid_fen=benefit.monthly_fen,
                topup_fen=benefit.topup_fen,
                proposed_fen=review.proposed_fen,
            )
        )
    return rows


@dataclass(frozen=True)
class ProposalDecision:
    accept: bool
    on: date
    reason: str
    amount_fen: int | None = None  # 增发/减发: the new monthly amount
    exit_months: int = 6  # 渐退


def decide_proposal(uow: UnitOfWork, actor: Actor, review_id: str, data: ProposalDecision) -> str:
    """Carry out (or decline) the review's proposal; returns the case id."""
    session = uow.session
    require_county_actor(session, actor, "审批复核调整建议")
    review = session.get(Review, review_id)
    if review is None or review.proposal not in ACTED or review.done_on is None:
        raise UserError("找不到该复核调整建议")
    case = session.get(Case, review.case_id)
    assert case is not None
    reason = data.reason.strip()
    if data.on < review.done_on:
        raise UserError(f"决定日期不能早于复核日期（{review.done_on:%Y-%m-%d}）", field="日期")
    if not data.accept:
        if not reason:
            raise UserError("不同意调整建议须写明理由", field="理由")
        state = case.state
        append_event(session, case, DECLINED, state, state, data.on, actor, "", reason)
        session.flush()
        return case.id
    if review.proposal in ("increase", "reduce"):
        benefit = changes.benefit_of(session, case.id)
        if data.amount_fen is None or data.amount_fen <= 0:
            raise UserError("请填写调整后的月保障金", field="调整后金额")
        if review.proposal == "increase" and data.amount_fen <= benefit.monthly_fen:
            raise UserError("增发后的金额应高于现发金额", field="调整后金额")
        if review.proposal == "reduce" and data.amount_fen >= benefit.monthly_fen:
            raise UserError("减发后的金额应低于现发金额", field="调整后金额")
        topup = min(benefit.topup_fen, data.amount_fen)
        changes.adjust(
            uow,
            actor,
            case.id,
            data.on,
            base_fen=data.amount_fen - topup,
            topup_fen=topup,
            reason=reason or review.reason or PROPOSALS[review.proposal],
        )
    elif review.proposal == "stop":
        decisions.stop(uow, actor, case.id, data.on, reason or review.reason)
    else:
        decisions.gradual_exit(uow, actor, case.id, data.on, data.exit_months, reason or review.reason)
    return case.id
