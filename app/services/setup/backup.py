"""Online backup and restore of the SQLite database."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app import clock, log
from app.domain.codes import Role
from app.errors import UserError
from app.fileio import require_folder, stage
from app.models import tracking
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.migrate import backup_sqlite
from app.models.settings import Installation
from app.paths import DataPaths
from app.services import settings
from app.services.context import Actor, query, require_role
from app.services.setup.backup_check import (
    BackupPreview,
    Identity,
    database_identity,
    open_backup_file,
    read_backup,
    require_same_installation,
)

BACKUP_ROLES = frozenset({Role.TOWNSHIP_HEAD, Role.COUNTY_HEAD})
RESTORE_ROLES = frozenset({Role.ADMIN})
OFFSITE_KEY = "local.backup.offsite_on"  # the day of the last backup written outside the data folder


@dataclass(frozen=True)
class BackupFile:
    path: Path
    households: int
    persons: int
    offsite: bool = False  # written outside the data folder (counts as a copy off the PC)


@dataclass(frozen=True)
class BackupForm:
    """What 文件 → 备份 shows first: this installation, how much it holds, the last copy off the PC."""

    installation: str
    households: int
    persons: int
    last_offsite: date | None


@query
def backup_form(uow: UnitOfWork, actor: Actor) -> BackupForm:
    """For the backup dialog (a head or the administrator: a backup is the whole database)."""
    require_role(actor, BACKUP_ROLES, "备份数据库")
    session = uow.session
    inst = session.execute(select(Installation)).scalar_one_or_none()
    return BackupForm(
        inst.name if inst else "",
        int(session.execute(select(func.count()).select_from(Household)).scalar_one()),
        int(session.execute(select(func.count()).select_from(Person)).scalar_one()),
        last_offsite_backup(uow),
    )


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
        code = session.execute(select(Installation.code)).scalar() or "backup"
        out = out / f"jiuzhu-{code}-{clock.local_now():%Y%m%d-%H%M%S}.sqlite3"  # whose, on a shared stick
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
    offsite = not _inside(written, paths.root)
    if offsite:  # copied off the PC (a USB stick, another disk): the workbench's reminder counts from it
        settings.put(session, OFFSITE_KEY, clock.today().isoformat())
    return BackupFile(written, households, persons, offsite)


def last_offsite_backup(uow: UnitOfWork) -> date | None:
    """The day of the last backup written outside the data folder (None: never)."""
    raw = settings.get(uow.session, OFFSITE_KEY)
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def _copy_backup(file: Path, dest: Path) -> None:
    """Copy a backup over the database through SQLite's backup API, reading the backup immutably."""
    src = open_backup_file(file)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


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
    return read_backup(file).revision


@query
def this_installation(uow: UnitOfWork, actor: Actor) -> Identity | None:
    """Which installation a restore would replace (administrator only: the restore dialog's first read)."""
    require_role(actor, RESTORE_ROLES, "恢复数据库")
    inst = uow.session.execute(select(Installation)).scalar_one_or_none()
    return Identity(inst.kind, inst.code, inst.name, inst.county_code) if inst else None


def preview_restore(uow: UnitOfWork, actor: Actor, paths: DataPaths, file: Path) -> BackupPreview:
    """What restoring ``file`` would bring back (administrator only); a foreign or fake file is refused."""
    require_role(actor, RESTORE_ROLES, "恢复数据库")
    if uow.session.get_bind().dialect.name != "sqlite":
        raise UserError("县级PostgreSQL主库由数据库服务器恢复，本功能只恢复SQLite数据库")
    preview = read_backup(file)
    require_same_installation(preview, this_installation(uow, actor))
    return preview


def restore(paths: DataPaths, file: Path, *, actor: Actor | None = None) -> Path | None:
    """Replace the installation's database with ``file``; the current one is backed up first.

    The file must be a whole Jiuzhu database whose schema matches its revision and, when this
    installation has a database, a backup of this same installation: otherwise a UserError is raised
    before anything is written. ``actor`` (the desktop's signed-in user) must be an administrator; the
    command line, run by whoever holds the data folder, passes none.

    Returns the path of the safety copy of the database that was replaced (None if there was none).
    """
    if actor is not None:
        require_role(actor, RESTORE_ROLES, "恢复数据库")
    preview = read_backup(file)
    require_same_installation(preview, database_identity(paths.database))
    paths.ensure()
    safety = None
    if paths.database.exists():
        safety = paths.backups / f"jiuzhu-before-restore-{clock.local_now():%Y%m%d-%H%M%S}.sqlite3"
        try:
            backup_sqlite(paths.database, safety)
        except (OSError, sqlite3.Error) as exc:  # the disk is full, say: nothing is replaced without its copy
            safety.unlink(missing_ok=True)
            raise UserError(f"无法先另存当前数据库（{exc}），没有恢复，数据库没有任何改动") from exc
    try:
        _copy_backup(file, paths.database)  # one transaction on the database: a failure leaves it as it was
    except (OSError, sqlite3.Error) as exc:
        kept = f"，恢复前的数据库另存在 {safety}" if safety else ""
        raise UserError(f"无法从 {file.name} 恢复：{exc}{kept}") from exc
    log.db.info("restored %s from %s (previous copy: %s)", paths.database, file, safety)
    return safety
