"""`jiuzhu restore` knows what it restores (issue 14): another installation's backup, or a file whose
tables do not match its recorded revision, is refused with exit 1 and nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.cli import run
from tests.backup_files import key_of, rewrite


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def init(capsys: pytest.CaptureFixture[str], folder: Path, *how: str) -> Path:
    secret = folder.parent / f"{folder.name}-password.txt"
    secret.write_text("jiuzhu2026\n", encoding="utf-8")
    code = jiuzhu(capsys, "--data-dir", str(folder), "init", *how, "--admin-password-file", str(secret))[0]
    assert code == 0
    return folder


def state(folder: Path) -> tuple[str, list[str]]:
    db = folder / "jiuzhu.sqlite3"
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(p.name for p in (folder / "backups").iterdir())


@pytest.mark.parametrize(
    "other", [("--township", "430623102"), ("--county", "430623")], ids=["township", "county"]
)
def test_restore_refuses_a_backup_of_another_installation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, other: tuple[str, str]
) -> None:
    mine = init(capsys, tmp_path / "mine", "--township", "430623101")
    theirs = init(capsys, tmp_path / "theirs", *other)
    file = tmp_path / "theirs.sqlite3"
    assert jiuzhu(capsys, "--data-dir", str(theirs), "backup", "--out", str(file))[0] == 0
    before = state(mine)
    code, out, err = jiuzhu(capsys, "--data-dir", str(mine), "restore", str(file))
    assert code == 1 and "不能恢复到本机" in err and other[1] in err and not out
    assert state(mine) == before


def test_restore_refuses_a_file_whose_tables_do_not_match(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Planted with the installation's own key: the backup opens, and its schema is what refuses it."""
    mine = init(capsys, tmp_path / "mine", "--township", "430623101")
    made = tmp_path / "b.zip"
    assert jiuzhu(capsys, "--data-dir", str(mine), "backup", "--out", str(made))[0] == 0
    file = rewrite(made, key_of(mine), "ALTER TABLE household DROP COLUMN notes;", tmp_path / "fake.zip")
    before = state(mine)
    code, _, err = jiuzhu(capsys, "--data-dir", str(mine), "restore", str(file))
    assert code == 1 and "household 缺少列 notes" in err and "没有任何改动" in err
    assert state(mine) == before


def test_restore_on_a_new_pc_takes_the_backups_own_keys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disaster: the PC is gone, the backup on the USB stick and the administrator's password remain."""
    mine = init(capsys, tmp_path / "mine", "--township", "430623101")
    file = tmp_path / "usb.zip"
    assert jiuzhu(capsys, "--data-dir", str(mine), "backup", "--out", str(file))[0] == 0
    new_pc = tmp_path / "new-pc"
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    code, out, err = jiuzhu(
        capsys, "--data-dir", str(new_pc), "restore", str(file), "--password-file", str(wrong)
    )
    assert code == 1 and "用户名或密码错误" in err and not out and not new_pc.exists()
    code, out, _ = jiuzhu(capsys, "--data-dir", str(new_pc), "restore", str(file))  # admin, as in the env
    assert code == 0 and "已从" in out
    assert (new_pc / "keyslots.json").is_file() and not (new_pc / "jiuzhu.sqlite3").read_bytes().startswith(
        b"SQLite format 3"
    )
    code, out, _ = jiuzhu(capsys, "--data-dir", str(new_pc), "stats", "--json")
    assert code == 0 and '"households": 0' in out
    monkeypatch.delenv("JIUZHU_USER")
    monkeypatch.delenv("JIUZHU_PASSWORD_FILE")
    code, _, err = jiuzhu(capsys, "--data-dir", str(tmp_path / "another-pc"), "restore", str(file))
    assert code == 1 and "--user" in err and not (tmp_path / "another-pc").exists()


def test_restore_needs_an_administrator_of_the_backup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A clerk's password opens the clerk's key slot, but restoring is the administrator's."""
    mine = init(capsys, tmp_path / "mine", "--township", "430623101")
    secret = tmp_path / "clerk-password.txt"
    secret.write_text("Clerk-2026-pw\n", encoding="utf-8")
    add = [
        "user",
        "add",
        "zhang",
        "--role",
        "township_clerk",
        "--name",
        "张丽",
        "--password-file",
        str(secret),
    ]
    assert jiuzhu(capsys, "--data-dir", str(mine), *add)[0] == 0
    file = tmp_path / "b.zip"
    assert jiuzhu(capsys, "--data-dir", str(mine), "backup", "--out", str(file))[0] == 0
    before = state(mine)
    as_clerk = ["--user", "zhang", "--password-file", str(secret)]
    code, _, err = jiuzhu(capsys, "--data-dir", str(mine), "restore", str(file), *as_clerk)
    assert code == 1 and "不是有效的管理员" in err and state(mine) == before
    code, _, err = jiuzhu(capsys, "--data-dir", str(tmp_path / "new-pc"), "restore", str(file), *as_clerk)
    assert code == 1 and "不是有效的管理员" in err and not (tmp_path / "new-pc").exists()


def test_restore_over_a_damaged_encrypted_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The reason to restore: the database no longer opens. The key comes from the slots, and the damaged
    file is kept byte for byte beside the backups."""
    mine = init(capsys, tmp_path / "mine", "--township", "430623101")
    file = tmp_path / "b.zip"
    assert jiuzhu(capsys, "--data-dir", str(mine), "backup", "--out", str(file))[0] == 0
    damaged = b"\x17" * 8192
    (mine / "jiuzhu.sqlite3").write_bytes(damaged)
    assert jiuzhu(capsys, "--data-dir", str(mine), "stats")[0] == 1
    code, out, _ = jiuzhu(capsys, "--data-dir", str(mine), "restore", str(file))
    assert code == 0 and "原数据库已另存为" in out
    [kept] = (mine / "backups").glob("jiuzhu-before-restore-*-damaged.sqlite3")
    assert kept.read_bytes() == damaged
    assert jiuzhu(capsys, "--data-dir", str(mine), "stats")[0] == 0
