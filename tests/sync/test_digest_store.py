"""The county keeps each township's digest and moves it with what changes, instead of counting in full."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, update

from app.demo.run import seed_reference
from app.models.case import Case
from app.models.household import Household, Person, Supporter
from app.models.settings import Setting
from app.models.sync import SyncPeer
from app.services.cases import decisions
from app.services.context import system_actor
from app.services.setup.installation import require
from app.sync import digest_store
from app.sync.digest import scope_digest
from tests.sync.conftest import World
from tests.sync.test_roundtrip import digest_of
from tests.sync.test_sequence import edit

STATION = "430623101"


def kept(world: World) -> dict[str, Any] | None:
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            stored = digest_store._load(uow.session, STATION)
            return stored[0].to_dict() if stored else None
    finally:
        db.dispose()


def counted(world: World) -> dict[str, Any]:
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            return scope_digest(uow.session, STATION).to_dict()
    finally:
        db.dispose()


def no_full_count(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the township was counted in full")

    monkeypatch.setattr(digest_store, "scope_digest", refuse)


def import_up(world: World) -> str:
    bundle = world.export(STATION)
    assert bundle is not None
    code, out, err = world.import_("county", bundle)
    assert code == 0, err
    return out


def add_member(world: World) -> None:
    db = world.db(STATION)
    try:
        with db.uow("clerk") as uow:
            hh = uow.session.execute(select(Household).order_by(Household.id)).scalars().first()
            assert hh is not None
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


def test_each_import_moves_the_kept_digest_without_counting_the_township(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "摘要一致" in import_up(world)
    assert kept(world) == counted(world) == digest_of(world, STATION, STATION)
    edit(world, STATION, "改过的备注")
    add_member(world)
    no_full_count(monkeypatch)
    out = import_up(world)  # compared with the station's digest: nothing is in flight
    assert "摘要一致" in out and "接收2条" in out, out
    monkeypatch.undo()
    assert kept(world) == counted(world) == digest_of(world, STATION, STATION)


def test_the_countys_own_changes_are_followed_and_a_deletion_is_counted_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_up(world)
    db = world.db("county")
    try:
        with db.uow("county") as uow:
            seed_reference(uow.session, require(uow.session))
            case = uow.session.execute(
                select(Case).where(Case.state == "submitted", Case.program == "dibao")
            ).scalar_one()
            decisions.approve(uow, system_actor("430623"), case.id, date(2026, 11, 25))  # new records
            hh = uow.session.execute(select(Household).order_by(Household.id)).scalars().first()
            assert hh is not None
            hh.notes = "县级改过"  # a new version of one of the township's
            uow.commit()
        with db.uow("test") as uow:
            with monkeypatch.context() as patched:
                no_full_count(patched)
                followed = digest_store.current(uow.session, STATION).to_dict()
            assert followed == scope_digest(uow.session, STATION).to_dict()
            uow.commit()
        with db.uow("county") as uow:
            supporter = uow.session.execute(select(Supporter)).scalars().first()
            assert supporter is not None
            uow.session.delete(supporter)  # whose township the outbox cannot tell any more
            uow.commit()
        with db.uow("test") as uow:
            assert (
                digest_store.current(uow.session, STATION).to_dict()
                == scope_digest(uow.session, STATION).to_dict()
            )
    finally:
        db.dispose()


def test_a_kept_digest_gone_wrong_is_counted_again_before_a_mismatch_is_believed(world: World) -> None:
    import_up(world)
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            wrong = {"digest": {"hash": "0" * 32, "counts": {"person": 1}, "total": 1}, "outbox_seq": 10**6}
            uow.session.execute(
                update(Setting)
                .where(Setting.key == digest_store.PREFIX + STATION)
                .values(value=json.dumps(wrong))
            )
            uow.commit()
    finally:
        db.dispose()
    edit(world, STATION, "再改一次")
    out = import_up(world)
    assert "摘要一致" in out, out
    assert kept(world) == counted(world) == digest_of(world, STATION, STATION)
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            assert uow.session.get(SyncPeer, STATION).rebaseline is False  # type: ignore[union-attr]
    finally:
        db.dispose()
