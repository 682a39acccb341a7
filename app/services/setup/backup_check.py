"""What a backup file holds, and whether it may replace this installation's database.

A backup is refused unless it is a whole Jiuzhu database (SQLite, integrity check passed), its tables and
columns are exactly those of the schema revision it records (a file that only looks like one, say an
``alembic_version`` row over other tables, is refused), and it belongs to this installation: the same
kind (station or county) and the same township or county code. Nothing is written while checking.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.domain.codes import InstallationKind
from app.errors import UserError
from app.fileio import unreadable
from app.models.migrate import SCHEMA_HEAD, known_revisions
from app.services.setup import backup_file

Schema = dict[str, frozenset[str]]  # table name -> column names


@dataclass(frozen=True)
class Identity:
    """Which installation a database is: a township station or a county master, and its code."""

    kind: str
    code: str
    name: str
    county_code: str

    @property
    def kind_label(self) -> str:
        try:
            return InstallationKind(self.kind).label
        except ValueError:
            return self.kind

    def describe(self) -> str:
        return f"{self.name}（{self.kind_label}，区划代码{self.code}）"

    def same_as(self, other: Identity) -> bool:
        return (self.kind, self.code) == (other.kind, other.code)


@dataclass(frozen=True)
class BackupPreview:
    """What a backup holds, read from the file without changing it."""

    file: Path
    revision: str
    identity: Identity
    households: int
    persons: int
    cases: int
    users: int
    last_change: datetime | None  # UTC: the newest audit event, i.e. the data is as of then
    file_time: datetime  # UTC: when the file was last written (the backup's own time, if not copied since)
    size: int
    account_role: str | None = None  # the role there of the account asked about (a restore on a new PC)


def read_backup(
    file: Path,
    key: bytes | None = None,
    *,
    current: Identity | None = None,
    scratch: Path | None = None,
    account: str | None = None,
) -> BackupPreview:
    """Check ``file`` as a Jiuzhu backup of a schema this program knows; return what it holds.

    An encrypted backup (backup_file.py) must open with ``key``, this installation's: otherwise it is
    another installation's (said with its name when its manifest gives one and ``current`` differs) or
    damaged, and refused. A plain SQLite backup (made before encryption) opens without a key. ``scratch``:
    where the encrypted database is copied out of the file to be read (a private temporary folder).
    """
    with backup_file.scratch(scratch) as work, open_backup(file, key, work, current=current) as conn:
        return inspect_open(file, conn, account)


@contextlib.contextmanager
def open_backup(
    file: Path, key: bytes | None, work: Path, *, current: Identity | None = None
) -> Iterator[Any]:
    """A read-only connection to the database a backup holds (copied out into ``work`` if need be)."""
    kind = backup_file.kind_of(file)
    if kind == backup_file.PLAIN:
        conn = open_backup_file(file)
    elif key is None:
        raise _unopened(file, kind, current)
    else:
        try:
            if kind == backup_file.CONTAINER:
                conn = backup_file.open_encrypted(backup_file.extract_database(file, work), key)
            else:
                conn = backup_file.open_encrypted(file, key)
        except backup_file.WrongKey:
            raise _unopened(file, kind, current) from None
    try:
        yield conn
    finally:
        conn.close()


def _unopened(file: Path, kind: str, current: Identity | None) -> UserError:
    """Why an encrypted backup does not open here: another installation's (by its manifest), or damaged."""
    claimed = backup_file.manifest(file).get("installation") if kind == backup_file.CONTAINER else None
    if isinstance(claimed, dict) and current is not None:
        try:
            theirs = Identity(str(claimed["kind"]), str(claimed["code"]), str(claimed["name"]), "")
        except KeyError:
            theirs = None
        if theirs is not None and not theirs.same_as(current):
            return UserError(
                f"{file.name} 是{theirs.describe()}的备份，不是本机{current.describe()}的，"
                "不能恢复到本机。数据库没有任何改动。"
            )
    return backup_file.WrongKey(file)


def db_errors() -> tuple[type[Exception], ...]:
    import sqlcipher3

    return (sqlite3.DatabaseError, sqlcipher3.DatabaseError)


def inspect_open(file: Path, conn: Any, account: str | None = None) -> BackupPreview:
    """What the open database of backup ``file`` holds, checked; with ``account`` also its role there."""
    try:
        stat = file.stat()
    except OSError as exc:
        raise unreadable(file, exc) from exc
    try:
        tables = _schema(conn)
        if not {"alembic_version", "installation", "household"} <= set(tables):
            raise UserError(f"{file.name} 不是救助通数据库（缺少必要的数据表）")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(row[0]) if row and row[0] else ""
        if not revision:
            raise UserError(f"{file.name} 不是完整的救助通数据库（缺少数据库版本）")
        if revision != SCHEMA_HEAD and revision not in known_revisions():
            raise UserError(f"{file.name} 的数据库版本（{revision}）比本程序新，请先升级救助通")
        _require_schema(file, revision, tables)
        identity = _identity(file, conn)
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise UserError(f"{file.name} 完整性检查未通过：{check}")
        counts = [_count(conn, t) for t in ("household", "person", "case_file", "app_user")]
        last = conn.execute("SELECT max(at) FROM audit_event").fetchone()[0]
        role = None
        if account is not None:
            found = conn.execute(
                "SELECT role FROM app_user WHERE username = ? AND active", (account,)
            ).fetchone()
            role = str(found[0]) if found else None
    except db_errors() as exc:
        raise UserError(f"{file.name} 已损坏或不是救助通数据库：{exc}") from exc
    return BackupPreview(
        file=file,
        revision=revision,
        identity=identity,
        households=counts[0],
        persons=counts[1],
        cases=counts[2],
        users=counts[3],
        last_change=_utc(last),
        file_time=datetime.fromtimestamp(stat.st_mtime, UTC),
        size=stat.st_size,
        account_role=role,
    )


def open_backup_file(file: Path) -> sqlite3.Connection:
    """A read-only connection to a backup that writes nothing beside it (no -wal or -shm file, no lock):
    a backup on a write-protected USB stick opens too. A backup is not a live database: no one writes it.
    """
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def database_identity(db_file: Path, key: bytes | None = None) -> Identity | None:
    """The identity recorded in an installation's database file (None if it has none or cannot be read)."""
    if not db_file.exists():
        return None
    try:
        if key is not None:
            conn = backup_file.open_encrypted(db_file, key, immutable=False)
        else:
            conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, UserError):
        return None
    try:
        row = conn.execute("SELECT kind, code, name, county_code FROM installation").fetchone()
    except db_errors():
        return None
    finally:
        conn.close()
    return Identity(*map(str, row)) if row else None


def require_same_installation(preview: BackupPreview, current: Identity | None) -> None:
    """Refuse a backup of another installation, township or county (no current one: any is welcome)."""
    if current is None or preview.identity.same_as(current):
        return
    raise UserError(
        f"{preview.file.name} 是{preview.identity.describe()}的备份，不是本机{current.describe()}的，"
        "不能恢复到本机。数据库没有任何改动。"
    )


def expected_schema(revision: str) -> Schema:
    """The tables and columns a database at ``revision`` has (the models at the head, else the migrations)."""
    if revision == SCHEMA_HEAD:
        from app.models.all import metadata

        found = {t.name: frozenset(c.name for c in t.columns) for t in metadata.sorted_tables}
        found["alembic_version"] = frozenset({"version_num"})
        return found
    return dict(_migrated_schema(revision))


@functools.lru_cache(maxsize=8)
def _migrated_schema(revision: str) -> tuple[tuple[str, frozenset[str]], ...]:
    from app.models.db import make_engine, sqlite_url
    from app.models.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="jiuzhu-schema-") as folder:
        engine = make_engine(sqlite_url(Path(folder) / "schema.sqlite3"))
        try:
            upgrade(engine, revision)
            conn = engine.raw_connection()
            try:
                schema = _schema(conn.driver_connection)
            finally:
                conn.close()
        finally:
            engine.dispose()
    return tuple(sorted(schema.items()))


def _schema(conn: Any) -> Schema:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    from app.models.search_index import is_index_table

    return {  # the search index is rebuilt from the rows: its FTS5 tables are not part of the models
        name: frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({_quoted(name)})"))
        for name in names
        if not is_index_table(name)
    }


def _quoted(name: str) -> str:
    """An identifier read from a file, quoted for SQL (a name may hold any character)."""
    return '"' + name.replace('"', '""') + '"'


def _require_schema(file: Path, revision: str, found: Schema) -> None:
    expected = expected_schema(revision)
    problems: list[str] = []
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    if missing:
        problems.append("缺少数据表 " + "、".join(missing[:5]) + ("等" if len(missing) > 5 else ""))
    if extra:
        problems.append("多出数据表 " + "、".join(extra[:5]) + ("等" if len(extra) > 5 else ""))
    for table in sorted(set(expected) & set(found)):
        lacks = sorted(expected[table] - found[table])
        more = sorted(found[table] - expected[table])
        if lacks:
            problems.append(f"数据表 {table} 缺少列 " + "、".join(lacks[:5]))
        if more:
            problems.append(f"数据表 {table} 多出列 " + "、".join(more[:5]))
    if problems:
        shown = "；".join(problems[:4]) + ("；……" if len(problems) > 4 else "")
        raise UserError(
            f"{file.name} 的数据表与它记录的数据库版本（{revision}）不符：{shown}。"
            "它不是完整的救助通备份，已拒绝恢复，数据库没有任何改动。"
        )


def _identity(file: Path, conn: Any) -> Identity:
    rows = conn.execute("SELECT kind, code, name, county_code FROM installation").fetchall()
    if len(rows) != 1:
        raise UserError(f"{file.name} 不是完整的救助通数据库（缺少安装信息）")
    return Identity(*map(str, rows[0]))


def _count(conn: Any, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0])


def _utc(raw: object) -> datetime | None:
    if raw is None:
        return None
    try:
        stamp = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
