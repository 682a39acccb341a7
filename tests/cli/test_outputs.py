"""An output that cannot be written: exit 1 with the cause in Chinese, naming the path, and no file
left behind, whole or partial (issue 11, "the CLI contract under bad conditions"). app/fileio.py
writes beside the target, syncs, then renames; these tests hold it to that for `backup`, and the
writer itself to it for the cases the verbs cannot reach."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from app import fileio
from app.cli import run
from app.domain.codes import Role
from app.errors import PermissionDenied, UserError
from app.models import cipher
from app.models.audit import AuditEvent
from app.models.db import Database
from app.paths import DataPaths
from app.services.context import Actor
from app.services.setup import backup
from tests.backup_files import key_of, members
from tests.cli.test_cli import password_file
from tests.unwritable import KINDS, make_sink


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def station_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    d = tmp_path / "station"
    secret = password_file(tmp_path)
    assert jiuzhu(capsys, "--data-dir", str(d), "init", "--township", "430623101", *secret)[0] == 0
    Path(secret[1]).unlink()  # the tests below count what lies in tmp_path
    return d


@pytest.mark.parametrize("kind", KINDS)
def test_backup_to_an_unwritable_place_is_refused_and_leaves_nothing(
    kind: str,
    station_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sink = make_sink(kind, tmp_path, monkeypatch)
    target = sink.target("备份.sqlite3")
    code, out, err = jiuzhu(capsys, "--data-dir", str(station_dir), "backup", "--out", str(target))
    sink.assert_refused(code, err, target)
    assert out == ""


def test_backup_is_written_whole_and_private(
    station_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    code, said, _ = jiuzhu(capsys, "--data-dir", str(station_dir), "backup", "--out", str(out))
    assert code == 0
    [written] = list(out.iterdir())  # nothing beside it: no temporary file, no journal
    assert str(written) in said and written.suffix == ".zip"
    parts = members(written)  # the encrypted database, its key slots and what the file is
    assert sorted(parts) == ["jiuzhu.sqlite3", "keyslots.json", "manifest.json"]
    assert not parts["jiuzhu.sqlite3"].startswith(b"SQLite format 3")
    inside = tmp_path / "inside.sqlite3"
    inside.write_bytes(parts["jiuzhu.sqlite3"])
    conn = cipher.connect(inside, key_of(station_dir))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT code FROM installation").fetchone()[0] == "430623101"
    finally:
        conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600  # personal data: the owner's only


def test_backup_of_a_damaged_database_is_refused(
    station_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (station_dir / "jiuzhu.sqlite3").write_bytes(b"this is not a database" * 100)
    out = tmp_path / "b.sqlite3"
    code, _, err = jiuzhu(capsys, "--data-dir", str(station_dir), "backup", "--out", str(out))
    assert code == 1 and "损坏" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [station_dir]


def test_a_writer_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"yesterday's roster")

    def half(path: Path) -> None:
        path.write_bytes(b"half a roster")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError, match="磁盘空间不足") as refused:
        fileio.write_atomically(target, half)
    assert str(target) in str(refused.value)
    assert [p.name for p in tmp_path.iterdir()] == ["名册.xlsx"]
    assert target.read_bytes() == b"yesterday's roster"


def test_two_files_land_together_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    xlsx, pdf = tmp_path / "月报.xlsx", tmp_path / "月报.pdf"
    assert fileio.write_together([(xlsx, b"x"), (pdf, b"p")]) == [xlsx, pdf]
    assert xlsx.read_bytes() == b"x" and pdf.read_bytes() == b"p"
    real = os.replace
    calls: list[Path] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(Path(dst))
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(fileio.os, "replace", second_fails)
    again = tmp_path / "新.xlsx", tmp_path / "新.pdf"
    with pytest.raises(UserError, match="读写出错"):
        fileio.write_together([(again[0], b"x2"), (again[1], b"p2")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["月报.pdf", "月报.xlsx"]  # the first taken back
    with pytest.raises(UserError, match="同一个文件"):
        fileio.write_together([(xlsx, b"a"), (tmp_path / "." / "月报.xlsx", b"b")])


def test_a_cancelled_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    fileio.write_atomically(target, b"%PDF", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EROFS, "只读"),
        (errno.EACCES, "没有写入权限"),
        (errno.ENOENT, "文件夹不存在"),
        (errno.EIO, "读写出错"),
    ],
)
def test_causes_are_said_in_chinese(code: int, words: str) -> None:
    assert words in fileio.cause(OSError(code, os.strerror(code)))


def test_a_backup_is_audited_as_an_export_and_refused_to_a_clerk(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    head = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
    clerk = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")
    out = tmp_path / "backup.sqlite3"
    with demo_db.uow(clerk.username) as uow, pytest.raises(PermissionDenied, match="无权备份数据库"):
        backup.backup(uow, clerk, demo_paths, out)
    assert not out.exists()
    with demo_db.uow(head.username) as uow:
        done = backup.backup(uow, head, demo_paths, out)
        uow.commit()
    assert done.path == out and out.exists() and done.households > 0
    with demo_db.uow("test") as uow:
        event = (
            uow.session.execute(
                select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.seq.desc())
            )
            .scalars()
            .first()
        )
    assert event is not None and event.actor == "head"
    summary = json.loads(event.new_values)
    assert summary == {
        "file": str(out),
        "kind": "backup",
        "households": done.households,
        "persons": done.persons,
    }


def test_a_backup_that_is_not_committed_is_removed(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    head = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
    out = tmp_path / "backup.sqlite3"
    with demo_db.uow(head.username) as uow:
        backup.backup(uow, head, demo_paths, out)
        assert out.exists()
    assert not out.exists()  # the audit was rolled back: no copy without its record
