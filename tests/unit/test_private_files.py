"""Issue 14: the data folder is the owner's only whatever the umask, and no log line or crash report holds
an ID number or a bank account in clear."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import log
from app.cli import run
from app.failures import environment_failure
from tests.conftest import DEMO_TODAY
from tests.spreadsheets.ledgers import ZHANG

ACCOUNT = "6228480012345678901"
OLD_ID = "430623560308591"


def test_mask_hides_id_numbers_and_accounts_but_not_phones_or_dates() -> None:
    line = f"身份证{ZHANG}，旧号{OLD_ID}，账号{ACCOUNT}，电话13812345678，日期2026-12-05，金额30000"
    masked = log.mask(line)
    assert ZHANG not in masked and OLD_ID not in masked and ACCOUNT not in masked
    assert ZHANG[:3] + "*" * 11 + ZHANG[-4:] in masked and "622" + "*" * 12 + "8901" in masked
    assert "13812345678" in masked and "2026-12-05" in masked and "金额30000" in masked
    assert log.mask(ZHANG.lower()) != ZHANG.lower()  # a lower-case x as typed


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    log.shutdown()
    log.setup(tmp_path / "logs")
    yield tmp_path / "logs"
    log.shutdown()


def test_log_lines_and_tracebacks_are_masked_and_the_file_is_private(logged: Path) -> None:
    log.services.info("imported %s with account %s", ZHANG, ACCOUNT)
    try:
        raise ValueError(f"bad row for {ZHANG}")
    except ValueError:
        log.services.exception("failed")
    for handler in logging.getLogger("jiuzhu").handlers:
        handler.flush()
    text = log.log_file(logged).read_text(encoding="utf-8")
    assert "imported 430" in text and "bad row for 430" in text
    assert ZHANG not in text and ACCOUNT not in text
    assert ZHANG not in log.ring.text() and ACCOUNT not in log.ring.text()
    if os.name == "posix":
        assert stat.S_IMODE(log.log_file(logged).stat().st_mode) == 0o600
        assert stat.S_IMODE(logged.stat().st_mode) == 0o700


def test_crash_reports_and_environment_failures_are_masked() -> None:
    from app.views.crash_dialog import crash_report

    try:
        raise RuntimeError(f"account {ACCOUNT} of {ZHANG}")
    except RuntimeError:
        report = crash_report(*sys.exc_info())  # type: ignore[arg-type]
    assert ZHANG not in report and ACCOUNT not in report and "RuntimeError: account 622" in report
    said = environment_failure(PermissionError(13, "Permission denied", f"/u/{ZHANG}.xlsx"))
    assert said is not None and ZHANG not in said and ".xlsx" in said


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_demo_data_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        data = tmp_path / "jiuzhu"
        d = ["--data-dir", str(data)]
        assert run([*d, "init", "--township", "430623101", "--admin-password", "jiuzhu2026"]) == 0
        assert run([*d, "demo", "--households", "6", "--seed", "2", "--today", DEMO_TODAY.isoformat()]) == 0
        assert run([*d, "check"]) in (0, 1)
        assert run([*d, "backup", "--out", str(data / "backups")]) == 0
        log.shutdown()
    finally:
        os.umask(old)
    seen = {p.relative_to(data).as_posix() for p in data.rglob("*")}
    assert {"jiuzhu.sqlite3", "logs/jiuzhu.log", "backups"} <= seen, seen
    assert any(name.startswith("backups/") for name in seen)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
