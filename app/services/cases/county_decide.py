"""What the county officer sees before deciding a case, and the decision itself in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app import clock
from app.domain.areas import parent_of
from app.domain.codes import Program, RuleMode
from app.domain.workflow import Action, CaseState
from app.errors import UserError
from app.models.case import Case, Investigation
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services.cases import assessment, decisions
from app.services.cases.county_review import COUNTY_VISIT, spot_draws, visit_reasons
from app.services.cases.procedure import act
from app.services.cases.workspace import StepOption, step_options
from app.services.context import Actor, query
from app.services.county_office import area_names, place_names, require_county_actor
from app.services.names import Names

APPROVE, REFUSE, TERMINATE, COUNTY_NOTICE = "approve", "refuse", "terminate", "county_notice"
CHOICES = {
    APPROVE: Action.APPROVE,
    REFUSE: Action.REFUSE,
    TERMINATE: Action.TERMINATE,
    COUNTY_NOTICE: Action.START_COUNTY_NOTICE,
}


@dataclass(frozen=True)
class DecisionFacts:
    case_id: str
    case_number: str
    applicant: str
    program: str
    state: str
    rule_mode: str
    place: str
    members: int
    covered: int
    per_capita_fen: int | None
    standard_fen: int | None
    rules_fen: int | None  # the monthly amount the rules give (None: 临时救助, or no standard yet)
    rules_note: str  # why not eligible, or why no amount could be computed
    opinion: str
    opinion_by: str
    visit_reasons: tuple[str, ...]
    visit_done: bool
    visits: tuple[str, ...]
    options: dict[str, StepOption]

    @property
    def program_label(self) -> str:
        return Program(self.program).label

    @property
    def state_label(self) -> str:
        return CaseState(self.state).label


@dataclass(frozen=True)
class DecisionInput:
    choice: str  # one of CHOICES
    on: date
    reason: str = ""
    amount_fen: int | None = None  # approve: None keeps the rules' amount


@query
def facts(uow: UnitOfWork, actor: Actor, case_id: str) -> DecisionFacts:
    """What the county officer reads before deciding a case, with the decisions open to the officer today."""
    session, today = uow.session, clock.today()
    require_county_actor(session, actor, "审批申请")
    case = session.get(Case, case_id)
    if case is None:
        raise UserError("找不到该申请")
    household = session.get(Household, case.household_id)
    applicant = session.get(Person, case.applicant_id)
    assert household is not None and applicant is not None
    village = household.village_code
    place = "".join(place_names(area_names(session, [village, parent_of(village) or village]), village))
    member_ids = assessment.member_ids(session, household.id)
    per_capita = standard = rules = None
    covered, note = 0, ""
    if case.program != Program.LINSHI.value:
        try:
            _, result = assessment.case_estimate(session, case, today)
        except UserError as exc:
            note = str(exc)
        else:
            per_capita, standard, covered = result.per_capita_fen, result.standard_fen, result.covered
            rules = result.total_fen if result.eligible else None
            note = "" if result.eligible else result.reason
    else:
        note = "临时救助一事一议，须填写救助金额"
    visits = tuple(
        f"{v.started_on:%Y-%m-%d} {v.staff}：{v.findings}"
        for v in session.execute(
            select(Investigation).where(Investigation.case_id == case_id, Investigation.kind == COUNTY_VISIT)
        ).scalars()
    )
    rules_2012 = case.rule_mode == RuleMode.RULES_2012.value
    drawn = spot_draws(session, [case_id]).get(case_id) if rules_2012 else None
    wanted = {action.value: key for key, action in CHOICES.items()}
    options = {wanted[o.key]: o for o in step_options(session, actor, case, today) if o.key in wanted}
    return DecisionFacts(
        case_id=case.id,
        case_number=case.case_number,
        applicant=applicant.name,
        program=case.program,
        state=case.state,
        rule_mode=case.rule_mode,
        place=place,
        members=len(member_ids),
        covered=covered,
        per_capita_fen=per_capita,
        standard_fen=standard,
        rules_fen=rules,
        rules_note=note,
        opinion=case.opinion,
        opinion_by=Names(session, [case.origin_station]).of(case.opinion_by, case.origin_station),
        visit_reasons=visit_reasons(case, drawn),
        visit_done=case.county_visit_done,
        visits=visits,
        options=options,
    )


def decide(uow: UnitOfWork, actor: Actor, case_id: str, data: DecisionInput) -> str:
    """Record the decision (2012 rules: first start the 拟批准公示); returns the case's new state."""
    if data.choice not in CHOICES:
        raise UserError("请选择审批结果", field="审批结果")
    if data.choice == APPROVE:
        reason = data.reason.strip() or decisions.APPROVED
        decisions.approve(uow, actor, case_id, data.on, amount_fen=data.amount_fen, reason=reason)
    elif data.choice == REFUSE:
        decisions.refuse(uow, actor, case_id, data.on, data.reason.strip())
    elif data.choice == TERMINATE:
        decisions.terminate(uow, actor, case_id, data.on, data.reason.strip())
    else:
        act(uow, actor, case_id, Action.START_COUNTY_NOTICE, data.on, data.reason.strip())
    case = uow.session.get(Case, case_id)
    assert case is not None
    return case.state
