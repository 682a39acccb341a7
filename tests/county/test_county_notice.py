"""The 2012 rules at the county (S2 Art.26, 29): the ≥30% spot check before any approval of the batch, the
拟批准公示 run in full before the decision, and an objection to it re-checked and decided within 20 days."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import select

from app import clock
from app.domain.workflow import Action, CaseState
from app.errors import UserError
from app.models.case import Case, Objection
from app.models.db import Database
from app.services import settings
from app.services.cases import decisions, procedure
from app.services.cases.county_review import (
    COMPLAINT,
    approval_queue,
    draw_spot_checks,
    record_county_visit,
    spot_draws,
)
from app.services.cases.worklist import running_deadlines
from tests.county.conftest import STAFF, TODAY


def batch_under_2012_rules(db: Database) -> list[str]:
    with db.uow("test") as uow:
        found = list(
            uow.session.execute(
                select(Case).where(Case.state == CaseState.SUBMITTED.value).order_by(Case.case_number)
            ).scalars()
        )
        for case in found:
            case.rule_mode = "2012"
        uow.commit()
        return [c.id for c in found]


def state(db: Database, case_id: str) -> Case:
    with db.uow("test") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        uow.session.expunge(case)
        return case


def test_S2_art26_nothing_of_a_batch_is_proposed_before_its_spot_check_is_drawn(
    demo_county: Database,
) -> None:
    batch = batch_under_2012_rules(demo_county)
    assert len(batch) >= 3
    with demo_county.uow(STAFF.username) as uow, pytest.raises(UserError, match="不低于30%的比例") as refused:
        procedure.act(uow, STAFF, batch[0], Action.START_COUNTY_NOTICE, TODAY)
    assert refused.value.field == "入户抽查" and "第二十六条" in refused.value.message
    assert state(demo_county, batch[0]).state == "submitted"
    with demo_county.uow(STAFF.username) as uow:
        draw_spot_checks(uow, STAFF, TODAY, random.Random(7))
        uow.commit()
        drawn = spot_draws(uow.session, batch)
    undrawn = next(i for i in batch if not drawn[i])
    with demo_county.uow(STAFF.username) as uow:
        procedure.act(uow, STAFF, undrawn, Action.START_COUNTY_NOTICE, TODAY)
        uow.commit()
    assert state(demo_county, undrawn).state == "county_notice"


def proposed(db: Database) -> list[str]:
    """The batch drawn, and its cases not drawn for a visit put on the county's 公示 today (7 days)."""
    batch = batch_under_2012_rules(db)
    with db.uow(STAFF.username) as uow:
        draw_spot_checks(uow, STAFF, TODAY, random.Random(7))
        drawn = spot_draws(uow.session, batch)
        chosen = [i for i in batch if not drawn[i]]
        for case_id in chosen:
            procedure.act(uow, STAFF, case_id, Action.START_COUNTY_NOTICE, TODAY)
        uow.commit()
    assert len(chosen) >= 2 and all(drawn[i] is not None for i in batch)
    return chosen


def test_S2_art29_the_county_decides_only_after_its_notice_has_run_in_full(demo_county: Database) -> None:
    case_id = proposed(demo_county)[0]
    clock.pin(date(2026, 11, 26))  # the notice's last day (11-20 … 11-26)
    for on in (date(2026, 11, 26), date(2026, 11, 27)):
        with demo_county.uow(STAFF.username) as uow, pytest.raises(UserError) as refused:
            decisions.approve(uow, STAFF, case_id, on)
        assert "拟批准公示期至2026年11月26日（周四）止" in refused.value.message
        assert "审核审批办法（试行）》第二十九条" in refused.value.message
    assert state(demo_county, case_id).state == "county_notice"
    clock.pin(date(2026, 11, 27))
    with demo_county.uow(STAFF.username) as uow:
        decisions.approve(uow, STAFF, case_id, date(2026, 11, 27))
        uow.commit()
    assert state(demo_county, case_id).state == "active"


def test_S2_art29_para2_an_objection_to_the_county_notice_is_rechecked_within_20_working_days(
    demo_county: Database,
) -> None:
    case_id = proposed(demo_county)[1]
    received = date(2026, 11, 23)
    with demo_county.uow(STAFF.username) as uow:
        procedure.record_objection(
            uow, STAFF, case_id, received_on=received, channel="来信", content="反映该户有经营性收入未申报"
        )
        uow.commit()
    case = state(demo_county, case_id)
    assert case.state == "county_objection" and case.complaint  # a report at the county's stage: visit
    with demo_county.uow(STAFF.username) as uow:
        row = next(r for r in approval_queue(uow, STAFF) if r.case_id == case_id)
        cal = settings.calendar(uow.session)
    # the queue shows the nearest limit: the 20 working days, or the whole procedure's if that ends first
    assert row.due <= cal.add_working_days(received, 20) and COMPLAINT in row.visit_reasons
    with demo_county.uow(STAFF.username) as uow:
        running = running_deadlines(uow.session, state(demo_county, case_id))
    limit = next(d for d in running if d.key == "county_redecision")
    assert limit.label == "重新调查核实并作出审批决定" and limit.basis.endswith("第二十九条第二款")
    assert limit.due == cal.add_working_days(received, 20)
    with demo_county.uow(STAFF.username) as uow, pytest.raises(UserError, match="县级入户核查"):
        procedure.act(uow, STAFF, case_id, Action.START_COUNTY_NOTICE, date(2026, 11, 24))
    with demo_county.uow(STAFF.username) as uow:
        record_county_visit(
            uow, STAFF, case_id, date(2026, 11, 24), ["刘敏", "王强"], "经营收入已核实，仍符合条件"
        )
        procedure.act(uow, STAFF, case_id, Action.START_COUNTY_NOTICE, date(2026, 11, 24))  # published again
        uow.commit()
        objection = uow.session.execute(select(Objection).where(Objection.case_id == case_id)).scalar_one()
    assert state(demo_county, case_id).state == "county_notice"
    assert objection.resolved_on == date(2026, 11, 24) and "重新公示" in objection.outcome
