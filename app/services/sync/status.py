"""Where a station stands with its county: joined or not, the last bundles, and the changes still to send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.codes import InstallationKind, KeyStatus
from app.models.db import UnitOfWork
from app.models.outbox import OutboxEntry
from app.models.sync import SyncBundle, SyncPeer
from app.services.context import Actor, query
from app.sync import state


@dataclass(frozen=True)
class StationStatus:
    """What the station's 同步 page says first.

    ``waiting`` counts the records changed here that no bundle carries yet; ``unconfirmed`` those carried
    by a bundle already exported whose receipt has not come back. Times are UTC.
    """

    code: str
    name: str
    joined: bool
    county_code: str
    county_name: str
    joined_at: datetime | None
    last_export_seq: int
    last_export_at: datetime | None
    last_import_at: datetime | None
    waiting: int
    unconfirmed: int


def _records_between(session: Session, lo: int, hi: int | None = None) -> int:
    """Distinct records queued in the outbox with a sequence in (lo, hi]."""
    changed = select(OutboxEntry.table_name, OutboxEntry.record_id).where(OutboxEntry.seq > lo)
    if hi is not None:
        changed = changed.where(OutboxEntry.seq <= hi)
    counted = select(func.count()).select_from(changed.distinct().subquery())
    return int(session.execute(counted).scalar_one())


@query
def station_status(uow: UnitOfWork, actor: Actor) -> StationStatus:
    """Whether this station has joined its county, its last bundles, and how many changes wait to be sent.

    Every user of the station may read it: it holds counts, never a household.
    """
    session = uow.session
    inst = state.require_station(session, "查看同步状态")
    peer = session.execute(
        select(SyncPeer).where(SyncPeer.kind == InstallationKind.COUNTY)
    ).scalar_one_or_none()
    joined = peer is not None and peer.status == KeyStatus.ACTIVE
    if peer is None or not joined:
        return StationStatus(
            inst.code,
            inst.name,
            False,
            inst.county_code,
            peer.name if peer is not None else "",
            None,
            0,
            None,
            None,
            _records_between(session, 0),
            0,
        )
    last_hi = session.execute(
        select(SyncBundle.outbox_hi).where(
            SyncBundle.direction == "out", SyncBundle.peer_code == peer.code, SyncBundle.seq == peer.out_seq
        )
    ).scalar()
    sent_through = max(peer.acked_outbox_seq, last_hi or 0)
    return StationStatus(
        code=inst.code,
        name=inst.name,
        joined=True,
        county_code=peer.code,
        county_name=peer.name,
        joined_at=peer.provisioned_at,
        last_export_seq=peer.out_seq if peer.last_out_at is not None else 0,
        last_export_at=peer.last_out_at,
        last_import_at=peer.last_in_at,
        waiting=_records_between(session, sent_through),
        unconfirmed=_records_between(session, peer.acked_outbox_seq, sent_through),
    )
