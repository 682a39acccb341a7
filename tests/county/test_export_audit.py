"""Every file Jiuzhu writes with personal data outside the data folder is audited (issue 14): who, when,
what kind, how many households, where. One case per writer; each must leave an ``export`` event."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import run
from app.domain.codes import Role
from app.paths import DataPaths
from app.services.context import Actor
from app.services.reports.township import export_village_stats
from app.services.setup.installation import open_database
from tests.spreadsheets.ledgers import messy_ledger

MONTH = "2026-10"
HEAD = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")


def exports(paths: DataPaths) -> list[dict[str, object]]:
    with sqlite3.connect(paths.database) as conn:
        rows = conn.execute(
            "SELECT actor, at, new_values FROM audit_event WHERE action='export' ORDER BY seq"
        )
        return [{"actor": a, "at": at, **json.loads(new)} for a, at, new in rows]


def jz(paths: DataPaths, *argv: str) -> int:
    return run(["--data-dir", str(paths.root), *argv])


def _village_stats(paths: DataPaths, out: Path) -> None:
    db = open_database(paths)
    try:
        with db.uow(HEAD.username) as uow:
            export_village_stats(uow, HEAD, out / "本乡镇统计.xlsx")
            uow.commit()
    finally:
        db.dispose()


STATION_WRITERS: dict[str, Callable[[DataPaths, Path], object]] = {
    "export-ledger": lambda p, out: jz(p, "export-ledger", "--out", str(out / "台账.xlsx")),
    "errors workbook": lambda p, out: jz(
        p, "import-ledger", str(messy_ledger(out / "in.xlsx")), "--errors", str(out / "问题.xlsx")
    ),
    "village stats": _village_stats,
    "notice": lambda p, out: jz(
        p, "notice", "--village", "430623101206", "--kind", "standing", "--out", str(out / "公示.pdf")
    ),
}
COUNTY_WRITERS: dict[str, Callable[[DataPaths, Path], object]] = {
    "roster": lambda p, out: jz(p, "roster", "--month", MONTH, "--out", str(out / "名册.xlsx")),
    "monthly report": lambda p, out: jz(
        p, "report", "--month", MONTH, "--out", str(out / "月报.xlsx"), "--pdf", str(out / "月报.pdf")
    ),
    "year summary": lambda p, out: jz(p, "report", "--year", "2026", "--out", str(out / "年度.xlsx")),
}


def _written_and_audited(
    paths: DataPaths, tmp_path: Path, write: Callable[[DataPaths, Path], object]
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    before = len(exports(paths))
    write(paths, out)
    files = {f.name for f in out.iterdir() if f.name != "in.xlsx"}
    assert files, "nothing written"
    events = exports(paths)[before:]
    named = {str(e.get("file")) for e in events}
    assert files <= named, (files, events)
    for e in events:  # who, when, what kind, how many households, where
        assert e["actor"] and e["at"] and e.get("kind") and "households" in e, e
        assert e.get("folder") == str(out.resolve()), e


@pytest.mark.parametrize("writer", sorted(STATION_WRITERS))
def test_a_station_file_with_personal_data_is_audited(
    writer: str, demo_paths: DataPaths, tmp_path: Path
) -> None:
    _written_and_audited(demo_paths, tmp_path, STATION_WRITERS[writer])


@pytest.mark.parametrize("writer", sorted(COUNTY_WRITERS))
def test_a_county_file_with_personal_data_is_audited(
    writer: str, demo_county_paths: DataPaths, tmp_path: Path
) -> None:
    _written_and_audited(demo_county_paths, tmp_path, COUNTY_WRITERS[writer])
