"""Three townships up to the county and back: counts and digests agree; edits on both sides converge."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.demo.run import seed_reference
from app.models.case import Benefit, Case, Decision
from app.models.household import Household, Person
from app.models.sync import SyncConflict
from app.services.cases import decisions
from app.services.context import system_actor
from app.services.setup.installation import require
from app.sync.digest import scope_digest
from app.sync.queues import view_digest
from tests.sync.conftest import STATIONS, World


def digest_of(world: World, who: str, code: str) -> dict[str, object]:
    """A station's digest of itself, or the county's view of it (quarantined rows at station versions)."""
    db = world.db(who)
    try:
        with db.uow("test") as uow:
            digest = view_digest(uow.session, code) if who == "county" else scope_digest(uow.session, code)
            return digest.to_dict()
    finally:
        db.dispose()


def sync_round(world: World) -> dict[str, str]:
    """Every station sends up, the county imports them all, then each station imports its return bundle."""
    ups = [p for code in STATIONS if (p := world.export(code))]
    outputs = {}
    if ups:
        code, out, err = world.import_("county", *ups)
        assert code == 0, err
        outputs["county"] = out
    for station in STATIONS:
        down = world.export("county", station)
        if down:
            code, out, err = world.import_(station, down)
            assert code == 0, err
            outputs[station] = out
    return outputs


def assert_converged(world: World) -> None:
    for station in STATIONS:
        assert digest_of(world, "county", station) == digest_of(world, station, station), station


def test_three_townships_round_trip_and_second_round_converges(world: World) -> None:
    first = sync_round(world)
    assert first["county"].count("摘要一致") == 3
    for station in STATIONS:
        assert "摘要一致" in first[station]
        assert "回执1个" in first[station]
    assert_converged(world)
    county_db = world.db("county")
    try:
        with county_db.uow("test") as uow:
            s = uow.session
            total = len(s.execute(select(Household.id)).all())
            assert total == 24 + 18 + 14
            seed_reference(s, require(s))  # the county's standards, rules and office settings
            uow.commit()
        # County edits: approve a submitted case of 101 (a decision, a benefit, a new state).
        with county_db.uow("county") as uow:
            s = uow.session
            case = (
                s.execute(
                    select(Case).where(
                        Case.state == "submitted", Case.rule_mode == "2021", Case.program == "dibao"
                    )
                )
                .scalars()
                .first()
            )
            assert case is not None
            actor = system_actor(COUNTY_CODE)
            decisions.approve(uow, actor, case.id, date(2026, 11, 25))
            uow.commit()
            approved = case.id
    finally:
        county_db.dispose()
    # Station edits: 101 fixes an address and adds a member; 103 corrects a phone number.
    for code, field, value in (
        ("430623101", "address", "长岭村3组12号"),
        ("430623103", "phone", "13800000000"),
    ):
        db = world.db(code)
        try:
            with db.uow("clerk") as uow:
                hh = uow.session.execute(select(Household).order_by(Household.id)).scalars().first()
                assert hh is not None
                setattr(hh, field, value)
                if code == "430623101":
                    head = (
                        uow.session.execute(select(Person).where(Person.household_id == hh.id))
                        .scalars()
                        .first()
                    )
                    assert head is not None
                    uow.session.add(
                        Person(
                            household_id=hh.id,
                            name="张小明",
                            id_number="430623201501010011",
                            sex="M",
                            birth_date=date(2015, 1, 1),
                            relation_code="20",
                        )
                    )
                uow.commit()
        finally:
            db.dispose()
    second = sync_round(world)
    assert "接收" in second["county"]
    assert_converged(world)
    # The approval reached 101 with its decision and benefit; 101's edits reached the county.
    db = world.db("430623101")
    try:
        with db.uow("test") as uow:
            s = uow.session
            case = s.get(Case, approved)
            assert case is not None and case.state == "active"
            assert (
                s.execute(select(Decision).where(Decision.case_id == approved)).scalars().first() is not None
            )
            assert s.execute(select(Benefit).where(Benefit.case_id == approved)).scalars().first() is not None
    finally:
        db.dispose()
    county_db = world.db("county")
    try:
        with county_db.uow("test") as uow:
            s = uow.session
            assert s.execute(select(Person).where(Person.name == "张小明")).scalars().first() is not None
            assert (
                s.execute(select(Household).where(Household.address == "长岭村3组12号")).first() is not None
            )
            assert not s.execute(select(SyncConflict)).first()
    finally:
        county_db.dispose()
    third = sync_round(world)  # nothing new: only the acknowledgements travel
    assert_converged(world)
    assert all("摘要一致" in out or "待核对" not in out for out in third.values())


COUNTY_CODE = "430623"
