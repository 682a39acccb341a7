"""Home visits: the household's investigations and reviews newest first, and recording an 入户走访."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.domain.codes import Role
from app.domain.workflow import TERMINAL_STATES, CaseState
from app.errors import PermissionDenied, UserError
from app.models.case import Case, Investigation, Review
from app.models.db import Database
from app.models.household import Household
from app.services.context import Actor
from app.services.households import visits
from tests.conftest import DEMO_TODAY
from tests.db.test_procedure import CADRE, CLERK, VILLAGE

STAFF = ["张丽", "王强"]


def household_with(db: Database, state: CaseState, village: str | None = None) -> str:
    """A demo household with a case in ``state`` (in ``village`` when given) and no other open case."""
    with db.uow("test") as uow:
        query = (
            select(Case.household_id)
            .join(Household, Household.id == Case.household_id)
            .where(Case.state == state.value)
            .order_by(Case.household_id)
        )
        if village:
            query = query.where(Household.village_code == village)
        return uow.session.execute(query.limit(1)).scalar_one()


def visit_counts(db: Database, household_id: str) -> tuple[int, int]:
    """Investigations and done reviews of the household's cases, counted in SQL."""
    with db.uow("test") as uow:
        s = uow.session
        ids = select(Case.id).where(Case.household_id == household_id)
        return (
            s.execute(select(func.count()).where(Investigation.case_id.in_(ids))).scalar_one(),
            s.execute(
                select(func.count()).where(Review.case_id.in_(ids), Review.done_on.is_not(None))
            ).scalar_one(),
        )


def test_the_list_holds_every_investigation_and_done_review_newest_first(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    investigations, reviews = visit_counts(demo_db, hh)
    assert investigations >= 1 and reviews >= 1  # the demo's paid households were investigated and reviewed
    with demo_db.uow("test") as uow:
        rows = visits.list_visits(uow.session, hh)
        numbers = set(uow.session.execute(select(Case.case_number).where(Case.household_id == hh)).scalars())
    assert len(rows) == investigations + reviews
    assert [r.on for r in rows] == sorted((r.on for r in rows), reverse=True)
    assert {r.case_number for r in rows} <= numbers
    assert sum(r.kind.endswith("复核") for r in rows) == reviews
    assert all(r.staff for r in rows if r.kind == "入户调查")
    assert all("建议：" in r.findings for r in rows if r.kind.endswith("复核"))


def test_a_recorded_visit_under_a_paid_case_appears_first(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    with demo_db.uow("test") as uow:
        target = visits.visit_target(uow.session, hh)
        before = len(visits.list_visits(uow.session, hh))
    assert target.case_id is not None and target.reason == ""
    with demo_db.uow("clerk") as uow:
        visit_id = visits.record_visit(uow, CLERK, hh, DEMO_TODAY, ["张丽", " 王强 ", "张丽"], "家中无变化")
        uow.commit()
    with demo_db.uow("test") as uow:
        rows = visits.list_visits(uow.session, hh)
        saved = uow.session.get(Investigation, visit_id)
        assert saved is not None
        assert (saved.case_id, saved.kind, saved.staff) == (target.case_id, visits.VISIT, "张丽、王强")
        assert saved.finished_on == DEMO_TODAY
    assert len(rows) == before + 1
    newest = rows[0]
    assert (newest.visit_id, newest.on, newest.kind) == (visit_id, DEMO_TODAY, "入户走访")
    assert (newest.staff, newest.case_number, newest.findings) == (
        "张丽、王强",
        target.case_number,
        "家中无变化",
    )


def test_a_visit_during_the_investigation_is_its_home_investigation(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.INVESTIGATING)
    with demo_db.uow("clerk") as uow:
        case = uow.session.execute(
            select(Case).where(Case.household_id == hh, Case.state == CaseState.INVESTIGATING.value)
        ).scalar_one()
        visit_id = visits.record_visit(uow, CLERK, hh, DEMO_TODAY, STAFF, "住房简陋，无劳动力")
        uow.commit()
        case_id = case.id
    with demo_db.uow("test") as uow:
        saved = uow.session.get(Investigation, visit_id)
        assert saved is not None and (saved.case_id, saved.kind) == (case_id, "home_visit")
        assert visits.list_visits(uow.session, hh)[0].kind == "入户调查"


@pytest.mark.parametrize(
    ("staff", "on", "findings", "field"),
    [
        (["张丽"], DEMO_TODAY, "家中无变化", "走访人员"),
        (["张丽", "张丽"], DEMO_TODAY, "家中无变化", "走访人员"),
        (STAFF, clock.today() + timedelta(days=1), "家中无变化", "走访日期"),
        (STAFF, date(2000, 1, 1), "家中无变化", "走访日期"),
        (STAFF, DEMO_TODAY, "  ", "走访情况"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    demo_db: Database, staff: list[str], on: date, findings: str, field: str
) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    before = visit_counts(demo_db, hh)
    with demo_db.uow("clerk") as uow, pytest.raises(UserError) as refused:
        visits.record_visit(uow, CLERK, hh, on, staff, findings)
    assert refused.value.field == field
    assert visit_counts(demo_db, hh) == before


def test_one_staff_member_is_refused_with_the_rule(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="2名以上工作人员"):
        visits.record_visit(uow, CLERK, hh, DEMO_TODAY, ["张丽"], "家中无变化")


def test_a_village_cadre_may_not_record_a_visit(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    before = visit_counts(demo_db, hh)
    with demo_db.uow("cadre") as uow, pytest.raises(PermissionDenied, match="村"):
        visits.record_visit(uow, CADRE, hh, DEMO_TODAY, STAFF, "家中无变化")
    assert visit_counts(demo_db, hh) == before


def test_a_clerk_of_another_township_may_not_record_a_visit(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    other = Actor("other", "赵六", Role.TOWNSHIP_CLERK, "430623102000")
    with demo_db.uow("other") as uow, pytest.raises(PermissionDenied, match="管辖范围"):
        visits.record_visit(uow, other, hh, DEMO_TODAY, STAFF, "家中无变化")


def case_states(db: Database) -> dict[str, set[CaseState]]:
    """The states of each household's cases."""
    with db.uow("test") as uow:
        states: dict[str, set[CaseState]] = {}
        for household_id, state in uow.session.execute(select(Case.household_id, Case.state)):
            states.setdefault(household_id, set()).add(CaseState(state))
        return states


def test_with_only_closed_cases_the_visits_show_but_none_can_be_recorded(demo_db: Database) -> None:
    hh = next(h for h, found in sorted(case_states(demo_db).items()) if found <= TERMINAL_STATES)
    before = visit_counts(demo_db, hh)
    with demo_db.uow("test") as uow:
        target = visits.visit_target(uow.session, hh)
        assert len(visits.list_visits(uow.session, hh)) == sum(before)
    assert target.case_id is None and "没有在保或正在办理" in target.reason
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="没有在保或正在办理"):
        visits.record_visit(uow, CLERK, hh, DEMO_TODAY, STAFF, "家中无变化")
    assert visit_counts(demo_db, hh) == before


def test_an_application_not_yet_accepted_is_not_visited(demo_db: Database) -> None:
    pending = {CaseState.PENDING_MATERIALS}
    hh = next(h for h, found in sorted(case_states(demo_db).items()) if found - TERMINAL_STATES == pending)
    with demo_db.uow("test") as uow:
        target = visits.visit_target(uow.session, hh)
    assert target.case_id is None and "尚未受理" in target.reason
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="尚未受理"):
        visits.record_visit(uow, CLERK, hh, DEMO_TODAY, STAFF, "家中无变化")


def test_the_tab_reads_the_visits_inside_the_area_only(demo_db: Database) -> None:
    hh = household_with(demo_db, CaseState.ACTIVE, VILLAGE)
    with demo_db.uow("cadre") as uow:
        seen = visits.household_visits(uow, CADRE, hh)
        assert seen.rows == visits.list_visits(uow.session, hh) and seen.village_code == VILLAGE
        assert seen.target.case_id is not None and not seen.may_record and "村" in seen.read_only_reason
    with demo_db.uow("clerk") as uow:
        assert visits.household_visits(uow, CLERK, hh).may_record
    other = Actor("other", "赵六", Role.TOWNSHIP_CLERK, "430623102000")
    with demo_db.uow("other") as uow, pytest.raises(PermissionDenied, match="管辖范围"):
        visits.household_visits(uow, other, hh)


def test_staff_typed_in_one_field_are_split() -> None:
    assert visits.split_staff("张丽、王强， 李四;赵六  ") == ["张丽", "王强", "李四", "赵六"]
    assert visits.split_staff("  ") == []
