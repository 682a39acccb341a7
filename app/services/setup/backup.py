"""Online backup and restore of the SQLite database."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app import clock, log
from app.domain.codes import Role
from app.errors import UserError
from app.fileio import require_folder, stage, unreadable
from app.models import tracking
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.migrate import SCHEMA_HEAD, backup_sqlite, known_revisions
from app.paths import DataPaths
from app.services.context import Actor, require_role

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_ROLES = frozenset({Role.TOWNSHIP_HEAD, Role.COUNTY_HEAD})


@dataclass(frozen=True)
class BackupFile:
    path: Path
    households: int
    persons: int


def backup(uow: UnitOfWork, actor: Actor, paths: DataPaths, out: Path) -> BackupFile:
    """Copy the live database to ``out`` with SQLite's online backup (safe while in use).

    The whole database is personal data: the copy is audited (who, when, where, how many households)
    in the same transaction, and removed again if that is not committed.
    """
    require_role(actor, BACKUP_ROLES, "备份数据库")
    session = uow.session
    if session.get_bind().dialect.name != "sqlite":
        raise UserError("县级PostgreSQL主库由数据库服务器备份（pg_dump），本命令只备份SQLite数据库")
    if not paths.database.exists():
        raise UserError(f"数据目录 {paths.root} 中没有数据库，无可备份")
    out = out.expanduser()
    if out.is_dir():
        out = out / f"jiuzhu-{clock.local_now():%Y%m%d-%H%M%S}.sqlite3"
    require_folder(out)
    if out.exists():
        raise UserError(f"文件 {out} 已存在，为防止覆盖，请换一个文件名")
    households = int(session.execute(select(func.count()).select_from(Household)).scalar_one())
    persons = int(session.execute(select(func.count()).select_from(Person)).scalar_one())
    summary = {"file": str(out), "kind": "backup", "households": households, "persons": persons}
    tracking.record_bulk(session, actor=actor.username, action="export", table="household", summary=summary)
    session.flush()
    with stage(out, lambda tmp: _copy_database(paths, tmp)) as pending:
        if out.exists():  # made meanwhile by someone else: still never overwritten
            raise UserError(f"文件 {out} 已存在，为防止覆盖，请换一个文件名")
        written = pending.place()
    uow.after_rollback(lambda: written.unlink(missing_ok=True))
    return BackupFile(written, households, persons)


def _copy_database(paths: DataPaths, dest: Path) -> None:
    try:
        backup_sqlite(paths.database, dest)
    except sqlite3.OperationalError as exc:  # SQLite's words for the copy's disk
        text = str(exc).lower()
        for words, code in (("full", errno.ENOSPC), ("i/o", errno.EIO), ("readonly", errno.EROFS)):
            if words in text:
                raise OSError(code, str(exc)) from exc
        raise UserError(f"无法备份数据库 {paths.database}：{exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise UserError(f"数据库文件 {paths.database} 无法读取，可能已损坏：{exc}") from exc


def inspect_backup(file: Path) -> str:
    """Check that ``file`` is a Jiuzhu database this program can open; return its revision."""
    try:
        with file.open("rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise unreadable(file, exc) from exc
    if magic != SQLITE_MAGIC:
        raise UserError(f"{file.name} 不是救助通数据库（不是 SQLite 文件）")
    conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"alembic_version", "installation", "household"} <= tables:
            raise UserError(f"{file.name} 不是救助通数据库（缺少必要的数据表）")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if conn.execute("SELECT count(*) FROM installation").fetchone()[0] != 1:
            raise UserError(f"{file.name} 不是完整的救助通数据库（缺少安装信息）")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{file.name} 已损坏或不是救助通数据库：{exc}") from exc
    finally:
        conn.close()
    if check != "ok":
        raise UserError(f"{file.name} 完整性检查未通过：{check}")
    rev = revision[0] if revision else ""
    if rev != SCHEMA_HEAD and rev not in known_revisions():
        raise UserError(f"{file.name} 的数据库版本（{rev}）比本程序新，请先升级救助通")
    return rev


def restore(paths: DataPaths, file: Path) -> Path | None:
    """Replace the installation's database with ``file``; the current one is backed up first.

    Returns the path of the safety copy of the database that was replaced (None if there was none).
    """
    inspect_backup(file)
    paths.ensure()
    safety = None
    if paths.database.exists():
        safety = paths.backups / f"jiuzhu-before-restore-{clock.local_now():%Y%m%d-%H%M%S}.sqlite3"
        backup_sqlite(paths.database, safety)
    backup_sqlite(file, paths.database)
    log.db.info("restored %s from %s (previous copy: %s)", paths.database, file, safety)
    return safety
