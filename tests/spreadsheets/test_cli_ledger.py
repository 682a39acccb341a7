"""`jiuzhu import-ledger` and `jiuzhu export-ledger`: options, messages and exit codes (0, 1, 2)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import run
from app.models.audit import AuditEvent
from app.models.db import Database
from app.paths import DataPaths
from tests.spreadsheets.ledgers import add_villages, dump, messy_ledger
from tests.unwritable import KINDS, make_sink

LOST = [4, "西湖村", "孙八", "户主", 4.30623199006151e17, "男", 1990.06, 1, 300, "农村低保"]


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_refuses_on_errors_then_accepts_partially(
    capsys: pytest.CaptureFixture[str], station: Database, paths: DataPaths, tmp_path: Path
) -> None:
    add_villages(station)
    ledger = messy_ledger(tmp_path / "台账.xlsx", extra=[LOST])
    errors = tmp_path / "问题.xlsx"
    d = str(paths.root)
    before = dump(station)
    code, out, err = jiuzhu(capsys, "import-ledger", str(ledger), "--data-dir", d, "--errors", str(errors))
    assert code == 1 and "第16行" in err and "无法还原" in err
    assert "未写入任何数据" in out and "--accept-partial" in out and errors.exists()
    # Nothing of the ledger is written; the errors workbook (it copies ID numbers) is audited.
    added = [line for line in dump(station) if line not in before]
    assert added and all('"audit_event"' in line or "local.audit_head" in line for line in added), added
    [event] = [e for e in audit_events(station) if "台账问题清单" in e[2]]
    assert event[:2] == ("export", "system") and json.loads(event[2])["households"] == 1
    assert load_workbook(errors).sheetnames == ["汇总", "问题-花名册"]
    before = dump(station)
    code, out, _ = jiuzhu(
        capsys, "--data-dir", d, "import-ledger", str(ledger), "--dry-run", "--accept-partial"
    )
    assert code == 0 and "将新建3户" in out and dump(station) == before
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger), "--accept-partial")
    assert code == 0 and "已新建3户" in out and "有错误未导入1户" in out
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger), "--accept-partial")
    assert code == 0 and "未变3户" in out


def test_import_refusals_and_usage(
    capsys: pytest.CaptureFixture[str], station: Database, paths: DataPaths, tmp_path: Path
) -> None:
    d = str(paths.root)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
    )
    code, _, err = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(locked))
    assert code == 1 and "设置了打开密码" in err
    ledger = messy_ledger(tmp_path / "l.xlsx")
    code, _, err = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger), "--sheet", "Sheet9")
    assert code == 1 and "没有名为“Sheet9”的工作表" in err
    code, _, err = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger))
    assert code == 1 and "不在区划表中" in err and "加 --create-villages" in err
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "import-ledger", str(ledger), "--create-villages")
    assert code == 0 and "已新建村（社区）：东山村" in out
    assert jiuzhu(capsys, "--data-dir", d, "import-ledger")[0] == 2
    assert jiuzhu(capsys, "--data-dir", d, "export-ledger")[0] == 2


def test_export_ledger(capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, tmp_path: Path) -> None:
    d = str(demo_paths.root)
    out = tmp_path / "导出.xlsx"
    code, text, _ = jiuzhu(capsys, "--data-dir", d, "export-ledger", "--out", str(out))
    assert code == 0 and "已导出台账：120户" in text and out.exists()
    code, _, err = jiuzhu(
        capsys, "--data-dir", d, "export-ledger", "--out", str(out), "--village", "43062310199"
    )
    assert code == 1 and "不存在" in err


def audit_events(db: Database) -> list[tuple[str, str, str]]:
    """(action, actor, new values) of every audit event."""
    with db.uow("test") as uow:
        return [(e.action, e.actor, e.new_values) for e in uow.session.execute(select(AuditEvent)).scalars()]


def _audit_events(paths: DataPaths) -> int:
    with sqlite3.connect(paths.database) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])


@pytest.mark.parametrize("kind", KINDS)
def test_export_ledger_to_an_unwritable_place_exits_1_and_leaves_nothing(
    kind: str,
    demo_paths: DataPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 11: the cause in Chinese, naming the file; no xlsx or temporary file, and no audited export."""
    sink = make_sink(kind, tmp_path, monkeypatch)
    events = _audit_events(demo_paths)
    out = sink.target("台账.xlsx")
    code, _, err = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "export-ledger", "--out", str(out))
    sink.assert_refused(code, err, out)
    assert _audit_events(demo_paths) == events
