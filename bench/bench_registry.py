"""The household registry on 100,000 households: opening and search as you type, beside raw SQL.

    .venv/bin/python bench/bench_registry.py [--db DIR] [--households 100000]

The database is built once with `jiuzhu demo` on a county master and kept in --db. Each service call
is timed, the SQL statements it sent are recorded, and the same statements are replayed through raw
sqlite3 (the floor). Budgets (architecture.md): the registry opens in under 0.3 s; a search answers
with a median under 50 ms.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from app.demo.run import run_demo
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.households import registry
from app.services.households.registry import RegistryFilter
from app.services.setup.installation import initialise, open_database
from bench.common import encrypted_twin, open_bench_database

FIRST_PAGE = 64  # what the registry shows first (app/views/households/registry_page.py FIRST_BATCH)
TYPED = (
    "z",
    "zh",
    "zha",
    "zhan",
    "zhang",
    "zs",
    "wjh",
    "li",
    "liu",
    "张",
    "张丽",
    "王",
    "1234",
    "430623",
    "19801",
    "chen",
    "cxm",
    "黄",
    "黄建",
    "x",
)


def ensure_database(root: Path, households: int) -> DataPaths:
    paths = DataPaths(root)
    if not paths.database.exists():
        db = open_database(paths, create=True)
        initialise(db, kind="county", code="430623", admin_password="benchpass1")
        db.dispose()
        t = time.perf_counter()
        run_demo(paths, None, households=households, seed=5)
        print(f"built a {households}-household county in {time.perf_counter() - t:.0f} s")
    return paths


def raw_replay(db_file: Path, statements: list[tuple[str, Any]]) -> float:
    conn = sqlite3.connect(db_file)
    try:
        start = time.perf_counter()
        for sql, params in statements:
            conn.execute(sql, params).fetchall()
        return time.perf_counter() - start
    finally:
        conn.close()


def explain(db_file: Path, statement: tuple[str, Any]) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN of one recorded statement, one line per step."""
    conn = sqlite3.connect(db_file)
    try:
        sql, params = statement
        return [detail for _id, _parent, _unused, detail in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/jiuzhu-bench-registry"))
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="Jiuzhu on an encrypted copy; raw SQL on the plain one",
    )
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

    def measure(fn: Any) -> tuple[float, float, Any]:
        """``fn`` as the registry page runs it: a read operation (kept-open read connections)."""
        recorded.clear()
        start = time.perf_counter()
        result = db.read("bench", fn)
        ours = time.perf_counter() - start
        statements = list(recorded)
        floor = min(raw_replay(paths.database, statements) for _ in range(3))
        return ours, floor, result

    county = system_actor("430623")  # the whole county, as the county's staff search it
    measure(lambda u: registry.page(u, county, RegistryFilter(), 0, FIRST_PAGE))  # warm the page cache
    ours, floor, rows = measure(lambda u: registry.page(u, county, RegistryFilter(), 0, FIRST_PAGE))
    print(
        f"open (first page of {len(rows)}): jiuzhu {ours * 1000:.1f} ms, raw SQL {floor * 1000:.1f} ms "
        f"(budget < 300 ms: {'ok' if ours < 0.3 else 'OVER'})"
    )
    for order in ("head", "-head"):
        measure(lambda u, o=order: registry.page(u, county, RegistryFilter(), 0, FIRST_PAGE, order=o))
        ours, floor, rows = measure(
            lambda u, o=order: registry.page(u, county, RegistryFilter(), 0, FIRST_PAGE, order=o)
        )
        print(
            f"open ordered by {order!r} (first page of {len(rows)}, {rows[0].head_name}…): "
            f"jiuzhu {ours * 1000:.1f} ms, raw SQL {floor * 1000:.1f} ms"
        )
    print("query plan of the first page by name:")
    for line in explain(paths.database, recorded[0]):
        print(f"  {line}")
    ours_c, floor_c, total = measure(lambda u: registry.count(u, county, RegistryFilter()))
    print(
        f"count ({total} households, shown after the first page): jiuzhu {ours_c * 1000:.1f} ms, "
        f"raw SQL {floor_c * 1000:.1f} ms"
    )
    ours_all, floor_all = [], []
    for text in TYPED:
        o, f, rows = measure(
            lambda u, t=text: registry.page(u, county, RegistryFilter(text=t), 0, FIRST_PAGE)
        )
        ours_all.append(o)
        floor_all.append(f)
        print(
            f"  search {text!r:>10}: {len(rows):3d} rows, "
            f"jiuzhu {o * 1000:6.1f} ms, raw SQL {f * 1000:6.1f} ms"
        )
    median, median_floor = statistics.median(ours_all), statistics.median(floor_all)
    print(
        f"search as you type, median of {len(TYPED)}: jiuzhu {median * 1000:.1f} ms, "
        f"raw SQL {median_floor * 1000:.1f} ms (budget < 50 ms: {'ok' if median < 0.05 else 'OVER'})"
    )
    db.dispose()


if __name__ == "__main__":
    main()
