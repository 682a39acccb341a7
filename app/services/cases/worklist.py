"""Today's work in the actor's area: deadlines counting down, reviews due, notices, objections, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.areas import scope_prefix
from app.domain.checks_rows import Finding
from app.domain.codes import AreaLevel, Program, RuleMode
from app.domain.deadlines import CaseClock, Deadline, days_left, deadlines, due_note
from app.domain.names import sort_key
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, CaseState
from app.models.area import Area
from app.models.case import Benefit, Case, Objection, Review
from app.models.db import UnitOfWork
from app.models.household import Household
from app.services import settings
from app.services.context import Actor, query
from app.services.households.registry import program_label, scope_condition, state_label
from app.services.reports import checks, stats

NOTICE_STATES = (CaseState.NOTICE, CaseState.COUNTY_NOTICE)
# Findings the workbench already lists on their own tabs (deadlines and reviews).
LISTED_ELSEWHERE = frozenset({"review_overdue", "deadline_overdue", "deadline_soon"})
REVIEW_HORIZON_DAYS = 30
# Households in the order of their heads' names in pinyin, as WPS and Excel sort names.
PINYIN_ORDER = (Household.head_pinyin, Household.head_name)


@dataclass(frozen=True)
class CaseLine:
    """An open application and the earliest time limit running for it."""

    case_id: str
    case_number: str
    household_id: str
    head_name: str
    village: str
    village_code: str
    program: str
    state: str
    state_since: date
    deadline: str = ""
    due: date | None = None
    days_left: int | None = None  # working days; negative once overdue
    basis: str = ""
    note: str = ""  # 截止日为周六 (or the holiday's name) when the period ends on a day off
    township: str = ""

    @property
    def program_label(self) -> str:
        return program_label(self.program)

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass(frozen=True)
class ReviewLine:
    """A household whose periodic review (复核) is open; ``days`` to the due date (negative: overdue)."""

    review_id: str
    case_id: str
    case_number: str
    household_id: str
    head_name: str
    village: str
    village_code: str
    program: str
    state: str
    frequency: str
    due_on: date
    days: int
    monthly_fen: int | None
    township: str = ""

    @property
    def program_label(self) -> str:
        return program_label(self.program)


@dataclass(frozen=True)
class NoticeLine:
    """A village board's running 公示: its kind, period, households and days until it ends."""

    village: str
    village_code: str
    kind: str  # the case state: notice | county_notice
    starts_on: date
    ends_on: date
    days_left: int  # calendar days to the last day; 0 on the last day
    case_numbers: tuple[str, ...]
    heads: tuple[str, ...]
    case_ids: tuple[str, ...]
    note: str = ""  # 截止日为周日 (or the holiday's name) when the 公示 ends on a day off

    @property
    def kind_label(self) -> str:
        return state_label(self.kind)


@dataclass(frozen=True)
class ObjectionLine:
    objection_id: str
    case_id: str
    case_number: str
    head_name: str
    village: str
    village_code: str
    received_on: date
    channel: str
    content: str
    state: str


@dataclass(frozen=True)
class TodayWork:
    """The 工作台: the area's counts (as `jiuzhu stats` gives them), then the lists of work."""

    counts: dict[str, Any] = field(default_factory=dict)
    cases: list[CaseLine] = field(default_factory=list)
    reviews: list[ReviewLine] = field(default_factory=list)
    notices: list[NoticeLine] = field(default_factory=list)
    objections: list[ObjectionLine] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def within(actor: Actor, area: str | None = None) -> str | None:
    """The area a read covers: the actor's, narrowed to ``area`` when given (None: nothing in both)."""
    if area is None or actor.covers(area):
        return area or actor.area_code
    return actor.area_code if area_covers(area, actor.area_code) else None


def area_covers(outer: str, inner: str) -> bool:
    return inner.startswith(scope_prefix(outer))


def _case_rows(scope: str, *where: Any) -> Any:
    return (
        select(Case, Household.head_name, Area.name, Area.code)
        .join(Household, Household.id == Case.household_id)
        .join(Area, Area.code == Household.village_code)
        .where(scope_condition(scope), *where)
    )


def clock_of(case: Case) -> CaseClock:
    return CaseClock(
        Program(case.program),
        RuleMode(case.rule_mode),
        CaseState(case.state),
        case.accepted_on,
        case.state_since,
        case.extended,
    )


def running_deadlines(session: Session, case: Case) -> list[Deadline]:
    """The time limits running for the case in its current state, earliest first."""
    return deadlines(clock_of(case), settings.time_limits(session), settings.calendar(session))


@query
def open_cases(uow: UnitOfWork, actor: Actor, area: str | None = None) -> list[CaseLine]:
    """Open applications in the actor's area (or the part of it in ``area``): those with the least working
    days left first, then the oldest."""
    scope = within(actor, area)
    return [] if scope is None else _open_cases(uow.session, scope, clock.today())


@query
def all_cases(
    uow: UnitOfWork, actor: Actor, state: str | None = None, area: str | None = None
) -> list[CaseLine]:
    """Every case in the actor's area whatever its state (or those in ``state``), ordered as
    ``open_cases``: those with a time limit running first, the least working days left first."""
    scope = within(actor, area)
    if scope is None:
        return []
    where = Case.state == state if state else Case.state.is_not(None)
    return _open_cases(uow.session, scope, clock.today(), where)


def _townships(session: Session, scope: str) -> dict[str, str]:
    """Township code (9 digits) → name, for the townships in ``scope``."""
    stmt = select(Area.code, Area.name).where(
        Area.level == AreaLevel.TOWNSHIP.value, Area.code.startswith(scope_prefix(scope)[:6])
    )
    return {code[:9]: name for code, name in session.execute(stmt)}


def _open_cases(session: Session, scope: str, today: date, where: Any = None) -> list[CaseLine]:
    """The cases matching ``where`` (default: the open ones before a decision), most urgent first."""
    limits, cal = settings.time_limits(session), settings.calendar(session)
    if where is None:
        where = Case.state.in_([s.value for s in PRE_DECISION_STATES])
    townships = _townships(session, scope)
    lines = []
    for case, head, village, code in session.execute(_case_rows(scope, where)):
        running = deadlines(clock_of(case), limits, cal)
        common = (case.id, case.case_number, case.household_id, head, village, code, case.program, case.state)
        township = townships.get(code[:9], "")
        if running:
            first = running[0]
            left = days_left(first, today, cal)
            note = due_note(first.due, cal)
            lines.append(
                CaseLine(*common, case.state_since, first.label, first.due, left, first.basis, note, township)
            )
        else:
            lines.append(CaseLine(*common, case.state_since, township=township))
    far = 10**6
    return sorted(  # equally urgent cases by the head's name in pinyin order
        lines,
        key=lambda c: (
            c.days_left if c.days_left is not None else far,
            c.state_since,
            *sort_key(c.head_name),
            c.case_number,
        ),
    )


@query
def reviews_due(
    uow: UnitOfWork,
    actor: Actor,
    within_days: int | None = REVIEW_HORIZON_DAYS,
    area: str | None = None,
) -> list[ReviewLine]:
    """Open reviews of households being paid in the actor's area, due within ``within_days`` (None: all),
    earliest first."""
    scope = within(actor, area)
    return [] if scope is None else _reviews_due(uow.session, scope, clock.today(), within_days)


def _reviews_due(session: Session, scope: str, today: date, within_days: int | None) -> list[ReviewLine]:
    stmt = (
        select(Review, Case, Household.head_name, Area.name, Area.code, Benefit.monthly_fen)
        .join(Case, Case.id == Review.case_id)
        .join(Household, Household.id == Case.household_id)
        .join(Area, Area.code == Household.village_code)
        .outerjoin(Benefit, Benefit.case_id == Case.id)
        .where(
            Review.done_on.is_(None),
            Case.state.in_([s.value for s in BENEFIT_STATES]),
            scope_condition(scope),
        )
        .order_by(Review.due_on, *PINYIN_ORDER, Case.case_number)
    )
    if within_days is not None:
        stmt = stmt.where(Review.due_on <= today + timedelta(days=within_days))
    townships = _townships(session, scope)
    return [
        ReviewLine(
            review.id,
            case.id,
            case.case_number,
            case.household_id,
            head,
            village,
            code,
            case.program,
            case.state,
            review.frequency,
            review.due_on,
            (review.due_on - today).days,
            monthly,
            townships.get(code[:9], ""),
        )
        for review, case, head, village, code, monthly in session.execute(stmt)
    ]


@query
def running_notices(uow: UnitOfWork, actor: Actor) -> list[NoticeLine]:
    """The 公示 running on the village boards of the actor's area, per village and period, ending soonest
    first."""
    return _running_notices(uow.session, actor.area_code, clock.today())


def _running_notices(session: Session, scope: str, today: date) -> list[NoticeLine]:
    cal = settings.calendar(session)
    groups: dict[tuple[str, str, str, date, date], list[tuple[Case, str]]] = {}
    states = [s.value for s in NOTICE_STATES]
    for case, head, village, code in session.execute(_case_rows(scope, Case.state.in_(states))):
        ends = [d.due for d in running_deadlines(session, case) if d.key.endswith("notice_end")]
        end = ends[0] if ends else case.state_since
        groups.setdefault((village, code, case.state, case.state_since, end), []).append((case, head))
    lines = []
    for (village, code, kind, start, end), members in groups.items():
        members.sort(key=lambda m: (*sort_key(m[1]), m[0].case_number))  # as the notice lists them
        lines.append(
            NoticeLine(
                village,
                code,
                kind,
                start,
                end,
                (end - today).days,
                tuple(c.case_number for c, _ in members),
                tuple(h for _, h in members),
                tuple(c.id for c, _ in members),
                due_note(end, cal),
            )
        )
    return sorted(lines, key=lambda n: (n.ends_on, n.village))


@query
def open_objections(uow: UnitOfWork, actor: Actor) -> list[ObjectionLine]:
    """Objections received during a 公示 in the actor's area and not yet resolved, oldest first."""
    return _open_objections(uow.session, actor.area_code)


def _open_objections(session: Session, scope: str) -> list[ObjectionLine]:
    stmt = (
        select(Objection, Case, Household.head_name, Area.name, Area.code)
        .join(Case, Case.id == Objection.case_id)
        .join(Household, Household.id == Case.household_id)
        .join(Area, Area.code == Household.village_code)
        .where(Objection.resolved_on.is_(None), scope_condition(scope))
        .order_by(Objection.received_on, *PINYIN_ORDER, Case.case_number)
    )
    return [
        ObjectionLine(
            o.id, c.id, c.case_number, head, village, code, o.received_on, o.channel, o.content, c.state
        )
        for o, c, head, village, code in session.execute(stmt)
    ]


@query
def scoped_findings(uow: UnitOfWork, actor: Actor) -> list[Finding]:
    """The audit checks' findings about records in the actor's area, most serious first (deadlines and
    reviews aside: the workbench lists them on their own tabs)."""
    found = checks.findings_in(uow.session, actor.area_code, clock.today())
    kept = [f for f in found if f.code not in LISTED_ELSEWHERE and f.record_kind]  # not the notes
    return sorted(kept, key=lambda f: (f.severity.rank, f.item, f.subject))


@query
def today_work(uow: UnitOfWork, actor: Actor) -> TodayWork:
    """Everything the 工作台 lists for the actor: only what lies in the actor's area."""
    session, scope, today = uow.session, actor.area_code, clock.today()
    return TodayWork(
        counts=stats.counts(session, scope),
        cases=_open_cases(session, scope, today),
        reviews=_reviews_due(session, scope, today, REVIEW_HORIZON_DAYS),
        notices=_running_notices(session, scope, today),
        objections=_open_objections(session, scope),
        findings=scoped_findings(uow, actor),
    )
