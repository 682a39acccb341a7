"""The command-line contract: verbs, options and exit codes (0 done, 1 refused, 2 usage)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.cli import run
from app.demo.run import DEMO_PASSWORD
from app.models import cipher
from app.paths import DataPaths
from app.services.setup import installation
from tests.conftest import DEMO_HOUSEHOLDS


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def password_file(folder: Path, password: str = "jiuzhu2026") -> tuple[str, str]:
    """``--admin-password-file F`` with F holding ``password``."""
    path = folder / "admin-password.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return "--admin-password-file", str(path)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert jiuzhu(capsys, "no-such-verb")[0] == 2
    assert jiuzhu(capsys, "--data-dir", str(tmp_path), "init")[0] == 2  # --county or --township required
    assert jiuzhu(capsys, "--data-dir", str(tmp_path), "demo", "--households", "0")[0] == 2
    assert jiuzhu(capsys, "--help")[0] == 0


def test_init_county_then_refuse_a_second_init(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = str(tmp_path / "county")
    code, out, err = jiuzhu(
        capsys, "--data-dir", d, "init", "--county", "430623", "--admin-password", "jiuzhu2026"
    )
    assert code == 0 and "华容县" in out and "jiuzhu2026" not in out + err
    assert "--admin-password-file" in err  # the old option still works, with a warning
    secret = password_file(tmp_path, "secret456")
    code, _, err = jiuzhu(capsys, "init", "--data-dir", d, "--township", "430623102", *secret)
    assert code == 1 and "已初始化" in err
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "areas")
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == ["430623000000", "county", "华容县", ""]
    townships = [row for row in lines if row[1] == "township"]
    assert len(townships) == 14
    assert ["430623207000", "township", "团洲乡", "430623000000"] in lines


def test_bad_codes_are_refused_and_nothing_is_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    d = tmp_path / "x"
    code, _, err = jiuzhu(capsys, "--data-dir", str(d), "init", "--township", "43062")
    assert code == 1 and "9位数字" in err
    code, _, err = jiuzhu(capsys, "--data-dir", str(tmp_path / "none"), "stats", "--json")
    assert code == 1 and "jiuzhu init" in err
    assert not (tmp_path / "none" / "jiuzhu.sqlite3").exists()


def test_environment_variable_chooses_the_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIUZHU_DATA_DIR", str(tmp_path / "env-data"))
    assert jiuzhu(capsys, "init", "--township", "430623103", *password_file(tmp_path))[0] == 0
    assert (tmp_path / "env-data" / "jiuzhu.sqlite3").exists()


def test_demo_stats_and_check_on_a_station(capsys: pytest.CaptureFixture[str], demo_paths: DataPaths) -> None:
    d = str(demo_paths.root)
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "stats", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["households"] == DEMO_HOUSEHOLDS
    assert data["persons"] >= DEMO_HOUSEHOLDS
    assert isinstance(data["active_benefits"], int) and data["active_benefits"] > 0
    assert sum(data["cases"].values()) == DEMO_HOUSEHOLDS
    every_state_but_linshi_only = set(data["cases"]) - {"completed"}
    assert all(data["cases"][s] >= 1 for s in every_state_but_linshi_only)
    with sqlite3.connect(demo_paths.database) as conn:
        assert conn.execute("SELECT count(*) FROM household").fetchone()[0] == data["households"]
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == data["persons"]
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "check")
    assert code == 0, out
    assert "审计链：完好" in out and "数据库完整性：正常" in out


def test_demo_refuses_a_filled_installation(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths
) -> None:
    before = demo_paths.database.read_bytes()
    code, _, err = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "demo", "--households", "5")
    assert code == 1 and "已有家庭档案" in err
    with sqlite3.connect(demo_paths.database) as conn:
        assert conn.execute("SELECT count(*) FROM household").fetchone()[0] == DEMO_HOUSEHOLDS
    assert len(before) > 0


def test_demo_is_deterministic_whatever_the_batch_it_is_written_in(tmp_path: Path) -> None:
    """Same seed and day, same database: every demo table row for row, in the order written, whether
    the households are made and written all at once or seven at a time."""
    from app.demo.run import TABLE_ORDER, run_demo

    def dump(root: Path, batch: int) -> dict[str, list[tuple[object, ...]]]:
        run_demo(DataPaths(root), None, households=40, seed=9, today=date(2026, 3, 2), batch=batch)
        with sqlite3.connect(root / "jiuzhu.sqlite3") as conn:
            return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLE_ORDER}

    once = dump(tmp_path / "a", 1000)
    assert once == dump(tmp_path / "b", 1000)
    assert once == dump(tmp_path / "c", 7)
    assert len(once["household"]) == 40 and len(once["public_notice"]) > 5 and len(once["notice_entry"]) > 20


def test_check_exits_1_on_a_tampered_audit_row(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths
) -> None:
    with sqlite3.connect(demo_paths.database) as conn:
        conn.execute("UPDATE audit_event SET actor='mallory' WHERE seq=3")
    code, out, _ = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "check")
    assert code == 1
    assert "审计链：被改动" in out and "第3条内容被篡改" in out


def test_check_exits_1_on_a_severe_finding(capsys: pytest.CaptureFixture[str], demo_paths: DataPaths) -> None:
    with sqlite3.connect(demo_paths.database) as conn:
        benefit_id, amount = conn.execute(
            "SELECT id, monthly_fen FROM benefit WHERE status='active' AND program='dibao' LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE benefit SET monthly_fen = monthly_fen + 10000 WHERE id=?", (benefit_id,))
    code, out, _ = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "check")
    assert code == 1
    assert "[严重] 第7项" in out and f"{(amount + 10000) / 100:.2f}" in out


def test_areas_import_adds_villages_and_refuses_orphans(
    capsys: pytest.CaptureFixture[str], station_dir: Path, tmp_path: Path
) -> None:
    good = tmp_path / "areas.csv"
    good.write_text(
        "代码,名称,上级代码\n430623101203,荷花村,430623101000\n430623101,三封寺镇,430623\n",
        encoding="utf-8-sig",
    )
    code, out, _ = jiuzhu(capsys, "--data-dir", str(station_dir), "areas", "--import", str(good))
    assert code == 0 and "新增1个" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("430623101204,新村,430623101000\n430623199201,孤村,430623199000\n", encoding="gbk")
    code, _, err = jiuzhu(capsys, "--data-dir", str(station_dir), "areas", "--import", str(bad))
    assert code == 1 and "第2行" in err
    code, out, _ = jiuzhu(capsys, "--data-dir", str(station_dir), "areas")
    assert "荷花村" in out and "新村" not in out


def test_backup_and_restore(capsys: pytest.CaptureFixture[str], station_dir: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "b.sqlite3"
    assert jiuzhu(capsys, "--data-dir", str(station_dir), "backup", "--out", str(out_file))[0] == 0
    assert jiuzhu(capsys, "--data-dir", str(station_dir), "backup", "--out", str(out_file))[0] == 1
    csv = tmp_path / "v.csv"
    csv.write_text("430623101205,桃花村,430623101000\n", encoding="utf-8")
    assert jiuzhu(capsys, "--data-dir", str(station_dir), "areas", "--import", str(csv))[0] == 0
    code, out, _ = jiuzhu(capsys, "--data-dir", str(station_dir), "restore", str(out_file))
    assert code == 0 and "原数据库已另存为" in out
    assert "桃花村" not in jiuzhu(capsys, "--data-dir", str(station_dir), "areas")[1]
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    code, _, err = jiuzhu(capsys, "--data-dir", str(station_dir), "restore", str(junk))
    assert code == 1 and "不是救助通数据库" in err
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert jiuzhu(capsys, "--data-dir", str(station_dir), "restore", str(other))[0] == 1
    assert "三封寺镇" in jiuzhu(capsys, "--data-dir", str(station_dir), "areas")[1]


@pytest.fixture
def station_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    d = tmp_path / "station"
    assert (
        jiuzhu(capsys, "--data-dir", str(d), "init", "--township", "430623101", *password_file(tmp_path))[0]
        == 0
    )
    return d


def test_python_dash_m_entry_point_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("jiuzhu ")


@pytest.mark.parametrize("today", ["2027-03-01", "2028-01-02"])
def test_demo_today_builds_every_case_around_that_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, today: str
) -> None:
    """`demo --today` (not the clock) sets the day: no step lies after it, the latest lies close to it."""
    d = str(tmp_path / "demo")
    code, _, err = jiuzhu(capsys, "--data-dir", d, "demo", "--households", "30", "--today", today)
    assert code == 0, err
    key = installation.unlock(DataPaths(tmp_path / "demo"), "admin", DEMO_PASSWORD)  # encrypted
    conn = cipher.connect(tmp_path / "demo" / "jiuzhu.sqlite3", key)
    try:
        latest, earliest = conn.execute("SELECT max(state_since), min(applied_on) FROM case_file").fetchone()
    finally:
        conn.close()
    day = date.fromisoformat(today)
    assert date.fromisoformat(latest) <= day
    assert (day - date.fromisoformat(latest)).days < 30
    assert 0 < (day - date.fromisoformat(earliest)).days < 11 * 366


def test_demo_today_must_be_a_day(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = jiuzhu(capsys, "--data-dir", str(tmp_path), "demo", "--today", "2027-02-30")
    assert code == 2
    assert "YYYY-MM-DD" in err
    assert not (tmp_path / "jiuzhu.sqlite3").exists()


def _verbs_and_options() -> dict[str, set[str]]:
    """Every verb (``station`` by its actions) with the options of its own, from the parser itself."""
    import argparse

    from app.cli import build_parser

    def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        found: dict[str, argparse.ArgumentParser] = {}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found.update(action.choices)
        return found

    # the options every verb takes (the README says so once): where the data is, and who unlocks it
    common = {"-h", "--help", "--data-dir", "--database-url", "--user", "--password-file"}
    verbs: dict[str, set[str]] = {}
    for name, parser in subparsers(build_parser()).items():
        nested = subparsers(parser)
        for full, sub in (
            {f"{name} {a}": p for a, p in nested.items()}.items() if nested else [(name, parser)]
        ):
            verbs[full] = {o for a in sub._actions for o in a.option_strings if o.startswith("--")} - common
    return verbs


def test_the_readme_lists_every_verb_with_its_options() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = [line for line in readme.splitlines() if line.startswith("| `jiuzhu ")]
    verbs = _verbs_and_options()
    assert len(verbs) >= 23  # 21 verbs, station counted by its three actions
    for verb, options in verbs.items():
        rows = [
            row
            for row in table
            if row.startswith(f"| `jiuzhu {verb} ") or row.startswith(f"| `jiuzhu {verb}`")
        ]
        assert len(rows) == 1, f"README lists `jiuzhu {verb}` {len(rows)} times"
        usage = rows[0].split("`")[1]
        missing = {option for option in options if option not in usage}
        assert missing == set(), f"README's `jiuzhu {verb}` lacks {sorted(missing)}"


def test_check_runs_the_quick_check_and_the_full_one_on_request(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths
) -> None:
    """An index whose entries no longer match its table passes ``quick_check`` (the default: it does
    not compare indexes with tables) and fails ``check --full`` (``integrity_check``), exit 1."""
    with sqlite3.connect(demo_paths.database) as conn:
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_master SET sql='CREATE INDEX ix_household_head_pinyin ON household (address)'"
            " WHERE name='ix_household_head_pinyin'"
        )
    code, out, _ = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "check")
    assert code == 0, out
    assert "数据库完整性：正常" in out
    code, out, _ = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "check", "--full")
    assert code == 1
    assert "数据库完整性：发现问题" in out and "ix_household_head_pinyin" in out


def test_check_full_finds_a_search_index_out_of_step(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths
) -> None:
    with sqlite3.connect(demo_paths.database) as conn:
        conn.execute("DROP TRIGGER trg_person_id_index_id")  # as a careless repair would
        conn.execute("UPDATE person SET id_number = '11010519491231002X' WHERE rowid = 1")
    code, out, _ = jiuzhu(capsys, "--data-dir", str(demo_paths.root), "check", "--full")
    assert code == 1
    assert "身份证号检索索引与人员表不一致" in out
