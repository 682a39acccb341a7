"""The county's review of the cases townships send up: the queue, home visits and the random spot check.

A case must have the county's own home visit before it is decided when it was registered as a caseworker's
or cadre's near relative (单独登记备案), when a complaint or report was made about it, or when the random
spot check drew it (2012 rules: at least 30% of the cases sent up).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.codes import Program, RuleMode
from app.domain.deadlines import days_left, deadlines
from app.domain.names import sort_key
from app.domain.workflow import AT_COUNTY_STATES, CaseState
from app.errors import UserError
from app.models.case import Case, CaseEvent, Investigation
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services import settings
from app.services.cases.events import append_event
from app.services.cases.worklist import clock_of
from app.services.context import Actor, query
from app.services.county_office import area_names, place_names, require_county_actor

AT_COUNTY = tuple(s.value for s in CaseState if s in AT_COUNTY_STATES)
SPOT_CHECK = "spot_check"  # the CaseEvent action recording the draw; reason DRAWN or NOT_DRAWN
DRAWN = "抽中，须县级入户核查"
NOT_DRAWN = "未抽中"
COUNTY_VISIT = "county_visit"  # the Investigation kind of the county's own home visit
SHARE_KEY = "county.spot_check_share"
NEAR_RELATIVE = "近亲属备案"
COMPLAINT = "有投诉举报"
SAMPLED = "随机抽查"


@dataclass(frozen=True)
class QueueRow:
    """One case waiting for the county."""

    case_id: str
    case_number: str
    township: str
    village: str
    applicant: str
    program: str
    rule_mode: str
    state: str
    since: date
    due: date | None
    days_left: int | None
    visit_reasons: tuple[str, ...] = ()
    visit_done: bool = False
    drawn: bool | None = None  # None: 2012 rules, spot check not drawn yet; always None under 2021 rules

    @property
    def program_label(self) -> str:
        return Program(self.program).label

    @property
    def state_label(self) -> str:
        return CaseState(self.state).label

    @property
    def visit_needed(self) -> bool:
        return bool(self.visit_reasons) and not self.visit_done


@dataclass
class SpotDraw:
    """The result of one draw: how many cases were in it, and the numbers of those drawn."""

    considered: int
    drawn: list[str] = field(default_factory=list)
    share: int = 30


def spot_draws(session: Session, case_ids: list[str]) -> dict[str, bool]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(CaseEvent.case_id, CaseEvent.reason).where(
            CaseEvent.action == SPOT_CHECK, CaseEvent.case_id.in_(case_ids)
        )
    )
    return {case_id: reason == DRAWN for case_id, reason in rows}


def visit_reasons(case: Case, drawn: bool | None) -> tuple[str, ...]:
    """Why the county must visit this household before deciding (empty: no visit required)."""
    reasons = []
    if case.near_relative:
        reasons.append(NEAR_RELATIVE)
    if case.complaint:
        reasons.append(COMPLAINT)
    if drawn:
        reasons.append(SAMPLED)
    return tuple(reasons)


def require_visit(session: Session, case: Case, what: str) -> None:
    """Refuse ``what`` (a decision, the county's 公示) while a required county home visit is missing."""
    if case.county_visit_done:
        return
    reasons = visit_reasons(case, spot_draws(session, [case.id]).get(case.id))
    if reasons:
        raise UserError(
            f"该申请属{'、'.join(reasons)}，须先登记县级入户核查，才能{what}"
            "（《最低生活保障审核确认办法》第二十条）",
            field="入户核查",
        )


@query
def approval_queue(uow: UnitOfWork, actor: Actor) -> list[QueueRow]:
    """Cases sent up and not yet decided, the most urgent first (county staff only)."""
    session, today = uow.session, clock.today()
    require_county_actor(session, actor, "查看待审批申请")
    names = area_names(session)
    limits, cal = settings.time_limits(session), settings.calendar(session)
    found = session.execute(
        select(Case, Household.village_code, Person.name)
        .join(Household, Household.id == Case.household_id)
        .join(Person, Person.id == Case.applicant_id)
        .where(Case.state.in_(AT_COUNTY))
    ).all()
    draws = spot_draws(session, [case.id for case, _, _ in found])
    rows = []
    for case, village, applicant in found:
        running = deadlines(clock_of(case), limits, cal)
        due = min(running, key=lambda d: d.due) if running else None
        drawn = draws.get(case.id) if case.rule_mode == RuleMode.RULES_2012.value else None
        township, village_name = place_names(names, village)
        rows.append(
            QueueRow(
                case_id=case.id,
                case_number=case.case_number,
                township=township,
                village=village_name,
                applicant=applicant,
                program=case.program,
                rule_mode=case.rule_mode,
                state=case.state,
                since=case.state_since,
                due=due.due if due else None,
                days_left=days_left(due, today, cal) if due else None,
                visit_reasons=visit_reasons(case, drawn),
                visit_done=case.county_visit_done,
                drawn=drawn,
            )
        )
    # The most urgent first; equally urgent ones by the applicant's name in pinyin order.
    rows.sort(
        key=lambda r: (
            r.days_left if r.days_left is not None else 10_000,
            *sort_key(r.applicant),
            r.case_number,
        )
    )
    return rows


def spot_check_share(session: Session) -> int:
    share = int(settings.get(session, SHARE_KEY) or 30)
    return min(max(share, 30), 100)


def draw_spot_checks(
    uow: UnitOfWork, actor: Actor, on: date | None = None, rng: random.Random | None = None
) -> SpotDraw:
    """Draw at random at least the set share (≥30%) of the 2012-rules cases sent up and not drawn yet.

    Every case in the batch gets an event saying whether it was drawn, so no case is drawn twice and the
    history shows the check was made.
    """
    session = uow.session
    require_county_actor(session, actor, "抽取入户抽查")
    pending = (
        session.execute(
            select(Case)
            .where(Case.state == CaseState.SUBMITTED.value, Case.rule_mode == RuleMode.RULES_2012.value)
            .order_by(Case.case_number)
        )
        .scalars()
        .all()
    )
    done = spot_draws(session, [c.id for c in pending])
    batch = [c for c in pending if c.id not in done]
    share = spot_check_share(session)
    result = SpotDraw(len(batch), share=share)
    if not batch:
        return result
    chooser = rng or random.SystemRandom()
    on = on or clock.today()
    chosen = {c.id for c in chooser.sample(batch, math.ceil(len(batch) * share / 100))}
    state = CaseState.SUBMITTED.value
    for case in batch:
        hit = case.id in chosen
        append_event(
            session,
            case,
            SPOT_CHECK,
            state,
            state,
            on,
            actor,
            "县级审批抽查不少于30%",
            DRAWN if hit else NOT_DRAWN,
        )
        if hit:
            result.drawn.append(case.case_number)
    session.flush()
    return result


def record_county_visit(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    on: date,
    staff: list[str],
    findings: str,
    eligible: bool | None = None,
) -> Investigation:
    """The county's own 入户核查 of a case sent up, by at least two staff."""
    session = uow.session
    require_county_actor(session, actor, "登记县级入户核查")
    case = session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    if case.state not in AT_COUNTY:
        raise UserError(f"当前状态为“{CaseState(case.state).label}”，不在县级审批中，不能登记县级入户核查")
    names = list(dict.fromkeys(s.strip() for s in staff if s.strip()))
    if len(names) < 2:
        raise UserError("入户核查须由2名以上工作人员进行", field="核查人员")
    if not findings.strip():
        raise UserError("请填写核查情况", field="核查情况")
    if on < case.state_since:
        raise UserError(f"核查日期不能早于报送日期（{case.state_since:%Y-%m-%d}）", field="日期")
    visit = Investigation(
        case_id=case_id,
        kind=COUNTY_VISIT,
        started_on=on,
        finished_on=on,
        staff="、".join(names),
        findings=findings.strip(),
        eligible=eligible,
    )
    session.add(visit)
    case.county_visit_done = True
    session.flush()
    return visit
