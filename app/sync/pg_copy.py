"""New rows into PostgreSQL through COPY: the county's bulk path when it runs on a server."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.sync.codec import codec


def copy_rows(session: Session, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """COPY canonical rows (codec column order) into ``name``.

    Canonical times are UTC without an offset, so the transaction's time zone is UTC while they are
    read (SET LOCAL, put back after; a failed COPY rolls back to the caller's savepoint, and the
    setting with it). A broken constraint is raised as SQLAlchemy's IntegrityError, as through Core.
    """
    conn = session.connection()
    raw: Any = conn.connection.dbapi_connection  # a psycopg connection: COPY is its own API
    statement = f"COPY {name} ({', '.join(codec(name).columns)}) FROM STDIN"
    with raw.cursor() as cursor:
        zone = cursor.execute("SELECT current_setting('TimeZone')").fetchone()[0]
        cursor.execute("SELECT set_config('TimeZone', 'UTC', true)")
        try:
            with cursor.copy(statement) as copy:
                for values in rows:
                    copy.write_row(values)
        except conn.dialect.loaded_dbapi.IntegrityError as exc:
            raise IntegrityError(statement, None, exc) from exc
        cursor.execute("SELECT set_config('TimeZone', %s, true)", (zone,))
