"""The matching queue's two answers: clear a flag with a note, or act on it (a death stops the share)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.domain.calendar import format_cn
from app.domain.codes import FlagStatus
from app.domain.money import add_months_to_date, month_cn, month_of, next_month
from app.domain.payments import FROZEN
from app.domain.reviews import death_review_due
from app.domain.workflow import BENEFIT_STATES, CaseState
from app.errors import UserError
from app.models.base import utcnow
from app.models.case import Benefit, BenefitMember, Case, Decision, Review
from app.models.db import UnitOfWork
from app.models.household import Person
from app.models.matching import MatchFlag
from app.models.payment import PaymentLine, PaymentRun
from app.services.context import Actor
from app.services.county_office import require_county_actor
from app.services.payments.changes import stop_share

REVIEW_WITHIN_MONTHS = 1  # a review after a non-death match is due within a month [LOCAL]


@dataclass
class ActResult:
    flag: MatchFlag
    decision: Decision | None = None
    review: Review | None = None
    overpaid_months: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _open_flag(uow: UnitOfWork, actor: Actor, flag_id: str, what: str) -> MatchFlag:
    require_county_actor(uow.session, actor, what)
    flag = uow.session.get(MatchFlag, flag_id)
    if flag is None:
        raise UserError("找不到该比对疑点")
    if flag.status != FlagStatus.OPEN:
        raise UserError(f"该比对疑点已处理（{FlagStatus(flag.status).label}），不能重复处理")
    return flag


def clear_flag(uow: UnitOfWork, actor: Actor, flag_id: str, note: str) -> MatchFlag:
    """核销: the finding does not affect eligibility (e.g. the vehicle was sold); the note says why."""
    if not note.strip():
        raise UserError("核销比对疑点须写明核实情况", field="核实情况")
    flag = _open_flag(uow, actor, flag_id, "核销比对疑点")
    flag.status, flag.note = FlagStatus.CLEARED.value, note.strip()
    flag.resolved_by, flag.resolved_at = actor.username, utcnow()
    uow.session.flush()
    return flag


def _overpaid(uow: UnitOfWork, benefit_id: str, from_month: str) -> list[str]:
    """Months from ``from_month`` already frozen in a run that pays the benefit (to be recovered)."""
    rows = uow.session.execute(
        select(PaymentRun.month)
        .join(PaymentLine, PaymentLine.run_id == PaymentRun.id)
        .where(
            PaymentLine.benefit_id == benefit_id,
            PaymentRun.month >= from_month,
            PaymentRun.status.in_([s.value for s in FROZEN]),
        )
        .order_by(PaymentRun.month)
    )
    return list(rows.scalars())


def _review(uow: UnitOfWork, case_id: str, kind: str, due: date, reason: str) -> Review | None:
    case = uow.session.get(Case, case_id)
    if case is None or CaseState(case.state) not in BENEFIT_STATES:
        return None
    review = Review(case_id=case_id, kind=kind, frequency="", due_on=due, reason=reason)
    uow.session.add(review)
    uow.session.flush()
    return review


def act_on_flag(
    uow: UnitOfWork, actor: Actor, flag_id: str, on: date, note: str = "", death_date: date | None = None
) -> ActResult:
    """处理: a death stops the person's share from the month after it and schedules the household's
    review within 3 months; any other match schedules a review of the household."""
    flag = _open_flag(uow, actor, flag_id, "处理比对疑点")
    session = uow.session
    person = session.get(Person, flag.person_id)
    assert person is not None
    result = ActResult(flag)
    if flag.kind == "death":
        died = death_date or flag.event_date
        if died is None:
            raise UserError("名单中没有该人的死亡日期，请填写死亡（火化）日期后再处理", field="死亡日期")
        if died > on:
            raise UserError(f"死亡日期{format_cn(died)}晚于处理日期，请核对", field="死亡日期")
        flag.event_date = died
        start = next_month(month_of(died))
        reason = f"信息比对：{person.name}于{format_cn(died)}死亡，自{month_cn(start)}起停发其保障金"
        benefit = session.get(Benefit, flag.benefit_id) if flag.benefit_id else None
        covered = benefit is not None and (
            session.execute(
                select(BenefitMember.id).where(
                    BenefitMember.benefit_id == benefit.id, BenefitMember.person_id == person.id
                )
            ).first()
            is not None
        )
        if benefit is not None and covered and benefit.status in {s.value for s in BENEFIT_STATES}:
            result.decision = stop_share(uow, actor, benefit, person.id, on, start, reason)
            result.overpaid_months = _overpaid(uow, benefit.id, start)
            what = "停发该户保障金" if result.decision.kind == "stop" else "减发其个人份额"
            result.messages.append(f"已{what}，自{month_cn(start)}起生效")
            if result.overpaid_months:
                months = "、".join(month_cn(m) for m in result.overpaid_months)
                result.messages.append(f"{months}已按原金额发放，应予追回")
        if flag.case_id:
            due = death_review_due(died)
            result.review = _review(
                uow, flag.case_id, "death", due, f"家庭成员{person.name}死亡后重新核查家庭情况"
            )
            if result.review:
                result.messages.append(f"已安排家庭复核，应于{format_cn(due)}前完成")
    elif flag.case_id:
        due = add_months_to_date(on, REVIEW_WITHIN_MONTHS)
        result.review = _review(uow, flag.case_id, "matching", due, flag.reason)
        if result.review:
            result.messages.append(f"已安排家庭复核，应于{format_cn(due)}前完成")
    flag.status = FlagStatus.ACTED.value
    flag.note = note.strip() or "；".join(result.messages)
    flag.resolved_by, flag.resolved_at = actor.username, utcnow()
    flag.decision_id = result.decision.id if result.decision else None
    flag.review_id = result.review.id if result.review else None
    session.flush()
    return result
