"""Search as you type on the registry: 200 mixed queries, each timed as the registry runs it.

    .venv/bin/python bench/bench_search.py [--db DIR] [--households 100000] [--queries 200]

Each query is what the registry page does after a pause in typing: the first page of 64 households,
then the (capped) count, each in its own read unit of work. The mix, drawn with a fixed seed from the
persons in the database: short ID prefixes ("4" … the county's own "430623"), ID fragments, whole
names, surnames, two characters of a name, full pinyin, initials, one or two pinyin letters. The
statements each query sent are replayed through raw sqlite3 (the floor). Budget (architecture.md):
p50 < 10 ms, p99 < 30 ms on 100,000 households. The database is built once with `jiuzhu demo`
(a county master) and kept in --db; an older database is upgraded (search index filled) on open.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from app.models import cipher
from app.models.db import Database
from app.services.context import system_actor
from app.services.households import registry
from app.services.households.registry import RegistryFilter
from app.services.setup.installation import open_database
from bench.bench_registry import FIRST_PAGE, ensure_database
from bench.common import encrypted_twin, open_bench_database


def mixed_queries(db_file: Path, n: int, seed: int = 17) -> list[str]:
    """``n`` search texts of every kind, drawn from the persons with a fixed seed."""
    conn = sqlite3.connect(db_file)
    try:
        people = conn.execute(
            "SELECT name, name_pinyin, name_initials, id_number FROM person ORDER BY rowid LIMIT 20000"
        ).fetchall()
    finally:
        conn.close()
    rng = random.Random(seed)
    county = people[0][3][:6]
    kinds = [
        lambda p: county[: rng.randint(1, 6)],  # short ID prefixes, the county's own code
        lambda p: p[3][(i := rng.randint(6, 12)) : i + rng.randint(4, 6)],  # a fragment of an ID
        lambda p: p[0],  # a whole name
        lambda p: p[0][0],  # a surname
        lambda p: p[0][-2:],  # two characters of a name
        lambda p: p[1],  # full pinyin
        lambda p: p[2],  # initials
        lambda p: p[1][: rng.randint(1, 2)],  # one or two pinyin letters
    ]
    return [kinds[i % len(kinds)](rng.choice(people)) for i in range(n)]


def db_file_of(db: Database) -> Path:
    return Path(str(db.engine.url.database))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/jiuzhu-bench-registry"))
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="Jiuzhu on an encrypted copy; raw SQL on the plain one",
    )
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    paths = ensure_database(args.db, args.households)
    db = open_database(paths)  # upgrades an older bench database (fills the search index)
    if args.encrypted:
        db.dispose()
        db = open_bench_database(encrypted_twin(paths))
        print("Jiuzhu on the encrypted copy (SQLCipher); the floor is raw sqlite3 on the plain database")
    recorded: list[tuple[str, Any]] = []

    def _record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            recorded.append((statement, parameters))

    for engine in (db.engine, db.read_engine):
        if engine is not None:
            event.listen(engine, "before_cursor_execute", _record)

    county = system_actor("430623")  # the whole county, as the county's staff search it
    texts = mixed_queries(paths.database, args.queries)
    raw = sqlite3.connect(paths.database)
    # with --encrypted, the same statements also through raw SQLCipher on the encrypted copy: the cost
    # of the encryption itself, apart from Jiuzhu's
    raw_cipher = cipher.connect(db_file_of(db), db.key) if db.key is not None else None
    ours: list[float] = []
    floor: list[float] = []
    cipher_floor: list[float] = []
    worst: list[tuple[float, str, int]] = []
    for text in [*texts[:8], *texts]:  # the first eight warm the page cache and are not counted
        flt = RegistryFilter(text=text)
        recorded.clear()
        start = time.perf_counter()
        rows = db.read("bench", lambda u, f=flt: registry.page(u, county, f, 0, FIRST_PAGE))
        total = db.read("bench", lambda u, f=flt: registry.count(u, county, f))
        took = time.perf_counter() - start
        statements = list(recorded)
        start = time.perf_counter()
        for sql, params in statements:
            raw.execute(sql, params).fetchall()
        floor.append(time.perf_counter() - start)
        if raw_cipher is not None:
            start = time.perf_counter()
            for sql, params in statements:
                raw_cipher.execute(sql, params).fetchall()
            cipher_floor.append(time.perf_counter() - start)
        ours.append(took)
        worst.append((took, text, total))
        assert len(rows) <= FIRST_PAGE
    raw.close()
    ours, floor, worst, cipher_floor = ours[8:], floor[8:], worst[8:], cipher_floor[8:]
    ms = 1000
    p50, p95, p99 = (percentile(ours, q) * ms for q in (0.5, 0.95, 0.99))
    f50, f99 = (percentile(floor, q) * ms for q in (0.5, 0.99))
    print(f"{len(ours)} mixed queries on {args.households} households (page of {FIRST_PAGE} + count):")
    print(f"  jiuzhu p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {max(ours) * ms:.1f} ms")
    print(f"  raw SQL p50 {f50:.1f} ms, p99 {f99:.1f} ms; ratio of medians {p50 / f50:.2f}×")
    if cipher_floor:
        c50, c99 = (percentile(cipher_floor, q) * ms for q in (0.5, 0.99))
        print(
            f"  raw SQLCipher (the same statements on the encrypted copy) p50 {c50:.1f} ms, p99 {c99:.1f} ms"
        )
    print(f"  budget p50 < 10 ms, p99 < 30 ms: {'ok' if p50 < 10 and p99 < 30 else 'OVER'}")
    print(f"  mean {statistics.mean(ours) * ms:.1f} ms; slowest:")
    for took, text, total in sorted(worst, reverse=True)[:5]:
        shown = f"{registry.COUNT_CAP}+" if total > registry.COUNT_CAP else str(total)
        print(f"    {text!r:>12}: {took * ms:6.1f} ms ({shown} households)")
    db.dispose()


if __name__ == "__main__":
    main()
