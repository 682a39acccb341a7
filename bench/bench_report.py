"""The monthly statistics report over a county of 50,000+ covered persons against the raw SQL it needs.

    .venv/bin/python bench/bench_report.py [--households 29000] [--repeat 5] [--keep DIR]

A county demo is built (about 29,000 households, 50,000 persons paid in the month) and the month's
run approved. The floor runs the report's aggregate queries as hand-written SQL through raw sqlite3
(amounts by category over the run's lines; persons by sex, age, disability and labour capacity;
new and exited households; 分类施保 by group) and fetches their rows. Jiuzhu's side is
``app.services.reports.monthly``: the same aggregates built with SQLAlchemy Core through a session,
plus the checks and the result objects. Writing the xlsx is timed apart. Budget: < 2 × the raw SQL.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.paths import DataPaths
from app.services.context import system_actor
from app.services.payments import runs
from app.services.reports.monthly import monthly
from app.services.setup.installation import initialise, open_database
from app.spreadsheets.reports import write_monthly
from bench.common import report, timed

MONTH = "2026-10"
PREVIOUS = "2026-09"
TODAY = date(2026, 11, 20)
ADMIN = system_actor("430623")

# The queries the report needs, written out (ages as birth-date cut-offs at the month's end).
RAW = (
    """SELECT category, count(*), sum(persons), sum(base_fen), sum(topup_fen), sum(total_fen)
       FROM payment_line WHERE run_id = :run GROUP BY category""",
    """SELECT l.category, count(*), sum(p.sex = 'F'), sum(p.birth_date <= '1966-10-31'),
              sum(p.birth_date > '2008-10-31'), sum(p.disability_category IS NOT NULL),
              sum(p.disability_grade <= 2
                  OR (p.disability_grade = 3 AND p.disability_category IN ('5', '6'))),
              sum(p.labour_capacity = 'full'), sum(p.labour_capacity = 'partial'),
              sum(p.labour_capacity = 'lost'), sum(p.labour_capacity = 'none')
       FROM payment_line l JOIN benefit_member m ON m.benefit_id = l.benefit_id
       JOIN person p ON p.id = m.person_id WHERE l.run_id = :run GROUP BY l.category""",
    """SELECT l.category, count(*), coalesce(sum(n.n), 0) FROM payment_line l
       JOIN benefit b ON b.id = l.benefit_id
       LEFT JOIN (SELECT benefit_id, count(*) AS n FROM benefit_member GROUP BY benefit_id) n
         ON n.benefit_id = l.benefit_id
       WHERE l.run_id = :run AND b.start_month = :month GROUP BY l.category""",
    """SELECT l.category, count(*), coalesce(sum(n.n), 0) FROM payment_line l
       LEFT JOIN (SELECT benefit_id, count(*) AS n FROM benefit_member GROUP BY benefit_id) n
         ON n.benefit_id = l.benefit_id
       WHERE l.run_id = :before
         AND l.benefit_id NOT IN (SELECT benefit_id FROM payment_line WHERE run_id = :run)
       GROUP BY l.category""",
    """SELECT CASE WHEN p.disability_grade <= 2
                     OR (p.disability_grade = 3 AND p.disability_category IN ('5', '6')) THEN '重度残疾人'
                   WHEN p.health = 'serious' THEN '重病患者'
                   WHEN p.birth_date <= '1946-10-31' THEN '老年人'
                   WHEN p.birth_date > '2008-10-31' THEN '未成年人'
                   ELSE '其他' END AS grp, count(*), sum(m.topup_fen)
       FROM payment_line l JOIN benefit_member m ON m.benefit_id = l.benefit_id
       JOIN person p ON p.id = m.person_id WHERE l.run_id = :run AND m.topup_fen > 0 GROUP BY grp""",
    """SELECT substr(h.village_code, 1, 9), c.emergency, count(*), coalesce(sum(d.amount_fen), 0)
       FROM decision d JOIN case_file c ON c.id = d.case_id JOIN household h ON h.id = c.household_id
       WHERE c.program = 'linshi' AND d.kind = 'approve' AND d.decided_on BETWEEN :first AND :last
       GROUP BY 1, 2""",
)


def build(root: Path, households: int) -> None:
    from app.demo.run import run_demo

    db = open_database(DataPaths(root), create=True)
    try:
        initialise(db, kind="county", code="430623", admin_password="benchpass1")
    finally:
        db.dispose()
    run_demo(DataPaths(root), None, households=households, seed=1, today=TODAY)
    db = open_database(DataPaths(root))
    try:
        with db.uow("bench") as uow:
            runs.approve(uow, ADMIN, PREVIOUS)
            runs.approve(uow, ADMIN, MONTH)
            uow.commit()
    finally:
        db.dispose()


def raw(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        runs = dict(conn.execute("SELECT month, id FROM payment_run"))
        first, last = f"{MONTH}-01", f"{MONTH}-31"  # 临时救助 confirmed in the month (dates as text)
        params = {"run": runs[MONTH], "before": runs[PREVIOUS], "month": MONTH, "first": first, "last": last}
        rows = 0
        for sql in RAW:
            rows += len(conn.execute(sql, params).fetchall())
        return rows
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=29000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the county here once and reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "county"
        if not (root / "jiuzhu.sqlite3").exists():
            seconds, _ = timed(lambda: build(root, args.households))
            print(f"built a county demo of {args.households} households in {seconds:.0f} s")
        db = open_database(DataPaths(root))
        raw(DataPaths(root).database)  # warm the page cache for both sides

        def ours() -> object:
            with db.uow("bench") as uow:
                return monthly(uow, ADMIN, MONTH)

        result = ours()
        floor = min(timed(lambda: raw(DataPaths(root).database))[0] for _ in range(args.repeat))
        mine = min(timed(ours)[0] for _ in range(args.repeat))
        out = Path(tmp) / "report.xlsx"
        xlsx = min(timed(lambda: write_monthly(out, result))[0] for _ in range(args.repeat))  # type: ignore[arg-type]
        db.dispose()
    total = result.total  # type: ignore[attr-defined]
    print(
        f"monthly report {MONTH}: {total.households} households, {total.persons} persons paid "
        f"(best of {args.repeat})"
    )
    report("monthly report figures", mine, floor, 2.0)
    print(f"  writing the xlsx with charts: {xlsx:.3f} s more")


if __name__ == "__main__":
    main()
