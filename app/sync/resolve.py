"""A person resolves the county's queues: keep the county's or the station's values of a conflict."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import InstallationKind, QueueStatus
from app.errors import UserError
from app.models.sync import SyncConflict, SyncDuplicate, SyncQuarantine
from app.sync import queues, state
from app.sync.bulk import fetch_rows
from app.sync.changes import Changes
from app.sync.codec import codec


@dataclass(frozen=True)
class ConflictItem:
    """A change a station based on an older county version: soft (merged, to check) or hard (held)."""

    id: int
    station: str
    table: str
    record: str
    kind: str  # "soft" or "hard"
    fields: str
    station_values: dict[str, Any]
    county_values: dict[str, Any]


@dataclass(frozen=True)
class DuplicatePerson:
    person: str
    household: str
    station: str


@dataclass(frozen=True)
class DuplicateItem:
    """An ID number active in two households or two townships."""

    id: int
    id_number: str
    persons: tuple[DuplicatePerson, ...]

    @property
    def stations(self) -> frozenset[str]:
        return frozenset(p.station for p in self.persons)


@dataclass(frozen=True)
class QuarantineItem:
    """A household held back from a station's bundle, with the reason."""

    id: int
    station: str
    group: str
    reason: str


@dataclass(frozen=True)
class OpenItems:
    conflicts: list[ConflictItem] = field(default_factory=list)
    duplicates: list[DuplicateItem] = field(default_factory=list)
    quarantined: list[QuarantineItem] = field(default_factory=list)


def persons_of(item: SyncDuplicate) -> tuple[DuplicatePerson, ...]:
    """The persons who carry a duplicate's ID number: (person, household, station)."""
    return tuple(
        DuplicatePerson(str(p.get("person", "")), str(p.get("household", "")), str(p.get("station", "")))
        for p in json.loads(item.persons or "[]")
    )


def open_items(session: Session) -> OpenItems:
    """The open conflicts, duplicates and quarantined households, newest first, for a review screen."""
    conflicts = session.execute(
        select(SyncConflict).where(SyncConflict.status == QueueStatus.OPEN).order_by(SyncConflict.id.desc())
    ).scalars()
    duplicates = session.execute(
        select(SyncDuplicate)
        .where(SyncDuplicate.status == QueueStatus.OPEN)
        .order_by(SyncDuplicate.id.desc())
    ).scalars()
    quarantined = session.execute(
        select(SyncQuarantine)
        .where(SyncQuarantine.status == QueueStatus.OPEN)
        .order_by(SyncQuarantine.id.desc())
    ).scalars()
    return OpenItems(
        [
            ConflictItem(
                c.id,
                c.peer_code,
                c.table_name,
                c.record_id,
                c.kind,
                c.fields,
                json.loads(c.station_values or "{}"),
                json.loads(c.county_values or "{}"),
            )
            for c in conflicts
        ],
        [DuplicateItem(d.id, d.id_number, persons_of(d)) for d in duplicates],
        [QuarantineItem(q.id, q.peer_code, q.group_key, q.reason) for q in quarantined],
    )


def resolve_conflict(session: Session, conflict_id: int, actor: str, keep: InstallationKind) -> SyncConflict:
    """Apply the chosen side's values as a new county version (it travels back down), then close the item."""
    state.require_county(session, "处理同步冲突")
    item = session.get(SyncConflict, conflict_id)
    if item is None or item.status != QueueStatus.OPEN:
        raise UserError("找不到该待处理冲突")
    if keep not in tuple(InstallationKind):
        raise UserError("处理方式应为“以县级为准”或“以乡镇为准”")
    chosen = json.loads(item.county_values if keep == InstallationKind.COUNTY else item.station_values)
    if item.table_name == "case_event" and keep == InstallationKind.STATION:
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
    if item is None or item.status != QueueStatus.OPEN:
        raise UserError("找不到该隔离记录")
    item.status, item.resolved_at, item.resolved_by = QueueStatus.RESOLVED, state.now(), actor
