"""The change tracker: stamps versions, appends to the outbox and the audit chain on every ORM flush.

Services never bump versions or write audit rows by hand. Bulk writers that bypass the ORM
(the demo, ledger and bundle imports) call :func:`record_bulk` with what they wrote.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, event, insert, inspect, literal, select
from sqlalchemy.orm import Session, UOWTransaction

from app.errors import UserError
from app.models.audit import AuditEvent, append_events
from app.models.base import SyncMixin, UTCDateTime, new_id, utcnow
from app.models.case import CaseEvent
from app.models.outbox import OutboxEntry

_INFO_ACTOR = "jiuzhu.actor"
_INFO_STATION = "jiuzhu.station"
_INFO_PENDING = "jiuzhu.pending"
APPEND_ONLY = (CaseEvent, AuditEvent)
# Audited as changed, never with their value: the audit log travels and is shown in 审计.
REDACTED = frozenset({"password_hash"})


def attach(session: Session, *, actor: str, station: str) -> None:
    session.info[_INFO_ACTOR] = actor
    session.info[_INFO_STATION] = station


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def redacted(value: Any) -> str:
    """What the log keeps of a secret (a password hash): a digest, enough for `check` to see it changed
    outside the program (app/models/replay.py), useless for guessing the password."""
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()


def dumps(values: dict[str, Any]) -> str:
    return json.dumps(
        {k: redacted(v) if k in REDACTED else _jsonable(v) for k, v in values.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


def _record_key(obj: Any) -> str:
    ident = inspect(obj).identity
    if ident is not None:
        return str(ident[0]) if len(ident) == 1 else "/".join(map(str, ident))
    mapper = inspect(obj).mapper
    return "/".join(str(getattr(obj, c.key)) for c in mapper.primary_key)


def _travels(obj: Any) -> bool:
    """Records with a version travel in bundles (local-only settings are named ``local.*``)."""
    if not hasattr(obj, "version"):
        return False
    return not str(getattr(obj, "key", "")).startswith("local.")


def _stamp(obj: Any, now: datetime, actor: str) -> None:
    obj.updated_at = now
    if hasattr(obj, "updated_by"):
        obj.updated_by = actor


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    actor = session.info.get(_INFO_ACTOR)
    if actor is None:
        return
    station = session.info.get(_INFO_STATION, "")
    now = utcnow()
    pending: list[tuple[str, Any, dict[str, Any], dict[str, Any]]] = session.info.setdefault(
        _INFO_PENDING, []
    )
    for obj in session.new:
        if isinstance(obj, AuditEvent):
            continue
        if isinstance(obj, SyncMixin):
            if obj.id is None:
                obj.id = new_id()
            if not obj.origin_station:
                obj.origin_station = station
        if _travels(obj):
            obj.version = 1
            _stamp(obj, now, actor)
        mapper = inspect(obj).mapper
        new = {a.key: getattr(obj, a.key) for a in mapper.column_attrs}
        pending.append(("insert", obj, {}, new))
    for obj in session.dirty:
        if not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, APPEND_ONLY):
            raise UserError("办理记录和审计日志只能追加，不能修改")
        state = inspect(obj)
        old: dict[str, Any] = {}
        new = {}
        for attr in state.mapper.column_attrs:
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                old[attr.key] = hist.deleted[0] if hist.deleted else None
                new[attr.key] = hist.added[0] if hist.added else None
        if not new:
            continue
        if _travels(obj) and not set(new) <= getattr(obj, "LOCAL", frozenset()):
            obj.version = (obj.version or 0) + 1
            _stamp(obj, now, actor)
            pending.append(("update", obj, old, new))
        else:
            pending.append(("update-local", obj, old, new))
    for obj in session.deleted:
        if isinstance(obj, APPEND_ONLY):
            raise UserError("办理记录和审计日志只能追加，不能删除")
        mapper = inspect(obj).mapper
        old = {a.key: getattr(obj, a.key) for a in mapper.column_attrs}
        pending.append(("delete", obj, old, {}))


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    pending = session.info.pop(_INFO_PENDING, None)
    if not pending:
        return
    actor = session.info[_INFO_ACTOR]
    now = utcnow()
    audit: list[dict[str, Any]] = []
    outbox: list[dict[str, Any]] = []
    for action, obj, old, new in pending:
        travels = _travels(obj) and action != "update-local"
        action = "update" if action == "update-local" else action
        table = obj.__table__.name
        key = _record_key(obj)
        audit.append(
            {
                "at": now,
                "actor": actor,
                "action": action,
                "table_name": table,
                "record_id": key,
                "old_values": dumps(old) if old else "",
                "new_values": dumps(new) if new else "",
            }
        )
        if travels:
            op = "delete" if action == "delete" else "upsert"
            outbox.append(
                {"table_name": table, "record_id": key, "version": obj.version, "op": op, "at": now}
            )
    conn = session.connection()
    append_events(conn, audit)
    if outbox:
        conn.execute(insert(OutboxEntry), outbox)


def bulk_event(
    *, actor: str, action: str, table: str, summary: dict[str, Any], at: datetime
) -> dict[str, Any]:
    """The audit event that sums up one bulk write (``record_id`` "*"), for :func:`append_events`."""
    return {
        "at": at,
        "actor": actor,
        "action": action,
        "table_name": table,
        "record_id": "*",
        "old_values": "",
        "new_values": dumps(summary),
    }


def record_bulk(
    session: Session,
    *,
    actor: str,
    action: str,
    table: str,
    summary: dict[str, Any],
    outbox_rows: list[tuple[str, int]] | None = None,
) -> None:
    """Audit one bulk write (as a summary event) and queue its records in the outbox.

    Args:
        outbox_rows: (record id, version) of every record written to ``table``.
    """
    now = utcnow()
    conn = session.connection()
    append_events(conn, [bulk_event(actor=actor, action=action, table=table, summary=summary, at=now)])
    if outbox_rows:
        conn.execute(
            insert(OutboxEntry),
            [
                {"table_name": table, "record_id": rid, "version": ver, "op": "upsert", "at": now}
                for rid, ver in outbox_rows
            ],
        )


def queue_table(session: Session, table: Table) -> None:
    """Queue every record of ``table`` in the outbox (after a bulk load into an empty table)."""
    now = utcnow()
    session.execute(
        insert(OutboxEntry).from_select(
            ["table_name", "record_id", "version", "op", "at"],
            select(
                literal(table.name),
                table.c.id,
                table.c.version,
                literal("upsert"),
                literal(now, UTCDateTime()),
            ),
        )
    )


event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush", _after_flush)
