"""The station's audit head travels, signed, in every up bundle and the county keeps it (decision 0008):
a station whose history was rewritten (the chain recomputed) or cut is found at the county's next import,
and its bundle is held until an administrator accepts the break."""

from __future__ import annotations

import json
import os
import stat

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.domain.codes import InstallationKind, Role
from app.models.audit import HEAD_KEY, AuditEvent, _iso, event_hash
from app.models.household import Household
from app.models.settings import Setting
from app.models.sync import StationAuditHead
from app.services.context import Actor
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.sync.stations_page import StationsPage
from app.views.workspace import Workspace
from tests.sync.conftest import World
from tests.sync.test_sequence import edit, payload_of

STATION = "430623102"


def county_head(world: World) -> tuple[int, str] | None:
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            known = uow.session.get(StationAuditHead, STATION)
            return (known.seq, known.hash) if known else None
    finally:
        db.dispose()


def county_notes(world: World) -> set[str]:
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            return set(uow.session.execute(select(Household.notes)).scalars())
    finally:
        db.dispose()


def rewrite_history(world: World, keep_below: int | None = None) -> None:
    """What someone who can write the station's file does: change an old event (or cut the log after
    ``keep_below``) and recompute every hash and the head anchor, so the station's own check sees a
    whole chain."""
    db = world.db(STATION)
    try:
        with db.engine.begin() as conn:
            if keep_below is not None:
                conn.execute(AuditEvent.__table__.delete().where(AuditEvent.seq > keep_below))
            else:
                conn.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(actor="someone-else"))
            prev = "0" * 64
            for ev in conn.execute(select(AuditEvent).order_by(AuditEvent.seq)).all():
                digest = event_hash(
                    ev.seq, _iso(ev.at), ev.actor, ev.action, ev.table_name, ev.record_id,
                    ev.old_values, ev.new_values, prev,
                )  # fmt: skip
                conn.execute(
                    update(AuditEvent).where(AuditEvent.seq == ev.seq).values(prev_hash=prev, hash=digest)
                )
                prev, last = digest, ev.seq
            head = json.dumps({"seq": last, "hash": prev})
            conn.execute(update(Setting).where(Setting.key == HEAD_KEY).values(value=head))
    finally:
        db.dispose()


def first_round(world: World) -> None:
    first = world.export(STATION)
    assert first is not None
    assert world.import_("county", first)[0] == 0


def test_the_head_travels_and_the_county_keeps_it(world: World) -> None:
    first = world.export(STATION)
    assert first is not None
    sent = payload_of(world, first)["audit"]
    assert sent["prev_seq"] == 0 and sent["seq"] > 0
    assert world.import_("county", first)[0] == 0
    assert county_head(world) == (sent["seq"], sent["hash"])
    edit(world, STATION, "第二次修改")
    second = world.export(STATION)
    assert second is not None
    again = payload_of(world, second)["audit"]
    assert (again["prev_seq"], again["prev_hash"]) == (sent["seq"], sent["hash"]) and again["seq"] > sent[
        "seq"
    ]
    code, out, err = world.import_("county", second)
    assert code == 0 and "暂存" not in out, out + err
    assert "第二次修改" in county_notes(world)
    assert county_head(world) == (again["seq"], again["hash"])


def _held_then_accepted(world: World, words: str) -> None:
    edit(world, STATION, "改写之后")
    bundle = world.export(STATION)
    assert bundle is not None
    before = county_head(world)
    code, out, err = world.import_("county", bundle)
    assert "暂存" in out + err and words in out + err, out + err
    assert "改写之后" not in county_notes(world) and county_head(world) == before
    code, out, err = world.import_("county", bundle)  # imported again: still held, nothing applied
    assert "暂存" in out + err and "改写之后" not in county_notes(world)
    assert world.jz("county", "station", "accept-audit", "--code", "430623103")[0] == 1  # nothing held there
    assert world.ok("county", "station", "accept-audit", "--code", STATION)
    code, out, err = world.import_("county", bundle)
    assert code == 0 and "改写之后" in county_notes(world), out + err
    assert county_head(world) == (
        payload_of(world, bundle)["audit"]["seq"],
        payload_of(world, bundle)["audit"]["hash"],
    )


def test_a_recomputed_chain_is_found_at_the_next_import(world: World) -> None:
    first_round(world)
    rewrite_history(world)
    assert "审计链：完好" in world.jz(STATION, "check")[1]  # the station alone cannot tell
    _held_then_accepted(world, "重新计算")


def test_a_history_cut_before_the_next_bundle_is_found(world: World) -> None:
    first_round(world)
    rewrite_history(world, keep_below=10)
    # Here the station's own check sees rows whose bulk events are gone; the county sees the cut.
    assert "审计链：被改动" in world.jz(STATION, "check")[1]
    _held_then_accepted(world, "审计历史被截断")


CHIEF = SignedIn(
    Actor("chief", "李局长", Role.COUNTY_HEAD, "430623000000"), "华容县", InstallationKind.COUNTY
)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform says so
def test_the_stations_tab_offers_to_accept_the_break(qtbot: QtBot, world: World) -> None:
    """工作站: the held station shows why; an administrator accepts once, then the bundle imports."""
    first_round(world)
    rewrite_history(world)
    edit(world, STATION, "改写之后")
    bundle = world.export(STATION)
    assert bundle is not None
    world.import_("county", bundle)
    db = world.db("county")
    try:
        chief = SignedIn(
            Actor("chief", "李局长", Role.COUNTY_HEAD, "430623000000"), "华容县", InstallationKind.COUNTY
        )
        page = StationsPage(Workspace(db, chief, world.paths("county")))
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.show()
        page.select(STATION)
        assert page.accept_button.isEnabled() and "重新计算" in page.accept_button.toolTip()
        page.select("430623103")
        assert not page.accept_button.isEnabled()
        page.select(STATION)
        page.confirm_accept = lambda row: True  # type: ignore[method-assign]
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.accept_button.click()
        assert STATION in page.summary.text()
        page.select(STATION)
        assert not page.accept_button.isEnabled()
        assert tasks.wait_all()
    finally:
        db.dispose()
    code, out, err = world.import_("county", bundle)
    assert code == 0 and "改写之后" in county_notes(world), out + err


def test_sync_both_ways_leaves_both_audit_logs_consistent_with_the_rows(world: World) -> None:
    """Rows written by bundles are replayed like any other: no false finding on either side."""
    first_round(world)
    down = world.export("county", STATION)
    assert down is not None and world.import_(STATION, down)[0] == 0
    edit(world, STATION, "往返之后")
    up = world.export(STATION)
    assert up is not None and world.import_("county", up)[0] == 0
    for who in ("county", STATION):
        out = world.jz(who, "check")[1]
        assert "审计链：完好" in out, (who, out)
    if os.name == "posix":  # keystores, bundles kept and sent, logs, databases: the owner's only
        for who in ("county", STATION):
            root = world.dir(who)
            found = {p.relative_to(root).parts[0] for p in root.rglob("*")}
            assert {"keys", "sync", "logs", "jiuzhu.sqlite3"} <= found, found
            for path in [root, *root.rglob("*")]:
                mode = stat.S_IMODE(path.stat().st_mode)
                assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
