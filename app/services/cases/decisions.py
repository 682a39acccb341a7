"""Decisions on a case (county-owned, or the township's where delegated): approve, refuse, stop, exit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.assessment import covers_applicant_only
from app.domain.codes import Program, RuleMode
from app.domain.money import fen_to_yuan, month_of, next_month
from app.domain.reviews import gradual_exit_end, next_review_due
from app.domain.workflow import Action, CaseState, next_state
from app.errors import UserError
from app.models.case import Benefit, BenefitMember, Case, Decision, Review
from app.models.db import UnitOfWork
from app.services import settings
from app.services.cases import assessment, county_review, tekun_check
from app.services.cases.procedure import act
from app.services.cases.single_person import single_person_ground
from app.services.context import Actor
from app.services.reviews.review import next_frequency, stable_income

APPROVED = "符合条件，予以确认"


def _benefit(session: Session, case_id: str) -> Benefit:
    benefit = session.execute(select(Benefit).where(Benefit.case_id == case_id)).scalars().first()
    if benefit is None:
        raise UserError("该申请没有保障金记录")
    return benefit


def approve(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    on: date,
    *,
    covered_ids: list[str] | None = None,
    amount_fen: int | None = None,
    reason: str = APPROVED,
) -> Decision:
    """确认: the amount the rules give (an officer may set another, with a reason); pay from next month.

    临时救助 is decided case by case (一事一议): its amount must be given.
    """
    session = uow.session
    case = session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    program = Program(case.program)
    county_review.require_visit(session, case, "作出确认决定")
    if case.single_person:  # checked again at the decision: the file may have changed since intake
        single_person_ground(session, case.household_id, case.applicant_id, case.program, on)
        if covered_ids is not None and list(covered_ids) != [case.applicant_id]:
            raise UserError("单独申请（单人户）只保障申请人本人", field="保障对象")
    if covered_ids is None:
        alone = covers_applicant_only(case)
        covered_ids = [case.applicant_id] if alone else assessment.member_ids(session, case.household_id)
    if program is Program.LINSHI:
        if not amount_fen or amount_fen <= 0:
            raise UserError("临时救助须填写救助金额", field="救助金额")
        computed = None
    else:
        _, result = assessment.case_estimate(session, case, on, covered_ids)
        if not result.eligible and amount_fen is None:
            raise UserError(f"按现有档案核算不符合条件：{result.reason}")
        if program is Program.TEKUN:  # S4 Art.4–8, checked where the county confirms (Art.16–17)
            tekun_check.check(session, case, on, result)
        computed = result
    adjusted = computed is not None and amount_fen is not None and amount_fen != computed.total_fen
    if adjusted and computed is not None and (not reason.strip() or reason == APPROVED):
        raise UserError(
            f"核定金额与按标准计算的{fen_to_yuan(computed.total_fen)}元不同，须写明调整理由", field="理由"
        )
    act(uow, actor, case_id, Action.APPROVE, on, reason)
    total = amount_fen if amount_fen is not None else (computed.total_fen if computed else 0)
    start = next_month(month_of(on))
    decision = Decision(
        case_id=case_id,
        kind="approve",
        decided_on=on,
        decided_by=actor.username,
        amount_fen=total,
        start_month=start,
        reason=reason,
        home_visit_done=case.county_visit_done,
        legal_basis="《特困人员认定办法》第十七条"
        if program is Program.TEKUN
        else "《最低生活保障审核确认办法》第二十一条",
    )
    session.add(decision)
    if program is not Program.LINSHI and computed is not None:
        benefit = Benefit(
            case_id=case_id,
            household_id=case.household_id,
            program=program.value,
            status=CaseState.ACTIVE.value,
            start_month=start,
            base_fen=computed.base_fen,
            topup_fen=total - computed.base_fen,
            monthly_fen=total,
        )
        session.add(benefit)
        session.flush()
        for pid in covered_ids:
            session.add(
                BenefitMember(benefit_id=benefit.id, person_id=pid, topup_fen=computed.topups_fen.get(pid, 0))
            )
        freq = next_frequency(session, case, stable_income(session, case, on), on)
        due = next_review_due(on, freq, settings.review_stable_months(session))
        session.add(Review(case_id=case_id, kind="periodic", frequency=freq.value, due_on=due))
    session.flush()
    return decision


def _record(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    kind: str,
    on: date,
    reason: str,
    basis: str,
    *,
    amount_fen: int | None = None,
    start_month: str | None = None,
) -> Decision:
    decision = Decision(
        case_id=case_id,
        kind=kind,
        decided_on=on,
        decided_by=actor.username,
        amount_fen=amount_fen,
        start_month=start_month,
        reason=reason,
        legal_basis=basis,
    )
    uow.session.add(decision)
    uow.session.flush()
    return decision


def refuse(uow: UnitOfWork, actor: Actor, case_id: str, on: date, reason: str) -> Decision:
    """不予确认, with the written reasons the township passes on within 3 working days."""
    act(uow, actor, case_id, Action.REFUSE, on, reason)
    return _record(uow, actor, case_id, "refuse", on, reason, "《最低生活保障审核确认办法》第二十一条")


def stop(uow: UnitOfWork, actor: Actor, case_id: str, on: date, reason: str) -> Decision:
    """停发 from the next month, with a written reason (《社会救助暂行办法》第十三条)."""
    act(uow, actor, case_id, Action.STOP, on, reason)
    benefit = _benefit(uow.session, case_id)
    benefit.status = CaseState.STOPPED.value
    benefit.end_month = month_of(on)
    basis = "《社会救助暂行办法》第十三条"
    return _record(
        uow, actor, case_id, "stop", on, reason, basis, amount_fen=0, start_month=next_month(month_of(on))
    )


def gradual_exit(uow: UnitOfWork, actor: Actor, case_id: str, on: date, months: int, reason: str) -> Decision:
    """渐退: keep paying for at most 6 months after a job lifts income above the standard."""
    end = gradual_exit_end(next_month(month_of(on)), months)
    act(uow, actor, case_id, Action.START_GRADUAL_EXIT, on, reason)
    benefit = _benefit(uow.session, case_id)
    benefit.status = CaseState.GRADUAL_EXIT.value
    benefit.exit_start_month = next_month(month_of(on))
    benefit.exit_end_month = end
    basis = "《最低生活保障审核确认办法》第三十三条"
    return _record(
        uow,
        actor,
        case_id,
        "gradual_exit",
        on,
        reason,
        basis,
        amount_fen=benefit.monthly_fen,
        start_month=benefit.exit_start_month,
    )


def terminate(uow: UnitOfWork, actor: Actor, case_id: str, on: date, reason: str) -> Decision:
    """终止审核确认: the applicant would not cooperate (refused the visit, the data check or the papers)."""
    case = uow.session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    tr = next_state(CaseState(case.state), Action.TERMINATE, RuleMode(case.rule_mode), Program(case.program))
    act(uow, actor, case_id, Action.TERMINATE, on, reason)
    return _record(uow, actor, case_id, "terminate", on, reason, tr.legal_basis)
