"""Sync bundles against their floors: county import vs raw executemany; township export vs read + gzip.

    .venv/bin/python bench/bench_sync.py [--persons 50000] [--townships 4] [--export-households 3000]

Import: the same rows the bundles carry, inserted with raw sqlite3 executemany into a fresh database with
the same schema and PRAGMAs, one transaction per bundle. Export: the same tables read with raw sqlite3,
dumped to JSON and gzipped. Key files are unlocked before timing (scrypt runs once per session).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.cli import run
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.setup.installation import open_database
from app.services.sync import transfer
from app.sync import format as fmt
from app.sync import keys
from app.sync.tables import UP_TABLES
from bench.common import fresh_database, report, timed

SECRET = "bench-secret-1"
PERSONS_PER_HOUSEHOLD = 2.6  # what the demo generates (persons and their households)


def jz(root: Path, who: str, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(["--data-dir", str(root / who), *args])
    if code:
        raise SystemExit(f"jiuzhu {' '.join(args)} failed")
    return out.getvalue()


def make_station(root: Path, code: str, households: int, seed: int) -> None:
    secret = root / "secret"
    if code != "430623101":
        jz(root, code, "init", "--township", code, "--admin-password", "adminpass")
    jz(root, code, "demo", "--households", str(households), "--seed", str(seed))
    out = root / f"{code}.jzp"
    jz(root, "county", "station", "add", "--code", code, "--out", str(out), "--passphrase-file", str(secret),
       "--key-passphrase-file", str(secret))  # fmt: skip
    jz(root, code, "join", "--provision", str(out), "--passphrase-file", str(secret))


def export(root: Path, who: str, station: str | None = None) -> Path:
    db = open_database(DataPaths(root / who))
    try:
        actor = system_actor("430623")
        with db.uow(actor.username) as uow:
            done = transfer.export_bundle(
                uow, actor, DataPaths(root / who), lambda: SECRET, root / "usb", station=station
            )
            uow.commit()
    finally:
        db.dispose()
    assert done is not None
    return done.path


def payload(root: Path, bundle: Path) -> dict[str, Any]:
    pair = keys.load_keystore(DataPaths(root / "county"), SECRET)
    frame = fmt.unpack(bundle.read_bytes())
    header = fmt.Header.from_bytes(frame.header_bytes)
    return fmt.parse_payload(fmt.decompress(pair.decrypt(frame.payload), header.plain_size))


def raw_insert(db_file: Path, docs: list[dict[str, Any]]) -> None:
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("INSERT INTO area VALUES ('430623000000','county','华容县',NULL,1,'2026-01-01', '')")
    for doc in docs:
        conn.execute("BEGIN")
        for entry in doc["tables"]:
            columns = entry["columns"][:-2]  # without _base and _changed
            sql = (
                f"INSERT INTO {entry['name']} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            )
            conn.executemany(sql, [row[:-2] for row in entry["rows"]])
        conn.execute("COMMIT")
    conn.close()


def bench_import(root: Path, persons: int, townships: int) -> None:
    codes = [f"430623{n}" for n in ("101", "102", "103", "104", "106", "110", "111", "112")][:townships]
    households = int(persons / PERSONS_PER_HOUSEHOLD / townships)
    jz(root, "county", "init", "--county", "430623", "--admin-password", "adminpass")
    for seed, code in enumerate(codes, 1):
        make_station(root, code, households, seed)
    bundles = [export(root, code) for code in codes]
    docs = [payload(root, b) for b in bundles]
    carried = sum(len(t["rows"]) for d in docs for t in d["tables"] if t["name"] == "person")
    rows = sum(len(t["rows"]) for d in docs for t in d["tables"])
    floor_db = root / "floor.sqlite3"
    fresh_database(floor_db)
    floor, _ = timed(lambda: raw_insert(floor_db, docs))
    county = DataPaths(root / "county")
    db = open_database(county)
    actor = system_actor("430623")

    def import_all() -> list[Any]:
        with db.uow(actor.username) as uow:
            imported = transfer.import_bundles(uow, actor, county, lambda: SECRET, bundles)
            uow.commit()
        return imported.outcomes

    try:
        ours, outcomes = timed(import_all)
    finally:
        db.dispose()
    assert all(o.status == "applied" for o in outcomes), [o.message for o in outcomes]
    print(f"import: {len(bundles)} bundles, {carried} persons, {rows} rows")
    report("import bundles at the county", ours, floor, 4)


def bench_export(root: Path, households: int) -> None:
    jz(root, "county", "init", "--county", "430623", "--admin-password", "adminpass")
    make_station(root, "430623101", households, 7)
    db_file = root / "430623101" / "jiuzhu.sqlite3"

    def floor_read() -> int:
        conn = sqlite3.connect(db_file)
        size = 0
        for name in UP_TABLES:
            rows = conn.execute(f"SELECT * FROM {name}").fetchall()
            size += len(fmt.compress(json.dumps(rows, ensure_ascii=False).encode()))
        conn.close()
        return size

    floor, _ = timed(floor_read)
    ours, path = timed(lambda: export(root, "430623101"))
    print(f"export: {households} households, bundle {path.stat().st_size / 1e6:.1f} MB")
    report("export a township's first bundle", ours, floor, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--townships", type=int, default=4)
    parser.add_argument("--export-households", type=int, default=3000)
    args = parser.parse_args()
    for job in ("import", "export"):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "secret").write_text(SECRET + "\n", encoding="utf-8")
            if job == "import":
                bench_import(root, args.persons, args.townships)
            else:
                bench_export(root, args.export_households)


if __name__ == "__main__":
    main()
