"""At the county after an up bundle: note what the station applied, then compare digests when comparable."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.outbox import OutboxEntry
from app.models.sync import SyncBundle, SyncPeer
from app.sync.bulk import chunks
from app.sync.digest import Digest
from app.sync.format import BundleError
from app.sync.queues import view_digest
from app.sync.results import DIGEST_MATCH, DIGEST_MISMATCH, DIGEST_PENDING
from app.sync.tables import DIGEST_TABLES, pk_name, scope_where, table


def changes_in_flight(session: Session, station: str, since: int) -> bool:
    """True when the county changed one of the station's records after outbox seq ``since``."""
    wanted: dict[str, list[str]] = defaultdict(list)
    query = select(OutboxEntry.table_name, OutboxEntry.record_id).where(
        OutboxEntry.seq > since, OutboxEntry.table_name.in_(DIGEST_TABLES), OutboxEntry.op != "delete"
    )
    for name, key in session.execute(query):
        wanted[name].append(key)
    for name, keys in wanted.items():
        t = table(name)
        for part in chunks(keys):
            where = t.c[pk_name(name)].in_(part) & scope_where(name, station)
            if session.execute(select(func.count()).select_from(t).where(where)).scalar_one():
                return True
    return False


def _sent(session: Session, peer: SyncPeer, seq: int) -> SyncBundle | None:
    return session.execute(
        select(SyncBundle).where(
            SyncBundle.direction == "out", SyncBundle.peer_code == peer.code, SyncBundle.seq == seq
        )
    ).scalar_one_or_none()


def after_up(session: Session, peer: SyncPeer, doc: dict[str, Any], ack: int) -> str:
    """Record the station's acknowledgement of our bundles; return DIGEST_MATCH, _MISMATCH or _PENDING."""
    if peer.acked_seq < ack <= peer.out_seq:
        peer.acked_seq = ack
        sent = _sent(session, peer, ack)
        if sent is not None and json.loads(sent.result or "{}").get("full"):
            peer.full_down = False
    if doc.get("baseline"):
        peer.rebaseline = False
    sent = _sent(session, peer, ack) if ack else None
    if ack != peer.out_seq or changes_in_flight(session, peer.code, sent.outbox_hi if sent else 0):
        peer.drift = DIGEST_PENDING
        return peer.drift
    try:
        expected = Digest.from_dict(doc.get("digest"))
    except ValueError:
        raise BundleError("数据包中的摘要格式错误，已拒绝") from None
    session.flush()
    # The kept digest first; a mismatch is believed only once the township is counted in full.
    if view_digest(session, peer.code).matches(expected) or view_digest(
        session, peer.code, recount=True
    ).matches(expected):
        peer.drift = DIGEST_MATCH
    else:
        peer.drift, peer.rebaseline = DIGEST_MISMATCH, True
    return peer.drift
