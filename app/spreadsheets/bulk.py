"""Write an import plan: Core executemany per table with one audit event each, outbox queued set-based."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Table, func, insert, literal, literal_column, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from app import clock
from app.models import tracking
from app.models.all import metadata
from app.models.base import UTCDateTime
from app.models.case import Benefit
from app.models.household import Household, Person
from app.models.outbox import OutboxEntry
from app.spreadsheets.plan import Plan
from app.spreadsheets.records import TABLES

_MODELS: dict[str, Any] = {"household": Household, "person": Person, "benefit": Benefit}


def _sql(value: Any, dialect: Dialect) -> Any:
    """A constant rendered once into the statement through its type: executemany does not bind it per row."""
    return literal_column(str(value.compile(dialect=dialect, compile_kwargs={"literal_binds": True})))


class _OutboxQueue:
    """Queues the rows just inserted into ``table``: set-based on SQLite (new rows get higher rowids)."""

    def __init__(self, session: Session, table: Table) -> None:
        self.session, self.table = session, table
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        rowid = literal_column("rowid", Integer())
        query = select(func.coalesce(func.max(rowid), 0)).select_from(table)
        self.after = session.execute(query).scalar_one() if self.sqlite else 0

    def rows(self, rows: list[dict[str, Any]]) -> list[tuple[str, int]] | None:
        """The (id, version) pairs for ``record_bulk`` where the set-based way is not available."""
        return None if self.sqlite else [(r["id"], 1) for r in rows]

    def flush(self) -> None:
        if not self.sqlite:
            return
        t = self.table
        now = literal(clock.now(), UTCDateTime())
        picked = select(literal(t.name), t.c.id, t.c.version, literal("upsert"), now)
        columns = ["table_name", "record_id", "version", "op", "at"]
        newer = picked.where(literal_column("rowid", Integer()) > self.after)
        self.session.execute(insert(OutboxEntry).from_select(columns, newer))


def write_plan(session: Session, plan: Plan, *, actor: str, station: str, outbox: bool, file: str) -> int:
    """Insert the plan's new records and apply its updates (through the ORM, so they are versioned and
    audited field by field); return the number of records written. The caller commits."""
    dialect = session.get_bind().dialect
    now = clock.now()
    stamps = {"origin_station": literal(station), "version": literal(1)}
    stamps |= {"updated_at": literal(now, UTCDateTime()), "updated_by": literal(actor)}
    common = {key: _sql(value, dialect) for key, value in stamps.items()}
    written = 0
    for name in TABLES:
        rows = plan.inserts[name]
        if not rows:
            continue
        table: Table = metadata.tables[name]
        queue = _OutboxQueue(session, table) if outbox else None
        same = {k: _sql(literal(v, table.c[k].type), dialect) for k, v in plan.constants[name].items()}
        session.execute(insert(table).values(**common, **same), rows)
        tracking.record_bulk(
            session,
            actor=actor,
            action="ledger_import",
            table=name,
            summary={"rows": len(rows), "file": file},
            outbox_rows=queue.rows(rows) if queue else None,
        )
        if queue:
            queue.flush()
        written += len(rows)
    for update in plan.updates:
        obj = session.get(_MODELS[update.table], update.record_id)
        if obj is None:
            raise LookupError(f"{update.table} {update.record_id} vanished during the import")
        for key, value in update.values.items():
            setattr(obj, key, value)
    session.flush()
    return written + len(plan.updates)
