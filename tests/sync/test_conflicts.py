"""Changes on an old county version: soft ones merge and wait for a person, hard ones never overwrite."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.demo.run import seed_reference
from app.domain.codes import InstallationKind
from app.domain.workflow import Action
from app.models.case import Case, CaseEvent, Decision
from app.models.sync import SyncConflict
from app.services.cases import decisions
from app.services.cases import procedure as cases
from app.services.context import system_actor
from app.services.setup.installation import require
from app.services.sync import queues
from tests.sync.conftest import World
from tests.sync.test_roundtrip import digest_of

STATION = "430623101"


def one_round(world: World) -> tuple[str, str]:
    up = world.export(STATION)
    assert up is not None
    code, county_out, err = world.import_("county", up)
    assert code == 0, err
    down = world.export("county", STATION)
    assert down is not None
    code, station_out, err = world.import_(STATION, down)
    assert code == 0, err
    return county_out, station_out


def test_soft_and_hard_conflicts_are_queued_and_both_sides_converge(world: World) -> None:
    one_round(world)
    actor = system_actor("430623")
    county = world.db("county")
    try:
        with county.uow("county") as uow:
            seed_reference(uow.session, require(uow.session))
            uow.commit()
        with county.uow("county") as uow:
            s = uow.session
            withdrawn = s.execute(
                select(Case).where(Case.state == "submitted", Case.program == "dibao")
            ).scalar_one()
            merged = s.execute(select(Case).where(Case.state == "county_notice")).scalar_one()
            paid = s.execute(select(Decision).where(Decision.kind == "approve")).scalars().first()
            assert paid is not None
            ids = (withdrawn.id, merged.id, paid.id, paid.amount_fen)
            decisions.approve(uow, actor, withdrawn.id, date(2026, 11, 25))
            decisions.approve(uow, actor, merged.id, date(2026, 11, 25))
            uow.commit()
    finally:
        county.dispose()
    station = world.db(STATION)
    try:
        with station.uow("head") as uow:
            cases.act(uow, actor, ids[0], Action.WITHDRAW, date(2026, 11, 26), "申请人自愿撤回")
            case = uow.session.get(Case, ids[1])
            assert case is not None
            case.complaint = True
            decision = uow.session.get(Decision, ids[2])
            assert decision is not None
            decision.amount_fen = (decision.amount_fen or 0) + 10000
            uow.commit()
    finally:
        station.dispose()
    county_out, station_out = one_round(world)
    assert "冲突 软1/硬3" in county_out, county_out
    assert "冲突3" in station_out or "冲突4" in station_out, station_out
    county = world.db("county")
    try:
        with county.uow("test") as uow:
            s = uow.session
            open_items = {(c.table_name, c.kind) for c in s.execute(select(SyncConflict)).scalars()}
            assert open_items == {
                ("case_file", "hard"),
                ("case_event", "hard"),
                ("decision", "hard"),
                ("case_file", "soft"),
            }
            kept = s.get(Case, ids[0])
            assert kept is not None and kept.state == "active"  # never overwritten by the station
            soft = s.get(Case, ids[1])
            assert soft is not None and soft.state == "active" and soft.complaint is True
            decision = s.get(Decision, ids[2])
            assert decision is not None and decision.amount_fen == ids[3]
    finally:
        county.dispose()
    station = world.db(STATION)
    try:
        with station.uow("test") as uow:
            s = uow.session
            case = s.get(Case, ids[0])
            assert case is not None and case.state == "active"
            actions = [
                e.action for e in s.execute(select(CaseEvent).where(CaseEvent.case_id == ids[0])).scalars()
            ]
            assert (
                "approve" in actions and "withdraw" not in actions
            )  # the withdrawal waits in the county queue
            decision = s.get(Decision, ids[2])
            assert decision is not None and decision.amount_fen == ids[3]
    finally:
        station.dispose()
    assert digest_of(world, "county", STATION) == digest_of(world, STATION, STATION)


def test_a_person_keeps_the_station_values_and_they_travel_back(world: World) -> None:
    one_round(world)
    station = world.db(STATION)
    try:
        with station.uow("clerk") as uow:
            query = select(Decision).where(Decision.kind == "approve")
            decision = uow.session.execute(query).scalars().first()
            assert decision is not None
            decision_id, amount = decision.id, (decision.amount_fen or 0) + 5000
            decision.amount_fen = amount
            uow.commit()
    finally:
        station.dispose()
    county_out, _ = one_round(world)
    assert "硬1" in county_out
    county = world.db("county")
    try:
        actor = system_actor("430623")
        with county.uow(actor.username) as uow:
            items = queues.review_items(uow, actor).conflicts
            assert [(c.table, c.station_values) for c in items] == [("decision", {"amount_fen": amount})]
            queues.resolve_conflict(uow, actor, items[0].id, InstallationKind.STATION)
            uow.commit()
        with county.uow(actor.username) as uow:
            assert queues.review_items(uow, actor).conflicts == []
    finally:
        county.dispose()
    one_round_down = world.export("county", STATION)
    assert one_round_down is not None
    code, _, err = world.import_(STATION, one_round_down)
    assert code == 0, err
    station = world.db(STATION)
    try:
        with station.uow("test") as uow:
            decision = uow.session.get(Decision, decision_id)
            assert decision is not None and decision.amount_fen == amount
    finally:
        station.dispose()
    assert digest_of(world, "county", STATION) == digest_of(world, STATION, STATION)
