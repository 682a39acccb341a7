"""At a station: receipts from the county move each record's acknowledged (base) version."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.codes import BundleStatus
from app.models.outbox import OutboxEntry
from app.models.sync import SyncAck, SyncBundle, SyncPeer, SyncReceipt
from app.sync.bulk import chunks
from app.sync.format import BundleError
from app.sync.payload import counter
from app.sync.tables import UP_TABLES

STATUSES = ("duplicate", "conflict", "quarantined")


def _check(receipts: Any) -> list[dict[str, Any]]:
    if not isinstance(receipts, list):
        raise BundleError("回执格式错误，已拒绝")
    for r in receipts:
        ok = isinstance(r, dict) and counter(r.get("seq"), 1) and isinstance(r.get("exceptions"), list)
        for e in r.get("exceptions", []) if ok else []:
            ok = ok and isinstance(e, list) and len(e) == 7 and e[0] in UP_TABLES and e[3] in STATUSES
            ok = ok and isinstance(e[1], str) and 0 < len(e[1]) <= 40 and counter(e[2])
            ok = ok and (e[4] is None or (isinstance(e[4], str) and len(e[4]) <= 8))
            ok = ok and isinstance(e[5], str) and (e[6] is None or counter(e[6]))
        if not ok:
            raise BundleError("回执格式错误，已拒绝")
    return sorted(receipts, key=lambda r: r["seq"])


def _ack_range(session: Session, lo: int, hi: int) -> None:
    """Acknowledge the latest version of every record queued in (lo, hi]."""
    latest = (
        select(OutboxEntry.table_name, OutboxEntry.record_id, func.max(OutboxEntry.version))
        .where(OutboxEntry.seq > lo, OutboxEntry.seq <= hi, OutboxEntry.op == "upsert")
        .where(OutboxEntry.table_name.in_(UP_TABLES))
        .group_by(OutboxEntry.table_name, OutboxEntry.record_id)
    )
    module: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = module.insert(SyncAck).from_select(["table_name", "record_id", "acked_version"], latest)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["table_name", "record_id"], set_={"acked_version": stmt.excluded.acked_version}
        )
    )
    gone = select(OutboxEntry.record_id).where(
        OutboxEntry.seq > lo, OutboxEntry.seq <= hi, OutboxEntry.op == "delete"
    )
    session.execute(delete(SyncAck).where(SyncAck.record_id.in_(gone)))


def apply_receipts(session: Session, peer: SyncPeer, raw: Any) -> dict[str, int]:
    """Apply receipts for our bundles past the last acknowledged one; returns counts by status."""
    counts = {"bundles": 0, "accepted": 0, "duplicate": 0, "conflict": 0, "quarantined": 0}
    for receipt in _check(raw):
        if receipt["seq"] <= peer.acked_seq:
            continue
        sent = session.execute(
            select(SyncBundle).where(
                SyncBundle.direction == "out",
                SyncBundle.peer_code == peer.code,
                SyncBundle.seq == receipt["seq"],
            )
        ).scalar_one_or_none()
        if sent is None:
            continue
        exceptions = receipt["exceptions"]
        held = [(e[0], e[1]) for e in exceptions if e[3] == "quarantined"]
        before = _acks(session, held)
        _ack_range(session, sent.outbox_lo, sent.outbox_hi)
        for name, key in held:
            cond = and_(SyncAck.table_name == name, SyncAck.record_id == key)
            session.execute(delete(SyncAck).where(cond))
            if (name, key) in before:
                session.add(SyncAck(table_name=name, record_id=key, acked_version=before[(name, key)]))
        if exceptions:
            rows = [
                {
                    "peer_code": peer.code,
                    "bundle_seq": receipt["seq"],
                    "table_name": e[0],
                    "record_id": e[1],
                    "record_version": e[2],
                    "status": e[3],
                    "detail": str(e[4] or ""),
                    "reason": e[5],
                    "county_version": int(e[6] or 0),
                }
                for e in exceptions
            ]
            session.execute(insert(SyncReceipt), rows)
        sent.status = BundleStatus.ACKED
        peer.acked_seq, peer.acked_outbox_seq, peer.acked_audit_seq = (
            receipt["seq"],
            sent.outbox_hi,
            sent.audit_hw,
        )
        counts["bundles"] += 1
        for e in exceptions:
            counts[e[3]] += 1
        sent_records = int(json.loads(sent.result or "{}").get("records", 0))
        counts["accepted"] += sent_records - len(held) - sum(1 for e in exceptions if e[3] == "conflict")
    session.flush()
    return counts


def _acks(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for part in chunks(keys):
        for name, key in part:
            version = session.execute(
                select(SyncAck.acked_version).where(SyncAck.table_name == name, SyncAck.record_id == key)
            ).scalar()
            if version is not None:
                found[(name, key)] = int(version)
    return found


def acked_versions(session: Session, name: str, keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in chunks(keys):
        query = select(SyncAck.record_id, SyncAck.acked_version).where(
            SyncAck.table_name == name, SyncAck.record_id.in_(part)
        )
        found.update({k: int(v) for k, v in session.execute(query)})
    return found
