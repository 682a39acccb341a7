"""The county verbs and their exit codes: 0 done, 1 refused (also on a township station), 2 usage."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import run
from app.models.db import Database
from app.paths import DataPaths
from tests.unwritable import KINDS, make_sink

MONTH = "2026-10"


def jz(paths: DataPaths, *argv: str) -> int:
    return run(["--data-dir", str(paths.root), *argv])


def test_roster_run_bank_return_report_and_match(
    demo_county_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, pdf = tmp_path / "roster.xlsx", tmp_path / "roster.pdf"
    assert jz(demo_county_paths, "roster", "--month", MONTH, "--out", str(out), "--pdf", str(pdf)) == 0
    text = capsys.readouterr().out
    assert "草稿，未审批" in text and "已写出发放名册" in text and pdf.read_bytes().startswith(b"%PDF")
    assert "状态：草稿" in load_workbook(out)["发放名册"]["A2"].value
    assert jz(demo_county_paths, "payment-run", "--month", MONTH, "--approve") == 0
    assert "已审批，名册已冻结" in capsys.readouterr().out
    assert jz(demo_county_paths, "payment-run", "--month", MONTH) == 1
    assert "已冻结" in capsys.readouterr().err
    assert (
        jz(demo_county_paths, "roster", "--month", MONTH, "--out", str(out), "--pdf", str(pdf), "--masked")
        == 0
    )
    rows = list(load_workbook(out)["发放名册"].iter_rows(min_row=4, max_row=4, values_only=True))
    assert "状态：已审批" in load_workbook(out)["发放名册"]["A2"].value
    account, total = rows[0][11], rows[0][9]

    bank = Workbook()
    ws = bank.active
    assert ws is not None
    ws.append(["卡号", "金额", "处理结果", "失败原因"])
    ws.append([account, total, "失败", "账户冻结"])
    bank.save(tmp_path / "bank.xlsx")
    assert jz(demo_county_paths, "bank-return", "--month", MONTH, str(tmp_path / "bank.xlsx")) == 0
    assert "失败1户" in capsys.readouterr().out
    assert jz(demo_county_paths, "bank-return", "--month", "2026-01", str(tmp_path / "bank.xlsx")) == 1
    assert "尚未审批" in capsys.readouterr().err

    assert jz(demo_county_paths, "report", "--month", MONTH, "--out", str(tmp_path / "m.xlsx")) == 0
    assert "本月已审批的发放名册" in capsys.readouterr().out
    assert jz(demo_county_paths, "report", "--year", "2026", "--out", str(tmp_path / "y.xlsx")) == 0
    assert "2026年度汇总" in capsys.readouterr().out
    assert (tmp_path / "m.xlsx").exists() and (tmp_path / "y.xlsx").exists()

    number = str(rows[0][4])
    deaths = tmp_path / "deaths.csv"
    deaths.write_text(f"姓名,身份证号码,死亡日期\n某人,{number},2026-10-01\n", encoding="utf-8")
    assert jz(demo_county_paths, "match", "--kind", "death", str(deaths)) == 0
    text = capsys.readouterr().out
    assert "新增疑点1条" in text and "2026年10月1日" in text and number not in text


def test_the_roster_files_are_audited(demo_county_paths: DataPaths, tmp_path: Path) -> None:
    """A roster names payees, ID and account numbers: who wrote which file, for which month, is recorded."""
    out, pdf = tmp_path / "roster.xlsx", tmp_path / "张贴.pdf"
    argv = ("roster", "--month", MONTH, "--out", str(out), "--pdf", str(pdf), "--masked")
    assert jz(demo_county_paths, *argv) == 0
    with sqlite3.connect(demo_county_paths.database) as conn:
        rows = conn.execute(
            "SELECT actor, table_name, new_values FROM audit_event WHERE action = 'export' ORDER BY seq"
        ).fetchall()
    events = [(actor, table, json.loads(values)) for actor, table, values in rows]
    assert [(e[0], e[1], e[2]["file"], e[2]["masked"], e[2]["month"]) for e in events] == [
        ("system", "payment_line", "roster.xlsx", False, MONTH),
        ("system", "payment_line", "张贴.pdf", True, MONTH),
    ]
    households = load_workbook(out)["发放名册"].max_row
    assert all(0 < e[2]["households"] < households for e in events)


def test_usage_errors_and_missing_folders(demo_county_paths: DataPaths, tmp_path: Path) -> None:
    assert (
        jz(demo_county_paths, "report", "--out", str(tmp_path / "x.xlsx")) == 2
    )  # neither --month nor --year
    assert jz(demo_county_paths, "report", "--month", MONTH, "--year", "2026", "--out", "x.xlsx") == 2
    assert jz(demo_county_paths, "match", "--kind", "lottery", "x.csv") == 2
    assert jz(demo_county_paths, "roster", "--month", MONTH, "--out", str(tmp_path / "no" / "r.xlsx")) == 1
    assert jz(demo_county_paths, "match", "--kind", "fund", str(tmp_path / "missing.csv")) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["roster", "--month", MONTH, "--out", "{tmp}/r.xlsx"],
        ["payment-run", "--month", MONTH, "--approve"],
        ["bank-return", "--month", MONTH, "{tmp}/b.xlsx"],
        ["report", "--month", MONTH, "--out", "{tmp}/m.xlsx"],
        ["report", "--year", "2026", "--out", "{tmp}/y.xlsx"],
        ["match", "--kind", "death", "{tmp}/d.csv"],
    ],
)
def test_a_township_station_refuses_the_county_verbs(
    station: Database, paths: DataPaths, tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "d.csv").write_text("身份证号\n", encoding="utf-8")
    assert jz(paths, *(a.format(tmp=tmp_path) for a in argv)) == 1
    err = capsys.readouterr().err
    assert "本机是乡镇工作站" in err and "县级主库" in err
    assert not list(tmp_path.glob("*.xlsx"))


def _runs(paths: DataPaths) -> int:
    with sqlite3.connect(paths.database) as conn:
        return int(conn.execute("SELECT count(*) FROM payment_run").fetchone()[0])


@pytest.mark.parametrize("kind", KINDS)
def test_roster_and_report_to_an_unwritable_place_exit_1_and_leave_nothing(
    kind: str,
    demo_county_paths: DataPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 11: the real cause, naming the file; no xlsx, no PDF, no temporary file; the draft run
    that `roster` would have made is not kept either."""
    sink = make_sink(kind, tmp_path, monkeypatch)
    runs = _runs(demo_county_paths)
    xlsx, pdf = sink.target("名册.xlsx"), sink.target("名册.pdf")
    code = jz(demo_county_paths, "roster", "--month", MONTH, "--out", str(xlsx), "--pdf", str(pdf))
    sink.assert_refused(code, capsys.readouterr().err, xlsx)
    assert _runs(demo_county_paths) == runs
    xlsx, pdf = sink.target("月报.xlsx"), sink.target("月报.pdf")
    code = jz(demo_county_paths, "report", "--month", MONTH, "--out", str(xlsx), "--pdf", str(pdf))
    sink.assert_refused(code, capsys.readouterr().err, xlsx)
    code = jz(demo_county_paths, "report", "--year", "2026", "--out", str(xlsx))
    sink.assert_refused(code, capsys.readouterr().err, xlsx)


def test_a_pdf_that_cannot_be_written_takes_the_roster_xlsx_back(
    demo_county_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken.pdf").mkdir()  # the PDF's place is a folder: the xlsx is not delivered alone
    xlsx = tmp_path / "名册.xlsx"
    code = jz(
        demo_county_paths,
        "roster",
        "--month",
        MONTH,
        "--out",
        str(xlsx),
        "--pdf",
        str(tmp_path / "taken.pdf"),
    )
    err = capsys.readouterr().err
    assert code == 1 and "taken.pdf" in err and "文件夹" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county-demo", "taken.pdf"]
