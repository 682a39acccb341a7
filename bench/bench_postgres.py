"""The county on PostgreSQL: the same bundles imported into PostgreSQL and into SQLite, and a province.

    .venv/bin/python bench/bench_postgres.py [--persons 50000 150000] [--townships 4]
        [--province-persons 300000] [--province-townships 8] [--repeat 1] [--pg URL] [--port 55479]
        [--cache DIR]

County scale: each bench_import world (``--persons`` in ``--townships`` demo stations, their first up
bundles) is imported into a copy of its county on SQLite and into the same county copied onto
PostgreSQL (its database and its keys alike), each import in a process of its own. Ratio: PostgreSQL /
SQLite (budget ≤ 1.2×).

Province scale: ``--province-persons`` in ``--province-townships`` stations into a PostgreSQL county;
the per-row cost against each county scale's on PostgreSQL (budget ≤ 1.3×).

Without ``--pg`` a throwaway server is started on loopback ``--port`` (fsync off, as scripts/test.sh
does; 1 GB of shared buffers and 4 GB of WAL between checkpoints, as a county's server would be set up
rather than PostgreSQL's defaults for a small machine) and stopped after. Each measured import gets a
fresh copy of the county, and the server is checkpointed before it (as a running server's regular
checkpoints leave it). CPU time is the importing process's plus the server's (the postmaster, its
backends and their reaped children); wall time is noisy on a shared machine. The importing process's
peak memory is printed per row of the largest bundle (budget ≤ 2 KB, as bench_import.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Integer, create_engine, insert, select, text

from app.models.all import metadata
from app.models.db import make_engine, sqlite_url
from app.models.migrate import upgrade
from bench import pg_server, sync_world
from bench.bench_import import BYTES_PER_ROW, run_child

BUDGET = 1.2
PROVINCE_BUDGET = 1.3


def copy_county(sqlite_file: Path, url: str) -> None:
    """The county's database (before any import) copied table by table onto PostgreSQL."""
    source, target = make_engine(sqlite_url(sqlite_file)), make_engine(url)
    upgrade(target)
    with source.connect() as src, target.begin() as dst:
        for table in metadata.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(insert(table), rows)
            key = list(table.primary_key.columns)
            if len(key) == 1 and isinstance(key[0].type, Integer) and key[0].autoincrement is True:
                dst.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "
                        f"(SELECT coalesce(max({key[0].name}), 0) + 1 FROM {table.name}), false)"
                    )
                )
    source.dispose()
    target.dispose()


def rows_in(root: Path, bundles: list[Path]) -> tuple[int, int, int]:
    """(rows, persons, rows of the largest bundle) the bundles carry."""
    rows = persons = largest = 0
    for bundle in bundles:
        doc = sync_world.payload(root / "county", bundle)
        size = sum(len(entry["rows"]) for entry in doc["tables"])
        rows, largest = rows + size, max(largest, size)
        persons += sum(len(entry["rows"]) for entry in doc["tables"] if entry["name"] == "person")
    return rows, persons, largest


def on_postgres(
    base: str, pid: int, root: Path, bundles: list[Path], repeat: int, tag: str
) -> dict[str, float]:
    """Median wall and CPU (client + server) of importing the world's bundles into PostgreSQL."""
    walls, cpus, peaks = [], [], []
    with pg_server.database(base, f"jz_{tag}_template") as template_url:
        copy_county(root / "county" / "jiuzhu.sqlite3", template_url)
        create_engine(template_url).dispose()
        for n in range(repeat):
            with (
                tempfile.TemporaryDirectory() as tmp,
                pg_server.database(base, f"jz_{tag}_{n}", template=f"jz_{tag}_template") as url,
            ):
                pg_server.checkpoint(base)
                before = pg_server.server_cpu(pid)
                got = run_child(root, Path(tmp), bundles, url)
                walls.append(got["wall"])
                cpus.append(got["cpu"] + pg_server.server_cpu(pid) - before)
                peaks.append(got["peak_kb"] * 1024)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "peak": max(peaks)}


def on_sqlite(root: Path, bundles: list[Path], repeat: int) -> dict[str, float]:
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            got = run_child(root, Path(tmp), bundles)
            walls.append(got["wall"])
            cpus.append(got["cpu"])
            peaks.append(got["peak_kb"] * 1024)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "peak": max(peaks)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, nargs="+", default=[50_000, 150_000])
    parser.add_argument("--townships", type=int, default=4)
    parser.add_argument("--province-persons", type=int, default=300_000)
    parser.add_argument("--province-townships", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pg", help="a server URL (postgresql+psycopg://…/postgres); else a throwaway one")
    parser.add_argument("--port", type=int, default=55479)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "jiuzhu-bench")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the start", flush=True)
    started = time.perf_counter()
    with nullcontext((args.pg, 0)) if args.pg else pg_server.server(args.port) as (base, pid):
        county: dict[int, dict[str, float]] = {}  # per-row cost on PostgreSQL at each county scale
        for persons in args.persons:
            root, bundles = sync_world.world(args.cache, persons, args.townships)
            rows, carried, largest = rows_in(root, bundles)
            lite = on_sqlite(root, bundles, args.repeat)
            pg = on_postgres(base, pid, root, bundles, args.repeat, f"county{persons}")
            print(f"county: {carried:,} persons, {rows:,} rows in {len(bundles)} bundles")
            report("  PostgreSQL / SQLite", pg, lite, BUDGET, pid)
            print(
                f"  peak memory of the importing process: PostgreSQL {pg['peak'] / largest:,.0f} B, SQLite "
                f"{lite['peak'] / largest:,.0f} B per row of the largest bundle ({largest:,} rows; "
                f"budget ≤ {BYTES_PER_ROW:,} B)",
                flush=True,
            )
            county[persons] = {k: v / rows for k, v in pg.items()}
        if args.province_persons:
            big_root, big = sync_world.world(args.cache, args.province_persons, args.province_townships)
            big_rows, big_persons, _ = rows_in(big_root, big)
            province = on_postgres(base, pid, big_root, big, args.repeat, "province")
            per_row = {k: v / big_rows for k, v in province.items()}
            print(
                f"province: {big_persons:,} persons, {big_rows:,} rows in {len(big)} bundles, on PostgreSQL"
            )
            for what in ("wall", "cpu"):
                against = ", ".join(
                    f"{per_row[what] / scale[what]:.2f}× the {persons:,}-person county's "
                    f"{scale[what] * 1e6:.1f} µs"
                    for persons, scale in county.items()
                )
                print(
                    f"  {what}: {province[what]:.1f} s = {per_row[what] * 1e6:.1f} µs/row: {against} "
                    f"(budget ≤ {PROVINCE_BUDGET}×)",
                    flush=True,
                )
    print(f"load average {os.getloadavg()[0]:.1f} at the end; {time.perf_counter() - started:.0f} s in all")


def report(name: str, ours: dict[str, Any], floor: dict[str, Any], budget: float, pid: int) -> None:
    server = "client + server" if pid else "client only (a server not started here)"
    print(
        f"{name}: wall {ours['wall']:.2f} s / {floor['wall']:.2f} s = {ours['wall'] / floor['wall']:.2f}×; "
        f"CPU ({server}) {ours['cpu']:.2f} s / {floor['cpu']:.2f} s = {ours['cpu'] / floor['cpu']:.2f}× "
        f"(budget ≤ {budget}×)",
        flush=True,
    )


if __name__ == "__main__":
    main()
