"""One case as the workspace shows it: its timeline, running deadlines, and the steps this user may take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.calendar import format_cn
from app.domain.codes import Program, RuleMode
from app.domain.deadlines import days_left, due_note
from app.domain.money import fen_to_yuan
from app.domain.workflow import Action, CaseState, next_state
from app.errors import UserError
from app.models.area import Area
from app.models.case import Appraisal, Benefit, Case, Investigation, Review
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services import settings
from app.services.cases import guards, procedure
from app.services.cases.worklist import running_deadlines
from app.services.context import COUNTY_ROLES, TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.names import Names
from app.services.reviews.review import PROPOSALS

INVESTIGATION = "investigation"  # record a visit (starting the investigation first if need be)
APPRAISAL = "appraisal"  # hold and record a 民主评议
INVESTIGATION_KINDS = {
    "home_visit": "入户调查",
    "neighbour": "邻里访问",
    "letter": "信函索证",
    "matching": "信息核对",
}
# Recorded elsewhere (the household file's visits, the county), not chosen in the investigation form.
OTHER_KINDS = {"visit": "入户走访", "county_visit": "县级入户核查"}
EVENT_TITLES = {
    "apply": "提交申请",
    "spot_check": "县级随机抽查",
    "proposal_declined": "县级不同意复核调整建议",
}
# The procedure's main steps: always shown (disabled with the reason when not open now).
PRIMARY: tuple[str, ...] = (
    Action.ACCEPT,
    Action.REQUEST_MATERIALS,
    Action.START_INVESTIGATION,
    INVESTIGATION,
    APPRAISAL,
    Action.RECORD_OPINION,
    Action.START_NOTICE,
    Action.RECORD_OBJECTION,
    Action.CLOSE_NOTICE,
    Action.APPROVE,
    Action.REFUSE,
)
# Other steps: shown only where the procedure allows them in the current state.
SECONDARY: tuple[str, ...] = (
    Action.REFUSE_INTAKE,
    Action.REPORT_INELIGIBLE,
    Action.RECHECK,
    Action.REINVESTIGATE,
    Action.SUBMIT_RECHECKED,
    Action.START_COUNTY_NOTICE,
    Action.START_GRADUAL_EXIT,
    Action.STOP,
    Action.TERMINATE,
    Action.WITHDRAW,
)


@dataclass(frozen=True)
class StepOption:
    """A step for this user now: allowed, or why not (the state, the role or a missing record)."""

    key: str  # an Action value, or INVESTIGATION / APPRAISAL
    label: str
    allowed: bool
    why: str
    basis: str
    open_in_state: bool  # the procedure allows it in the current state (the role may still not)
    needs_reason: bool


@dataclass(frozen=True)
class DeadlineLine:
    label: str
    due: date
    days_left: int  # working days; negative once overdue
    basis: str
    note: str = ""  # 截止日为周六 (or the holiday's name) when the period ends on a day off


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    title: str
    detail: str
    actor: str
    basis: str


@dataclass(frozen=True)
class CaseSnapshot:
    case_id: str
    case_number: str
    household_id: str
    head_name: str
    applicant_name: str
    village: str
    village_code: str
    program: str
    state: str
    rule_mode: str
    applied_on: date
    accepted_on: date | None
    opinion: str
    monthly_fen: int | None
    deadlines: list[DeadlineLine]
    timeline: list[TimelineEntry]
    steps: list[StepOption]

    @property
    def state_label(self) -> str:
        return CaseState(self.state).label

    @property
    def program_label(self) -> str:
        return Program(self.program).label

    def step(self, key: str) -> StepOption:
        return next(s for s in self.steps if s.key == key)


def load_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    return case


def _action_option(
    session: Session, actor: Actor, case: Case, action: Action, village: str, today: date
) -> StepOption:
    mode, program, state = RuleMode(case.rule_mode), Program(case.program), CaseState(case.state)
    needs = action in procedure.NEEDS_REASON
    try:
        tr = next_state(state, action, mode, program)
    except UserError as exc:
        return StepOption(action.value, action.label, False, exc.message, "", False, needs)
    if action is Action.SUBMIT_RECHECKED and not guards.after_objection(session, case):
        return StepOption(action.value, action.label, False, "", tr.legal_basis, False, needs)
    try:
        procedure.check_actor(actor, tr, mode)
        require_area(actor, village, "办理该申请")
        if action is Action.RECORD_OPINION:
            procedure.require_investigation_done(session, case)
        guards.check(session, case, action, today, today)
    except UserError as exc:
        return StepOption(action.value, action.label, False, exc.message, tr.legal_basis, True, needs)
    return StepOption(action.value, action.label, True, "", tr.legal_basis, True, needs)


def _record_option(
    session: Session, actor: Actor, case: Case, key: str, village: str, today: date
) -> StepOption:
    """登记调查 / 民主评议: the record, with the transition that must come first where one is needed."""
    state = CaseState(case.state)
    if key == INVESTIGATION:
        label, roles, first = "登记调查", TOWNSHIP_ROLES | COUNTY_ROLES, Action.START_INVESTIGATION
        ready = state is CaseState.INVESTIGATING
    else:
        label, roles, first = "民主评议", TOWNSHIP_ROLES, Action.HOLD_APPRAISAL
        ready = state is CaseState.APPRAISAL
    if not ready:
        option = _action_option(session, actor, case, first, village, today)
        if not option.open_in_state:
            why = f"当前状态为“{state.label}”，不能{label}"
            return StepOption(key, label, False, why, "", False, False)
        return StepOption(key, label, option.allowed, option.why, option.basis, True, False)
    try:
        require_role(actor, roles, label)
        require_area(actor, village, label)
    except UserError as exc:
        return StepOption(key, label, False, exc.message, "", True, False)
    return StepOption(key, label, True, "", "", True, False)


def step_options(session: Session, actor: Actor, case: Case, today: date) -> list[StepOption]:
    """The primary steps, then the other steps open in the current state (as they stand on ``today``)."""
    household = session.get(Household, case.household_id)
    village = household.village_code if household else ""
    options = []
    for key in PRIMARY + SECONDARY:
        if key in (INVESTIGATION, APPRAISAL):
            option = _record_option(session, actor, case, key, village, today)
        else:
            option = _action_option(session, actor, case, Action(key), village, today)
        if key in PRIMARY or option.open_in_state:
            options.append(option)
    return options


def _sortable(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def timeline(session: Session, case_id: str) -> list[TimelineEntry]:
    """The case's history (every event) with its investigations, appraisals and reviews, in order."""
    case = load_case(session, case_id)
    names = Names(session, [case.origin_station])
    rows: list[tuple[date, datetime, TimelineEntry]] = []
    for e in procedure.history(session, case_id):
        title = EVENT_TITLES.get(e.action) or Action(e.action).label
        detail = e.reason
        if e.from_state and e.from_state != e.to_state:
            detail = f"{CaseState(e.from_state).label} → {CaseState(e.to_state).label}" + (
                f"：{e.reason}" if e.reason else ""
            )
        entry = TimelineEntry(e.on_date, title, detail, names.of(e.actor, e.origin_station), e.legal_basis)
        rows.append((e.on_date, _sortable(e.at), entry))
    for inv in session.execute(select(Investigation).where(Investigation.case_id == case_id)).scalars():
        kind = INVESTIGATION_KINDS.get(inv.kind) or OTHER_KINDS.get(inv.kind, inv.kind)
        result = "" if inv.eligible is None else ("符合条件" if inv.eligible else "不符合条件")
        done = f"，{format_cn(inv.finished_on)}完成" if inv.finished_on else "，尚未完成"
        detail = "；".join(p for p in (f"调查人员：{inv.staff}{done}", result, inv.findings) if p)
        rows.append(
            (
                inv.started_on,
                _sortable(inv.updated_at),
                TimelineEntry(inv.started_on, kind, detail, names.of(inv.updated_by, inv.origin_station), ""),
            )
        )
    for ap in session.execute(select(Appraisal).where(Appraisal.case_id == case_id)).scalars():
        detail = (
            f"参会{ap.attendance}人（居民代表{ap.representatives}人），同意{ap.votes_for}票、"
            f"反对{ap.votes_against}票、弃权{ap.votes_abstain}票：{'通过' if ap.passed else '未通过'}"
        )
        rows.append(
            (
                ap.held_on,
                _sortable(ap.updated_at),
                TimelineEntry(
                    ap.held_on, "民主评议记录", detail, names.of(ap.updated_by, ap.origin_station), ""
                ),
            )
        )
    reviews = select(Review).where(Review.case_id == case_id, Review.done_on.is_not(None))
    for rv in session.execute(reviews).scalars():
        assert rv.done_on is not None
        proposal = PROPOSALS.get(rv.proposal or "none", rv.proposal)
        amount = (
            f"（{fen_to_yuan(rv.proposed_fen)}元）"
            if rv.proposal in ("increase", "reduce") and rv.proposed_fen
            else ""
        )
        detail = "；".join(p for p in (rv.finding, f"建议：{proposal}{amount}", rv.reason) if p)
        entry = TimelineEntry(rv.done_on, "复核", detail, names.of(rv.reviewer, rv.origin_station), "")
        rows.append((rv.done_on, _sortable(rv.updated_at), entry))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [entry for _, _, entry in rows]


@query
def snapshot(uow: UnitOfWork, actor: Actor, case_id: str) -> CaseSnapshot:
    """Everything the case workspace shows, for ``actor`` today (refused outside the actor's area)."""
    session, today = uow.session, clock.today()
    case = load_case(session, case_id)
    household = session.get(Household, case.household_id)
    assert household is not None
    require_area(actor, household.village_code, "查看该申请")
    area = session.get(Area, household.village_code)
    applicant = session.get(Person, case.applicant_id)
    cal = settings.calendar(session)
    running = [
        DeadlineLine(d.label, d.due, days_left(d, today, cal), d.basis, due_note(d.due, cal))
        for d in running_deadlines(session, case)
    ]
    benefit = session.execute(select(Benefit.monthly_fen).where(Benefit.case_id == case_id)).scalar()
    return CaseSnapshot(
        case.id,
        case.case_number,
        case.household_id,
        household.head_name,
        applicant.name if applicant else "",
        area.name if area else household.village_code,
        household.village_code,
        case.program,
        case.state,
        case.rule_mode,
        case.applied_on,
        case.accepted_on,
        case.opinion,
        benefit,
        running,
        timeline(session, case_id),
        step_options(session, actor, case, today),
    )
