"""A bad household is quarantined with its reason while the rest lands; duplicates go to their queue."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.models.household import Household, Person
from app.models.sync import SyncDuplicate, SyncQuarantine, SyncReceipt
from tests.sync.conftest import World
from tests.sync.test_roundtrip import digest_of

STATION = "430623103"


def _set_id(world: World, station: str, person_id: str | None, number: str) -> tuple[str, str]:
    db = world.db(station)
    try:
        with db.uow("clerk") as uow:
            query = select(Person).order_by(Person.id)
            person = (
                uow.session.get(Person, person_id)
                if person_id
                else uow.session.execute(query).scalars().first()
            )
            assert person is not None
            old, person.id_number = person.id_number, number
            uow.commit()
            return person.id, old
    finally:
        db.dispose()


def _count(world: World, who: str, model: object, *where: object) -> int:
    db = world.db(who)
    try:
        with db.uow("test") as uow:
            return int(
                uow.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
            )
    finally:
        db.dispose()


def test_a_bad_household_is_quarantined_and_lands_once_fixed(world: World) -> None:
    person_id, good = _set_id(world, STATION, None, "43062319990101123")  # 17 digits
    up = world.export(STATION)
    assert up is not None
    code, out, err = world.import_("county", up)
    assert code == 0, err
    assert "隔离1户" in out and "摘要一致" in out
    assert _count(world, "county", Household) == 14 - 1
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            item = uow.session.execute(select(SyncQuarantine)).scalar_one()
            assert item.status == "open" and "身份证号码" in item.reason
            kept = json.loads(item.payload)
            assert {"household", "person"} <= set(kept)
    finally:
        db.dispose()
    down = world.export("county", STATION)
    assert down is not None
    code, out, err = world.import_(STATION, down)
    assert code == 0 and "摘要一致" in out, err or out
    assert _count(world, STATION, SyncReceipt, SyncReceipt.status == "quarantined") > 1
    assert digest_of(world, "county", STATION) == digest_of(world, STATION, STATION)
    _set_id(world, STATION, person_id, good)
    up = world.export(STATION)
    assert up is not None
    code, out, err = world.import_("county", up)
    assert code == 0 and "隔离0户" in out, err or out
    assert _count(world, "county", Household) == 14
    assert _count(world, "county", SyncQuarantine, SyncQuarantine.status == "open") == 0
    down = world.export("county", STATION)
    assert down is not None
    code, out, err = world.import_(STATION, down)
    assert code == 0 and "摘要一致" in out, err or out
    assert digest_of(world, "county", STATION) == digest_of(world, STATION, STATION)


def test_an_id_number_active_in_two_townships_goes_to_the_duplicate_queue(world: World) -> None:
    db = world.db("430623102")
    try:
        with db.uow("test") as uow:
            number = uow.session.execute(select(Person.id_number).order_by(Person.id)).scalars().first()
            assert number is not None
    finally:
        db.dispose()
    _set_id(world, STATION, None, number)
    ups = [world.export("430623102"), world.export(STATION)]
    code, out, err = world.import_("county", *[p for p in ups if p])
    assert code == 0, err
    assert "重复身份证1个" in out.splitlines()[1]
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            item = uow.session.execute(select(SyncDuplicate)).scalar_one()
            people = json.loads(item.persons)
            assert item.id_number == number and {p["station"] for p in people} == {"430623102", STATION}
    finally:
        db.dispose()
    down = world.export("county", STATION)
    assert down is not None
    code, out, _ = world.import_(STATION, down)
    assert code == 0 and "重复1" in out
