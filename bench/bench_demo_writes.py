"""The demo's bulk writes against a raw sqlite3 executemany of the same rows.

    .venv/bin/python bench/bench_demo_writes.py [--households 20000]

Both sides write the same rows into a fresh database with the current schema, in one transaction,
with the same PRAGMAs. Jiuzhu's side is ``app.demo.run.write_rows`` (SQLAlchemy Core executemany,
type processing, one audit event per table); the outbox queueing a station adds is timed separately.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo.builder import DemoBuilder, Village
from app.demo.people import villages_for
from app.demo.run import DEMO_RULES, TABLE_ORDER, write_rows
from app.domain.calendar import WorkCalendar
from app.models.all import metadata
from app.models.db import Database, make_engine
from bench.common import fresh_database, report, timed


def build_rows(households: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(1)
    villages = [Village(c, n, u, "430623101") for c, n, u in villages_for("430623101", rng)]
    users = {"township": "clerk", "head": "head", "county": "county"}
    builder = DemoBuilder(
        rng, date(2026, 11, 20), WorkCalendar.default(), "430623", villages, DEMO_RULES, users
    )
    return builder.build(households)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def seed_areas(conn: sqlite3.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    codes = {r["village_code"] for r in rows["household"]}
    now = "2026-11-20 00:00:00"
    conn.execute("INSERT INTO area VALUES ('430623101000','township','三封寺镇',NULL,1,?, '')", (now,))
    conn.executemany(
        "INSERT INTO area VALUES (?, 'village', ?, '430623101000', 1, ?, '')",
        [(c, c, now) for c in sorted(codes)],
    )
    conn.commit()


def raw_floor(path: Path, rows: dict[str, list[dict[str, Any]]]) -> float:
    fresh_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    seed_areas(conn, rows)
    prepared = []
    for name in TABLE_ORDER:
        batch = rows.get(name, [])
        if not batch:
            continue
        cols = list(batch[0])
        sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        prepared.append((sql, [tuple(_sqlite_value(r[c]) for c in cols) for r in batch]))

    def write() -> None:
        for sql, values in prepared:
            conn.executemany(sql, values)
        conn.commit()

    seconds, _ = timed(write)
    conn.close()
    return seconds


def ours(path: Path, rows: dict[str, list[dict[str, Any]]], outbox: bool) -> float:
    db = Database(make_engine(fresh_database(path)), station="430623101")
    conn = sqlite3.connect(path)
    seed_areas(conn, rows)
    conn.close()

    def write() -> None:
        with db.uow("bench") as uow:
            write_rows(uow.session, rows, actor="bench", outbox=outbox)
            uow.commit()

    seconds, _ = timed(write)
    db.dispose()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gen_seconds, rows = timed(lambda: build_rows(args.households))
    total = sum(len(v) for v in rows.values())
    print(
        f"demo rows for {args.households} households: {total} rows in {len(rows)} tables "
        f"(generated in {gen_seconds:.1f} s)"
    )
    assert set(rows) <= set(metadata.tables)
    with tempfile.TemporaryDirectory() as tmp:
        floor = min(raw_floor(Path(tmp) / f"raw{i}.sqlite3", rows) for i in range(args.repeat))
        core = min(ours(Path(tmp) / f"ours{i}.sqlite3", rows, outbox=False) for i in range(args.repeat))
        station = min(ours(Path(tmp) / f"st{i}.sqlite3", rows, outbox=True) for i in range(args.repeat))
    report("demo bulk write (county: no outbox)", core, floor)
    report("demo bulk write (station: + outbox)", station, floor)


if __name__ == "__main__":
    main()
