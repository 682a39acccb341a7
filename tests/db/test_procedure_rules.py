"""The procedure as the rules say, through the services: a 公示 runs its full period (S1 Art.19; S4 Art.15),
the objection's re-check goes to the county (S1 Art.19 ¶2), 单人户 (S1 Art.8; S5), the first review's
cadence (S1 Art.31; S2 Art.33), and the audit checks of domain.md §5 on what they find."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app import clock
from app.domain import idcard
from app.domain.codes import DisabilityCategory, Employment, IncomeKind, Program, Role, UrbanRural
from app.domain.workflow import Action, CaseState
from app.errors import UserError
from app.models.area import Area
from app.models.case import Benefit, BenefitMember, Case, CaseEvent, Review
from app.models.db import Database
from app.models.household import IncomeItem, Person
from app.models.matching import MatchFlag, MatchList
from app.models.notice import PublicNotice
from app.models.settings import Standard
from app.services import settings
from app.services.cases import decisions, procedure, worklist, workspace
from app.services.cases.county_review import NOT_DRAWN, SPOT_CHECK
from app.services.cases.procedure import append_event
from app.services.context import Actor
from app.services.intake.household import HouseholdInput, IncomeInput, MemberInput, create_household
from app.services.reports import checks

VILLAGE = "430623101201"
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")
HEAD = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
COUNTY = Actor("county", "刘敏", Role.COUNTY_STAFF, "430623000000")
D = date
DECEMBER = date(2026, 12, 10)  # a benefit approved on 11-20 pays from December


@pytest.fixture
def db(station: Database) -> Database:
    with station.uow("admin") as uow:
        uow.session.add(Area(code=VILLAGE, level="village", name="长岭村", parent_code="430623101000"))
        for urban_rural in ("rural", "urban"):
            uow.session.add(
                Standard(
                    year=2026,
                    area_code="430623000000",
                    program="dibao",
                    urban_rural=urban_rural,
                    amount_fen=720000,  # 600 元 a month
                    unit="year",
                    effective_from=D(2026, 1, 1),
                )
            )
        uow.commit()
    return station


def member(name: str, born: date, seq: int, relation: str, **extra: object) -> MemberInput:
    return MemberInput(name, idcard.make_id("430623", born, seq), relation, **extra)  # type: ignore[arg-type]


def household(
    db: Database, members: list[MemberInput], incomes: list[IncomeInput], urban: bool = False
) -> dict[str, str]:
    """The household's person ids by name."""
    data = HouseholdInput(
        VILLAGE, UrbanRural.URBAN if urban else UrbanRural.RURAL, "长岭村3组", members, incomes
    )
    with db.uow("clerk") as uow:
        hh = create_household(uow, CLERK, data, today=D(2026, 11, 2))
        ids = {
            p.name: p.id
            for p in uow.session.execute(select(Person).where(Person.household_id == hh.id)).scalars()
        }
        uow.commit()
    return ids


def open_case(
    db: Database, ids: dict[str, str], applicant: str, program: Program = Program.DIBAO, single: bool = False
) -> str:
    with db.uow("clerk") as uow:
        person = uow.session.get(Person, ids[applicant])
        assert person is not None
        case = procedure.open_case(
            uow,
            CLERK,
            household_id=person.household_id,
            applicant_id=person.id,
            program=program,
            applied_on=D(2026, 11, 2),
            single_person=single,
            consent_on=D(2026, 11, 2),
        )
        uow.commit()
        return case.id


NOTICE_DAY = D(2026, 11, 9)


def to_notice(db: Database, case_id: str, start: date = NOTICE_DAY) -> None:
    """Accepted, investigated by two, the head's opinion, and the 公示 started on ``start``."""
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.ACCEPT, D(2026, 11, 2))
        procedure.act(uow, CLERK, case_id, Action.START_INVESTIGATION, D(2026, 11, 3))
        procedure.record_investigation(
            uow, CLERK, case_id, kind="home_visit", started_on=D(2026, 11, 3), staff=["周敏", "罗斌"],
            finished_on=D(2026, 11, 4), eligible=True,
        )  # fmt: skip
        procedure.act(uow, HEAD, case_id, Action.RECORD_OPINION, D(2026, 11, 5), "经调查符合条件，拟同意")
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, start)
        uow.commit()


def events(db: Database, case_id: str) -> int:
    with db.uow("check") as uow:
        return uow.session.execute(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
        ).scalar_one()


def state(db: Database, case_id: str) -> str:
    with db.uow("check") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        return case.state


def family(db: Database) -> dict[str, str]:
    """张大山's household of three: farming income 300 元 a month (100 per head, well under 600)."""
    return household(
        db,
        [member("张大山", D(1960, 5, 1), 11, "02"), member("李秀英", D(1962, 8, 9), 22, "12")],
        [IncomeInput(IncomeKind.FARMING, 360000, 12, member_index=0)],
    )


# ------------------------------------------------------------------ a 公示 runs its full period


def test_S1_art19_the_notice_cannot_be_closed_before_its_last_day_and_says_until_when(db: Database) -> None:
    case_id = open_case(db, family(db), "张大山")
    to_notice(db, case_id, D(2026, 11, 18))  # 7 days: 11-18 … 11-24 (a Tuesday)
    before = events(db, case_id)
    for on in (D(2026, 11, 24), D(2026, 11, 25)):  # its last day; the day after, while today is 11-20
        with db.uow("clerk") as uow, pytest.raises(UserError) as refused:
            procedure.act(uow, CLERK, case_id, Action.CLOSE_NOTICE, on)
        assert "公示期至2026年11月24日（周二）止" in refused.value.message
        assert "第十九条" in refused.value.message and refused.value.field == "日期"
    assert events(db, case_id) == before and state(db, case_id) == "notice"
    with db.uow("check") as uow:  # the workspace shows the step disabled, with the same reason
        option = workspace.snapshot(uow, CLERK, case_id).step(Action.CLOSE_NOTICE)
    assert not option.allowed and option.open_in_state and "2026年11月24日" in option.why
    clock.pin(D(2026, 11, 25))
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.CLOSE_NOTICE, D(2026, 11, 25))
        uow.commit()
    assert state(db, case_id) == "submitted"


def test_S4_art15_the_tekun_notice_runs_its_full_period_too(db: Database) -> None:
    ids = household(db, [member("钱老汉", D(1950, 2, 3), 31, "02")], [])
    case_id = open_case(db, ids, "钱老汉", Program.TEKUN)
    to_notice(db, case_id, D(2026, 11, 16))  # 11-16 … 11-22
    with (
        db.uow("clerk") as uow,
        pytest.raises(UserError, match=r"2026年11月22日（周日）止.*特困人员认定办法》第十五条"),
    ):
        procedure.act(uow, CLERK, case_id, Action.CLOSE_NOTICE, D(2026, 11, 20))
    clock.pin(D(2026, 11, 23))
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.CLOSE_NOTICE, D(2026, 11, 23))
        uow.commit()
    assert state(db, case_id) == "submitted"


def test_a_notice_ending_on_a_sunday_says_so_and_is_not_due_today_on_friday(db: Database) -> None:
    case_id = open_case(db, family(db), "张大山")
    to_notice(db, case_id, D(2026, 11, 16))  # ends Sunday 11-22; today is Friday 11-20
    with db.uow("check") as uow:
        line = next(c for c in worklist.open_cases(uow, CLERK) if c.case_id == case_id)
        board = next(n for n in worklist.running_notices(uow, CLERK))
        found = [f for f in checks.findings(uow.session, D(2026, 11, 20)) if f.record_id == case_id]
    assert (line.due, line.days_left, line.note) == (D(2026, 11, 22), 0, "截止日为周日")
    assert board.note == "截止日为周日" and board.days_left == 2
    soon = next(f for f in found if f.code == "deadline_soon")
    assert "今天到期" not in soon.reason and "11月22日到期" in soon.reason and "截止日为周日" in soon.reason


# ------------------------------------------------------------------ S1 Art.19 ¶2: objection and re-check


def objected(db: Database, program: Program = Program.DIBAO) -> str:
    ids = (
        family(db)
        if program is Program.DIBAO
        else household(db, [member("钱老汉", D(1950, 2, 3), 31, "02")], [])
    )
    case_id = open_case(db, ids, next(iter(ids)), program)
    to_notice(db, case_id)
    with db.uow("clerk") as uow:
        procedure.record_objection(
            uow, CLERK, case_id, received_on=D(2026, 11, 11), channel="来电", content="反映有子女在外务工"
        )
        procedure.act(uow, CLERK, case_id, Action.REINVESTIGATE, D(2026, 11, 12))
        uow.commit()
    return case_id


def recheck(db: Database, case_id: str) -> None:
    with db.uow("clerk") as uow:
        with pytest.raises(UserError, match="须重新组织调查核实或开展民主评议"):  # the old visit does not do
            procedure.act(uow, HEAD, case_id, Action.RECORD_OPINION, D(2026, 11, 13), "复查后仍符合条件")
        procedure.record_investigation(
            uow, CLERK, case_id, kind="home_visit", started_on=D(2026, 11, 12), staff=["周敏", "罗斌"],
            finished_on=D(2026, 11, 13), eligible=True, findings="子女已分户，收入与申报一致",
        )  # fmt: skip
        procedure.act(uow, HEAD, case_id, Action.RECORD_OPINION, D(2026, 11, 13), "复查后仍符合条件，拟同意")
        uow.commit()


def notices(db: Database) -> int:
    with db.uow("check") as uow:
        return uow.session.execute(select(func.count()).select_from(PublicNotice)).scalar_one()


def test_S1_art19_para2_after_the_recheck_the_new_opinion_goes_to_the_county_without_a_second_notice(
    db: Database,
) -> None:
    case_id = objected(db)
    recheck(db, case_id)
    with db.uow("clerk") as uow, pytest.raises(UserError, match="不再重新公示"):
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, D(2026, 11, 16))
    with db.uow("check") as uow:
        snap = workspace.snapshot(uow, CLERK, case_id)
    assert snap.step(Action.SUBMIT_RECHECKED).allowed and not snap.step(Action.START_NOTICE).allowed
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.SUBMIT_RECHECKED, D(2026, 11, 16))
        uow.commit()
        last = procedure.history(uow.session, case_id)[-1]
    assert state(db, case_id) == "submitted" and notices(db) == 1
    assert last.legal_basis == "《最低生活保障审核确认办法》第十九条第二款"


def test_S1_art19_para2_a_local_setting_asks_for_a_second_notice(db: Database) -> None:
    with db.uow("admin") as uow:
        settings.put(uow.session, "procedure.renotice_after_objection", True)
        uow.commit()
    case_id = objected(db)
    recheck(db, case_id)
    with db.uow("clerk") as uow, pytest.raises(UserError, match=r"按本地规定.*须重新公示"):
        procedure.act(uow, CLERK, case_id, Action.SUBMIT_RECHECKED, D(2026, 11, 16))
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, D(2026, 11, 16))
        uow.commit()
    assert state(db, case_id) == "notice" and notices(db) == 2


def test_S1_art19_para1_an_opinion_never_objected_to_is_published_first(db: Database) -> None:
    case_id = open_case(db, family(db), "张大山")
    to_notice(db, case_id)
    with db.uow("clerk") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
    with db.uow("check") as uow:
        snap = workspace.snapshot(uow, CLERK, case_id)
    assert all(s.key != Action.SUBMIT_RECHECKED for s in snap.steps)  # not offered without an objection


def test_S4_art15_para2_a_tekun_opinion_after_an_objection_is_published_again(db: Database) -> None:
    case_id = objected(db, Program.TEKUN)
    recheck(db, case_id)
    with db.uow("clerk") as uow:
        procedure.act(uow, CLERK, case_id, Action.START_NOTICE, D(2026, 11, 16))
        uow.commit()
    assert state(db, case_id) == "notice" and notices(db) == 2


# ------------------------------------------------------------------ S1 Art.8; S5: 单人户


def edge_family(db: Database, head_wage_fen: int = 210000) -> dict[str, str]:
    """A 低保边缘 household of three (wage 2,100 + 100 = 2,200 元 a month: 733 per head, under 1.5 × 600)
    whose son has a grade-1 physical disability, is out of work and has 100 元 a month of his own."""
    return household(
        db,
        [
            member("赵建国", D(1976, 4, 1), 51, "02"),
            member("孙丽", D(1978, 9, 9), 62, "12"),
            member(
                "赵小军",
                D(2000, 1, 15),
                73,
                "20",
                disability_category=DisabilityCategory.PHYSICAL,
                disability_grade=1,
                employment=Employment.UNEMPLOYED_REGISTERED.value,
            ),
        ],
        [
            IncomeInput(IncomeKind.WAGE, head_wage_fen, 1, member_index=0),
            IncomeInput(IncomeKind.OTHER, 10000, 1, member_index=2),
        ],
    )


def submit(db: Database, case_id: str) -> None:
    """Fast-forward a case to the county (the steps before are tested above)."""
    with db.uow("county") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        case.state, case.state_since = CaseState.SUBMITTED.value, D(2026, 11, 16)
        uow.commit()


def test_S1_art8_a_lawful_single_person_is_approved_alone_on_his_own_income(db: Database) -> None:
    ids = edge_family(db)
    case_id = open_case(db, ids, "赵小军", single=True)
    with db.uow("check") as uow:
        (applied,) = procedure.history(uow.session, case_id)
    assert "单独申请：成年无业重度残疾人" in applied.reason and "第八条" in applied.legal_basis  # the ground
    submit(db, case_id)
    with db.uow("county") as uow:
        decision = decisions.approve(uow, COUNTY, case_id, D(2026, 11, 20))
        uow.commit()
    assert decision.amount_fen == 50000  # a household of one: (600 − 100) × 1
    with db.uow("check") as uow:
        covered = uow.session.execute(select(BenefitMember.person_id)).scalars().all()
        found = [
            f for f in checks.findings(uow.session, D(2026, 11, 20)) if f.subject.startswith("430623101")
        ]
    assert covered == [ids["赵小军"]]
    assert not [f for f in found if f.code in ("amount_mismatch", "covered_members", "single_person_covered")]


def test_S1_art8_a_member_without_a_ground_cannot_apply_alone_and_nothing_is_written(db: Database) -> None:
    ids = edge_family(db)
    with (
        db.uow("clerk") as uow,
        pytest.raises(UserError, match="孙丽不能单独申请：不符合单独申请") as refused,
    ):
        person = uow.session.get(Person, ids["孙丽"])
        assert person is not None
        procedure.open_case(
            uow, CLERK, household_id=person.household_id, applicant_id=person.id, program=Program.DIBAO,
            applied_on=D(2026, 11, 2), single_person=True, consent_on=D(2026, 11, 2),
        )  # fmt: skip
    assert refused.value.field == "单独申请" and "保障标准600.00元" in refused.value.message
    with db.uow("check") as uow:
        assert uow.session.execute(select(func.count()).select_from(Case)).scalar_one() == 0


def test_S5_a_household_that_qualifies_is_enrolled_whole_checked_again_at_approval(db: Database) -> None:
    ids = edge_family(db)
    case_id = open_case(db, ids, "赵小军", single=True)
    submit(db, case_id)
    with db.uow("clerk") as uow:  # the head lost his job: the household now qualifies as a whole
        wage = uow.session.execute(select(IncomeItem).where(IncomeItem.kind == "wage")).scalar_one()
        wage.amount_fen = 50000
        uow.commit()
    with db.uow("county") as uow, pytest.raises(UserError, match="全部纳入保障"):
        decisions.approve(uow, COUNTY, case_id, D(2026, 11, 20))
    assert state(db, case_id) == "submitted"


# ------------------------------------------------------------------ the first review's cadence


def approved_review(db: Database, ids: dict[str, str], applicant: str, mode: str = "2021") -> Review:
    case_id = open_case(db, ids, applicant)
    with db.uow("county") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        case.rule_mode = mode
        if mode == "2012":  # 公示 ended, and the county's spot check of the batch drawn (S2 Art.26, 29)
            case.state, case.state_since = CaseState.COUNTY_NOTICE.value, D(2026, 11, 10)
            append_event(
                uow.session, case, SPOT_CHECK, "submitted", "submitted", D(2026, 11, 9), COUNTY, "", NOT_DRAWN
            )
        else:
            case.state, case.state_since = CaseState.SUBMITTED.value, D(2026, 11, 16)
        decisions.approve(uow, COUNTY, case_id, D(2026, 11, 20))
        uow.commit()
        return uow.session.execute(select(Review).where(Review.case_id == case_id)).scalar_one()


def test_S1_art31_a_stable_household_is_reviewed_after_the_local_stable_interval(db: Database) -> None:
    review = approved_review(db, family(db), "张大山")
    assert (review.frequency, review.due_on) == ("yearly", D(2027, 11, 20))
    with db.uow("admin") as uow:
        settings.put(uow.session, "procedure.review_stable_months", 9)
        uow.commit()
    ids = household(db, [member("吴伯", D(1950, 1, 1), 91, "02")], [])
    assert approved_review(db, ids, "吴伯").due_on == D(2027, 8, 20)


def unstable(db: Database, urban: bool) -> dict[str, str]:
    worker = member("郑强", D(1990, 6, 6), 81, "02", employment=Employment.FLEXIBLE.value)
    return household(db, [worker], [IncomeInput(IncomeKind.WAGE, 20000, 1, member_index=0)], urban=urban)


def test_S1_art31_income_without_a_fixed_source_is_reviewed_every_six_months(db: Database) -> None:
    review = approved_review(db, unstable(db, urban=False), "郑强")
    assert (review.frequency, review.due_on) == ("half_yearly", D(2027, 5, 20))


@pytest.mark.parametrize(
    ("urban", "frequency", "due"), [(True, "monthly", D(2026, 12, 20)), (False, "quarterly", D(2027, 2, 20))]
)
def test_S2_art33_unstable_income_with_working_capacity_urban_monthly_rural_quarterly(
    db: Database, urban: bool, frequency: str, due: date
) -> None:
    review = approved_review(db, unstable(db, urban), "郑强", mode="2012")
    assert (review.frequency, review.due_on) == (frequency, due)


# ------------------------------------------------------------------ domain.md §5 on what it finds


def test_item1_a_dead_person_still_paid_is_found_by_name_from_the_file_or_the_death_list(
    db: Database,
) -> None:
    ids = family(db)
    approved_review(db, ids, "张大山")
    with db.uow("clerk") as uow:
        wife = uow.session.get(Person, ids["李秀英"])
        assert wife is not None
        wife.death_date = D(2026, 10, 3)
        uow.commit()
    with db.uow("check") as uow:
        (dead,) = [f for f in checks.findings(uow.session, DECEMBER) if f.code == "paid_after_death"]
    assert "李秀英已于2026年10月3日死亡" in dead.reason and "李秀英" in dead.subject
    with db.uow("clerk") as uow:  # the file does not know; an imported death list does
        wife = uow.session.get(Person, ids["李秀英"])
        assert wife is not None
        wife.death_date = None
        listing = MatchList(kind="death", file_name="火化.xlsx", imported_at=clock.now())
        uow.session.add(listing)
        uow.session.flush()
        benefit = uow.session.execute(select(Benefit)).scalar_one()
        uow.session.add(
            MatchFlag(
                list_id=listing.id, kind="death", id_number=wife.id_number, row_no=2, row_data="{}",
                event_date=D(2026, 9, 30), person_id=wife.id, household_id=wife.household_id,
                case_id=benefit.case_id, benefit_id=benefit.id, covered=True, reason="已死亡",
            )
        )  # fmt: skip
        uow.commit()
    with db.uow("check") as uow:
        found = checks.findings(uow.session, DECEMBER)
    (dead,) = [f for f in found if f.code == "paid_after_death"]
    assert "李秀英已于2026年9月30日死亡" in dead.reason
    assert not [f for f in found if f.code == "check_not_run" and f.item == 1]  # a death list is in


def test_every_check_of_section5_runs_or_says_why_it_cannot(db: Database) -> None:
    approved_review(db, family(db), "张大山")
    with db.uow("check") as uow:
        found = checks.findings(uow.session, D(2026, 11, 20))
    not_run = {f.item: f.reason for f in found if f.code == "check_not_run"}
    assert set(not_run) == {1, 2, 3, 6, 10}
    assert "死亡、火化名单" in not_run[1] and "跨县" in not_run[2] and "车辆登记信息" in not_run[3]
    assert all(f.record_kind == "" for f in found if f.code == "check_not_run")
