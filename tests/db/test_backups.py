"""Backups and restores (issues 13 and 14): a restore knows what it restores, automatic backups rotate,
and the reminder counts from the last backup copied off the PC."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.codes import Role
from app.errors import PermissionDenied, UserError
from app.models.db import Database
from app.models.migrate import SCHEMA_HEAD
from app.paths import DataPaths
from app.services.context import Actor
from app.services.setup import auto_backup, backup
from app.services.setup.backup_check import expected_schema, read_backup
from app.services.setup.installation import initialise, open_database
from tests.conftest import DEMO_TODAY

ADMIN = Actor("admin", "系统管理员", Role.ADMIN, "430623101000")
HEAD = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_station(root: Path, code: str, kind: str = "station") -> DataPaths:
    paths = DataPaths(root)
    db = open_database(paths, create=True)
    initialise(db, kind=kind, code=code, admin_password="adminpass")
    db.dispose()
    return paths


@pytest.fixture
def own_backup(demo_db: Database, demo_paths: DataPaths, tmp_path: Path) -> Iterator[Path]:
    out = tmp_path / "usb" / "b.sqlite3"
    out.parent.mkdir()
    with demo_db.uow(HEAD.username) as uow:
        done = backup.backup(uow, HEAD, demo_paths, out)
        uow.commit()
    assert done.offsite
    yield out


def test_preview_says_what_the_backup_holds(
    demo_db: Database, demo_paths: DataPaths, own_backup: Path
) -> None:
    with demo_db.uow(ADMIN.username) as uow:
        preview = backup.preview_restore(uow, ADMIN, demo_paths, own_backup)
    assert preview.identity.code == "430623101" and preview.identity.kind == "station"
    assert preview.households > 0 and preview.persons >= preview.households and preview.cases > 0
    assert preview.last_change is not None and preview.users >= 1


def test_only_an_administrator_may_restore(
    demo_db: Database, demo_paths: DataPaths, own_backup: Path
) -> None:
    with demo_db.uow(HEAD.username) as uow, pytest.raises(PermissionDenied, match="无权恢复数据库"):
        backup.preview_restore(uow, HEAD, demo_paths, own_backup)
    before = digest(demo_paths.database)
    with pytest.raises(PermissionDenied):
        backup.restore(demo_paths, own_backup, actor=HEAD)
    assert digest(demo_paths.database) == before


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [("430623102", "station", "430623102"), ("430623", "county", "县级主库")],
    ids=["another township", "the county"],
)
def test_a_backup_of_another_installation_is_refused(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path, code: str, kind: str, words: str
) -> None:
    other = make_station(tmp_path / "other", code, kind)
    before = digest(demo_paths.database)
    with demo_db.uow(ADMIN.username) as uow, pytest.raises(UserError, match=words) as refused:
        backup.preview_restore(uow, ADMIN, demo_paths, other.database)
    assert "不能恢复到本机" in str(refused.value)
    demo_db.dispose()
    with pytest.raises(UserError, match="不能恢复到本机"):
        backup.restore(demo_paths, other.database, actor=ADMIN)
    assert digest(demo_paths.database) == before
    assert not list(demo_paths.backups.glob("jiuzhu-before-restore-*"))


def test_a_backup_restores_into_an_empty_data_folder(own_backup: Path, tmp_path: Path) -> None:
    """A new PC: no database yet, so any whole backup is welcome (the station comes back)."""
    fresh = DataPaths(tmp_path / "new-pc")
    assert backup.restore(fresh, own_backup) is None
    assert read_backup(fresh.database).identity.code == "430623101"


def _fake_from(source: Path, dest: Path, sql: str) -> Path:
    shutil.copy(source, dest)
    with sqlite3.connect(dest) as conn:
        conn.executescript(sql)
    conn.close()
    return dest


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("DROP TABLE payment_flag;", "缺少数据表 payment_flag"),
        ("CREATE TABLE stolen (x);", "多出数据表 stolen"),
        ("ALTER TABLE household DROP COLUMN notes;", "household 缺少列 notes"),
        ("ALTER TABLE person ADD COLUMN secret TEXT;", "person 多出列 secret"),
    ],
)
def test_a_file_whose_tables_do_not_match_its_revision_is_refused(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path, own_backup: Path, sql: str, words: str
) -> None:
    fake = _fake_from(own_backup, tmp_path / "fake.sqlite3", sql)
    demo_db.dispose()
    before = digest(demo_paths.database)
    with pytest.raises(UserError, match=words) as refused:
        backup.restore(demo_paths, fake)
    assert "数据库没有任何改动" in str(refused.value)
    assert digest(demo_paths.database) == before
    assert not list(demo_paths.backups.glob("jiuzhu-before-restore-*"))


def test_a_fake_sqlite_file_with_a_version_row_is_refused(
    paths: DataPaths, station: Database, tmp_path: Path
) -> None:
    fake = tmp_path / "fake.sqlite3"
    with sqlite3.connect(fake) as conn:
        conn.executescript("""
            CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);
            INSERT INTO alembic_version VALUES ('0005');
            CREATE TABLE installation (id INTEGER, kind TEXT, code TEXT, name TEXT, county_code TEXT);
            INSERT INTO installation VALUES (1, 'station', '430623101', '三封寺镇', '430623');
            CREATE TABLE household (id TEXT);
        """)
    conn.close()
    station.dispose()
    before = digest(paths.database)
    with pytest.raises(UserError, match="不符"):
        backup.restore(paths, fake)
    assert digest(paths.database) == before


def test_an_older_revision_is_checked_against_its_own_schema() -> None:
    old, head = expected_schema("0001"), expected_schema(SCHEMA_HEAD)
    assert "household" in old and set(old) != set(head)


def test_a_backup_to_the_data_folder_is_not_off_the_pc(demo_db: Database, demo_paths: DataPaths) -> None:
    with demo_db.uow(HEAD.username) as uow:
        done = backup.backup(uow, HEAD, demo_paths, demo_paths.backups)
        uow.commit()
    assert not done.offsite
    with demo_db.uow(HEAD.username) as uow:
        assert backup.last_offsite_backup(uow) is None


def test_the_reminder_counts_from_the_last_backup_off_the_pc(
    demo_db: Database, demo_paths: DataPaths, own_backup: Path
) -> None:
    with demo_db.uow(CLERK.username) as uow:
        soon = auto_backup.backup_reminder(uow, CLERK, DEMO_TODAY + timedelta(days=7))
        late = auto_backup.backup_reminder(uow, CLERK, DEMO_TODAY + timedelta(days=8))
    assert soon.last_offsite == DEMO_TODAY and not soon.due and soon.days == 7
    assert late.due and late.days == 8 and not late.may_backup


def test_the_reminder_is_due_when_nothing_was_ever_copied_off(demo_db: Database) -> None:
    with demo_db.uow(HEAD.username) as uow:
        reminder = auto_backup.backup_reminder(uow, HEAD, DEMO_TODAY)
    assert reminder.due and reminder.last_offsite is None and reminder.may_backup


def test_automatic_backups_once_a_day_and_keep_the_newest(demo_paths: DataPaths) -> None:
    first = date(2026, 11, 1)
    keeper = demo_paths.backups / "jiuzhu-before-restore-20261101-080000.sqlite3"
    keeper.parent.mkdir(parents=True, exist_ok=True)
    keeper.write_bytes(b"a clerk's own copy")
    for n in range(20):
        written = auto_backup.auto_backup(demo_paths, first + timedelta(days=n), keep=14)
        assert (
            written is not None and written.name == f"jiuzhu-auto-{first + timedelta(days=n):%Y%m%d}.sqlite3"
        )
    assert auto_backup.auto_backup(demo_paths, first + timedelta(days=19), keep=14) is None  # again today
    days = [day for day, _path in auto_backup.automatic_backups(demo_paths.backups)]
    assert days == [first + timedelta(days=n) for n in range(6, 20)]
    assert keeper.exists() and not list(demo_paths.backups.glob("*.part"))
    assert read_backup(demo_paths.backups / "jiuzhu-auto-20261120.sqlite3").households > 0


def test_no_automatic_backup_without_a_database(paths: DataPaths) -> None:
    assert auto_backup.auto_backup(paths, DEMO_TODAY) is None


def test_reading_and_restoring_a_backup_writes_nothing_beside_it(
    demo_db: Database, demo_paths: DataPaths, own_backup: Path
) -> None:
    """A backup on a write-protected USB stick: no -wal, -shm or journal file is made next to it."""
    before = sorted(p.name for p in own_backup.parent.iterdir())
    demo_db.dispose()
    assert backup.restore(demo_paths, own_backup) is not None
    assert sorted(p.name for p in own_backup.parent.iterdir()) == before == [own_backup.name]


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ('CREATE TABLE "a"") ; DROP TABLE x; --" (y);', "多出数据表"),
        ("DELETE FROM alembic_version;", "缺少数据库版本"),
        ("UPDATE alembic_version SET version_num = '9999';", "比本程序新"),
        ("DELETE FROM installation;", "缺少安装信息"),
    ],
    ids=["odd table name", "no revision", "newer revision", "no installation"],
)
def test_odd_files_are_refused_with_a_message(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path, own_backup: Path, sql: str, words: str
) -> None:
    fake = _fake_from(own_backup, tmp_path / "odd.sqlite3", sql)
    demo_db.dispose()
    before = digest(demo_paths.database)
    with pytest.raises(UserError, match=words):
        backup.restore(demo_paths, fake)
    assert digest(demo_paths.database) == before


def test_a_copy_that_fails_is_said_in_words_and_keeps_the_safety_copy(
    demo_db: Database, demo_paths: DataPaths, own_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy_backup", full)
    demo_db.dispose()
    with pytest.raises(
        UserError, match=re.escape("无法从 b.sqlite3 恢复：database or disk is full，恢复前的数据库另存在")
    ):
        backup.restore(demo_paths, own_backup)
    assert len(list(demo_paths.backups.glob("jiuzhu-before-restore-*"))) == 1
