"""Engine, SQLite PRAGMAs and the unit of work (one short session per operation)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

from app.models import audit, tracking

T = TypeVar("T")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def _on_sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's own transaction handling defers BEGIN until the first write, so a SAVEPOINT taken
    # before any write would open (and on release, commit) a transaction of its own. Take control:
    # no implicit BEGIN from the driver, an explicit one from SQLAlchemy (see _on_sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _on_sqlcipher_connect(dbapi_conn: Any, _record: Any) -> None:
    # Sorts, temporary tables and statement journals stay in memory: SQLCipher does not encrypt
    # temporary files (its own builds default to memory; said here for any build). Not for plain
    # databases, which gain nothing from it and lose much (a bulk insert with triggers, 4×).
    dbapi_conn.execute("PRAGMA temp_store=MEMORY")


def _on_sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def _on_sqlite_read_connect(dbapi_conn: sqlite3.Connection, record: Any) -> None:
    _on_sqlite_connect(dbapi_conn, record)
    dbapi_conn.execute("PRAGMA query_only=ON")
    dbapi_conn.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}")


def _on_sqlcipher_read_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.execute(f"PRAGMA cache_size=-{ENCRYPTED_READ_CACHE_KIB}")


READ_CONNECTIONS = 3  # the registry's page, its count and one more read can run at once
# Page cache of each read connection, in KiB (SQLite's default is 2 MB). A search reads persons and
# households by rowid or id all over the file; with 2 MB most of those pages come from the OS again
# on every search (and under SQLCipher are decrypted again): a surname's count on 100,000 households
# takes 4.8 ms to read its 4,276 persons with the default, 1.8 ms with 64 MB. Filled only as pages
# are read, so a small station never reaches it.
READ_CACHE_KIB = 65536
# SQLCipher: a page read from the file is checked and decrypted (6 µs against under 1 µs from the OS's
# cache), so the read connections keep more of what they decrypted: a registry search of a 100,000-household
# county touches about 200 MB of tables and indexes, a 3,000-household station 6 MB. The pool hands out
# the connection used last (LIFO), whose cache is the warm one; SQLite empties a connection's cache when
# another connection has committed since its last read.
ENCRYPTED_READ_CACHE_KIB = 262144


def make_read_engine(engine: Engine) -> Engine | None:
    """SQLite: an engine of kept-open, read-only connections beside ``engine``; None elsewhere.

    Reads then never queue behind a write (WAL: a reader sees the last commit while a write runs)
    and never pay for opening a connection; each connection keeps its prepared statements
    (sqlite3's statement cache), so a search typed again and again is not compiled again. Other
    databases read through ``engine``'s own pool, which already works that way.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    reads = create_engine(
        engine.url,
        poolclass=QueuePool,  # the SQLCipher dialect would pick a per-thread pool of its own
        pool_size=READ_CONNECTIONS,
        max_overflow=READ_CONNECTIONS,
        pool_use_lifo=True,
        hide_parameters=True,
        connect_args={"check_same_thread": False, "cached_statements": 256},
    )
    event.listen(reads, "connect", _on_sqlite_read_connect)
    if engine.url.drivername.endswith("pysqlcipher"):
        event.listen(reads, "connect", _on_sqlcipher_connect)
        event.listen(reads, "connect", _on_sqlcipher_read_connect)
    event.listen(reads, "begin", _on_sqlite_begin)
    return reads


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=NORMAL, foreign keys on, real savepoints.

    With ``key`` the SQLite file is a SQLCipher database opened with that raw key (app/models/cipher.py).
    Statement parameters are hidden from error messages, so no ID number reaches a log or a crash report.
    """
    if url.startswith("sqlite"):
        target: str | URL = url
        if key is not None:
            from app.models.cipher import encrypted_url

            target = encrypted_url(url, key)
        engine = create_engine(target, poolclass=NullPool, hide_parameters=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        if key is not None:
            event.listen(engine, "connect", _on_sqlcipher_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


class Database:
    """An open database: the engine plus a session factory wired to the change tracker."""

    def __init__(self, engine: Engine, station: str = "", key: bytes | None = None) -> None:
        self.engine = engine
        self.station = station
        self.key = key  # SQLCipher: the raw key it was opened with (copies and backups use it); None: plain
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.read_engine = make_read_engine(engine)
        self._read_sessions = (
            self._sessions
            if self.read_engine is None
            else sessionmaker(self.read_engine, expire_on_commit=False)
        )

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The factory of the write sessions (for session events, e.g. the key slots' bookkeeping)."""
        return self._sessions

    def uow(self, actor: str) -> UnitOfWork:
        """A unit of work whose changes are stamped with ``actor`` and this station."""
        return UnitOfWork(self._sessions(), actor, self.station)

    def read(self, actor: str, fn: Callable[[UnitOfWork], T]) -> T:
        """``fn(uow)`` in a unit of work of ``actor`` that commits nothing (a read operation).

        On SQLite it runs on a kept-open read-only connection (see :func:`make_read_engine`): it never
        waits behind a write, and an attempt to write fails instead of taking the write lock.
        """
        with UnitOfWork(self._read_sessions(), actor, self.station) as uow:
            return fn(uow)

    def write(
        self, actor: str, fn: Callable[[UnitOfWork], T], stop: Callable[[], bool] | None = None
    ) -> tuple[T, frozenset[str]]:
        """``fn(uow)`` in a unit of work of ``actor``, committed; returns its result and the tables it wrote.

        The tables are read from the audit events the write appended (every write is audited). If
        ``stop()`` says so once ``fn`` is done, nothing is committed and ``WriteStopped`` is raised.
        """
        with self.uow(actor) as uow:
            mark = uow.audit_mark()
            result = fn(uow)
            written = uow.tables_written_since(mark)
            if stop is not None and stop():
                raise WriteStopped
            uow.commit()
        return result, written

    def dispose(self) -> None:
        if self.read_engine is not None:
            self.read_engine.dispose()
        self.engine.dispose()


class WriteStopped(Exception):
    """A write was stopped before its commit: nothing was written."""


class UnitOfWork:
    """One transaction: ``with db.uow(actor) as uow: ...; uow.commit()``.

    Leaving the block without ``commit()`` (or by an exception) rolls everything back,
    so a refused action writes nothing.
    """

    def __init__(self, session: Session, actor: str, station: str) -> None:
        self.session = session
        self.actor = actor
        self.station = station
        self._on_commit: list[Callable[[], object]] = []
        self._on_rollback: list[Callable[[], object]] = []
        tracking.attach(session, actor=actor, station=station)

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # close() rolls back what was not committed; unlike rollback() it leaves loaded objects
        # readable (detached) for the caller that returns them.
        self.session.close()
        self._rolled_back()

    def commit(self) -> None:
        """Commit, then run the ``after_commit`` hooks (their errors reach the caller, the data is in)."""
        try:
            self.session.commit()
        except BaseException:
            self._rolled_back()
            raise
        hooks, self._on_commit, self._on_rollback = self._on_commit, [], []
        for hook in hooks:
            hook()

    def after_commit(self, hook: Callable[[], object]) -> None:
        """Run ``hook`` once what was written so far is committed (move a staged file into place)."""
        self._on_commit.append(hook)

    def after_rollback(self, hook: Callable[[], object]) -> None:
        """Run ``hook`` if what was written so far is not committed (remove a file made for it)."""
        self._on_rollback.append(hook)

    def _rolled_back(self) -> None:
        hooks, self._on_commit, self._on_rollback = self._on_rollback, [], []
        for hook in reversed(hooks):
            hook()

    def audit_mark(self) -> int:
        """Where the audit log stands now; pass it to :meth:`tables_written_since` after writing."""
        return audit.head_seq(self.session.connection())

    def tables_written_since(self, mark: int) -> frozenset[str]:
        """The tables this unit of work wrote to since ``mark`` (read from its audit events)."""
        self.session.flush()
        return audit.tables_since(self.session.connection(), mark)

    def flush(self) -> None:
        self.session.flush()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: a failure inside rolls back only its own work."""
        with self.session.begin_nested():
            yield
