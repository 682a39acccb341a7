"""The county reviews cases sent up: the queue, the mandatory home visit, the ≥30% spot check, decisions."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest
from sqlalchemy import select

from app.domain.workflow import CaseState
from app.errors import PermissionDenied, UserError
from app.models.case import Case, CaseEvent, Decision, Investigation
from app.models.db import Database
from app.services.cases import decisions
from app.services.cases.county_review import (
    COMPLAINT,
    DRAWN,
    NEAR_RELATIVE,
    SAMPLED,
    SPOT_CHECK,
    approval_queue,
    draw_spot_checks,
    record_county_visit,
)
from app.services.cases.workspace import timeline
from tests.county.conftest import CLERK, STAFF, TODAY

VISITORS = ["刘敏", "王强"]


def _submitted(db: Database) -> list[Case]:
    with db.uow("test") as uow:
        found = uow.session.execute(
            select(Case).where(Case.state == CaseState.SUBMITTED.value).order_by(Case.case_number)
        )
        cases = list(found.scalars())
        uow.session.expunge_all()
    return cases


def _set(db: Database, case_id: str, **values: object) -> None:
    with db.uow("test") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)
        uow.commit()


def test_the_queue_holds_every_case_sent_up_most_urgent_first(demo_county: Database) -> None:
    with demo_county.uow("test") as uow:
        rows = approval_queue(uow, STAFF)
        waiting = uow.session.execute(
            select(Case.case_number).where(Case.state.in_(("submitted", "county_notice", "county_objection")))
        ).scalars()
        assert sorted(r.case_number for r in rows) == sorted(waiting)
    assert len(rows) >= 5
    lefts = [r.days_left for r in rows if r.days_left is not None]
    assert lefts == sorted(lefts)
    assert all(r.township.endswith(("镇", "乡", "街道")) for r in rows)


def test_a_township_clerk_cannot_see_the_county_queue(demo_county: Database) -> None:
    with demo_county.uow("test") as uow, pytest.raises(PermissionDenied):
        approval_queue(uow, CLERK)


def test_a_near_relative_case_is_approved_only_after_the_county_visit(demo_county: Database) -> None:
    case = _submitted(demo_county)[0]
    _set(demo_county, case.id, near_relative=True, complaint=True)
    with demo_county.uow("test") as uow:
        row = next(r for r in approval_queue(uow, STAFF) if r.case_id == case.id)
    assert row.visit_reasons == (NEAR_RELATIVE, COMPLAINT) and row.visit_needed
    with demo_county.uow(STAFF.username) as uow, pytest.raises(UserError, match="县级入户核查"):
        decisions.approve(uow, STAFF, case.id, TODAY)
    with demo_county.uow(STAFF.username) as uow:
        with pytest.raises(UserError, match="2名以上"):
            record_county_visit(uow, STAFF, case.id, TODAY, ["刘敏"], "家中情况属实")
        record_county_visit(uow, STAFF, case.id, TODAY, VISITORS, "家中情况属实", eligible=True)
        decision = decisions.approve(uow, STAFF, case.id, TODAY)
        uow.commit()
    with demo_county.uow("test") as uow:
        assert uow.session.get(Case, case.id).state == CaseState.ACTIVE.value  # type: ignore[union-attr]
        assert uow.session.get(Decision, decision.id).home_visit_done  # type: ignore[union-attr]
        titles = [e.title for e in timeline(uow.session, case.id)]
    assert "县级入户核查" in titles


def test_a_refusal_needs_no_visit_but_needs_reasons(demo_county: Database) -> None:
    case = _submitted(demo_county)[1]
    _set(demo_county, case.id, near_relative=True)
    with demo_county.uow(STAFF.username) as uow:
        with pytest.raises(UserError, match="理由"):
            decisions.refuse(uow, STAFF, case.id, TODAY, "  ")
        decisions.refuse(uow, STAFF, case.id, TODAY, "家庭人均收入高于保障标准")
        uow.commit()
    with demo_county.uow("test") as uow:
        assert uow.session.get(Case, case.id).state == CaseState.REFUSED.value  # type: ignore[union-attr]


def test_terminating_for_non_cooperation_records_a_decision(demo_county: Database) -> None:
    case = _submitted(demo_county)[2]
    with demo_county.uow(STAFF.username) as uow:
        decisions.terminate(uow, STAFF, case.id, TODAY, "申请人拒不配合县级入户核查")
        uow.commit()
    with demo_county.uow("test") as uow:
        assert uow.session.get(Case, case.id).state == CaseState.TERMINATED.value  # type: ignore[union-attr]
        made = uow.session.execute(select(Decision).where(Decision.case_id == case.id)).scalars().one()
    assert made.kind == "terminate" and made.legal_basis


def test_the_spot_check_draws_at_least_30_percent_once(demo_county: Database) -> None:
    batch = _submitted(demo_county)
    assert len(batch) >= 3
    for case in batch:
        _set(demo_county, case.id, rule_mode="2012")
    with demo_county.uow(STAFF.username) as uow:
        first = draw_spot_checks(uow, STAFF, TODAY, random.Random(7))
        again = draw_spot_checks(uow, STAFF, TODAY, random.Random(7))
        uow.commit()
    assert first.considered == len(batch) and len(first.drawn) == math.ceil(len(batch) * 0.3)
    assert again.considered == 0 and again.drawn == []
    with demo_county.uow("test") as uow:
        events = (
            uow.session.execute(
                select(CaseEvent).where(
                    CaseEvent.action == SPOT_CHECK, CaseEvent.case_id.in_([c.id for c in batch])
                )
            )
            .scalars()
            .all()
        )
        assert len(events) == len(batch)
        drawn_ids = {e.case_id for e in events if e.reason == DRAWN}
        rows = {r.case_id: r for r in approval_queue(uow, STAFF)}
    assert all(SAMPLED in rows[i].visit_reasons for i in drawn_ids)
    assert all(rows[c.id].drawn is not None for c in batch)
    sampled = next(iter(drawn_ids))
    with demo_county.uow(STAFF.username) as uow, pytest.raises(UserError, match="随机抽查"):
        from app.domain.workflow import Action
        from app.services.cases.procedure import act

        act(uow, STAFF, sampled, Action.START_COUNTY_NOTICE, TODAY)


def test_a_visit_is_refused_for_a_case_not_at_the_county(demo_county: Database) -> None:
    with demo_county.uow("test") as uow:
        active = uow.session.execute(select(Case.id).where(Case.state == "active")).scalars().first()
    assert active is not None
    visits = select(Investigation.id).where(
        Investigation.kind == "county_visit", Investigation.case_id == active
    )
    with demo_county.uow("test") as uow:
        before = uow.session.execute(visits).all()
    with demo_county.uow(STAFF.username) as uow, pytest.raises(UserError, match="不在县级审批中"):
        record_county_visit(uow, STAFF, active, TODAY, VISITORS, "核查")
    with demo_county.uow("test") as uow:
        assert uow.session.execute(visits).all() == before


def test_the_draw_happens_on_the_county_only(demo_db: Database) -> None:
    from app.services.context import system_actor

    with demo_db.uow("test") as uow, pytest.raises(UserError, match="乡镇工作站"):
        draw_spot_checks(uow, system_actor("430623"), date(2026, 11, 20))


def test_the_spot_check_share_is_a_county_setting_of_at_least_30(demo_county: Database) -> None:
    from app.domain.codes import RuleMode
    from app.services import settings
    from tests.county.conftest import HEAD

    with demo_county.uow(HEAD.username) as uow:
        with pytest.raises(UserError, match="30%"):
            settings.update_procedure(
                uow,
                HEAD,
                rule_mode=RuleMode("2012"),
                notice_days=7,
                notice_day_kind="calendar",
                spot_check_share=20,
            )
        settings.update_procedure(
            uow,
            HEAD,
            rule_mode=RuleMode("2012"),
            notice_days=7,
            notice_day_kind="calendar",
            spot_check_share=100,
        )
        uow.commit()
    for case in _submitted(demo_county):
        _set(demo_county, case.id, rule_mode="2012")
    with demo_county.uow(STAFF.username) as uow:
        draw = draw_spot_checks(uow, STAFF, TODAY)
    assert draw.share == 100 and len(draw.drawn) == draw.considered > 0


def test_the_check_finds_a_near_relative_paid_without_the_county_visit(demo_county: Database) -> None:
    from app.services.reports.checks import findings

    with demo_county.uow("test") as uow:
        active = uow.session.execute(select(Case).where(Case.state == "active")).scalars().first()
        assert active is not None
        before = [f for f in findings(uow.session, TODAY) if f.item == 4]
        active.near_relative, active.relative_filed, active.county_visit_done = True, True, False
        uow.session.flush()
        after = [f for f in findings(uow.session, TODAY) if f.item == 4]
    assert before == []
    assert [(f.code, f.record_id) for f in after] == [("near_relative_no_visit", active.id)]
