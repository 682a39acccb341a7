"""A 20,000-row ledger import against the floor: openpyxl read-only read + raw sqlite3 executemany.

    .venv/bin/python bench/bench_ledger.py [--rows 20000] [--repeat 3]

The ledger has a title row, a header, one row per member under the head, and the usual dirt (lowercase x,
apostrophes, 「320元」, 1956.03 dates). Jiuzhu's side is ``import_ledger`` end to end: read, clean, match
villages, compare with the file, Core executemany in one transaction with audit and outbox. The floor reads
the same file with openpyxl in read-only mode and writes the rows Jiuzhu wrote (every table, outbox and
audit included) with raw sqlite3 executemany into a copy of the same starting database.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain import idcard
from app.models.area import Area
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.intake.ledger import import_ledger
from app.services.setup.installation import initialise, open_database
from bench.common import report, timed

TOWNSHIP = "430623101"
SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国春梅"
RELATIONS = ("妻子", "儿子", "女儿", "母亲", "孙子")
NEW_TABLES = ("household", "person", "case_file", "case_event", "benefit", "benefit_member", "counter")


def make_template(root: Path, villages: int) -> DataPaths:
    paths = DataPaths(root)
    db = open_database(paths, create=True)
    initialise(db, kind="station", code=TOWNSHIP, admin_password="benchpass")
    with db.uow("bench") as uow:
        for n in range(villages):
            code = f"{TOWNSHIP}{200 + n:03d}"
            uow.session.add(
                Area(code=code, level="village", name=f"第{n + 1}村", parent_code=f"{TOWNSHIP}000")
            )
        uow.commit()
    db.dispose()
    return paths


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _unique_id(born: date, male: bool, used: set[str]) -> str:
    for seq in range(1 if male else 0, 1000, 2):
        number = idcard.make_id("430623", born, seq)
        if number not in used:
            used.add(number)
            return number
    raise ValueError(f"no sequence number left for {born}")


def make_ledger(path: Path, rows: int, villages: int, seed: int = 1) -> int:
    """A per-member ledger of ``rows`` data rows; returns the number of households."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["三封寺镇农村低保对象花名册"])
    columns = "序号 村 户主姓名 姓名 与户主关系 性别 出生年月 身份证号码 保障人数 月保障金（元） 类别"
    ws.append([*columns.split(), "家庭住址", "联系电话", "备注"])
    written = households = 0
    used: set[str] = set()
    while written < rows:
        households += 1
        size = min(rng.choice((1, 2, 3, 3, 4)), rows - written)
        head_born = date(rng.randint(1940, 1975), rng.randint(1, 12), rng.randint(1, 28))
        head = _name(rng)
        village = f"第{rng.randrange(villages) + 1}村" + rng.choice(("", "委会"))
        for k in range(size):
            if k == 0:
                born, rel, sex_odd = head_born, "户主", True
                who = head
            else:
                rel = RELATIONS[(k - 1) % len(RELATIONS)]
                if rel == "妻子":
                    born, sex_odd = date(head_born.year + 2, head_born.month, head_born.day), False
                elif rel == "母亲":
                    born, sex_odd = date(head_born.year - 25, 6, 1), False
                elif rel == "孙子":
                    born, sex_odd = date(min(head_born.year + 50, 2020), 3, 3), True
                else:
                    born, sex_odd = date(head_born.year + 25 + k, 2, 2), rel == "儿子"
                who = _name(rng)
            number = _unique_id(born, sex_odd, used)
            shown = number.lower() if rng.random() < 0.1 else ("'" + number if rng.random() < 0.1 else number)
            birth = f"{born.year}.{born.month:02d}" if rng.random() < 0.5 else born
            row = [households if k == 0 else None, village if k == 0 else None, head if k == 0 else None]
            row += [who, rel, "男" if sex_odd else "女", birth, shown]
            if k == 0:
                row += [
                    size,
                    f"{rng.randint(150, 600)}元",
                    "农村低保",
                    f"{village}{rng.randint(1, 9)}组",
                    f"13{rng.randrange(10**9):09d}",
                    "",
                ]
            ws.append(row)
            written += 1
    ws.append(["合计", None, None, f"{households}户{written}人"])
    ws.append(["制表人：张丽"])
    wb.save(path)
    return households


def floor_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells += len(row)
    wb.close()
    return cells


def ours(template: Path, target: Path, ledger: Path) -> float:
    shutil.copytree(template, target)
    db = open_database(DataPaths(target))

    def run() -> None:
        with db.uow("bench") as uow:
            result = import_ledger(uow, system_actor("430623"), ledger)
            uow.commit()
        assert result.written and not result.errors, result.summary()

    seconds, _ = timed(run)
    db.dispose()
    return seconds


def written_rows(template: Path, done: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """The rows the import added to every table, read back from Jiuzhu's database."""
    out = []
    before = sqlite3.connect(DataPaths(template).database)
    after = sqlite3.connect(DataPaths(done).database)
    for table in (*NEW_TABLES, "outbox", "audit_event"):
        key = "seq" if table in ("outbox", "audit_event") else "rowid"
        last = before.execute(f"SELECT coalesce(max({key}), 0) FROM {table}").fetchone()[0]
        rows = after.execute(f"SELECT * FROM {table} WHERE {key} > ?", (last,)).fetchall()
        out.append((table, rows))
    before.close()
    after.close()
    return out


def floor_write(template: Path, target: Path, rows: list[tuple[str, list[tuple[object, ...]]]]) -> float:
    shutil.copytree(template, target)
    conn = sqlite3.connect(DataPaths(target).database)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")

    def write() -> None:
        for table, batch in rows:
            if batch:
                marks = ", ".join("?" * len(batch[0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", batch)
        conn.commit()

    seconds, _ = timed(write)
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        template = make_template(tmp / "template", args.villages).root
        ledger = tmp / "ledger.xlsx"
        households = make_ledger(ledger, args.rows, args.villages)
        print(
            f"ledger: {args.rows} member rows, {households} households, {ledger.stat().st_size // 1024} KiB"
        )
        mine = [ours(template, tmp / f"ours{i}", ledger) for i in range(args.repeat)]
        rows = written_rows(template, tmp / "ours0")
        print("rows written: " + ", ".join(f"{t} {len(r)}" for t, r in rows))
        reads = [timed(lambda: floor_read(ledger))[0] for _ in range(args.repeat)]
        writes = [floor_write(template, tmp / f"floor{i}", rows) for i in range(args.repeat)]
    print(f"floor: read {min(reads):.3f} s + write {min(writes):.3f} s")
    report("ledger import (20,000 rows)", min(mine), min(reads) + min(writes), budget=1.5)


if __name__ == "__main__":
    main()
