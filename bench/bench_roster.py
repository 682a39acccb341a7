"""A 50,000-row bank roster (发放名册) xlsx against a bare openpyxl write-only sheet of the same rows.

    .venv/bin/python bench/bench_roster.py [--rows 50000] [--repeat 3]

The floor writes the same rows (the values the roster shows: text, integers, yuan as Decimal) with
``Workbook(write_only=True)`` and ``ws.append`` and nothing else. Jiuzhu's side is the whole path of
``jiuzhu roster`` for an approved run: reading the frozen lines from the database (``runs.roster``)
and writing the workbook (title, header, text-formatted ID and account cells, amount formats, totals,
signature lines and the 乡镇汇总 sheet). The writer alone is timed too.
Budget (architecture.md): ≤ 1.3 × the bare sheet.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.documents.roster import HEADERS, Roster
from app.domain import idcard
from app.models.db import Database, make_engine
from app.services.context import system_actor
from app.services.payments import runs
from app.spreadsheets.roster import write_roster
from bench.common import fresh_database, report, timed

ADMIN = system_actor("430623")
MONTH = "2026-11"
TOWNSHIPS = ("三封寺镇", "治河渡镇", "北景港镇", "鲇鱼须镇", "万庾镇", "插旗镇", "注滋口镇", "操军镇")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国春花志红玉梅德福"
BANKS = ("华容县农村商业银行", "中国邮政储蓄银行华容县支行", "中国农业银行华容支行")


def lines(n: int) -> list[dict[str, Any]]:
    rng = random.Random(1)
    out = []
    for seq in range(1, n + 1):
        base = rng.randrange(20000, 180000, 100)
        topup = rng.choice((0, 0, 0, 2000, 3000, 6000))
        born = f"19{rng.randint(30, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        out.append(
            {
                "id": str(uuid.uuid4()),
                "run_id": "run",
                "seq": seq,
                "benefit_id": str(uuid.uuid4()),
                "case_id": str(uuid.uuid4()),
                "household_id": str(uuid.uuid4()),
                "township_code": "430623101000",
                "township": TOWNSHIPS[seq * len(TOWNSHIPS) // (n + 1)],
                "village_code": "430623101201",
                "village": f"第{rng.randint(1, 30)}村",
                "head_name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2)),
                "id_number": idcard.make_id("430623", date.fromisoformat(born), rng.randint(0, 999)),
                "persons": rng.randint(1, 6),
                "program": "dibao",
                "category": rng.choice(("农村低保", "城市低保", "特困供养")),
                "tier": "",
                "base_fen": base,
                "topup_fen": topup,
                "total_fen": base + topup,
                "bank_name": rng.choice(BANKS),
                "account_no": f"6217{rng.randrange(10**15):015d}",
                "account_holder": "",
                "remark": "渐退期第2个月（共6个月）" if rng.random() < 0.02 else "",
            }
        )
    return out


def seed(path: Path, rows: list[dict[str, Any]]) -> None:
    """An approved run with ``rows`` lines, written raw (the lines' parents are not needed to read it)."""
    fresh_database(path)
    conn = sqlite3.connect(path)
    now = "2026-11-29 00:00:00"
    conn.execute(
        "INSERT INTO installation (id, kind, code, name, county_code, created_at, demo) "
        "VALUES (1, 'county', '430623', '华容县', '430623', ?, 0)",
        (now,),
    )
    conn.execute(
        "INSERT INTO payment_run (id, origin_station, version, updated_at, updated_by, month, status, "
        "households, persons, base_fen, topup_fen, total_fen, prepared_by, prepared_at, approved_by, "
        "approved_at, paid_count, paid_fen, failed_count, failed_fen) VALUES ('run', '', 1, ?, 'b', ?, "
        "'approved', 0, 0, 0, 0, 0, 'b', ?, 'b', ?, 0, 0, 0, 0)",
        (now, MONTH, now, now),
    )
    cols = list(rows[0])
    sql = f"INSERT INTO payment_line ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])
    conn.commit()
    conn.close()


def bare(out: Path, rows: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("发放名册")
    ws.append(list(HEADERS))
    for r in rows:
        ws.append(
            [
                r["seq"],
                r["township"],
                r["village"],
                r["head_name"],
                r["id_number"],
                r["persons"],
                r["category"],
                Decimal(r["base_fen"]) / 100,
                Decimal(r["topup_fen"]) / 100,
                Decimal(r["total_fen"]) / 100,
                r["bank_name"],
                r["account_no"],
                MONTH,
                r["remark"] or None,
            ]
        )
    wb.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = lines(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed(folder / "roster.sqlite3", rows)
        db = Database(make_engine(f"sqlite+pysqlite:///{folder / 'roster.sqlite3'}"))

        def read() -> Roster:
            with db.uow("bench") as uow:
                return runs.roster(uow, ADMIN, MONTH)

        def full() -> None:
            write_roster(folder / "ours.xlsx", read())

        roster = read()
        assert roster.households == args.rows
        floor = min(timed(lambda: bare(folder / "bare.xlsx", rows))[0] for _ in range(args.repeat))
        writer = min(timed(lambda: write_roster(folder / "w.xlsx", roster))[0] for _ in range(args.repeat))
        ours = min(timed(full)[0] for _ in range(args.repeat))
        db.dispose()
    print(f"roster of {args.rows} lines (best of {args.repeat})")
    report("roster writer only", writer, floor)
    report("roster from the database (jiuzhu roster)", ours, floor, 1.3)


if __name__ == "__main__":
    main()
