"""增发/减发 from a given month: the decision, the amount schedule the monthly run reads, the new figures.

``benefit_change`` keeps every amount a benefit has paid with the month it started, so a run prepared
after a change still pays the old amount for the months before the change takes effect.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.codes import Program, RuleMode
from app.domain.money import Rounding, add_months, month_of, next_month, parse_month, round_fen
from app.domain.workflow import Action, CaseState, next_state
from app.errors import UserError
from app.models.case import Benefit, BenefitMember, Case, Decision
from app.models.db import UnitOfWork
from app.models.payment import BenefitChange
from app.services import settings
from app.services.cases.events import append_event
from app.services.cases.procedure import act
from app.services.context import Actor


def benefit_of(session: Session, case_id: str) -> Benefit:
    benefit = session.execute(select(Benefit).where(Benefit.case_id == case_id)).scalars().first()
    if benefit is None:
        raise UserError("该申请没有保障金记录")
    return benefit


def covered_count(session: Session, benefit_id: str) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(BenefitMember).where(BenefitMember.benefit_id == benefit_id)
        ).scalar_one()
    )


def record_change(
    session: Session,
    benefit: Benefit,
    *,
    decision_id: str | None,
    from_month: str,
    base_fen: int,
    topup_fen: int,
    persons: int,
    reason: str,
) -> BenefitChange:
    """Append the amount paid from ``from_month`` on; the first change also records the amount before it."""
    if from_month < benefit.start_month:
        from_month = benefit.start_month
    known = session.execute(
        select(BenefitChange.id).where(BenefitChange.benefit_id == benefit.id).limit(1)
    ).first()
    if known is None and from_month > benefit.start_month:
        persons_before, topups = session.execute(
            select(func.count(), func.coalesce(func.sum(BenefitMember.topup_fen), 0)).where(
                BenefitMember.benefit_id == benefit.id
            )
        ).one()
        topup_before = min(int(topups), benefit.monthly_fen)
        session.add(
            BenefitChange(
                benefit_id=benefit.id,
                decision_id=None,
                from_month=benefit.start_month,
                base_fen=benefit.monthly_fen - topup_before,
                topup_fen=topup_before,
                monthly_fen=benefit.monthly_fen,
                persons=int(persons_before),
                reason="调整前的核定金额",
            )
        )
    change = BenefitChange(
        benefit_id=benefit.id,
        decision_id=decision_id,
        from_month=from_month,
        base_fen=base_fen,
        topup_fen=topup_fen,
        monthly_fen=base_fen + topup_fen,
        persons=persons,
        reason=reason,
    )
    session.add(change)
    benefit.base_fen, benefit.topup_fen, benefit.monthly_fen = base_fen, topup_fen, base_fen + topup_fen
    session.flush()
    return change


def adjust(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    on: date,
    *,
    base_fen: int,
    topup_fen: int,
    reason: str,
    from_month: str | None = None,
) -> Decision:
    """增发/减发 decided on ``on``: the new amount pays from the next month (or from ``from_month``)."""
    if base_fen < 0 or topup_fen < 0 or base_fen + topup_fen <= 0:
        raise UserError("调整后的金额应大于0；不再发放请用停发", field="金额")
    start = parse_month(from_month) if from_month else next_month(month_of(on))
    case = act(uow, actor, case_id, Action.ADJUST, on, reason)
    session = uow.session
    benefit = benefit_of(session, case_id)
    decision = Decision(
        case_id=case_id,
        kind="adjust",
        decided_on=on,
        decided_by=actor.username,
        amount_fen=base_fen + topup_fen,
        start_month=start,
        legal_basis=_basis(case, Action.ADJUST),
        reason=reason,
    )
    session.add(decision)
    session.flush()
    record_change(
        session,
        benefit,
        decision_id=decision.id,
        from_month=start,
        base_fen=base_fen,
        topup_fen=topup_fen,
        persons=covered_count(session, benefit.id),
        reason=reason,
    )
    return decision


def _basis(case: Case, action: Action) -> str:
    """The legal basis the procedure gives ``action`` on a case receiving its benefit."""
    return next_state(CaseState.ACTIVE, action, RuleMode(case.rule_mode), Program(case.program)).legal_basis


def share_without(base_fen: int, persons: int, topups_left: int, rounding: Rounding) -> tuple[int, int]:
    """The (低保金, 分类施保金) a benefit pays once one of ``persons`` covered persons is no longer covered.

    The base is shared equally (补差 and 分档 both pay per covered person) and the person's own 分类施保
    top-up goes with them (``topups_left`` are the others'); the total is rounded as the benefit rules
    say, the rounding difference staying in the 低保金.
    """
    if persons < 2:
        return 0, 0
    total = round_fen(Fraction(base_fen * (persons - 1), persons) + topups_left, rounding)
    topup = min(topups_left, total)
    return total - topup, topup


def stop_share(
    uow: UnitOfWork, actor: Actor, benefit: Benefit, person_id: str, on: date, from_month: str, reason: str
) -> Decision:
    """A covered person's share stops from ``from_month``: 减发 for the others, or 停发 when none remain."""
    session = uow.session
    case = session.get(Case, benefit.case_id)
    assert case is not None
    member = session.execute(
        select(BenefitMember).where(
            BenefitMember.benefit_id == benefit.id, BenefitMember.person_id == person_id
        )
    ).scalar_one_or_none()
    if member is None:
        raise UserError("该人员不是本项保障的保障对象")
    persons = covered_count(session, benefit.id)
    from_month = max(from_month, benefit.start_month)
    if persons <= 1:
        act(uow, actor, case.id, Action.STOP, on, reason)
        benefit.status = CaseState.STOPPED.value
        benefit.end_month = min(filter(None, [benefit.end_month, _previous(from_month)]))
        kind, amount = "stop", 0
    else:
        topups = session.execute(
            select(func.coalesce(func.sum(BenefitMember.topup_fen), 0)).where(
                BenefitMember.benefit_id == benefit.id
            )
        ).scalar_one()
        rounding = settings.benefit_rules(session).rounding
        base, topup = share_without(benefit.base_fen, persons, int(topups) - member.topup_fen, rounding)
        if case.state == CaseState.ACTIVE.value:
            act(uow, actor, case.id, Action.ADJUST, on, reason)
        else:  # 渐退期: the procedure has no 减发 step there yet, so only the history records it
            append_event(
                session,
                case,
                "adjust",
                case.state,
                case.state,
                on,
                actor,
                _basis(case, Action.ADJUST),
                reason,
            )
        kind, amount = "adjust", base + topup
    decision = Decision(
        case_id=case.id,
        kind=kind,
        decided_on=on,
        decided_by=actor.username,
        amount_fen=amount,
        start_month=from_month,
        legal_basis=_basis(case, Action.STOP if kind == "stop" else Action.ADJUST),
        reason=reason,
    )
    session.add(decision)
    session.flush()
    if kind == "adjust":
        record_change(
            session,
            benefit,
            decision_id=decision.id,
            from_month=from_month,
            base_fen=base,
            topup_fen=topup,
            persons=persons - 1,
            reason=reason,
        )
    session.delete(member)
    session.flush()
    return decision


def _previous(month: str) -> str:
    return add_months(month, -1)
