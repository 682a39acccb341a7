"""One clock: nothing but app/clock.py reads the wall clock, and tests pin the day through it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import UTC, date
from pathlib import Path

import pytest

from app import clock
from tests.conftest import DEMO_TODAY

ROOT = Path(__file__).resolve().parents[2]

# (receiver, attribute) pairs whose call reads the real date or time of day.
WALL_CLOCK = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentMSecsSinceEpoch"),
    ("QDateTime", "currentSecsSinceEpoch"),
    ("QTime", "currentTime"),
}
# SQL that asks the database for its own date.
SQL_CLOCK = ("current_date", "current_timestamp", "date('now'", "datetime('now'", "func.now(")


def _wall_clock_reads(path: Path) -> list[str]:
    """Every call of, or reference to, a wall-clock reader (``= date.today`` as a default counts too)."""
    text = path.read_text(encoding="utf-8")
    found = [
        f"{path}:{node.lineno}: {node.value.id}.{node.attr}"
        for node in ast.walk(ast.parse(text, str(path)))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (node.value.id, node.attr) in WALL_CLOCK
    ]
    lowered = text.lower()
    return found + [f"{path}: SQL {word}" for word in SQL_CLOCK if word in lowered]


def _sources(*folders: str) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        files += [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]
    return sorted(files)


def test_nothing_but_the_clock_module_reads_the_wall_clock() -> None:
    """app/, tests/ and scripts/ read "today" and "now" from app.clock only, so tests can pin the day."""
    exempt = {ROOT / "app" / "clock.py", Path(__file__).resolve()}
    files = [p for p in _sources("app", "tests", "scripts") if p not in exempt]
    assert len(files) > 200
    found = [hit for path in files for hit in _wall_clock_reads(path)]
    assert found == []


def test_the_scan_sees_a_wall_clock_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from datetime import date\nx = date.today\ny = 'SELECT CURRENT_DATE'\n", "utf-8")
    assert len(_wall_clock_reads(sample)) == 2


def test_the_suite_runs_on_the_pinned_day() -> None:
    assert clock.today() == DEMO_TODAY
    assert clock.pinned() == DEMO_TODAY
    assert os.environ[clock.ENV_VAR] == DEMO_TODAY.isoformat()


def test_a_pinned_clock_runs_forward_from_nine_in_the_morning() -> None:
    clock.pin(date(2027, 2, 28))
    first, second = clock.now(), clock.now()
    assert clock.today() == date(2027, 2, 28)
    assert clock.local_now().hour == 9
    assert first.tzinfo is UTC
    assert second >= first


def test_unpinned_the_clock_follows_the_system() -> None:
    clock.pin(None)
    assert clock.pinned() is None
    # the conftest fixture pins the day again after this test


def test_a_subprocess_takes_the_day_from_the_environment() -> None:
    env = {**os.environ, clock.ENV_VAR: "2028-01-02"}
    out = subprocess.run(
        [sys.executable, "-c", "from app import clock; print(clock.today())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "2028-01-02"


def test_a_bad_day_in_the_environment_is_named_and_ignored() -> None:
    env = {**os.environ, clock.ENV_VAR: "2028-13-40"}
    out = subprocess.run(
        [sys.executable, "-c", "from app import clock; print(clock.pinned())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "None"
    assert "2028-13-40" in out.stderr


@pytest.mark.parametrize("text", ["2026-13-01", "20261201", ""])
def test_parse_day_refuses_what_is_not_a_day(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        clock.parse_day(text)
