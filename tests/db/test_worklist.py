"""Today's work, the case workspace's steps, intake in one unit of work and reviews, on the demo station."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import idcard
from app.domain.codes import AssetKind, IncomeKind, Program, Role, UrbanRural
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, Action, CaseState
from app.errors import IllegalTransition, PermissionDenied, UserError
from app.models.case import Benefit, Case, Review
from app.models.db import Database, UnitOfWork
from app.models.household import AssetItem, Household
from app.services import settings
from app.services.cases import assessment, worklist, workspace
from app.services.cases.procedure import AppraisalInput
from app.services.cases.steps import (
    DecisionInput,
    InvestigationInput,
    ObjectionInput,
    PlainStep,
    StepInput,
    take_step,
)
from app.services.context import Actor
from app.services.households import registry
from app.services.intake import window as worklist_intake
from app.services.intake.household import HouseholdInput, IncomeInput, MemberInput
from app.services.reports import checks
from app.services.reviews.review import ReviewInput, record_review, review_context
from tests.conftest import DEMO_TODAY

TOWNSHIP = "430623101000"
CLERK = Actor("clerk", "张丽（经办人）", Role.TOWNSHIP_CLERK, TOWNSHIP)
HEAD = Actor("head", "王建华（乡镇负责人）", Role.TOWNSHIP_HEAD, TOWNSHIP)
HEAD_ID = idcard.make_id("430623", date(1958, 3, 14), 15)
WIFE_ID = idcard.make_id("430623", date(1961, 7, 2), 26)


@pytest.fixture
def uow(demo_db: Database) -> Iterator[UnitOfWork]:
    with demo_db.uow("test") as uow:
        yield uow


def cadre_of(db: Database) -> Actor:
    with db.uow("test") as uow:
        village = registry.village_list(uow.session, TOWNSHIP)[0][0]
    return Actor("cadre", "李春生（村干部）", Role.VILLAGE_CADRE, village)


def application(db: Database, *, accept: bool = True) -> worklist_intake.Application:
    with db.uow("test") as uow:
        village = registry.village_list(uow.session, TOWNSHIP)[-1][0]
    household = HouseholdInput(
        village_code=village,
        urban_rural=UrbanRural.RURAL,
        address="五组18号",
        members=[MemberInput("周德明", HEAD_ID, "02"), MemberInput("罗桂兰", WIFE_ID, "12")],
        incomes=[IncomeInput(IncomeKind.FARMING, 240000, 12, member_index=0)],
    )
    return worklist_intake.Application(
        applicant_id_number=HEAD_ID,
        program=Program.DIBAO,
        applied_on=DEMO_TODAY,
        consent_on=DEMO_TODAY,
        household=household,
        assets=[worklist_intake.AssetInput(AssetKind.LIVESTOCK, "生猪2头", 300000, 2)],
        accept_now=accept,
    )


def submit(db: Database, app: worklist_intake.Application) -> worklist_intake.Created:
    with db.uow("clerk") as uow:
        created = worklist_intake.submit_application(uow, CLERK, app, DEMO_TODAY)
        uow.commit()
    return created


def step(db: Database, actor: Actor, case_id: str, key: str, data: StepInput) -> None:
    with db.uow(actor.username) as uow:
        take_step(uow, actor, case_id, key, data)
        uow.commit()


def test_open_cases_count_down_in_working_days(uow: UnitOfWork) -> None:
    lines = worklist.open_cases(uow, CLERK)
    open_states = {s.value for s in PRE_DECISION_STATES}
    expected = uow.session.execute(select(Case.id).where(Case.state.in_(open_states))).scalars().all()
    assert sorted(line.case_id for line in lines) == sorted(expected)
    timed = [line.days_left for line in lines if line.days_left is not None]
    assert timed == sorted(timed) and timed
    assert all(line.deadline for line in lines if line.days_left is not None)


def test_all_cases_shows_every_state_or_the_one_chosen(uow: UnitOfWork) -> None:
    every = worklist.all_cases(uow, CLERK)
    expected = uow.session.execute(select(Case.id)).scalars().all()
    assert sorted(line.case_id for line in every) == sorted(expected)
    assert {line.state for line in every} > {s.value for s in PRE_DECISION_STATES} & {
        line.state for line in every
    }
    active = worklist.all_cases(uow, CLERK, "active")
    assert active and {line.state for line in active} == {"active"}
    assert all(line.township for line in every)


def test_a_cadre_sees_only_their_village(demo_db: Database, uow: UnitOfWork) -> None:
    cadre = cadre_of(demo_db)
    lines = worklist.open_cases(uow, cadre)
    villages = {uow.session.get(Household, line.household_id).village_code for line in lines}  # type: ignore[union-attr]
    assert lines and villages == {cadre.area_code}
    assert worklist.open_cases(uow, cadre, area=TOWNSHIP) == lines  # asking for more shows no more


def test_a_narrower_area_is_taken_within_the_actor_s(demo_db: Database, uow: UnitOfWork) -> None:
    village = cadre_of(demo_db).area_code
    lines = worklist.open_cases(uow, CLERK, area=village)
    assert lines and lines == worklist.open_cases(uow, cadre_of(demo_db))
    assert worklist.open_cases(uow, CLERK, area="430623102000") == []  # another township: nothing
    assert worklist.reviews_due(uow, CLERK, None, area="430623102000") == []


def test_reviews_due_are_open_reviews_of_benefit_cases(uow: UnitOfWork) -> None:
    lines = worklist.reviews_due(uow, CLERK)
    assert lines and [r.due_on for r in lines] == sorted(r.due_on for r in lines)
    assert all(r.days <= worklist.REVIEW_HORIZON_DAYS for r in lines)
    assert {r.state for r in lines} <= {s.value for s in BENEFIT_STATES}
    assert len(worklist.reviews_due(uow, CLERK, None)) >= len(lines)


def test_notices_objections_and_findings(uow: UnitOfWork) -> None:
    notices = worklist.running_notices(uow, CLERK)
    in_notice = (
        uow.session.execute(select(Case.id).where(Case.state == CaseState.NOTICE.value)).scalars().all()
    )
    assert sorted(cid for n in notices if n.kind == "notice" for cid in n.case_ids) == sorted(in_notice)
    assert all(n.ends_on >= n.starts_on and n.days_left == (n.ends_on - DEMO_TODAY).days for n in notices)
    objections = worklist.open_objections(uow, CLERK)
    assert all(o.content for o in objections)
    findings = worklist.scoped_findings(uow, CLERK)
    assert not {f.code for f in findings} & worklist.LISTED_ELSEWHERE
    assert all(f.record_kind for f in findings)  # the notes of checks that could not run are not work
    work = worklist.today_work(uow, CLERK)
    assert (work.notices, work.objections, work.findings) == (notices, objections, findings)


def test_the_findings_of_an_area_are_about_its_records(uow: UnitOfWork) -> None:
    everything = checks.findings(uow.session, DEMO_TODAY)
    assert checks.findings_in(uow.session, TOWNSHIP, DEMO_TODAY) == everything  # the station's township
    case_id = next(f.record_id for f in everything if f.record_kind == "case")
    village = uow.session.execute(
        select(Household.village_code).join(Case, Case.household_id == Household.id).where(Case.id == case_id)
    ).scalar_one()
    here = set(
        uow.session.execute(
            select(Case.id)
            .join(Household, Household.id == Case.household_id)
            .where(Household.village_code == village)
        ).scalars()
    )
    found = checks.findings_in(uow.session, village, DEMO_TODAY)
    assert found and found == [f for f in everything if f.record_id in here]


def test_intake_creates_household_assets_and_accepted_case_with_deadlines(demo_db: Database) -> None:
    created = submit(demo_db, application(demo_db))
    assert created.state == CaseState.ACCEPTED.value
    assert [d.label for d in created.deadlines] == ["启动入户调查", "办理总时限"]
    assert created.deadlines[0].days_left == 3
    with demo_db.uow("test") as uow:
        assets = uow.session.execute(select(AssetItem).where(AssetItem.household_id == created.household_id))
        assert [a.description for a in assets.scalars()] == ["生猪2头"]
        found = worklist_intake.lookup_applicant(uow, CLERK, WIFE_ID.lower())
    known = found.known
    assert found.id_number == WIFE_ID and known is not None and known.household_id == created.household_id
    assert known.open_cases and created.case_number in known.open_cases[0]


def test_the_live_estimate_is_the_one_calculation(demo_db: Database) -> None:
    app = application(demo_db)
    assert app.household is not None
    with demo_db.uow("test") as uow:
        basis = worklist_intake.intake_basis(uow, CLERK)
    draft = worklist_intake.draft_estimate(
        basis, Program.DIBAO, UrbanRural.RURAL, DEMO_TODAY, app.household.members, app.household.incomes
    )
    created = submit(demo_db, app)
    with demo_db.uow("test") as uow:
        saved = assessment.estimate(uow.session, created.household_id, "dibao", DEMO_TODAY)
    assert draft == saved
    assert draft[0].per_capita_fen == 10000  # 2,400 yuan a year for two people


def test_intake_reuses_a_known_person_and_refuses_duplicates(demo_db: Database) -> None:
    created = submit(demo_db, application(demo_db, accept=False))
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="不要重复建档"):
        worklist_intake.submit_application(uow, CLERK, application(demo_db), DEMO_TODAY)
    again = worklist_intake.Application(
        WIFE_ID, Program.DIBAO, DEMO_TODAY, DEMO_TODAY, household_id=created.household_id
    )
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="不能重复申请"):
        worklist_intake.submit_application(uow, CLERK, again, DEMO_TODAY)


def test_a_cadre_may_not_take_applications(demo_db: Database) -> None:
    with demo_db.uow("cadre") as uow, pytest.raises(PermissionDenied):
        worklist_intake.submit_application(uow, cadre_of(demo_db), application(demo_db), DEMO_TODAY)


def test_steps_say_who_may_act_and_why_not(demo_db: Database) -> None:
    created = submit(demo_db, application(demo_db, accept=False))
    with demo_db.uow("test") as uow:
        snap = workspace.snapshot(uow, CLERK, created.case_id)
        assert snap.step(Action.ACCEPT).allowed
        assert not snap.step(Action.START_NOTICE).allowed and not snap.step(Action.START_NOTICE).open_in_state
        assert "不能执行" in snap.step(Action.START_NOTICE).why
        assert snap.step(Action.REFUSE_INTAKE).open_in_state  # a secondary step open now
        with pytest.raises(PermissionDenied):
            workspace.snapshot(uow, cadre_of(demo_db), created.case_id)


def test_a_case_walked_to_its_notice(demo_db: Database) -> None:
    created = submit(demo_db, application(demo_db))
    inv = InvestigationInput("home_visit", DEMO_TODAY, ["邓娟"], DEMO_TODAY, "核实无误", True)
    with pytest.raises(UserError, match="2名以上"):
        step(demo_db, CLERK, created.case_id, workspace.INVESTIGATION, inv)
    inv = InvestigationInput("home_visit", DEMO_TODAY, ["邓娟", "谭晓军"], DEMO_TODAY, "核实无误", True)
    step(demo_db, CLERK, created.case_id, workspace.INVESTIGATION, inv)
    with demo_db.uow("test") as uow:
        snap = workspace.snapshot(uow, CLERK, created.case_id)
        opinion = snap.step(Action.RECORD_OPINION)
        assert opinion.open_in_state and not opinion.allowed and "乡镇负责人" in opinion.why
        assert workspace.snapshot(uow, HEAD, created.case_id).step(opinion.key).allowed
    step(demo_db, HEAD, created.case_id, Action.RECORD_OPINION, PlainStep(DEMO_TODAY, "符合低保条件"))
    step(demo_db, CLERK, created.case_id, Action.START_NOTICE, PlainStep(DEMO_TODAY))
    with demo_db.uow("test") as uow:
        snap = workspace.snapshot(uow, CLERK, created.case_id)
        notices = worklist.running_notices(uow, CLERK)
    assert snap.state == CaseState.NOTICE.value
    assert [d.label for d in snap.deadlines] == ["初审公示期满", "办理总时限"]
    titles = [e.title for e in snap.timeline]
    assert titles == ["提交申请", "受理", "开始调查", "入户调查", "初审意见", "开始公示"]
    assert any(created.case_id in n.case_ids for n in notices)


def test_appraisal_holds_and_records_in_one_step(demo_db: Database) -> None:
    created = submit(demo_db, application(demo_db))
    inv = InvestigationInput("home_visit", DEMO_TODAY, ["邓娟", "谭晓军"], DEMO_TODAY)
    step(demo_db, CLERK, created.case_id, workspace.INVESTIGATION, inv)
    bad = AppraisalInput(DEMO_TODAY, attendance=9, representatives=3, votes_for=9, votes_against=0)
    with pytest.raises(UserError, match="三分之二"):
        step(demo_db, CLERK, created.case_id, workspace.APPRAISAL, bad)
    good = AppraisalInput(DEMO_TODAY, attendance=9, representatives=7, votes_for=8, votes_against=1)
    step(demo_db, CLERK, created.case_id, workspace.APPRAISAL, good)
    with demo_db.uow("test") as uow:
        snap = workspace.snapshot(uow, CLERK, created.case_id)
    assert snap.state == CaseState.APPRAISAL.value
    assert "通过" in snap.timeline[-1].detail


def active_case(session: Session, program: str = "dibao") -> Case:
    stmt = select(Case).join(Benefit, Benefit.case_id == Case.id)
    stmt = stmt.where(Case.state == CaseState.ACTIVE.value, Case.program == program).order_by(
        Case.case_number
    )
    return session.execute(stmt).scalars().first()  # type: ignore[return-value]


def test_a_review_proposing_a_stop_schedules_the_next(demo_db: Database) -> None:
    with demo_db.uow("test") as uow:
        case = active_case(uow.session)
        context = review_context(uow, CLERK, case.id)
    assert context.monthly_fen and context.can_exit
    data = ReviewInput(DEMO_TODAY, "子女在外务工，家庭收入明显提高", stable_income=True, proposal="stop")
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="理由"):
        record_review(uow, CLERK, case.id, data)
    data = ReviewInput(DEMO_TODAY, "子女在外务工，家庭收入明显提高", True, "stop", reason="人均收入超过标准")
    with demo_db.uow("clerk") as uow:
        record_review(uow, CLERK, case.id, data)
        uow.commit()
    with demo_db.uow("test") as uow:
        reviews = uow.session.execute(select(Review).where(Review.case_id == case.id)).scalars().all()
        done = max((r for r in reviews if r.done_on == DEMO_TODAY), key=lambda r: r.updated_at)
        pending = [r for r in reviews if r.done_on is None]
        snap = workspace.snapshot(uow, CLERK, case.id)
    assert done.proposal == "stop" and done.proposed_fen == 0 and done.reviewer == "clerk"
    assert len(pending) == 1 and pending[0].due_on > DEMO_TODAY + timedelta(days=150)
    assert snap.timeline[-1].title == "复核" and "停发" in snap.timeline[-1].detail


@pytest.mark.parametrize(
    ("proposal", "amount", "months", "message"),
    [
        ("increase", 1, None, "应高于"),
        ("reduce", 10**9, None, "应低于"),
        ("gradual_exit", None, 9, "不超过6个月"),
    ],
)
def test_review_proposals_are_checked(
    demo_db: Database, proposal: str, amount: int | None, months: int | None, message: str
) -> None:
    with demo_db.uow("clerk") as uow:
        case = active_case(uow.session)
        data = ReviewInput(DEMO_TODAY, "入户核查", True, proposal, amount, "收入变化", months)
        with pytest.raises(UserError, match=message):
            record_review(uow, CLERK, case.id, data)


def test_a_cadre_reads_no_review_outside_their_village(demo_db: Database) -> None:
    cadre = cadre_of(demo_db)
    with demo_db.uow("cadre") as uow:
        elsewhere = uow.session.execute(
            select(Case)
            .join(Household, Household.id == Case.household_id)
            .where(Household.village_code != cadre.area_code, Case.state == CaseState.ACTIVE.value)
            .limit(1)
        ).scalar_one()
        with pytest.raises(PermissionDenied):
            review_context(uow, cadre, elsewhere.id)


def test_gradual_exit_is_only_for_dibao(demo_db: Database) -> None:
    with demo_db.uow("clerk") as uow:
        case = active_case(uow.session, "tekun")
        assert not review_context(uow, CLERK, case.id).can_exit
        with pytest.raises(IllegalTransition):
            record_review(
                uow, CLERK, case.id, ReviewInput(DEMO_TODAY, "核查", True, "gradual_exit", None, "就业", 3)
            )


def test_a_stop_decision_needs_the_deciding_level(demo_db: Database) -> None:
    with demo_db.uow("clerk") as uow:
        case = active_case(uow.session)
        snap = workspace.snapshot(uow, CLERK, case.id)
        assert not snap.step(Action.STOP).allowed and "县级" in snap.step(Action.STOP).why
        with pytest.raises(PermissionDenied):
            take_step(uow, CLERK, case.id, Action.STOP, DecisionInput(DEMO_TODAY, "收入超标"))


def test_where_delegated_the_township_decides(demo_db: Database) -> None:
    with demo_db.uow("admin") as uow:
        settings.put(uow.session, "procedure.rule_mode", "delegated")
        uow.commit()
    created = submit(demo_db, application(demo_db))
    inv = InvestigationInput("home_visit", DEMO_TODAY, ["邓娟", "谭晓军"], DEMO_TODAY, "核实无误", True)
    step(demo_db, CLERK, created.case_id, workspace.INVESTIGATION, inv)
    step(demo_db, HEAD, created.case_id, Action.RECORD_OPINION, PlainStep(DEMO_TODAY, "符合低保条件"))
    step(demo_db, CLERK, created.case_id, Action.START_NOTICE, PlainStep(DEMO_TODAY))
    end = DEMO_TODAY + timedelta(days=7)
    clock.pin(end)  # the 公示 (7 days from today) has run in full
    step(demo_db, CLERK, created.case_id, Action.CLOSE_NOTICE, PlainStep(end))
    with demo_db.uow("test") as uow:
        snap = workspace.snapshot(uow, CLERK, created.case_id)
        assert snap.step(Action.APPROVE).allowed and "第二条第二款" in snap.step(Action.APPROVE).basis
    step(demo_db, CLERK, created.case_id, Action.APPROVE, DecisionInput(end))
    with demo_db.uow("test") as uow:
        snap = workspace.snapshot(uow, CLERK, created.case_id)
    assert snap.state == CaseState.ACTIVE.value and snap.monthly_fen and snap.monthly_fen > 0
    assert snap.step(Action.START_GRADUAL_EXIT).allowed and snap.step(Action.STOP).allowed


def test_an_objection_is_recorded_and_answered_by_reinvestigating(demo_db: Database) -> None:
    created = submit(demo_db, application(demo_db))
    inv = InvestigationInput("home_visit", DEMO_TODAY, ["邓娟", "谭晓军"], DEMO_TODAY)
    step(demo_db, CLERK, created.case_id, workspace.INVESTIGATION, inv)
    step(demo_db, HEAD, created.case_id, Action.RECORD_OPINION, PlainStep(DEMO_TODAY, "符合低保条件"))
    step(demo_db, CLERK, created.case_id, Action.START_NOTICE, PlainStep(DEMO_TODAY))
    objection = ObjectionInput(DEMO_TODAY, "来电", "反映该户有子女在外务工收入较高")
    step(demo_db, CLERK, created.case_id, Action.RECORD_OBJECTION, objection)
    with demo_db.uow("test") as uow:
        assert created.case_id in [o.case_id for o in worklist.open_objections(uow, CLERK)]
    step(demo_db, CLERK, created.case_id, Action.REINVESTIGATE, PlainStep(DEMO_TODAY))
    with demo_db.uow("test") as uow:
        assert created.case_id not in [o.case_id for o in worklist.open_objections(uow, CLERK)]
        snap = workspace.snapshot(uow, CLERK, created.case_id)
    assert snap.state == CaseState.INVESTIGATING.value
    assert [e.title for e in snap.timeline][-2:] == ["登记异议", "重新调查"]
