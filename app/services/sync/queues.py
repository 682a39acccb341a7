"""The county's sync queues: open conflicts, duplicate ID numbers and quarantined households, and their
resolution by a person. Every item is seen and closed only within the actor's area."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.codes import InstallationKind, QueueStatus
from app.errors import UserError
from app.models.db import UnitOfWork
from app.models.sync import SyncConflict, SyncDuplicate, SyncQuarantine
from app.services.context import COUNTY_ROLES, Actor, query, require_area, require_role
from app.services.sync.stations import station_area
from app.sync import provision, resolve
from app.sync.provision import StationInfo
from app.sync.resolve import ConflictItem, DuplicateItem, OpenItems, QuarantineItem

__all__ = ["ConflictItem", "DuplicateItem", "OpenItems", "QuarantineItem"]


@dataclass(frozen=True)
class QueueCounts:
    quarantined: int
    conflicts: int
    duplicates: int


def _covers(actor: Actor, station: str) -> bool:
    return actor.covers(station_area(station)) if station else False


def _visible(actor: Actor, items: OpenItems) -> OpenItems:
    return OpenItems(
        [c for c in items.conflicts if _covers(actor, c.station)],
        [d for d in items.duplicates if d.stations and all(_covers(actor, s) for s in d.stations)],
        [q for q in items.quarantined if _covers(actor, q.station)],
    )


@query
def review_items(uow: UnitOfWork, actor: Actor) -> OpenItems:
    """Open conflicts, duplicate ID numbers and quarantined households, for the county's review screen."""
    require_role(actor, COUNTY_ROLES, "查看同步待处理事项")
    return _visible(actor, resolve.open_items(uow.session))


@query
def queue_counts(uow: UnitOfWork, actor: Actor) -> QueueCounts:
    """How many items of each queue are open in the actor's area."""
    items = review_items(uow, actor)
    return QueueCounts(len(items.quarantined), len(items.conflicts), len(items.duplicates))


@dataclass(frozen=True)
class StationRow:
    """One township as the county sees it; duplicates count the open ID numbers that involve it."""

    info: StationInfo
    duplicates: int


@dataclass(frozen=True)
class Overview:
    stations: list[StationRow]
    items: OpenItems


@query
def overview(uow: UnitOfWork, actor: Actor) -> Overview:
    """Per-station status and the open queue items, for the county's sync screen."""
    require_role(actor, COUNTY_ROLES, "查看乡镇工作站")
    items = review_items(uow, actor)
    involved: Counter[str] = Counter()
    for duplicate in items.duplicates:
        involved.update(duplicate.stations)
    stations = [s for s in provision.list_stations(uow.session) if _covers(actor, s.code)]
    return Overview([StationRow(info, involved[info.code]) for info in stations], items)


def _station_of(uow: UnitOfWork, model: type[SyncConflict] | type[SyncQuarantine], item_id: int) -> str:
    found = uow.session.execute(select(model.peer_code).where(model.id == item_id)).scalar()
    return str(found or "")


def resolve_conflict(uow: UnitOfWork, actor: Actor, conflict_id: int, keep: InstallationKind) -> None:
    """Keep the county's or the station's values; the result travels back down."""
    require_role(actor, COUNTY_ROLES, "处理同步冲突")
    station = _station_of(uow, SyncConflict, conflict_id)
    if station:
        require_area(actor, station_area(station), "处理该乡镇的同步冲突")
    resolve.resolve_conflict(uow.session, conflict_id, actor.username, keep)


def resolve_duplicate(uow: UnitOfWork, actor: Actor, duplicate_id: int, note: str) -> None:
    """Record the finding on an ID number active twice (e.g. moved out of the old household)."""
    require_role(actor, COUNTY_ROLES, "核查重复人员")
    item = uow.session.get(SyncDuplicate, duplicate_id)
    if item is None or item.status != QueueStatus.OPEN:
        raise UserError("找不到该待核查的重复身份证号")
    for station in {p.station for p in resolve.persons_of(item)}:
        require_area(actor, station_area(station), "核查该乡镇的重复人员")
    resolve.resolve_duplicate(uow.session, duplicate_id, actor.username, note)


def discard_quarantine(uow: UnitOfWork, actor: Actor, item_id: int) -> None:
    """Close a quarantined household without applying it (the station resends it corrected)."""
    require_role(actor, COUNTY_ROLES, "处理隔离记录")
    station = _station_of(uow, SyncQuarantine, item_id)
    if station:
        require_area(actor, station_area(station), "处理该乡镇的隔离记录")
    resolve.discard_quarantine(uow.session, item_id, actor.username)
