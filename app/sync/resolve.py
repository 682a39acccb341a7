"""A person resolves the county's queues: keep the county's or the station's values of a conflict."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models.sync import SyncConflict, SyncDuplicate, SyncQuarantine
from app.sync import queues, state
from app.sync.bulk import fetch_rows
from app.sync.changes import Changes
from app.sync.codec import codec


def open_items(session: Session) -> dict[str, list[dict[str, Any]]]:
    """The open conflicts, duplicates and quarantined households, newest first, for a review screen."""
    conflicts = session.execute(
        select(SyncConflict).where(SyncConflict.status == "open").order_by(SyncConflict.id.desc())
    ).scalars()
    duplicates = session.execute(
        select(SyncDuplicate).where(SyncDuplicate.status == "open").order_by(SyncDuplicate.id.desc())
    ).scalars()
    quarantined = session.execute(
        select(SyncQuarantine).where(SyncQuarantine.status == "open").order_by(SyncQuarantine.id.desc())
    ).scalars()
    return {
        "conflicts": [
            {
                "id": c.id,
                "station": c.peer_code,
                "table": c.table_name,
                "record": c.record_id,
                "kind": c.kind,
                "fields": c.fields,
                "station_values": json.loads(c.station_values or "{}"),
                "county_values": json.loads(c.county_values or "{}"),
            }
            for c in conflicts
        ],
        "duplicates": [
            {"id": d.id, "id_number": d.id_number, "persons": json.loads(d.persons)} for d in duplicates
        ],
        "quarantined": [
            {"id": q.id, "station": q.peer_code, "group": q.group_key, "reason": q.reason}
            for q in quarantined
        ],
    }


def resolve_conflict(session: Session, conflict_id: int, actor: str, keep: str) -> SyncConflict:
    """Apply the chosen side's values as a new county version (it travels back down), then close the item."""
    state.require_county(session, "处理同步冲突")
    item = session.get(SyncConflict, conflict_id)
    if item is None or item.status != "open":
        raise UserError("找不到该待处理冲突")
    if keep not in ("county", "station"):
        raise UserError("处理方式应为“以县级为准”或“以乡镇为准”")
    chosen = json.loads(item.county_values if keep == "county" else item.station_values)
    if item.table_name == "case_event" and keep == "station":
        raise UserError("办理记录冲突只能以县级为准；如确需撤回等操作，请乡镇按县级现状重新办理")
    current = fetch_rows(session, item.table_name, [item.record_id]).get(item.record_id)
    if current is not None and item.table_name != "case_event":
        c = codec(item.table_name)
        theirs = list(current)
        for name, value in chosen.items():
            at = c.index(name)
            theirs[at] = Decimal(value) if value is not None and at in c.nums else value
        fields = frozenset(n for n in chosen if theirs[c.index(n)] != current[c.index(n)])
        if fields:
            changes = Changes(session, actor)
            changes.merge(item.table_name, current, theirs, fields, int(current[c.index("version")]))
            changes.audit_bulk({}, item.bundle_seq, item.peer_code)
    return queues.resolve_conflict(session, conflict_id, actor, keep)


def resolve_duplicate(session: Session, duplicate_id: int, actor: str, note: str) -> None:
    if not note.strip():
        raise UserError("请写明核查结论（例如：已迁出原户、重复登记已注销）")
    queues.resolve_duplicate(session, duplicate_id, actor, note.strip())


def discard_quarantine(session: Session, item_id: int, actor: str) -> None:
    """Close a quarantined household without applying it (the station is asked to resend it corrected)."""
    item = session.get(SyncQuarantine, item_id)
    if item is None or item.status != "open":
        raise UserError("找不到该隔离记录")
    item.status, item.resolved_at, item.resolved_by = "resolved", state.now(), actor
