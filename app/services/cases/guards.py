"""The procedure's guards beyond the state table: a 公示 runs its full period, an objection's re-check, the
2012 spot check. ``cases.act`` enforces them; the case workspace shows the same reasons on disabled steps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calendar import format_cn, weekday_cn
from app.domain.codes import Program, RuleMode
from app.domain.deadlines import notice_end
from app.domain.workflow import S1, S2, S4, Action, CaseState, recheck_refusal
from app.errors import UserError
from app.models.case import Appraisal, Case, CaseEvent, Investigation
from app.models.notice import NoticeEntry, PublicNotice
from app.services import settings
from app.services.cases.notices import APPROVED, PRELIMINARY

# Steps that end a running 公示: reporting to the county, or the county's decision after its own 公示.
_CLOSING = {
    CaseState.NOTICE: frozenset({Action.CLOSE_NOTICE}),
    CaseState.COUNTY_NOTICE: frozenset({Action.APPROVE, Action.REFUSE}),
}


def notice_period(session: Session, case: Case) -> tuple[date, date]:
    """First and last day of the 公示 the case is on now (初审 in NOTICE, 拟批准 in COUNTY_NOTICE).

    The period printed on the village notice when the case was posted; computed from the step's date and
    the time limits for a case that has no posted notice (one received in a bundle before it was posted).
    """
    state = CaseState(case.state)
    kind = APPROVED if state is CaseState.COUNTY_NOTICE else PRELIMINARY
    row = session.execute(
        select(PublicNotice.starts_on, PublicNotice.ends_on)
        .join(NoticeEntry, NoticeEntry.notice_id == PublicNotice.id)
        .where(
            NoticeEntry.case_id == case.id,
            PublicNotice.kind == kind,
            PublicNotice.starts_on >= case.state_since,
        )
        .order_by(PublicNotice.starts_on.desc())
        .limit(1)
    ).first()
    if row is not None:
        return row[0], row[1]
    limits = settings.time_limits(session)
    days = limits.county_notice_days if kind == APPROVED else limits.notice_days
    end = notice_end(case.state_since, days, limits.notice_day_kind, settings.calendar(session))
    return case.state_since, end


def _notice_basis(case: Case) -> str:
    if case.state == CaseState.COUNTY_NOTICE.value:
        return f"{S2}第二十九条"
    if case.program == Program.TEKUN.value:
        return f"{S4}第十五条"
    return f"{S2}第二十五条" if case.rule_mode == RuleMode.RULES_2012.value else f"{S1}第十九条"


def require_notice_over(session: Session, case: Case, action: Action, on: date, today: date) -> None:
    """Refuse to end a 公示 (报县, or the county's decision) on or before its last day (S1 Art.19; S2
    Art.25, 29; S4 Art.15): the period must have run in full, on the step's date and in fact (today)."""
    state = CaseState(case.state)
    if action not in _CLOSING.get(state, frozenset()):
        return
    _, end = notice_period(session, case)
    if on > end and today > end:
        return
    what = "拟批准公示" if state is CaseState.COUNTY_NOTICE else "公示"
    then = "作出审批决定" if state is CaseState.COUNTY_NOTICE else "报送县级"
    raise UserError(
        f"{what}期至{format_cn(end)}（{weekday_cn(end)}）止，尚未期满；"
        f"须在公示期满后（{format_cn(end)}以后）方可{then}（{_notice_basis(case)}）",
        field="日期",
    )


def after_objection(session: Session, case: Case) -> bool:
    """The case's last 初审公示 drew an objection (the opinion now is the one made after its re-check)."""
    last = session.execute(
        select(CaseEvent.action)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.action.in_([Action.START_NOTICE.value, Action.RECORD_OBJECTION.value]),
            CaseEvent.from_state.in_([CaseState.PRELIMINARY.value, CaseState.NOTICE.value]),
        )
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    ).scalar()
    return last == Action.RECORD_OBJECTION.value


def _objection_day(session: Session, case: Case) -> date | None:
    """The day of the latest objection to the township's 公示."""
    return session.execute(
        select(CaseEvent.on_date)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.action == Action.RECORD_OBJECTION.value,
            CaseEvent.from_state == CaseState.NOTICE.value,
        )
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    ).scalar()


def require_recheck_done(session: Session, case: Case) -> None:
    """After an objection, the new 初审意见 rests on a re-investigation or a 民主评议 held since (S1 Art.19
    ¶2; S4 Art.15 ¶2)."""
    if not after_objection(session, case):
        return
    since = _objection_day(session, case)
    if since is None:
        return
    investigated = session.execute(
        select(Investigation.id).where(
            Investigation.case_id == case.id,
            Investigation.started_on >= since,
            Investigation.finished_on.is_not(None),
        )
    ).first()
    appraised = session.execute(
        select(Appraisal.id).where(Appraisal.case_id == case.id, Appraisal.held_on >= since)
    ).first()
    if investigated is None and appraised is None:
        basis = f"{S4}第十五条第二款" if case.program == Program.TEKUN.value else f"{S1}第十九条第二款"
        raise UserError(
            f"公示收到异议（{format_cn(since)}）后，须重新组织调查核实或开展民主评议，"
            f"完成后方可重新提出初审意见（{basis}）"
        )


_AFTER_OPINION = frozenset({Action.START_NOTICE, Action.SUBMIT_RECHECKED})


def require_recheck_path(session: Session, case: Case, action: Action) -> None:
    """After the new opinion: to the county directly, or published again where a [LOCAL] setting says so."""
    if case.state != CaseState.PRELIMINARY.value or action not in (
        Action.START_NOTICE,
        Action.SUBMIT_RECHECKED,
    ):
        return
    why = recheck_refusal(
        action,
        CaseState(case.state),
        RuleMode(case.rule_mode),
        Program(case.program),
        after_objection=after_objection(session, case),
        renotice=settings.renotice_after_objection(session),
    )
    if why:
        raise UserError(why)


def require_spot_check(session: Session, case: Case, action: Action) -> None:
    """2012 rules: the county draws its ≥30% home-visit spot check of a batch before it proposes or approves
    any case of it (S2 Art.26)."""
    if case.rule_mode != RuleMode.RULES_2012.value:
        return
    if action not in (Action.START_COUNTY_NOTICE, Action.APPROVE):
        return
    from app.services.cases.county_review import spot_draws

    if case.id in spot_draws(session, [case.id]):
        return
    raise UserError(
        "按2012年办法，县级须按不低于30%的比例对报送的申请随机入户抽查；该申请所在批次尚未抽取，"
        f"请先在待审批页面进行“随机抽查”，再提出审批意见或予以确认（{S2}第二十六条）",
        field="入户抽查",
    )


def check(session: Session, case: Case, action: Action, on: date, today: date) -> None:
    """Every guard for taking ``action`` on ``case`` on ``on`` (``today`` is the real day)."""
    require_notice_over(session, case, action, on, today)
    require_recheck_path(session, case, action)
    if action is Action.RECORD_OPINION:
        require_recheck_done(session, case)
    require_spot_check(session, case, action)
