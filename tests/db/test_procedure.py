"""A case walked through the procedure by the services, with role checks and refusals that write nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain import idcard
from app.domain.codes import IncomeKind, Program, Role, Sex, UrbanRural
from app.domain.workflow import Action, CaseState
from app.errors import IllegalTransition, PermissionDenied, UserError
from app.models.area import Area
from app.models.case import Benefit, BenefitMember, Case, CaseEvent, Decision, Objection, Review
from app.models.db import Database
from app.models.household import Household
from app.models.settings import Standard
from app.services.cases import decisions, procedure
from app.services.cases.procedure import AppraisalInput
from app.services.context import Actor
from app.services.intake.household import (
    HouseholdInput,
    IncomeInput,
    MemberInput,
    create_household,
    find_person,
)

VILLAGE = "430623101201"
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")
HEAD = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
COUNTY = Actor("county", "刘敏", Role.COUNTY_STAFF, "430623000000")
CADRE = Actor("cadre", "李春生", Role.VILLAGE_CADRE, VILLAGE)
HEAD_ID = idcard.make_id("430623", date(1960, 5, 1), 11)  # male
WIFE_ID = idcard.make_id("430623", date(1962, 8, 9), 22)  # female
SON_ID = idcard.make_id("430623", date(2010, 1, 15), 33)  # male


@pytest.fixture
def db(station: Database) -> Database:
    with station.uow("admin") as uow:
        uow.session.add(Area(code=VILLAGE, level="village", name="长岭村", parent_code="430623101000"))
        uow.session.add(
            Standard(
                year=2026,
                area_code="430623000000",
                program="dibao",
                urban_rural="rural",
                amount_fen=720000,
                unit="year",
                effective_from=date(2026, 1, 1),
            )
        )
        uow.commit()
    return station


def _intake(db: Database) -> tuple[str, str]:
    data = HouseholdInput(
        village_code=VILLAGE,
        urban_rural=UrbanRural.RURAL,
        address="长岭村3组12号",
        members=[
            MemberInput("张大山", HEAD_ID, "02"),
            MemberInput("李秀英", WIFE_ID, "12"),
            MemberInput("张小明", SON_ID, "20", is_student=True),
        ],
        incomes=[
            IncomeInput(IncomeKind.FARMING, 360000, 12, member_index=0),
            IncomeInput(IncomeKind.SPECIAL_CARE, 60000, 12, member_index=0),
        ],
    )
    with db.uow("clerk") as uow:
        hh = create_household(uow, CLERK, data, today=date(2026, 11, 2))
        head_id = next(p for p in uow.session.execute(select(func.min(Household.id))).scalars())
        applicant = find_person(uow.session, HEAD_ID)
        assert applicant is not None and head_id == hh.id
        case = procedure.open_case(
            uow,
            CLERK,
            household_id=hh.id,
            applicant_id=applicant.id,
            program=Program.DIBAO,
            applied_on=date(2026, 11, 2),
            consent_on=date(2026, 11, 2),
        )
        uow.commit()
        return hh.id, case.id


def test_intake_fills_sex_and_birth_from_the_id_and_numbers_the_case(db: Database) -> None:
    _, case_id = _intake(db)
    with db.uow("check") as uow:
        wife = find_person(uow.session, WIFE_ID.lower())
        assert wife is not None and wife.sex == Sex.FEMALE.value and wife.birth_date == date(1962, 8, 9)
        assert wife.name_initials == "lxy"
        household = uow.session.get(Household, wife.household_id)
        assert household is not None and household.head_pinyin == "zhang da shan"  # orders the registry
        case = uow.session.get(Case, case_id)
        assert case is not None and case.case_number == "430623101-2026-000001"
        assert [e.action for e in procedure.history(uow.session, case_id)] == ["apply"]


def test_intake_refuses_a_person_already_on_file_and_writes_nothing(db: Database) -> None:
    _intake(db)
    data = HouseholdInput(VILLAGE, UrbanRural.RURAL, "", [MemberInput("张大山", HEAD_ID, "02")])
    with db.uow("clerk") as uow, pytest.raises(UserError, match="已在张大山户的档案中") as exc:
        create_household(uow, CLERK, data)
    assert exc.value.row == 1
    with db.uow("check") as uow:
        assert uow.session.execute(select(func.count()).select_from(Household)).scalar_one() == 1


@pytest.mark.parametrize(
    ("members", "message", "field"),
    [
        ([MemberInput("甲", "430623196005010012", "02")], "校验位", "身份证号"),
        ([MemberInput("甲", HEAD_ID, "02", sex=Sex.FEMALE)], "性别", "性别"),
        ([MemberInput("甲", HEAD_ID, "12")], "户主", "与户主关系"),
        ([MemberInput("甲", HEAD_ID, "02"), MemberInput("乙", HEAD_ID, "20")], "重复", "身份证号"),
    ],
)
def test_intake_names_the_row_and_field_at_fault(
    db: Database, members: list[MemberInput], message: str, field: str
) -> None:
    with db.uow("clerk") as uow, pytest.raises(UserError, match=message) as exc:
        create_household(uow, CLERK, HouseholdInput(VILLAGE, UrbanRural.RURAL, "", members))
    assert exc.value.field == field


def test_a_case_through_to_approval_with_the_amount_the_rules_give(db: Database) -> None:
    _, case_id = _intake(db)
    d = date(2026, 11, 3)
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.ACCEPT, d)
        procedure.act(uow, CLERK, case_id, Action.START_INVESTIGATION, date(2026, 11, 4))
        with pytest.raises(UserError, match="2名以上"):
            procedure.record_investigation(
                uow, CLERK, case_id, kind="home_visit", started_on=date(2026, 11, 4), staff=["周敏", "周敏"]
            )
        procedure.record_investigation(
            uow,
            CLERK,
            case_id,
            kind="home_visit",
            started_on=date(2026, 11, 4),
            staff=["周敏", "罗斌"],
            finished_on=date(2026, 11, 6),
            eligible=True,
        )
        with pytest.raises(PermissionDenied, match="乡镇负责人"):
            procedure.act(uow, CLERK, case_id, Action.RECORD_OPINION, date(2026, 11, 9), "符合条件")
        procedure.act(uow, HEAD, case_id, Action.RECORD_OPINION, date(2026, 11, 9), "经调查符合条件，拟同意")
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, date(2026, 11, 10))
        procedure.act(uow, CLERK, case_id, Action.CLOSE_NOTICE, date(2026, 11, 17))
        with pytest.raises(PermissionDenied, match="县级"):
            decisions.approve(uow, CLERK, case_id, date(2026, 11, 20))
        decision = decisions.approve(uow, COUNTY, case_id, date(2026, 11, 20))
        uow.commit()
    # standard 7,200/yr = 600/month; counted income 3,600/yr = 300/month (优抚金 excluded) over 3 → 100;
    # gap (600 − 100) × 3 = 1,500; no top-ups apply under the default rules.
    assert decision.amount_fen == 150000 and decision.start_month == "2026-12"
    with db.uow("check") as uow:
        benefit = uow.session.execute(select(Benefit)).scalar_one()
        assert (benefit.status, benefit.monthly_fen, benefit.base_fen) == ("active", 150000, 150000)
        assert uow.session.execute(select(func.count()).select_from(BenefitMember)).scalar_one() == 3
        assert uow.session.execute(select(Review.due_on)).scalar_one() == date(2027, 11, 20)
        events = procedure.history(uow.session, case_id)
        assert [e.to_state for e in events][-1] == CaseState.ACTIVE.value
        assert events[-1].actor == "county" and "第二十" in events[-1].legal_basis


def test_illegal_steps_and_wrong_actors_are_refused(db: Database) -> None:
    _, case_id = _intake(db)
    with db.uow("clerk") as uow:
        with pytest.raises(IllegalTransition, match=r"当前状态为“申请”.*可执行的操作"):
            procedure.act(uow, CLERK, case_id, Action.START_NOTICE, date(2026, 11, 3))
        with pytest.raises(PermissionDenied):
            procedure.act(uow, CADRE, case_id, Action.ACCEPT, date(2026, 11, 3))
        with pytest.raises(UserError, match="须写明理由"):
            procedure.act(uow, CLERK, case_id, Action.REFUSE_INTAKE, date(2026, 11, 3))
        with pytest.raises(UserError, match="不能早于"):
            procedure.act(uow, CLERK, case_id, Action.ACCEPT, date(2026, 10, 1))
    other = Actor("c2", "外乡镇", Role.TOWNSHIP_CLERK, "430623102000")
    with db.uow("c2") as uow, pytest.raises(PermissionDenied, match="管辖范围"):
        procedure.act(uow, other, case_id, Action.ACCEPT, date(2026, 11, 3))
    with db.uow("check") as uow:
        assert len(procedure.history(uow.session, case_id)) == 1


def test_appraisal_needs_two_thirds_representatives(db: Database) -> None:
    _, case_id = _intake(db)
    with db.uow("clerk") as uow:
        for action in (Action.ACCEPT, Action.START_INVESTIGATION, Action.HOLD_APPRAISAL):
            procedure.act(uow, CLERK, case_id, action, date(2026, 11, 5))
        with pytest.raises(UserError, match="三分之二"):
            procedure.record_appraisal(uow, CLERK, case_id, AppraisalInput(date(2026, 11, 5), 30, 19, 25, 5))
        ok = procedure.record_appraisal(
            uow, CLERK, case_id, AppraisalInput(date(2026, 11, 5), 30, 20, 20, 10)
        )
        close = procedure.record_appraisal(
            uow, CLERK, case_id, AppraisalInput(date(2026, 11, 5), 30, 20, 19, 11)
        )
    assert ok.passed and not close.passed


def test_objection_moves_the_case_and_an_override_needs_a_reason(db: Database) -> None:
    _, case_id = _intake(db)
    with db.uow("clerk") as uow:
        for action in (Action.ACCEPT, Action.START_INVESTIGATION):
            procedure.act(uow, CLERK, case_id, action, date(2026, 11, 4))
        procedure.record_investigation(
            uow,
            CLERK,
            case_id,
            kind="home_visit",
            started_on=date(2026, 11, 4),
            staff=["周敏", "罗斌"],
            finished_on=date(2026, 11, 5),
        )
        procedure.act(uow, HEAD, case_id, Action.RECORD_OPINION, date(2026, 11, 6), "拟同意")
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, date(2026, 11, 9))
        procedure.record_objection(
            uow,
            CLERK,
            case_id,
            received_on=date(2026, 11, 10),
            channel="来电",
            content="反映有子女在外务工",
            real_name=True,
        )
        case = uow.session.get(Case, case_id)
        assert case is not None and case.state == CaseState.OBJECTION.value
        for action, on, why in ((Action.REINVESTIGATE, date(2026, 11, 11), ""),):
            procedure.act(uow, CLERK, case_id, action, on, why)
        uow.commit()
    with db.uow("county") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        case.state, case.state_since = CaseState.SUBMITTED.value, date(2026, 11, 20)  # fast-forward
        with pytest.raises(UserError, match="须写明调整理由"):
            decisions.approve(uow, COUNTY, case_id, date(2026, 11, 24), amount_fen=160000)
        decisions.approve(uow, COUNTY, case_id, date(2026, 11, 24), amount_fen=160000, reason="重病支出较大")
        assert uow.session.execute(select(Decision.amount_fen)).scalar_one() == 160000


def test_gradual_exit_longer_than_six_months_is_refused(db: Database) -> None:
    _, case_id = _intake(db)
    with db.uow("county") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        case.state, case.state_since = CaseState.SUBMITTED.value, date(2026, 11, 20)
        decisions.approve(uow, COUNTY, case_id, date(2026, 11, 24))
        with pytest.raises(UserError, match="6"):
            decisions.gradual_exit(uow, COUNTY, case_id, date(2027, 3, 1), 7, "就业")
        decisions.gradual_exit(uow, COUNTY, case_id, date(2027, 3, 1), 6, "就业后收入超过标准")
        benefit = uow.session.execute(select(Benefit)).scalar_one()
        assert (benefit.exit_start_month, benefit.exit_end_month) == ("2027-04", "2027-09")
        decisions.stop(uow, COUNTY, case_id, date(2027, 9, 20), "渐退期满")
        assert benefit.status == "stopped" and benefit.end_month == "2027-09"
        assert uow.session.execute(select(func.count()).select_from(CaseEvent)).scalar_one() == 4


def test_starting_the_notice_posts_the_case_on_the_village_notice(db: Database) -> None:
    from app.models.notice import NoticeEntry, PublicNotice
    from app.printing.catalog import NoticeKind
    from app.services.cases import printing

    _, case_id = _intake(db)
    with db.uow("clerk") as uow:
        for action in (Action.ACCEPT, Action.START_INVESTIGATION):
            procedure.act(uow, CLERK, case_id, action, date(2026, 11, 4))
        procedure.record_investigation(
            uow,
            CLERK,
            case_id,
            kind="home_visit",
            started_on=date(2026, 11, 4),
            staff=["周敏", "罗斌"],
            finished_on=date(2026, 11, 5),
        )
        procedure.act(uow, HEAD, case_id, Action.RECORD_OPINION, date(2026, 11, 6), "拟同意")
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, date(2026, 11, 9))
        procedure.record_objection(
            uow, CLERK, case_id, received_on=date(2026, 11, 10), channel="来信", content="反映有车辆"
        )
        uow.commit()
    with db.uow("check") as uow:
        notice = uow.session.execute(select(PublicNotice)).scalar_one()
        entry = uow.session.execute(select(NoticeEntry)).scalar_one()
        objection = uow.session.execute(select(Objection)).scalar_one()
        # 7 calendar days, first day included: 11-09 … 11-15; (600 − 100) × 3 = 1,500 元 proposed
        assert (notice.kind, notice.village_code, notice.starts_on, notice.ends_on) == (
            "preliminary",
            VILLAGE,
            date(2026, 11, 9),
            date(2026, 11, 15),
        )
        assert (entry.display_name, entry.persons, entry.monthly_fen, entry.category) == (
            "张大山",
            3,
            150000,
            "农村低保",
        )
        assert objection.notice_id == notice.id
        printed = printing.notice(uow, CLERK, VILLAGE, NoticeKind.PRELIMINARY, date(2026, 11, 12))
    assert printed.pages == 1
