"""The procedure of a case: open it, take each step through the state machine, record what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.codes import Program, Role, RuleMode
from app.domain.workflow import (
    COUNTY,
    PRE_DECISION_STATES,
    TERMINAL_STATES,
    Action,
    CaseState,
    Transition,
    next_state,
)
from app.errors import PermissionDenied, UserError
from app.models.case import Appraisal, Case, CaseEvent, Investigation, Objection
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.settings import Counter
from app.services import settings
from app.services.cases import guards
from app.services.cases.events import append_event
from app.services.cases.single_person import single_person_ground
from app.services.context import COUNTY_ROLES, TOWNSHIP_ROLES, Actor, require_area, require_role

# Steps whose record needs a written reason (告知书 and the file say why).
NEEDS_REASON = frozenset(
    {
        Action.REQUEST_MATERIALS,
        Action.REFUSE_INTAKE,
        Action.REPORT_INELIGIBLE,
        Action.REFUSE,
        Action.TERMINATE,
        Action.WITHDRAW,
        Action.STOP,
        Action.START_GRADUAL_EXIT,
        Action.ADJUST,
        Action.RECORD_OPINION,
    }
)
# The 初审 opinion is signed by the township head (乡镇负责人).
HEAD_ONLY = frozenset({Action.RECORD_OPINION})


def next_number(session: Session, station: str, year: int) -> str:
    """The next station-prefixed case number, e.g. ``430623101-2026-000123``."""
    key = f"case:{station}:{year}"
    counter = session.get(Counter, key)
    if counter is None:
        counter = Counter(name=key, value=0)
        session.add(counter)
    counter.value += 1
    session.flush()
    return f"{station}-{year}-{counter.value:06d}"


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    return case


def _village(session: Session, case: Case) -> str:
    household = session.get(Household, case.household_id)
    assert household is not None
    return household.village_code


def open_case(
    uow: UnitOfWork,
    actor: Actor,
    *,
    household_id: str,
    applicant_id: str,
    program: Program,
    applied_on: date,
    single_person: bool = False,
    near_relative: bool = False,
    consent_on: date | None = None,
) -> Case:
    """Register a written application (申请) with its station-prefixed number.

    A 单人户 (``single_person``) is refused unless the applicant may apply alone (S1 Art.8; S5).
    """
    require_role(actor, TOWNSHIP_ROLES, "登记申请")
    session = uow.session
    household = session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案")
    require_area(actor, household.village_code, "为该户登记申请")
    applicant = session.get(Person, applicant_id)
    if applicant is None or applicant.household_id != household_id:
        raise UserError("申请人必须是该户的家庭成员", field="申请人")
    open_states = [s.value for s in CaseState if s not in TERMINAL_STATES]
    running = session.execute(
        select(Case.case_number).where(
            Case.household_id == household_id, Case.program == program.value, Case.state.in_(open_states)
        )
    ).first()
    if running is not None:
        raise UserError(f"该户已有{program.label}申请正在办理或在保（{running[0]}），不能重复申请")
    if consent_on is None and program is not Program.LINSHI:
        raise UserError("申请人及家庭成员须签署核对授权书后方可受理", field="核对授权")
    ground = (
        single_person_ground(session, household_id, applicant_id, program.value, applied_on)
        if (single_person)
        else ""
    )
    mode = settings.rule_mode(session)
    case = Case(
        case_number=next_number(session, uow.station or actor.area_code[:9], applied_on.year),
        household_id=household_id,
        applicant_id=applicant_id,
        program=program.value,
        state=CaseState.APPLIED.value,
        rule_mode=mode.value,
        applied_on=applied_on,
        state_since=applied_on,
        single_person=single_person,
        near_relative=near_relative,
        relative_filed=near_relative,
        consent_on=consent_on,
        emergency=False,
    )
    session.add(case)
    session.flush()
    append_event(
        session,
        case,
        "apply",
        "",
        CaseState.APPLIED.value,
        applied_on,
        actor,
        "《最低生活保障审核确认办法》第四条" + ("、第八条" if ground else ""),
        f"提交书面申请（单独申请：{ground}）" if ground else "提交书面申请",
    )
    session.flush()
    return case


def check_actor(actor: Actor, tr: Transition, mode: RuleMode) -> None:
    if tr.actor_level == COUNTY:
        require_role(actor, COUNTY_ROLES, f"执行“{tr.action.label}”（由县级民政部门办理）")
    else:
        require_role(actor, TOWNSHIP_ROLES, f"执行“{tr.action.label}”")
    if tr.action in HEAD_ONLY and actor.role not in (Role.TOWNSHIP_HEAD, Role.ADMIN):
        raise PermissionDenied(f"“{tr.action.label}”须由乡镇负责人签署，“{actor.role.label}”不能执行")


def act(uow: UnitOfWork, actor: Actor, case_id: str, action: Action, on: date, reason: str = "") -> Case:
    """Take one step of the procedure; refuses a step the state machine or the actor's role does not allow."""
    session = uow.session
    case = _case(session, case_id)
    require_area(actor, _village(session, case), "办理该申请")
    mode, program, state = RuleMode(case.rule_mode), Program(case.program), CaseState(case.state)
    tr = next_state(state, action, mode, program)
    check_actor(actor, tr, mode)
    if action is Action.START_COUNTY_NOTICE:
        from app.services.cases.county_review import require_visit

        require_visit(session, case, "发布拟批准公示")
    if action in NEEDS_REASON and not reason.strip():
        raise UserError(f"“{action.label}”须写明理由", field="理由")
    if on < case.state_since:
        raise UserError(f"办理日期不能早于上一步的日期（{case.state_since:%Y-%m-%d}）", field="日期")
    guards.check(session, case, action, on, clock.today())
    if action is Action.ACCEPT:
        case.accepted_on = on
    if action is Action.REQUEST_MATERIALS:
        case.materials_missing = reason.strip()
    if action is Action.RECORD_OPINION:
        require_investigation_done(session, case)
        case.opinion, case.opinion_by, case.opinion_on = reason.strip(), actor.display_name, on
    if action is Action.RECORD_OBJECTION and state is CaseState.COUNTY_NOTICE:
        case.complaint = True  # an objection at the county's stage: its home visit is required (S2 Art.26)
    if state is CaseState.COUNTY_OBJECTION:  # re-checked: the county publishes again or refuses
        outcome = "县级重新调查核实后重新公示" if action is Action.START_COUNTY_NOTICE else action.label
        resolve_objections(session, case.id, on, outcome)
    case.state = tr.target.value
    case.state_since = on
    if action is Action.START_NOTICE or action is Action.START_COUNTY_NOTICE:
        from app.services.cases import notices

        notices.post(
            session, case, notices.PRELIMINARY if action is Action.START_NOTICE else notices.APPROVED, on
        )
    append_event(
        session, case, action.value, state.value, tr.target.value, on, actor, tr.legal_basis, reason.strip()
    )
    session.flush()
    return case


def require_investigation_done(session: Session, case: Case) -> None:
    done = session.execute(
        select(Investigation.id).where(
            Investigation.case_id == case.id, Investigation.finished_on.is_not(None)
        )
    ).first()
    if done is None:
        raise UserError("尚未完成入户调查，不能提出初审意见（《最低生活保障审核确认办法》第十六条）")


def record_investigation(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    *,
    kind: str,
    started_on: date,
    staff: list[str],
    finished_on: date | None = None,
    findings: str = "",
    eligible: bool | None = None,
) -> Investigation:
    """An 入户调查 (or neighbour visit, letter, data matching) by at least two staff."""
    require_role(actor, TOWNSHIP_ROLES | COUNTY_ROLES, "登记调查")
    session = uow.session
    case = _case(session, case_id)
    require_area(actor, _village(session, case), "调查该户")
    if CaseState(case.state) not in (CaseState.INVESTIGATING, CaseState.ACCEPTED):
        raise UserError(f"当前状态为“{CaseState(case.state).label}”，不能登记调查")
    names = [s.strip() for s in staff if s.strip()]
    if len(set(names)) < 2:
        raise UserError(
            "入户调查须由2名以上工作人员进行（《最低生活保障审核确认办法》第十六条）", field="调查人员"
        )
    if finished_on is not None and finished_on < started_on:
        raise UserError("完成日期不能早于开始日期", field="完成日期")
    inv = Investigation(
        case_id=case_id,
        kind=kind,
        started_on=started_on,
        finished_on=finished_on,
        staff="、".join(names),
        findings=findings,
        eligible=eligible,
    )
    session.add(inv)
    session.flush()
    return inv


@dataclass(frozen=True)
class AppraisalInput:
    held_on: date
    attendance: int
    representatives: int
    votes_for: int
    votes_against: int
    votes_abstain: int = 0
    place: str = ""
    chair: str = ""
    recorder: str = ""
    record: str = ""


def record_appraisal(uow: UnitOfWork, actor: Actor, case_id: str, data: AppraisalInput) -> Appraisal:
    """民主评议: resident representatives ≥ 2/3 of those present; the result needs a 2/3 majority."""
    require_role(actor, TOWNSHIP_ROLES, "登记民主评议")
    session = uow.session
    case = _case(session, case_id)
    if CaseState(case.state) is not CaseState.APPRAISAL:
        raise UserError(f"当前状态为“{CaseState(case.state).label}”，请先执行“民主评议”步骤")
    if data.attendance < 1 or data.representatives < 0 or data.representatives > data.attendance:
        raise UserError("参会人数和居民代表人数不正确", field="参会人数")
    if data.representatives * 3 < data.attendance * 2:
        raise UserError(
            "居民代表应不少于参会人员的三分之二（《最低生活保障审核审批办法（试行）》第二十二条）",
            field="居民代表人数",
        )
    cast = data.votes_for + data.votes_against + data.votes_abstain
    if min(data.votes_for, data.votes_against, data.votes_abstain) < 0 or cast > data.attendance:
        raise UserError("票数之和不能超过参会人数", field="票数")
    passed = data.votes_for * 3 >= cast * 2 and cast > 0
    appraisal = Appraisal(
        case_id=case_id,
        held_on=data.held_on,
        place=data.place,
        chair=data.chair,
        recorder=data.recorder,
        attendance=data.attendance,
        representatives=data.representatives,
        votes_for=data.votes_for,
        votes_against=data.votes_against,
        votes_abstain=data.votes_abstain,
        passed=passed,
        record=data.record,
    )
    session.add(appraisal)
    session.flush()
    return appraisal


def record_objection(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    *,
    received_on: date,
    channel: str,
    content: str,
    real_name: bool = False,
) -> Objection:
    """An objection during the 公示: recorded, and the case moves to 公示有异议."""
    if not content.strip():
        raise UserError("请填写异议内容", field="异议内容")
    act(uow, actor, case_id, Action.RECORD_OBJECTION, received_on, content)
    from app.services.cases.notices import running_notice_of

    objection = Objection(
        case_id=case_id,
        notice_id=running_notice_of(uow.session, case_id),
        received_on=received_on,
        channel=channel,
        content=content.strip(),
        real_name=real_name,
    )
    uow.session.add(objection)
    uow.session.flush()
    return objection


def resolve_objections(session: Session, case_id: str, on: date, outcome: str) -> None:
    """The open objections of the case are answered by its re-check (S1 Art.19 ¶2; S2 Art.29 ¶2)."""
    stmt = select(Objection).where(Objection.case_id == case_id, Objection.resolved_on.is_(None))
    for objection in session.execute(stmt).scalars():
        objection.resolved_on = on
        objection.outcome = outcome
    session.flush()


def history(session: Session, case_id: str) -> list[CaseEvent]:
    return list(
        session.execute(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        ).scalars()
    )


def is_open(case: Case) -> bool:
    return CaseState(case.state) in PRE_DECISION_STATES and CaseState(case.state) not in TERMINAL_STATES
