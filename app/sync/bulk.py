"""Set-based reads and writes for applying bundles: precompiled lookups, executemany inserts and upserts.

Bundle imports move hundreds of thousands of rows, so the hot paths skip SQLAlchemy's per-statement
compilation: the SQL text of a lookup or an insert is made once (per table and chunk size) and goes
to the driver as it is, with canonical values (what SQLite stores). PostgreSQL takes new rows through
COPY. Everything else (a merge, a few conflicts) goes through Core with typed values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, Connection, Date, Executable, MetaData, String, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import search_index
from app.models.base import UTCDateTime
from app.models.outbox import OutboxEntry
from app.sync.codec import canonical, codec
from app.sync.tables import pk_name, table

CHUNK = 900  # keys per lookup on SQLite (under its oldest limit of 999 parameters)
PG_CHUNK = 50_000  # keys per lookup on PostgreSQL (one array parameter)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# What a key of a PostgreSQL array literal would need quoted (ids, ID numbers and codes need nothing).
_QUOTED = re.compile(r"[^0-9A-Za-z_.:,-]")


@cache
def _select_in_sql(dialect: str, head: str, key: str, count: int) -> str:
    if dialect == "postgresql":  # count 0: a text array literal; else the list as a binary array
        return f"{head} {key} = ANY({'%s::text[]' if count == 0 else '%b'})"
    return f"{head} {key} IN ({', '.join('?' * count)})"


def _pg_array(keys: Sequence[Any]) -> tuple[int, Any]:
    """Keys as one PostgreSQL array parameter, with the count that picks its statement: a text literal
    when they need no quoting (one join instead of a dumper per key, for the 50,000 ids of a chunk),
    else the list itself."""
    if all(type(k) is str and k for k in keys):
        literal = ",".join(keys)
        bare = literal.count(",") == len(keys) - 1 and not _QUOTED.search(literal)
        if bare and not any(len(k) == 4 and k.lower() == "null" for k in keys):  # bare NULL is SQL's
            return 0, "{" + literal + "}"
    return 1, list(keys)


def select_in(conn: Connection, head: str, key: str, values: Iterable[Any]) -> Iterator[Any]:
    """Raw rows of ``head`` ("SELECT … FROM … WHERE [… AND]") whose ``key`` is one of ``values``.

    One precompiled statement per chunk; values as the database stores them (no type processing).
    """
    wanted = list(values)
    dialect = conn.dialect.name
    if dialect == "postgresql":
        for part in chunks(wanted, PG_CHUNK):
            count, array = _pg_array(part)
            yield from conn.exec_driver_sql(_select_in_sql(dialect, head, key, count), (array,))
        return
    for part in chunks(wanted):
        yield from conn.exec_driver_sql(_select_in_sql(dialect, head, key, len(part)), tuple(part))


def _by_key(name: str, *columns: str) -> str:
    return f"SELECT {', '.join(columns)} FROM {name} WHERE"


def existing_versions(session: Session, name: str, keys: Iterable[str]) -> dict[str, int]:
    key = pk_name(name)
    return {
        str(k): int(v) for k, v in select_in(session.connection(), _by_key(name, key, "version"), key, keys)
    }


def fetch_rows(session: Session, name: str, keys: Iterable[str]) -> dict[str, list[Any]]:
    """Canonical rows by key, in the codec's column order."""
    t = table(name)
    pk = t.c[pk_name(name)]
    columns = [t.c[c] for c in codec(name).columns]
    rows: dict[str, list[Any]] = {}
    for part in chunks(list(keys)):
        for row in session.execute(select(*columns).where(pk.in_(part))):
            rows[str(row[codec(name).pk_index])] = [canonical(v) for v in row]
    return rows


def lookup(session: Session, name: str, column: str, keys: Iterable[str]) -> dict[str, Any]:
    """``{key: row.column}`` for the given keys of ``name`` (text and integer columns)."""
    key = pk_name(name)
    return {str(k): v for k, v in select_in(session.connection(), _by_key(name, key, column), key, keys)}


@cache
def _storage_table(name: str) -> Table:
    """The table with dates and times as plain text: canonical values go to SQLite as they are."""
    t = table(name)
    columns = []
    for c in (t.c[n] for n in codec(name).columns):
        kind = c.type
        if isinstance(kind, Date | UTCDateTime):
            kind = String()
        columns.append(Column(c.name, kind, primary_key=c.primary_key))
    return Table(name, MetaData(), *columns)


def upsert_statement(session: Session, name: str) -> Executable:
    statement: Executable = upsert_statement_for(name, str(session.get_bind().dialect.name))
    return statement


def upsert_statement_for(name: str, dialect_name: str) -> Any:
    """INSERT … ON CONFLICT (key) DO UPDATE of every column (SQLite ≥ 3.24 and PostgreSQL alike)."""
    sqlite_db = dialect_name == "sqlite"
    t = _storage_table(name) if sqlite_db else table(name)
    stmt = (sqlite if sqlite_db else postgresql).insert(t)
    key = pk_name(name)
    wired = codec(name).columns  # what travels: an account's local columns are left as they are
    return stmt.on_conflict_do_update(
        index_elements=[t.c[key]], set_={c: stmt.excluded[c] for c in wired if c != key}
    )


@cache
def _compiled_upsert(name: str, dialect: Any) -> str:
    """The SQLite upsert compiled once; its ``?`` parameters follow the codec's column order."""
    compiled = upsert_statement_for(name, "sqlite").compile(dialect=dialect)
    assert tuple(compiled.positiontup or ()) == codec(name).columns
    return str(compiled)


@cache
def _insert_sql(name: str) -> str:
    """A plain SQLite INSERT of every column in the codec's order (an upsert costs half as much again)."""
    columns = codec(name).columns
    return f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _for_sqlite(name: str, rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """SQLite keeps NUMERIC as a number, as SQLAlchemy's Numeric would bind it (copies, not the rows)."""
    nums = codec(name).nums
    if not nums:
        return rows
    out = [list(r) for r in rows]
    for r in out:
        for at in nums:
            if r[at] is not None:
                r[at] = float(r[at])
    return out


def _executemany(session: Session, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """The driver's own executemany on the session's connection (rows as lists, no copies); a broken
    constraint is raised as SQLAlchemy's IntegrityError, as through Core."""
    conn = session.connection()
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(sql, rows)
    except conn.dialect.loaded_dbapi.IntegrityError as exc:
        raise IntegrityError(sql, None, exc) from exc
    finally:
        cursor.close()


def insert_rows(session: Session, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """Insert canonical rows (codec column order) that the database does not hold yet."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        from app.sync.pg_copy import copy_rows

        copy_rows(session, name, rows)
        return
    if name == "person":  # the search index: filled for all the new persons at once
        with search_index.bulk_insert(session.connection(), len(rows)):
            _executemany(session, _insert_sql(name), _for_sqlite(name, rows))
        return
    _executemany(session, _insert_sql(name), _for_sqlite(name, rows))


def write_rows(session: Session, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """Upsert canonical rows (codec column order) with one executemany.

    On SQLite the compiled ``sqlite.insert(...).on_conflict_do_update`` goes straight to the driver's
    executemany (canonical values are what SQLite stores); elsewhere through Core with typed values.
    """
    if not rows:
        return
    c = codec(name)
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        _executemany(session, _compiled_upsert(name, dialect), _for_sqlite(name, rows))
        return
    typed = [dict(zip(c.columns, c.typed(row), strict=True)) for row in rows]
    session.execute(upsert_statement(session, name), typed)


def delete_keys(session: Session, name: str, keys: Sequence[str]) -> None:
    t = table(name)
    pk = t.c[pk_name(name)]
    for part in chunks(keys):
        session.execute(delete(t).where(pk.in_(part)))


def event_numbers(session: Session, pairs: list[tuple[Any, Any]]) -> dict[tuple[Any, Any], tuple[str, int]]:
    """Existing case history entries at (case id, seq): ``{(case, seq): (id, version)}``."""
    wanted = set(pairs)
    found: dict[tuple[Any, Any], tuple[str, int]] = {}
    head = _by_key("case_event", "case_id", "seq", "id", "version")
    for case_id, seq, key, version in select_in(session.connection(), head, "case_id", {c for c, _ in pairs}):
        if (case_id, seq) in wanted:
            found[(case_id, seq)] = (str(key), int(version))
    return found


def county_versions(session: Session, name: str, keys: list[str]) -> dict[str, list[int]]:
    """The versions each record got from changes made here (this side's outbox, not applied bundles)."""
    found: dict[str, list[int]] = {}
    for part in chunks(keys):
        query = select(OutboxEntry.record_id, OutboxEntry.version).where(
            OutboxEntry.table_name == name, OutboxEntry.op == "upsert", OutboxEntry.record_id.in_(part)
        )
        for key, version in session.execute(query):
            found.setdefault(str(key), []).append(int(version))
    return found
