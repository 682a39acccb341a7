"""Sequence and chain: a replay changes nothing and says the same; a bundle after a gap waits for it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.models.household import Household
from app.models.sync import SyncBundle
from app.sync import format as fmt
from app.sync import keys
from tests.sync.conftest import COUNTY_SECRET, World

STATION = "430623102"


def payload_of(world: World, bundle: Path) -> dict[str, Any]:
    """Decrypt an up bundle with the county's keys (what the importer does after verifying)."""
    frame = fmt.unpack(bundle.read_bytes())
    header = fmt.Header.from_bytes(frame.header_bytes)
    pair = keys.load_keystore(world.paths("county"), COUNTY_SECRET)
    return fmt.parse_payload(fmt.decompress(pair.decrypt(frame.payload), header.plain_size))


def edit(world: World, station: str, notes: str) -> None:
    db = world.db(station)
    try:
        with db.uow("clerk") as uow:
            hh = uow.session.execute(select(Household).order_by(Household.id)).scalars().first()
            assert hh is not None
            hh.notes = notes
            uow.commit()
    finally:
        db.dispose()


def test_replay_is_a_no_op_with_the_same_report(world: World) -> None:
    first = world.export(STATION)
    assert first is not None
    code, out, _ = world.import_("county", first)
    assert code == 0
    report = out.split("：", 1)[1]
    before = world.fingerprint("county")
    code, again, _ = world.import_("county", first)
    assert code == 0 and "重复导入" in again and report.strip() in again
    assert world.fingerprint("county") == before


def test_a_bundle_after_a_gap_is_held_then_applied_when_the_gap_fills(world: World) -> None:
    first = world.export(STATION)
    edit(world, STATION, "第二次修改")
    second = world.export(STATION)
    edit(world, STATION, "第三次修改")
    third = world.export(STATION)
    assert first and second and third
    assert "已导入" in world.ok(
        "county", "import-bundle", str(first), "--passphrase-file", str(world.secret_file("county"))
    )
    code, out, _ = world.import_("county", third)
    assert code == 0 and "已暂存" in out and "缺少第2号" in out
    code, out, _ = world.import_("county", third)  # the held one again: still held, nothing new
    assert code == 0 and "已暂存" in out
    code, out, _ = world.import_("county", second)
    assert code == 0 and "第2号" in out and "第3号" in out and "已导入" in out
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            rows = uow.session.execute(
                select(SyncBundle.seq, SyncBundle.status).where(SyncBundle.direction == "in")
            )
            assert sorted(rows) == [(1, "applied"), (2, "applied"), (3, "applied")]
            assert uow.session.execute(select(Household.notes).where(Household.notes == "第三次修改")).first()
            result = json.loads(
                uow.session.execute(select(SyncBundle.result).where(SyncBundle.seq == 3)).scalar_one()
            )
            assert result["digest"] == "match"
    finally:
        db.dispose()
    assert not list((world.dir("county") / "sync" / "held").glob("*.jzb"))


def test_records_resent_unchanged_after_a_county_change_are_no_conflict(world: World) -> None:
    from datetime import date

    from app.demo.run import seed_reference
    from app.models.case import Case
    from app.services.cases import decisions
    from app.services.context import system_actor
    from app.services.setup.installation import require
    from tests.sync.test_roundtrip import digest_of

    station = "430623101"
    first = world.export(station)
    assert first is not None
    assert world.import_("county", first)[0] == 0
    db = world.db("county")
    try:
        with db.uow("county") as uow:
            seed_reference(uow.session, require(uow.session))
            case = uow.session.execute(
                select(Case).where(Case.state == "submitted", Case.program == "dibao")
            ).scalar_one()
            decisions.approve(uow, system_actor("430623"), case.id, date(2026, 11, 25))
            uow.commit()
    finally:
        db.dispose()
    edit(world, station, "第二包前的修改")  # the station has not seen the approval yet
    second = world.export(station)  # cumulative: everything since the last acknowledged bundle (none)
    assert second is not None
    code, out, err = world.import_("county", second)
    assert code == 0 and "冲突 软0/硬0" in out and "接收1条" in out, err or out
    down = world.export("county", station)
    assert down is not None
    code, out, err = world.import_(station, down)
    assert code == 0 and "摘要一致" in out, err or out
    assert digest_of(world, "county", station) == digest_of(world, station, station)
