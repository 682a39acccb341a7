"""Build the county's return bundle for one station: receipts, county changes, reference data, keys."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import BundleStatus, KeyStatus
from app.models.sync import SyncBundle, SyncPeer, SyncReceipt
from app.paths import DataPaths
from app.sync import format as fmt
from app.sync import state
from app.sync.export import Built, households_in, log_sent, seal, select_rows, tombstones
from app.sync.keys import KeyPair
from app.sync.queues import view_digest
from app.sync.tables import DOWN_SETTING_PREFIXES, DOWN_TABLES, UP_TABLES, scope_where, table, wire_names


def _down_tables(session: Session, code: str, lo: int, hi: int, full: bool) -> list[dict[str, Any]]:
    tables = []
    for name in DOWN_TABLES:  # never the accounts: a station's hashes stay the station's
        where = scope_where(name, code) if name in UP_TABLES else None
        if name == "setting":
            key = table(name).c.key
            where = key.startswith(DOWN_SETTING_PREFIXES[0]) | key.startswith(DOWN_SETTING_PREFIXES[1])
        rows = select_rows(session, name, -1 if full else lo, hi, where, with_base=False)
        if rows:
            tables.append({"name": name, "columns": wire_names(name), "rows": rows})
    return tables


def _receipts(session: Session, peer: SyncPeer, since: int) -> list[dict[str, Any]]:
    bundles = session.execute(
        select(SyncBundle.seq, SyncBundle.bundle_id)
        .where(SyncBundle.direction == "in", SyncBundle.peer_code == peer.code)
        .where(SyncBundle.status == BundleStatus.APPLIED, SyncBundle.seq > since)
        .order_by(SyncBundle.seq)
    ).all()
    out = []
    for seq, bundle_id in bundles:
        exceptions = session.execute(
            select(
                SyncReceipt.table_name,
                SyncReceipt.record_id,
                SyncReceipt.record_version,
                SyncReceipt.status,
                SyncReceipt.detail,
                SyncReceipt.reason,
                SyncReceipt.county_version,
            ).where(SyncReceipt.peer_code == peer.code, SyncReceipt.bundle_seq == seq)
        ).all()
        out.append({"seq": seq, "bundle_id": bundle_id, "exceptions": [list(e) for e in exceptions]})
    return out


def _nothing_new(session: Session, peer: SyncPeer, head: int, flags: dict[str, bool]) -> bool:
    """The last return bundle already said everything (the station has not answered yet)."""
    last = session.execute(
        select(SyncBundle).where(
            SyncBundle.direction == "out", SyncBundle.peer_code == peer.code, SyncBundle.seq == peer.out_seq
        )
    ).scalar_one_or_none()
    if last is None or head > last.outbox_hi or peer.in_seq > last.receipts_through:
        return False
    said = json.loads(last.result or "{}")
    return all(said.get(k, False) or not v for k, v in flags.items())


def build_down(session: Session, paths: DataPaths, pair: KeyPair, code: str) -> Built | None:
    """Receipts, county changes for the station, reference data and key changes; None when nothing to say."""
    state.require_county(session, "导出回执数据包")
    peer = state.station_peer(session, code)
    if peer.status != KeyStatus.ACTIVE:
        raise fmt.BundleError(f"乡镇工作站 {code} 已被吊销：请为它重新配置后再导出")
    acked = session.execute(
        select(SyncBundle).where(
            SyncBundle.direction == "out", SyncBundle.peer_code == code, SyncBundle.seq == peer.acked_seq
        )
    ).scalar_one_or_none()
    lo, through = (acked.outbox_hi, acked.receipts_through) if acked else (0, 0)
    head = state.outbox_head(session)
    flags = {"full": bool(peer.full_down), "rebaseline": bool(peer.rebaseline)}
    if _nothing_new(session, peer, head, flags):
        return None
    tables = _down_tables(session, code, lo, head, peer.full_down)
    deletes = [] if peer.full_down else tombstones(session, DOWN_TABLES, lo, head)
    receipts = _receipts(session, peer, through)
    if not (tables or deletes or receipts or peer.rebaseline or peer.full_down):
        return None
    digest = view_digest(session, code, recount=True)  # counted in full: the station trusts what it gets
    county = state.public_of(state.active_key(session, pair.code))
    doc = {
        "format": fmt.FORMAT_VERSION,
        "kind": "down",
        "bundle_id": str(uuid.uuid4()),
        "tables": tables,
        "deletes": deletes,
        "receipts": receipts,
        "keys": {"county": county.to_dict()},
        "rebaseline": bool(peer.rebaseline),
        "full": bool(peer.full_down),
        "ack": peer.in_seq,
        "digest": digest.to_dict(),
    }
    data, header = seal(session, pair, peer, "down", doc)
    result = json.dumps(flags)
    log_sent(session, peer, header, data, outbox_hi=head, receipts_through=peer.in_seq, result=result)
    records = sum(len(t["rows"]) for t in tables)
    name = f"jiuzhu-down-{code}-{header.seq:06d}.jzb"
    summary = {
        "records": records,
        "households": households_in(tables),
        "receipts": len(receipts),
        "digest": digest.to_dict(),
    }
    return Built(name, data, header.seq, "down", code, records, summary)
