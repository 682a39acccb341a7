"""Daily automatic backups into the data folder, kept for a while, and the reminder to copy one off the PC.

The desktop calls :func:`auto_backup` when it starts: the first start of a day copies the database to
``backups/jiuzhu-auto-YYYYMMDD.zip`` (an encrypted installation's backup file, app/services/setup/
backup_file.py; ``.sqlite3`` for a plain database), written beside, then renamed, and removes the oldest
of these files beyond :data:`KEEP`, by the date in their names. Other files in the folder (the copies made
before a restore or an upgrade, a clerk's own) are never touched.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app import log
from app.domain.codes import Role
from app.errors import UserError
from app.fileio import stage
from app.models.db import UnitOfWork
from app.paths import DataPaths
from app.services.context import Actor, query
from app.services.setup.backup import BACKUP_ROLES, copy_database, last_offsite_backup
from app.services.setup.backup_file import SUFFIX
from app.services.setup.installation import is_encrypted

KEEP = 14  # [LOCAL] automatic backups kept in the data folder
REMIND_AFTER_DAYS = 7  # [LOCAL] days after the last backup copied off the PC before the workbench reminds
PREFIX = "jiuzhu-auto-"
_NAME = re.compile(rf"^{PREFIX}(\d{{8}})\.(sqlite3|zip)$")


def auto_backup_name(day: date, encrypted: bool = False) -> str:
    return f"{PREFIX}{day:%Y%m%d}{SUFFIX if encrypted else '.sqlite3'}"


def auto_backup(paths: DataPaths, today: date, *, keep: int = KEEP, key: bytes | None = None) -> Path | None:
    """Today's automatic backup, unless there is one already or no database; then rotate.

    An encrypted database is copied only with its ``key`` (the signed-in session's): without it nothing
    is done. Returns the file written (None when nothing was to do).
    """
    if not paths.database.exists():
        return None
    if key is None and is_encrypted(paths):
        log.db.info("automatic backup skipped: the database is encrypted and not unlocked")
        return None
    paths.backups.mkdir(parents=True, exist_ok=True)
    target = paths.backups / auto_backup_name(today, key is not None)
    written = None
    if not any(day == today for day, _path in automatic_backups(paths.backups)):
        try:
            with stage(target, lambda tmp: copy_database(paths, tmp, key)) as pending:
                written = pending.place()
        except sqlite3.Error as exc:
            raise UserError(f"自动备份数据库到 {target} 失败：{exc}") from exc
        log.db.info("automatic backup written to %s", written)
    for old in rotate(paths.backups, keep):
        log.db.info("old automatic backup removed: %s", old)
    return written


def automatic_backups(folder: Path) -> list[tuple[date, Path]]:
    """The automatic backups in ``folder``, oldest first (by the date in their names)."""
    found: list[tuple[date, Path]] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None:
            continue
        try:
            day = date(int(match[1][:4]), int(match[1][4:6]), int(match[1][6:]))
        except ValueError:
            continue
        found.append((day, path))
    return sorted(found)


def rotate(folder: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` automatic backups; return those removed."""
    backups = automatic_backups(folder)
    removed = []
    for _day, path in backups[: max(len(backups) - keep, 0)]:
        try:
            path.unlink()
        except OSError as exc:
            log.db.warning("could not remove the old automatic backup %s: %s", path, exc)
            continue
        removed.append(path)
    return removed


@dataclass(frozen=True)
class BackupReminder:
    """Whether the workbench should remind the user to copy a backup off the PC."""

    last_offsite: date | None
    days: int | None  # since the last backup off the PC
    due: bool
    may_backup: bool  # the user may back up (a head or the administrator); others are told whom to ask


@query
def backup_reminder(uow: UnitOfWork, actor: Actor, today: date) -> BackupReminder:
    """The last backup copied off this PC and whether it is older than the reminder's days.

    Nothing in it belongs to a village: every user may read it. A county master on PostgreSQL is backed
    up by its database server: no reminder there.
    """
    may = actor.role in BACKUP_ROLES or actor.role is Role.ADMIN
    if uow.session.get_bind().dialect.name != "sqlite":
        return BackupReminder(None, None, False, may)
    last = last_offsite_backup(uow)
    days = (today - last).days if last is not None else None
    due = days is None or days > REMIND_AFTER_DAYS
    return BackupReminder(last, days, due, may)
