"""Set-based reads and writes for applying bundles: chunked lookups and executemany upserts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, Date, Executable, MetaData, String, Table, delete, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models.base import UTCDateTime
from app.models.outbox import OutboxEntry
from app.sync.codec import canonical, codec
from app.sync.tables import pk_name, table

CHUNK = 900


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_versions(session: Session, name: str, keys: Iterable[str]) -> dict[str, int]:
    t = table(name)
    pk = t.c[pk_name(name)]
    found: dict[str, int] = {}
    for part in chunks(list(keys)):
        found.update(
            {str(k): int(v) for k, v in session.execute(select(pk, t.c.version).where(pk.in_(part)))}
        )
    return found


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
    """``{key: row.column}`` for the given keys of ``name``."""
    t = table(name)
    pk = t.c[pk_name(name)]
    out: dict[str, Any] = {}
    for part in chunks(list(keys)):
        out.update({str(k): v for k, v in session.execute(select(pk, t.c[column]).where(pk.in_(part)))})
    return out


@cache
def _storage_table(name: str) -> Table:
    """The table with dates and times as plain text: canonical values go to SQLite as they are."""
    t = table(name)
    columns = []
    for c in t.columns:
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
    return stmt.on_conflict_do_update(
        index_elements=[t.c[key]], set_={c.name: stmt.excluded[c.name] for c in t.columns if c.name != key}
    )


@cache
def _compiled_upsert(name: str, dialect: Any) -> str:
    """The SQLite upsert compiled once; its ``?`` parameters follow the codec's column order."""
    compiled = upsert_statement_for(name, "sqlite").compile(dialect=dialect)
    assert tuple(compiled.positiontup or ()) == codec(name).columns
    return str(compiled)


def write_rows(session: Session, name: str, rows: list[list[Any]]) -> None:
    """Upsert canonical rows (codec column order) with one executemany.

    On SQLite the compiled ``sqlite.insert(...).on_conflict_do_update`` goes straight to the driver's
    executemany (canonical values are what SQLite stores); elsewhere through Core with typed values.
    """
    if not rows:
        return
    c = codec(name)
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        if c.nums:  # SQLite keeps NUMERIC as a number, as SQLAlchemy's Numeric would bind it
            rows = [list(r) for r in rows]
            for r in rows:
                for at in c.nums:
                    if r[at] is not None:
                        r[at] = float(r[at])
        session.connection().exec_driver_sql(_compiled_upsert(name, dialect), list(map(tuple, rows)))
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
    t = table("case_event")
    found: dict[tuple[Any, Any], tuple[str, int]] = {}
    for part in chunks(pairs):
        query = select(t.c.case_id, t.c.seq, t.c.id, t.c.version).where(
            tuple_(t.c.case_id, t.c.seq).in_(part)
        )
        for case_id, seq, key, version in session.execute(query):
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
