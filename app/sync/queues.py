"""The county's review queues: quarantined households, conflicts and duplicate ID numbers."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import InstallationKind, QueueStatus
from app.errors import UserError
from app.models.sync import SyncConflict, SyncDuplicate, SyncQuarantine
from app.sync import digest_store, state
from app.sync.bulk import existing_versions, select_in
from app.sync.codec import codec
from app.sync.digest import Digest
from app.sync.tables import DIGEST_TABLES


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def values_json(columns: tuple[str, ...], row: Sequence[Any], fields: set[str] | frozenset[str]) -> str:
    picked = {c: _plain(v) for c, v in zip(columns, row, strict=True) if c in fields}
    return json.dumps(picked, ensure_ascii=False, sort_keys=True)


def add_quarantine(
    session: Session, peer: str, seq: int, group: str, reason: str, rows: dict[str, list[list[Any]]]
) -> None:
    columns = {name: [*codec(name).columns, "_base", "_changed"] for name in rows}
    payload = {name: {"columns": columns[name], "rows": wire} for name, wire in rows.items()}
    session.add(
        SyncQuarantine(
            peer_code=peer,
            bundle_seq=seq,
            group_key=group,
            reason=reason,
            payload=json.dumps(payload, ensure_ascii=False),
        )
    )


def open_quarantines(session: Session, peer: str, groups: set[str] | None = None) -> list[SyncQuarantine]:
    query = select(SyncQuarantine).where(
        SyncQuarantine.peer_code == peer, SyncQuarantine.status == QueueStatus.OPEN
    )
    found = list(session.execute(query).scalars())
    return found if groups is None else [q for q in found if q.group_key in groups]


def quarantine_payload(item: SyncQuarantine) -> dict[str, dict[str, Any]]:
    """``{table: {"columns": [...], "rows": [...]}}`` as received (with the _base and _changed columns)."""
    payload: dict[str, dict[str, Any]] = json.loads(item.payload)
    return payload


def quarantined_records(item: SyncQuarantine) -> list[tuple[str, list[Any]]]:
    """(table, wire row) of every record kept in a quarantine item."""
    return [(name, row) for name, part in quarantine_payload(item).items() for row in part["rows"]]


def supersede(session: Session, items: list[SyncQuarantine]) -> None:
    for item in items:
        item.status, item.resolved_at, item.resolved_by = QueueStatus.SUPERSEDED, state.now(), "sync"


def view_digest(session: Session, station: str, *, recount: bool = False) -> Digest:
    """The county's digest of a station's records, counting quarantined rows at the station's versions.

    The township's part is the digest the county keeps (``digest_store``), or counted in full with
    ``recount`` (and kept from then on).
    """
    digest = digest_store.recount(session, station) if recount else digest_store.current(session, station)
    digest = Digest(digest.value, dict(digest.counts))  # the kept one stays as it is
    held: dict[str, dict[str, int]] = defaultdict(dict)
    for item in open_quarantines(session, station):
        for name, row in quarantined_records(item):
            if name in DIGEST_TABLES:
                c = codec(name)
                held[name][str(row[c.pk_index])] = int(row[c.index("version")])
    for name, rows in held.items():
        current = existing_versions(session, name, rows)
        for key, version in rows.items():
            if key in current:
                digest.remove(name, key, current[key])
            digest.add(name, key, version)
    return digest


def add_conflict(session: Session, **fields: Any) -> None:
    session.add(SyncConflict(**fields))


def record_duplicates(session: Session, id_numbers: set[str]) -> dict[str, list[str]]:
    """Open (or refresh) a duplicate item for each ID number active in more than one household.

    Returns ``{id number: [person ids]}`` for the duplicated numbers.
    """
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    conn = session.connection()
    member = "p.is_member" if conn.dialect.name == "postgresql" else "p.is_member = 1"
    head = (
        "SELECT p.id_number, p.id, p.household_id, h.village_code FROM person p"
        f" JOIN household h ON h.id = p.household_id WHERE {member} AND p.death_date IS NULL AND"
    )
    for number, pid, hid, village in select_in(conn, head, "p.id_number", sorted(id_numbers)):
        found[number].append((pid, hid, village[:9]))
    duplicates: dict[str, list[str]] = {}
    for number, people in found.items():
        if len({hid for _, hid, _ in people}) < 2:
            continue
        listing = json.dumps(
            [{"person": p, "household": h, "station": s} for p, h, s in sorted(people)], ensure_ascii=False
        )
        item = session.execute(
            select(SyncDuplicate).where(
                SyncDuplicate.id_number == number, SyncDuplicate.status == QueueStatus.OPEN
            )
        ).scalar_one_or_none()
        if item is None:
            session.add(SyncDuplicate(id_number=number, persons=listing))
        else:
            item.persons = listing
        duplicates[number] = [p for p, _, _ in people]
    return duplicates


def resolve_conflict(session: Session, conflict_id: int, actor: str, resolution: str) -> SyncConflict:
    """Close a conflict; the chosen values must already have been applied by the caller."""
    if resolution not in tuple(InstallationKind):
        raise UserError("处理方式应为“以县级为准”或“以乡镇为准”")
    item = session.get(SyncConflict, conflict_id)
    if item is None or item.status != QueueStatus.OPEN:
        raise UserError("找不到该待处理冲突")
    item.status, item.resolution, item.resolved_by, item.resolved_at = (
        QueueStatus.RESOLVED,
        resolution,
        actor,
        state.now(),
    )
    return item


def resolve_duplicate(session: Session, duplicate_id: int, actor: str, note: str) -> None:
    """Record the finding on a duplicate ID number and close it (audited like every ORM change)."""
    item = session.get(SyncDuplicate, duplicate_id)
    if item is None or item.status != QueueStatus.OPEN:
        raise UserError("找不到该待核查的重复身份证号")
    item.status, item.resolved_by, item.resolved_at, item.note = (
        QueueStatus.RESOLVED,
        actor,
        state.now(),
        note,
    )
    session.flush()
