"""Reading the next bundle ahead (app/sync/ahead.py): the same result as reading each in turn, nothing
trusted before its turn, and no thread left behind.

The read-ahead runs on PostgreSQL only; these tests switch it on for SQLite (the logic is the same),
and tests/postgres/test_postgres_sync.py checks it on PostgreSQL itself.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain.codes import BundleStatus
from app.services.context import system_actor
from app.services.sync import transfer
from app.sync import ahead, stream
from app.sync import format as fmt
from app.sync.keys import load_keystore
from app.sync.results import Outcome
from tests.postgres.test_postgres_sync import county_rows
from tests.sync.conftest import COUNTY_SECRET, STATIONS, World

ACTOR = system_actor("430623")
THREAD = "jiuzhu-read-ahead"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The read-ahead switched on for SQLite; yields the name of the thread each payload was read in."""
    monkeypatch.setattr(ahead, "ENGINES", frozenset({"sqlite", "postgresql"}))
    seen: list[str] = []
    parse = stream.read_payload

    def spy(compressed: bytes, size: int) -> dict[str, Any]:
        seen.append(threading.current_thread().name)
        return parse(compressed, size)

    monkeypatch.setattr(stream, "read_payload", spy)
    yield seen


def bundles(world: World) -> list[Path]:
    files = [world.export(code) for code in STATIONS]
    assert all(files)
    return [f for f in files if f is not None]


def import_all(world: World, files: list[Path], cancel: Callable[[], bool] | None = None) -> list[Outcome]:
    db = world.db("county")
    try:
        with db.uow(ACTOR.username) as uow:
            done = transfer.import_bundles(
                uow, ACTOR, world.paths("county"), lambda: COUNTY_SECRET, files, cancel=cancel
            )
            uow.commit()
        return done.outcomes
    finally:
        db.dispose()


def twin(world: World, tmp_path: Path) -> World:
    """A copy of the world as it is now (the bundles exported, nothing imported)."""
    other = World(tmp_path / "twin")
    shutil.copytree(world.root, other.root)
    return other


def test_bundles_read_ahead_land_exactly_as_bundles_read_in_turn(
    world: World, tmp_path: Path, reads: list[str]
) -> None:
    files = bundles(world)
    in_turn = twin(world, tmp_path)
    with pytest.MonkeyPatch.context() as off:
        off.setattr(ahead, "ENGINES", frozenset())
        expected = import_all(in_turn, files)
    assert reads == ["MainThread"] * 3
    reads.clear()

    outcomes = import_all(world, files)

    assert reads[0] == "MainThread"  # the first file in turn, each next one while the one before is written
    assert [name.startswith(THREAD) for name in reads] == [False, True, True]
    assert [(o.status, o.result) for o in outcomes] == [(o.status, o.result) for o in expected]
    assert [o.status for o in outcomes] == [BundleStatus.APPLIED] * 3
    assert county_rows(world.root, None) == county_rows(in_turn.root, None)


def test_a_damaged_file_is_refused_in_turn_with_its_own_reason(
    world: World, tmp_path: Path, reads: list[str]
) -> None:
    files = bundles(world)
    data = bytearray(files[1].read_bytes())
    data[-1] ^= 0xFF  # the payload no longer hashes to its signed header
    files[1].write_bytes(bytes(data))
    in_turn = twin(world, tmp_path)
    with pytest.MonkeyPatch.context() as off:
        off.setattr(ahead, "ENGINES", frozenset())
        expected = import_all(in_turn, files)

    outcomes = import_all(world, files)

    assert [o.status for o in outcomes] == [BundleStatus.APPLIED, BundleStatus.REFUSED, BundleStatus.APPLIED]
    assert outcomes[1].message == expected[1].message
    assert "哈希与签名头部不符" in outcomes[1].message
    assert county_rows(world.root, None) == county_rows(in_turn.root, None)


def test_a_document_is_taken_only_for_the_file_it_was_read_from(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = bundles(world)
    signed = {path: fmt.unpack(path.read_bytes()).signed for path in (first, second, third)}
    pair = load_keystore(world.paths("county"), COUNTY_SECRET)
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            with ahead.ReadAhead(uow.session, pair) as reader:
                assert reader.source(first, second) is None  # SQLite: each file read in turn
            monkeypatch.setattr(ahead, "ENGINES", frozenset({"sqlite"}))
            with ahead.ReadAhead(uow.session, pair) as reader:
                turn = reader.source(first, second)
                assert turn is not None
                turn.writing()  # the second file is read now …
                shutil.copyfile(third, second)  # … and replaced before its turn
                later = reader.source(second, None)
                assert later is not None
                in_turn: list[str] = []
                doc = later.document(signed[third], lambda: in_turn.append("read") or {"read": "in turn"})
                assert in_turn == ["read"] and doc == {"read": "in turn"} and later.tables() is None

                turn = reader.source(third, second)
                assert turn is not None
                turn.writing()
                taken = reader.source(second, None)
                assert taken is not None
                doc = taken.document(signed[third], pytest.fail)  # read ahead: not read again
                header = fmt.Header.from_bytes(fmt.unpack(third.read_bytes()).header_bytes)
                assert doc["bundle_id"] == header.bundle_id
                tables = taken.tables()
                assert tables is not None and len(tables["household"]) == 14  # the third township's
                assert taken.tables() is None  # the rows are handed over once
    finally:
        db.dispose()


def test_a_stopped_import_leaves_no_thread_reading(world: World, reads: list[str]) -> None:
    files = bundles(world)
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # stopped after the first file, with the second being read ahead

    outcomes = import_all(world, files, cancel)

    assert [o.status for o in outcomes] == [BundleStatus.APPLIED]
    assert reads[0] == "MainThread" and len(reads) <= 2
    assert not [t for t in threading.enumerate() if t.name.startswith(THREAD)]


def test_a_payload_past_the_limit_is_read_in_turn(
    world: World, monkeypatch: pytest.MonkeyPatch, reads: list[str]
) -> None:
    """Two bundles that large would be held at once: the one past MAX_PLAIN waits for its turn."""
    files = bundles(world)
    sizes = [fmt.Header.from_bytes(fmt.unpack(f.read_bytes()).header_bytes).plain_size for f in files]
    assert sizes[1] != sizes[2]
    limit = min(sizes[1:])
    monkeypatch.setattr(ahead, "MAX_PLAIN", limit)  # the smaller of the two at the limit, the other past it

    outcomes = import_all(world, files)

    assert [o.status for o in outcomes] == [BundleStatus.APPLIED] * 3
    assert [name.startswith(THREAD) for name in reads] == [False, sizes[1] == limit, sizes[2] == limit]
