"""Exporting a township's first up bundle against raw read + JSON + gzip.

    .venv/bin/python bench/bench_sync.py [--export-households 3000]

The same tables read with raw sqlite3, dumped to JSON and gzipped. The county's import of bundles is
bench_import.py (three sizes, with peak memory) and bench_postgres.py (PostgreSQL and a province).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.sync import format as fmt
from app.sync.tables import UP_TABLES
from bench.common import report, timed
from bench.sync_world import SECRET, export, jz, make_station


def bench_export(root: Path, households: int) -> None:
    jz(root, "county", "init", "--county", "430623", "--admin-password", "adminpass")
    make_station(root, "430623101", households, 7)
    db_file = root / "430623101" / "jiuzhu.sqlite3"

    def floor_read() -> int:
        conn = sqlite3.connect(db_file)
        size = 0
        for name in UP_TABLES:
            rows = conn.execute(f"SELECT * FROM {name}").fetchall()
            size += len(fmt.compress(json.dumps(rows, ensure_ascii=False).encode()))
        conn.close()
        return size

    floor, _ = timed(floor_read)
    ours, path = timed(lambda: export(root, "430623101"))
    print(f"export: {households} households, bundle {path.stat().st_size / 1e6:.1f} MB")
    report("export a township's first bundle", ours, floor, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--export-households", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "secret").write_text(SECRET + "\n", encoding="utf-8")
        bench_export(root, args.export_households)


if __name__ == "__main__":
    main()
