"""County import of up bundles at three sizes against raw sqlite3 executemany, with peak memory.

    .venv/bin/python bench/bench_import.py [--persons 10000 50000 150000] [--townships 4] [--repeat 1]
        [--cache DIR]

For each size, a county and ``--townships`` demo stations are built once (kept under ``--cache``, default
a ``jiuzhu-bench`` folder in the temporary directory) and each station's first up bundle exported.
Then, on a fresh copy of the county each time:

- floor: the rows the bundles carry (decrypted outside the timing), inserted with raw ``sqlite3``
  ``executemany`` into a fresh database with the same schema and PRAGMAs, one transaction per bundle;
- jiuzhu: ``import_bundles`` on the county, in its own process: verify, decrypt, validate, judge, write,
  audit, digest, all included. Its peak memory is that process's high-water mark (VmHWM) and, apart,
  what it rose by during the import.

Both are timed in wall-clock and CPU seconds, and printed with their ratio. On a busy machine the CPU
ratio is the steadier one; the budget (architecture.md) is ≤ 2.5× and a peak ≤ 2 KB per row of the
largest bundle.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import sync_world
from bench.common import fresh_database

BUDGET = 2.5
BYTES_PER_ROW = 2048

ENCRYPTED = "JIUZHU_BENCH_ENCRYPTED"


def memory_kb(field: str) -> int:
    """A line of /proc/self/status in KiB (VmHWM: the peak resident size of this process, VmRSS: now)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak() -> None:
    """Start VmHWM again from the present size (Linux ≥ 4.0), so that unlocking the keystore (scrypt,
    once per session) does not count as the import's peak."""
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def cpu() -> float:
    """CPU seconds of this process: Python and SQLite alike (both run in it)."""
    return time.process_time()


def raw_insert(db_file: Path, docs: list[dict[str, Any]]) -> tuple[float, float]:
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("INSERT INTO area VALUES ('430623000000','county','华容县',NULL,1,'2026-01-01', '')")
    wall, proc = time.perf_counter(), cpu()
    for doc in docs:
        conn.execute("BEGIN")
        for entry in doc["tables"]:
            columns = entry["columns"][:-2]  # without _base and _changed
            sql = (
                f"INSERT INTO {entry['name']} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            )
            conn.executemany(sql, [row[:-2] for row in entry["rows"]])
        conn.execute("COMMIT")
    result = time.perf_counter() - wall, cpu() - proc
    conn.close()
    return result


def child(county: Path, bundles: list[Path], url: str | None = None) -> None:
    """Import the bundles into ``county`` (its database at ``url``, else its SQLite file) in this
    process; print wall, CPU and memory as JSON."""
    from app.domain.codes import BundleStatus
    from app.paths import DataPaths
    from app.services.context import system_actor
    from app.services.setup.installation import open_database
    from app.services.sync import transfer
    from app.sync import keys

    paths = DataPaths(county)
    if url is None and os.environ.get(ENCRYPTED):  # the county's database encrypted (SQLCipher) first
        from app.services.setup.installation import encrypt
        from bench.common import BENCH_KEY, open_bench_database

        (paths.root / BENCH_KEY).write_text(encrypt(paths, recovery=True), encoding="utf-8")
        db = open_bench_database(paths)
    else:
        db = open_database(paths, url)
    keys.load_keystore(paths, sync_world.SECRET)  # scrypt once per session, as the desktop does
    with db.uow("bench") as uow:  # the engine's pool and first connection, as in a running desktop
        uow.session.connection()
    reset_peak()
    before = memory_kb("VmRSS")
    wall, proc = time.perf_counter(), cpu()
    actor = system_actor("430623")
    with db.uow(actor.username) as uow:
        outcomes = transfer.import_bundles(uow, actor, paths, lambda: sync_world.SECRET, bundles).outcomes
        uow.commit()
    wall, proc = time.perf_counter() - wall, cpu() - proc
    db.dispose()
    bad = [o.message for o in outcomes if o.status != BundleStatus.APPLIED]
    if bad:
        raise SystemExit(f"import refused: {bad}")
    peak = memory_kb("VmHWM")
    print(json.dumps({"wall": wall, "cpu": proc, "peak_kb": peak, "rise_kb": peak - before}))


def run_child(root: Path, scratch: Path, bundles: list[Path], url: str | None = None) -> dict[str, float]:
    """One measured import in a process of its own, on a fresh copy of the world's county folder."""
    county = sync_world.fresh_county(root, scratch)
    args = [sys.executable, __file__, "--child", str(county), url or "-", *map(str, bundles)]
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench_size(cache: Path, persons: int, townships: int, repeat: int) -> dict[str, Any]:
    root, bundles = sync_world.world(cache, persons, townships)
    county = root / "county"
    docs = [sync_world.payload(county, b) for b in bundles]
    people = sum(len(t["rows"]) for d in docs for t in d["tables"] if t["name"] == "person")
    sizes = [sum(len(t["rows"]) for t in d["tables"]) for d in docs]
    floors, ours = [], []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for _ in range(repeat):
            floor_db = scratch / "floor.sqlite3"
            fresh_database(floor_db)
            floors.append(raw_insert(floor_db, docs))
            ours.append(run_child(root, scratch, bundles))
    del docs
    floor_wall = statistics.median(f[0] for f in floors)
    floor_cpu = statistics.median(f[1] for f in floors)
    wall = statistics.median(o["wall"] for o in ours)
    proc = statistics.median(o["cpu"] for o in ours)
    peak = max(o["peak_kb"] for o in ours) * 1024
    rise = max(o["rise_kb"] for o in ours) * 1024
    largest = max(sizes)
    print(
        f"import {persons:,} persons ({people:,} carried) in {len(bundles)} bundles, {sum(sizes):,} rows, "
        f"largest bundle {largest:,} rows"
    )
    print(
        f"  wall: jiuzhu {wall:.2f} s, floor {floor_wall:.2f} s, ratio {wall / floor_wall:.2f}×   "
        f"CPU: jiuzhu {proc:.2f} s, floor {floor_cpu:.2f} s, ratio {proc / floor_cpu:.2f}×  "
        f"(budget ≤ {BUDGET}×)"
    )
    print(
        f"  peak RSS {peak / 2**20:.0f} MB = {peak / largest:,.0f} B per row of the largest bundle "
        f"(rise during the import {rise / 2**20:.0f} MB = {rise / largest:,.0f} B/row; "
        f"budget ≤ {BYTES_PER_ROW} B)",
        flush=True,
    )
    return {"persons": persons, "wall_ratio": wall / floor_wall, "cpu_ratio": proc / floor_cpu}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        url = sys.argv[3] if sys.argv[3] != "-" else None
        child(Path(sys.argv[2]), [Path(p) for p in sys.argv[4:]], url)
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, nargs="+", default=[10_000, 50_000, 150_000])
    parser.add_argument("--townships", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="into an encrypted county; floor plain",
    )
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "jiuzhu-bench")
    args = parser.parse_args()
    if args.encrypted:
        os.environ[ENCRYPTED] = "1"  # read by each measured child process
        print("importing into an encrypted county database (SQLCipher); the floor is raw plain sqlite3")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the start", flush=True)
    for persons in args.persons:
        bench_size(args.cache, persons, args.townships, args.repeat)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; children's CPU {usage.ru_utime:.0f} s")


if __name__ == "__main__":
    main()
