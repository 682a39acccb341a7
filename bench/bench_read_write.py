"""Reads never wait behind writes: search as you type while an import holds the write lock.

    .venv/bin/python bench/bench_read_write.py [--db DIR] [--households 100000] [--queries 200]

The same mixed queries as bench_search.py (first page + capped count, each a `Database.read`), timed
twice: on an idle database, then while another thread runs an import-sized write: persons copied in
chunks of 2,000 inside one long write transaction (the search index triggers fire for every row),
rolled back at the end so that the database stays as built. Reads run on their own read-only
connections (WAL), so the second p99 should stay near the first; before issue 17 a read that found
the write lock taken could wait for the whole import.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from app.models.db import Database, UnitOfWork, WriteStopped
from app.services.context import system_actor
from app.services.households import registry
from app.services.households.registry import RegistryFilter
from app.services.setup.installation import open_database
from bench.bench_registry import FIRST_PAGE, ensure_database
from bench.bench_search import mixed_queries, percentile

COPY = """
INSERT INTO person (id, origin_station, version, updated_at, updated_by, household_id, name, name_pinyin,
    name_initials, id_number, sex, birth_date, relation_code, is_member, not_member_reason, hukou_type,
    health, illness, disability_category, disability_grade, disability_card, labour_capacity, employment,
    marital_status, education, is_student, phone, death_date)
SELECT lower(hex(randomblob(16))), origin_station, version, updated_at, updated_by, household_id, name,
    name_pinyin, name_initials, id_number, sex, birth_date, '99', is_member, not_member_reason, hukou_type,
    health, illness, disability_category, disability_grade, disability_card, labour_capacity, employment,
    marital_status, education, is_student, phone, death_date
FROM person WHERE rowid > :after ORDER BY rowid LIMIT 2000
"""


def timed_searches(db: Database, texts: list[str]) -> list[float]:
    county = system_actor("430623")
    took = []
    for t in texts:
        flt = RegistryFilter(text=t)
        start = time.perf_counter()
        db.read("bench", lambda u, f=flt: registry.page(u, county, f, 0, FIRST_PAGE))
        db.read("bench", lambda u, f=flt: registry.count(u, county, f))
        took.append(time.perf_counter() - start)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/jiuzhu-bench-registry"))
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    paths = ensure_database(args.db, args.households)
    db = open_database(paths)
    texts = mixed_queries(paths.database, args.queries)
    timed_searches(db, texts[:8])  # warm the page cache
    idle = timed_searches(db, texts)

    writing = threading.Event()
    done = threading.Event()
    copied = [0]

    def import_like(uow: UnitOfWork) -> None:
        conn = uow.session.connection()
        after = 0
        writing.set()
        while not done.is_set():
            conn.execute(text(COPY), {"after": after})
            copied[0] += 2000
            after += 2000

    def writer() -> None:
        with contextlib.suppress(WriteStopped):  # rolled back: the database stays as built
            db.write("bench", import_like, stop=lambda: True)

    thread = threading.Thread(target=writer)
    thread.start()
    writing.wait()
    start = time.perf_counter()
    busy = timed_searches(db, texts)
    elapsed = time.perf_counter() - start
    done.set()
    thread.join()
    db.dispose()
    ms = 1000
    for label, values in (("idle", idle), ("during the import", busy)):
        p50, p95, p99 = (percentile(values, q) * ms for q in (0.5, 0.95, 0.99))
        worst = max(values) * ms
        print(f"{label:>18}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms")
    print(f"the import wrote {copied[0]} persons in {elapsed:.1f} s while {len(texts)} searches ran")
    ratio = percentile(busy, 0.99) / percentile(idle, 0.99)
    print(f"p99 during / idle: {ratio:.2f}× (a read that waited for the write lock would show seconds)")


if __name__ == "__main__":
    main()
