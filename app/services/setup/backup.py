"""Online backup and restore of the SQLite database."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app import clock, log
from app.domain.codes import Role
from app.errors import DatabaseLocked, UserError
from app.fileio import require_folder, stage, write_atomically
from app.models import cipher, tracking
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.migrate import backup_sqlite
from app.models.settings import Installation
from app.paths import PRIVATE_FILE, DataPaths, private_dir
from app.services import settings
from app.services.context import Actor, query, require_role
from app.services.setup import backup_file
from app.services.setup.backup_check import (
    BackupPreview,
    Identity,
    database_identity,
    db_errors,
    inspect_open,
    open_backup,
    open_backup_file,
    read_backup,
    require_same_installation,
)
from app.services.setup.installation import is_encrypted
from app.services.setup.keyslots import KeySlots

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


def backup(
    uow: UnitOfWork, actor: Actor, paths: DataPaths, out: Path, key: bytes | None = None
) -> BackupFile:
    """Copy the live database to ``out`` with SQLite's online backup (safe while in use).

    An encrypted database (``key``, the open database's) is written as backup_file.py's container: the
    database encrypted with the same key, and the key slots. A plain one stays a plain SQLite copy.
    The whole database is personal data: the copy is audited (who, when, where, how many households)
    in the same transaction, and removed again if that is not committed.
    """
    require_role(actor, BACKUP_ROLES, "备份数据库")
    session = uow.session
    if session.get_bind().dialect.name != "sqlite":
        raise UserError("县级PostgreSQL主库由数据库服务器备份（pg_dump），本命令只备份SQLite数据库")
    if not paths.database.exists():
        raise UserError(f"数据目录 {paths.root} 中没有数据库，无可备份")
    _require_key(paths, key)
    out = out.expanduser()
    if out.is_dir():
        code = session.execute(select(Installation.code)).scalar() or "backup"
        suffix = backup_file.SUFFIX if key is not None else ".sqlite3"
        out = out / f"jiuzhu-{code}-{clock.local_now():%Y%m%d-%H%M%S}{suffix}"  # whose, on a shared stick
    require_folder(out)
    if out.exists():
        raise UserError(f"文件 {out} 已存在，为防止覆盖，请换一个文件名")
    households = int(session.execute(select(func.count()).select_from(Household)).scalar_one())
    persons = int(session.execute(select(func.count()).select_from(Person)).scalar_one())
    summary = {"file": str(out), "kind": "backup", "households": households, "persons": persons}
    tracking.record_bulk(session, actor=actor.username, action="export", table="household", summary=summary)
    session.flush()
    with stage(out, lambda tmp: copy_database(paths, tmp, key)) as pending:
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


def _copy_backup(source: Path, dest: Path, key: bytes | None = None) -> None:
    """Copy a backup's database over ``dest`` through SQLite's backup API, reading the source immutably.

    With ``key`` both are encrypted with it (``source`` was checked to open with it); ``dest`` is made
    private before it holds anything.
    """
    if not dest.exists():
        private_dir(dest.parent)
        os.close(os.open(dest, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    if key is None:
        src, out = open_backup_file(source), sqlite3.connect(dest)
    else:
        src, out = backup_file.open_encrypted(source, key), None
    try:
        out = out if out is not None else cipher.connect(dest, key)
        src.backup(out)
    finally:
        if out is not None:
            out.close()
        src.close()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def copy_database(paths: DataPaths, dest: Path, key: bytes | None) -> None:
    """A backup of the live database at ``dest``: the encrypted container with ``key``, else a plain copy."""
    try:
        if key is None:
            backup_sqlite(paths.database, dest)
        else:
            backup_file.write(paths.database, key, KeySlots.in_folder(paths.root), dest)
    except db_errors() as exc:
        if isinstance(exc, sqlite3.OperationalError | _cipher_operational()):  # SQLite's words for the disk
            text = str(exc).lower()
            for words, code in (("full", errno.ENOSPC), ("i/o", errno.EIO), ("readonly", errno.EROFS)):
                if words in text:
                    raise OSError(code, str(exc)) from exc
            raise UserError(f"无法备份数据库 {paths.database}：{exc}") from exc
        raise UserError(f"数据库文件 {paths.database} 无法读取，可能已损坏：{exc}") from exc


def _cipher_operational() -> type[Exception]:
    import sqlcipher3

    return sqlcipher3.OperationalError  # type: ignore[no-any-return]


def _require_key(paths: DataPaths, key: bytes | None) -> None:
    if key is None and is_encrypted(paths):
        raise DatabaseLocked("数据库已加密，须用本机管理员的账户和密码解锁后才能备份或恢复")


def inspect_backup(file: Path, key: bytes | None = None) -> str:
    """Check that ``file`` is a Jiuzhu backup this program can open (with ``key``); return its revision."""
    return read_backup(file, key).revision


@query
def this_installation(uow: UnitOfWork, actor: Actor) -> Identity | None:
    """Which installation a restore would replace (administrator only: the restore dialog's first read)."""
    require_role(actor, RESTORE_ROLES, "恢复数据库")
    inst = uow.session.execute(select(Installation)).scalar_one_or_none()
    return Identity(inst.kind, inst.code, inst.name, inst.county_code) if inst else None


def preview_restore(
    uow: UnitOfWork, actor: Actor, paths: DataPaths, file: Path, key: bytes | None = None
) -> BackupPreview:
    """What restoring ``file`` would bring back (administrator only); a foreign or fake file is refused.

    ``key``: the open database's (an encrypted backup of this installation opens with it).
    """
    require_role(actor, RESTORE_ROLES, "恢复数据库")
    if uow.session.get_bind().dialect.name != "sqlite":
        raise UserError("县级PostgreSQL主库由数据库服务器恢复，本功能只恢复SQLite数据库")
    current = this_installation(uow, actor)
    preview = read_backup(file, key, current=current, scratch=_scratch(paths))
    require_same_installation(preview, current)
    return preview


def restore(
    paths: DataPaths,
    file: Path,
    *,
    actor: Actor | None = None,
    key: bytes | None = None,
    account: str | None = None,
    credentials: Callable[[], tuple[str, str]] | None = None,
) -> Path | None:
    """Replace the installation's database with ``file``; the current one is backed up first.

    The file must be a whole Jiuzhu database whose schema matches its revision and, when this
    installation has a database, a backup of this same installation: an encrypted backup must open with
    ``key`` (the current database's); a plain one (made before encryption) is encrypted with it as it is
    restored. Otherwise a UserError is raised before anything is written. ``actor`` (the desktop's
    signed-in user) must be an administrator; the command line passes the ``account`` whose password
    unlocked ``key``, which must be an active administrator in the backup.

    A data folder without a database (a new PC) takes an encrypted backup with its own key slots: an
    administrator's account and password of the backup (``credentials()``, asked only then) must open
    them. Afterwards the accounts' slots follow the restored accounts (the recovery slot is kept).

    Returns the path of the safety copy of the database that was replaced (None if there was none).
    """
    if actor is not None:
        require_role(actor, RESTORE_ROLES, "恢复数据库")
    kind = backup_file.kind_of(file)
    new_slots: bytes | None = None
    with backup_file.scratch(_scratch(paths)) as work:
        if paths.database.exists():
            _require_key(paths, key)
            current = database_identity(paths.database, key)
        else:
            current = None
            if kind == backup_file.ENCRYPTED:
                raise UserError(
                    f"{file.name} 是不带密钥的加密数据库副本，只能恢复到它所属的安装，不能恢复到空的数据目录"
                )
            if kind == backup_file.CONTAINER:
                account, key, new_slots = _unlock_backup(file, work, credentials)
        preview = _checked(file, key, work, current, account=account)
        if account is not None and preview.account_role != Role.ADMIN.value:
            raise UserError(f"账户 {account} 在该备份中不是有效的管理员：须用管理员账户恢复，没有恢复")
        require_same_installation(preview, current)
        source = _source(file, kind, key, work)
        paths.ensure()
        safety = _safety_copy(paths, key, readable=current is not None) if paths.database.exists() else None
        slots_file = KeySlots.in_folder(paths.root)
        if new_slots is not None:
            write_atomically(slots_file, new_slots)
        if safety is not None and current is None:  # damaged (kept as it was): the backup takes its place
            for part in ("", "-wal", "-shm", "-journal"):
                paths.database.with_name(paths.database.name + part).unlink(missing_ok=True)
        try:
            _copy_backup(source, paths.database, key)  # one transaction: a failure leaves it as it was
        except _failures(UserError) as exc:
            if current is None:  # a new PC or a damaged database (kept): nothing half made is left behind
                for made in (paths.database, slots_file if new_slots is not None else None):
                    if made is not None:
                        made.unlink(missing_ok=True)
            kept = f"，恢复前的数据库另存在 {safety}" if safety else ""
            raise UserError(f"无法从 {file.name} 恢复：{exc}{kept}") from exc
    if key is not None:
        _slots_follow_accounts(paths, key)
    log.db.info("restored %s from %s (previous copy: %s)", paths.database, file, safety)
    return safety


def _failures(*more: type[BaseException]) -> tuple[type[BaseException], ...]:
    """What copying a file can raise: the disk's errors and SQLite's (of either module), and ``more``."""
    return (OSError, *db_errors(), *more)


def _scratch(paths: DataPaths) -> Path | None:
    """Where a backup's encrypted database is copied out to be read: the data folder's cache if it exists."""
    return paths.cache if paths.cache.is_dir() else None


def _checked(
    file: Path, key: bytes | None, work: Path, current: Identity | None, account: str | None = None
) -> BackupPreview:
    with open_backup(file, key, work, current=current) as conn:
        return inspect_open(file, conn, account)


def _unlock_backup(
    file: Path, work: Path, credentials: Callable[[], tuple[str, str]] | None
) -> tuple[str, bytes, bytes]:
    """The account, the key of a container's database that its own slots give that account, the slots."""
    slots = backup_file.slots(file)
    if slots is None:
        raise UserError(f"{file.name} 中没有密钥文件，无法在新电脑上恢复")
    if credentials is None:
        raise UserError("恢复加密的备份须输入备份中管理员的账户和密码")
    user, password = credentials()
    folder = work / "slots"
    folder.mkdir()
    KeySlots.in_folder(folder).write_bytes(slots)
    try:
        return user.strip(), KeySlots.load(folder).unlock(user.strip(), password), slots
    except UserError as exc:
        raise UserError(f"{exc}：须用备份所属安装的管理员账户和密码，没有恢复") from None


def _source(file: Path, kind: str, key: bytes | None, work: Path) -> Path:
    """The file the backup API copies from: encrypted with ``key`` (a plain backup encrypted first)."""
    if kind == backup_file.CONTAINER:
        return work / backup_file.DATABASE  # copied out and checked by _checked
    if kind == backup_file.PLAIN and key is not None:
        encrypted = work / "encrypted.sqlite3"
        try:
            backup_file.encrypt_plain(file, key, encrypted)
        except _failures() as exc:
            raise UserError(f"无法加密备份 {file.name}（{exc}），没有恢复，数据库没有任何改动") from exc
        return encrypted
    return file


def _safety_copy(paths: DataPaths, key: bytes | None, *, readable: bool) -> Path:
    """The current database kept in ``backups/`` before it is replaced (encrypted like any backup).

    One that cannot be read (damaged: the reason to restore) is kept byte for byte as it is.
    """
    stamp = f"jiuzhu-before-restore-{clock.local_now():%Y%m%d-%H%M%S}"
    suffix = (backup_file.SUFFIX if key is not None else ".sqlite3") if readable else "-damaged.sqlite3"
    safety = paths.backups / f"{stamp}{suffix}"

    def content(tmp: Path) -> None:
        if readable:
            copy_database(paths, tmp, key)
        else:
            shutil.copyfile(paths.database, tmp)

    try:
        with stage(safety, content) as pending:
            return pending.place()
    except _failures(UserError) as exc:  # the disk is full, say: nothing replaced without it
        raise UserError(f"无法先另存当前数据库（{exc}），没有恢复，数据库没有任何改动") from exc


def _slots_follow_accounts(paths: DataPaths, key: bytes) -> None:
    """The accounts' slots as the restored database has them (its password hashes); the recovery slot
    stays. Without this a password changed since the backup would open the key but fail the sign-in."""
    conn = cipher.connect(paths.database, key)
    try:
        rows = conn.execute("SELECT username, password_hash, active FROM app_user").fetchall()
    finally:
        conn.close()
    slots = KeySlots.load(paths.root)
    for name in slots.accounts:
        slots.remove(name)
    for username, phc, active in rows:
        if active and phc:
            try:
                slots.set_from_hash(key, str(username), str(phc))
            except ValueError:  # not an argon2id hash: this account cannot unlock until it is reset
                log.db.warning("no key slot for account %s: its password hash is not argon2id", username)
    slots.save()
