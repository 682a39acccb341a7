"""`jiuzhu check` on a 30,000-household station: integrity, audit chain and the audit-finding checks.

    .venv/bin/python bench/bench_check.py [--db DIR] [--households 30000] [--full]

The station is built once with `jiuzhu demo` and kept in --db. The verb runs in this process as the
command line runs it (`run_all`), timed as a whole; its parts are timed apart: `PRAGMA quick_check`
(the default) and `PRAGMA integrity_check` (`--full`), the audit chain, and the findings (every
benefit recomputed). Budget (architecture.md): ≤ 5 s on 30,000 households. The verb's CPU time is
printed too: on a shared machine it moves less than the wall time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from app.demo.run import run_demo
from app.models.audit import verify_chain
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.reports.checks import findings_in, run_all
from app.services.setup import installation
from bench.common import timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/jiuzhu-bench-check"))
    parser.add_argument("--households", type=int, default=30_000)
    parser.add_argument("--full", action="store_true", help="time the verb with --full")
    args = parser.parse_args()
    paths = DataPaths(args.db)
    if not paths.database.exists():
        took, _ = timed(lambda: run_demo(paths, None, households=args.households, seed=7))
        print(f"built a {args.households}-household station in {took:.0f} s")
    db = installation.open_database(paths)
    try:
        with db.uow("check") as uow:
            actor = system_actor(installation.require(uow.session).county_code)
            session = uow.session
            quick, _ = timed(lambda: session.execute(text("PRAGMA quick_check")).all())
            full, _ = timed(lambda: session.execute(text("PRAGMA integrity_check")).all())
            chain, _ = timed(lambda: verify_chain(session.connection()))
            found, findings = timed(lambda: findings_in(session, actor.area_code, None))
        with db.uow("check") as uow:
            cpu = time.process_time()
            total, report = timed(lambda: run_all(uow, actor, full=args.full))
            cpu = time.process_time() - cpu
    finally:
        db.dispose()
    print(f"PRAGMA quick_check {quick:.2f} s, PRAGMA integrity_check {full:.2f} s")
    print(f"audit chain {chain:.2f} s; findings {found:.2f} s ({len(findings)} findings)")
    verdict = "ok" if total <= 5 else "OVER"
    print(f"jiuzhu check{' --full' if args.full else ''}: {total:.2f} s (budget ≤ 5 s: {verdict})")
    print(f"  CPU of the process meanwhile (all threads): {cpu:.2f} s")
    assert report.audit == []


if __name__ == "__main__":
    main()
