"""The sync use cases in the caller's unit of work: a bundle reaches the stick only with its commit, the
export is audited, and each imported file is its own savepoint."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.domain.codes import BundleStatus
from app.models.audit import AuditEvent
from app.models.sync import SyncPeer
from app.services.context import system_actor
from app.services.sync import transfer
from tests.sync.conftest import COUNTY_SECRET, STATION_SECRET, World

STATION = "430623103"
ACTOR = system_actor("430623")


def test_a_bundle_not_committed_leaves_nothing_on_the_stick(world: World) -> None:
    db = world.db(STATION)
    try:
        with db.uow(ACTOR.username) as uow:
            done = transfer.export_bundle(
                uow, ACTOR, world.paths(STATION), lambda: STATION_SECRET[STATION], world.usb
            )
            assert done is not None and not done.path.exists()  # named on the stick only once committed
        assert list(world.usb.iterdir()) == []  # not even the staged copy
        assert not any((world.dir(STATION) / "sync" / "sent").glob("*.jzb"))
        with db.uow("test") as uow:
            assert uow.session.get(SyncPeer, "430623").out_seq == 0  # type: ignore[union-attr]
    finally:
        db.dispose()


def test_an_export_is_audited_with_its_file_and_households(world: World) -> None:
    bundle = world.export(STATION)
    assert bundle is not None and bundle.exists()
    db = world.db(STATION)
    try:
        with db.uow("test") as uow:
            event = uow.session.execute(
                select(AuditEvent).where(
                    AuditEvent.action == "export", AuditEvent.table_name == "sync_bundle"
                )
            ).scalar_one()
    finally:
        db.dispose()
    summary = json.loads(event.new_values)
    assert summary["file"] == str(bundle) and summary["kind"] == "up" and summary["seq"] == 1
    assert summary["households"] > 0 and summary["records"] > summary["households"]


def test_a_refused_file_does_not_stop_the_others(world: World) -> None:
    bundle = world.export(STATION)
    assert bundle is not None
    junk = world.usb / "junk.jzb"
    junk.write_bytes(b"not a bundle")
    db = world.db("county")
    try:
        with db.uow(ACTOR.username) as uow:
            imported = transfer.import_bundles(
                uow, ACTOR, world.paths("county"), lambda: COUNTY_SECRET, [junk, bundle]
            )
            uow.commit()
        assert [o.status for o in imported.outcomes] == [BundleStatus.REFUSED, BundleStatus.APPLIED]
        assert imported.refused and imported.count(BundleStatus.APPLIED) == 1
        with db.uow("test") as uow:
            assert uow.session.get(SyncPeer, STATION).in_seq == 1  # type: ignore[union-attr]
    finally:
        db.dispose()
