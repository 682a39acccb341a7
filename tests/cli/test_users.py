"""`jiuzhu user …` and `init --admin-password-file`: passwords from a file or the terminal, never argv."""

from __future__ import annotations

import getpass
import io
import sqlite3
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.services.setup import auth
from app.services.setup.installation import open_database, open_unlocked
from tests.cli.test_cli import jiuzhu, password_file


@pytest.fixture
def station_dir(demo_paths: DataPaths) -> str:
    """The demo station: 三封寺镇 with its villages, an admin and the demo accounts."""
    return str(demo_paths.root)


def secret(tmp_path: Path, text: str, name: str = "pw.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def users(capsys: pytest.CaptureFixture[str], d: str) -> dict[str, list[str]]:
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "user", "list")
    assert code == 0
    return {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}


def rows(d: str, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(Path(d) / "jiuzhu.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def test_add_list_passwd_disable_enable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, station_dir: str
) -> None:
    d = station_dir
    pw = secret(tmp_path, "initial-1\n")
    code, out, _ = jiuzhu(
        capsys, "--data-dir", d, "user", "add", "wang", "--role", "township_head", "--name", "王镇长",
        "--password-file", pw,
    )  # fmt: skip
    assert code == 0 and "wang" in out and "initial-1" not in out
    code, _, _ = jiuzhu(
        capsys, "--data-dir", d, "user", "add", "li", "--role", "village_cadre", "--name", "李村",
        "--area", "430623101001", "--password-file", pw,
    )  # fmt: skip
    assert code == 0
    listed = users(capsys, d)
    assert listed["wang"] == [
        "wang",
        "王镇长",
        "township_head",
        "430623101000",
        listed["wang"][4],
        "须改密码",
    ]
    assert listed["li"][2:4] == ["village_cadre", "430623101001"]
    assert listed["admin"][-1] == listed["clerk"][-1] == "启用"
    assert all("argon2" not in "".join(row) for row in listed.values())

    code, out, _ = jiuzhu(
        capsys, "--data-dir", d, "user", "passwd", "wang", "--password-file", secret(tmp_path, "reset-pw-2")
    )
    assert code == 0
    db = open_database(DataPaths(Path(d)))
    try:
        assert auth.sign_in(db, "wang", "reset-pw-2").must_change_password
    finally:
        db.dispose()

    assert jiuzhu(capsys, "--data-dir", d, "user", "disable", "wang")[0] == 0
    assert users(capsys, d)["wang"][-1] == "停用"
    assert jiuzhu(capsys, "--data-dir", d, "user", "enable", "wang")[0] == 0
    assert users(capsys, d)["wang"][-1] == "须改密码"
    audited = rows(d, "SELECT action, new_values FROM audit_event WHERE table_name = 'app_user'")
    assert len(audited) >= 5
    assert all("argon2" not in str(values) and "reset-pw-2" not in str(values) for _, values in audited)


def test_refusals_exit_1_and_change_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, station_dir: str
) -> None:
    d = station_dir
    pw = secret(tmp_path, "initial-1")
    before = rows(d, "SELECT username, active, password_hash FROM app_user ORDER BY username")
    short = secret(tmp_path, "short", "s")
    missing = str(tmp_path / "none")

    def add(username: str, role: str, *extra: str) -> list[str]:
        return ["user", "add", username, "--role", role, "--name", "某人", *extra]

    refused = [
        (add("admin", "township_clerk", "--password-file", pw), "已存在"),
        (add("x", "township_clerk", "--password-file", short), "8个字符"),
        (add("x", "village_cadre", "--password-file", pw), "村"),
        (add("x", "township_clerk", "--area", "430623102", "--password-file", pw), "管辖范围"),
        (add("x", "township_clerk", "--password-file", missing), "无法读取"),
        (["user", "passwd", "nobody", "--password-file", pw], "nobody"),
        (["user", "disable", "nobody"], "nobody"),
        (["user", "disable", "admin"], "管理员"),
        (add("x", "township_clerk"), "--password-file"),
        (["user", "passwd", "admin"], "--password-file"),
    ]
    for argv, message in refused:
        code, _, err = jiuzhu(capsys, "--data-dir", d, *argv)
        assert code == 1 and message in err and "Traceback" not in err, (argv, err)
    assert rows(d, "SELECT username, active, password_hash FROM app_user ORDER BY username") == before


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, station_dir: str) -> None:
    d = station_dir
    for argv in (
        ["user"],
        ["user", "add", "x", "--name", "无角色"],
        ["user", "add", "x", "--role", "mayor", "--name", "错角色"],
        ["user", "passwd"],
        ["user", "add", "x", "--role", "admin", "--name", "n", "--password", "visible"],
        ["init", "--township", "430623102", "--admin-password", "a", "--admin-password-file", "f"],
    ):
        assert jiuzhu(capsys, "--data-dir", d, *argv)[0] == 2, argv


def test_the_password_is_asked_twice_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, station_dir: str
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    typed = iter(["typed-pw-1", "typed-pw-1", "typed-pw-2", "typed-pw-3"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    argv = ["--data-dir", station_dir, "user", "add", "zhao", "--role", "township_clerk", "--name", "赵"]
    assert jiuzhu(capsys, *argv)[0] == 0
    code, _, err = jiuzhu(capsys, "--data-dir", station_dir, "user", "passwd", "zhao")
    assert code == 1 and "不一致" in err


def test_init_takes_the_admin_password_from_a_file_or_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    d = tmp_path / "fresh"
    code, _, err = jiuzhu(capsys, "--data-dir", str(d), "init", "--township", "430623101")
    assert code == 1 and "--admin-password-file" in err
    assert not (d / "jiuzhu.sqlite3").exists()
    code, out, err = jiuzhu(
        capsys, "--data-dir", str(d), "init", "--township", "430623101", *password_file(tmp_path)
    )
    assert code == 0 and "jiuzhu2026" not in out + err
    db = open_unlocked(DataPaths(d), "admin", "jiuzhu2026")  # the password unlocks the encrypted database
    try:
        assert not auth.sign_in(db, "admin", "jiuzhu2026").must_change_password
    finally:
        db.dispose()
