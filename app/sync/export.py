"""Build a station's up bundle from its outbox; helpers shared with the return bundle (export_down)."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app import __version__
from app.domain.codes import BundleStatus
from app.models.audit import AuditEvent
from app.models.outbox import OutboxEntry
from app.models.sync import SyncAck, SyncBundle, SyncPeer
from app.paths import DataPaths
from app.sync import anchor, state
from app.sync import format as fmt
from app.sync.digest import scope_digest
from app.sync.keys import KeyPair
from app.sync.tables import (
    LOCAL_COLUMNS,
    META,
    UP_TABLES,
    export_columns,
    pk_name,
    scope_where,
    table,
    wire_names,
)


@dataclass(frozen=True)
class Built:
    """A finished bundle, recorded in the bundle log but not yet written anywhere."""

    filename: str
    data: bytes
    seq: int
    kind: str
    peer: str
    records: int
    summary: dict[str, Any]


def _since(name: str, lo: int, hi: int) -> Any:
    """Records queued in (lo, hi]: changed here ("upsert") or to be sent again unchanged ("resend")."""
    return (
        select(OutboxEntry.record_id)
        .where(OutboxEntry.seq > lo, OutboxEntry.seq <= hi, OutboxEntry.table_name == name)
        .where(OutboxEntry.op.in_(("upsert", "resend")))
        .distinct()
        .subquery()
    )


def select_rows(
    session: Session, name: str, lo: int, hi: int, where: Any, with_base: bool
) -> list[list[Any]]:
    t = table(name)
    pk = t.c[pk_name(name)]
    columns = export_columns(name)
    query = select(*columns)
    if lo >= 0:
        changed = _since(name, lo, hi)
        query = query.join(changed, changed.c.record_id == pk)
    if with_base:
        query = query.add_columns(func.coalesce(SyncAck.acked_version, 0)).outerjoin(
            SyncAck, and_(SyncAck.table_name == name, SyncAck.record_id == pk)
        )
    if where is not None:
        query = query.where(where)
    return [list(row) for row in session.execute(query)]


def tombstones(session: Session, names: tuple[str, ...], lo: int, hi: int) -> list[list[Any]]:
    out: list[list[Any]] = []
    for name in names:
        t = table(name)
        pk = t.c[pk_name(name)]
        gone = (
            select(OutboxEntry.record_id, func.max(OutboxEntry.version))
            .where(OutboxEntry.seq > lo, OutboxEntry.seq <= hi, OutboxEntry.table_name == name)
            .where(OutboxEntry.op == "delete", OutboxEntry.record_id.not_in(select(pk)))
            .group_by(OutboxEntry.record_id)
        )
        out.extend([name, key, version, version] for key, version in session.execute(gone))
    return out


def changed_fields(session: Session, since: int) -> dict[tuple[str, str], set[str] | None]:
    """Fields changed here since audit seq ``since``, per record (None where not known field by field)."""
    found: dict[tuple[str, str], set[str] | None] = {}
    query = select(
        AuditEvent.table_name, AuditEvent.record_id, AuditEvent.action, AuditEvent.new_values
    ).where(AuditEvent.seq > since, AuditEvent.table_name.in_(UP_TABLES))
    for name, key, action, new_values in session.execute(query):
        if action != "update" or ((name, key) in found and found[(name, key)] is None):
            found[(name, key)] = None
            continue
        fields = set(json.loads(new_values or "{}")) - META - LOCAL_COLUMNS.get(name, frozenset())
        current = found.setdefault((name, key), set())
        assert current is not None
        current.update(fields)
    return found


def seal(
    session: Session, pair: KeyPair, peer: SyncPeer, kind: str, doc: dict[str, Any]
) -> tuple[bytes, fmt.Header]:
    plain = fmt.encode_payload(doc)
    recipient = state.public_of(state.active_key(session, peer.code))
    import pyrage

    payload = pyrage.encrypt(fmt.compress(plain), [recipient.recipient()])
    header = fmt.Header(
        format=fmt.FORMAT_VERSION,
        bundle_id=str(doc["bundle_id"]),
        kind=kind,
        sender=pair.code,
        recipient=peer.code,
        seq=peer.out_seq + 1,
        prev_hash=peer.out_hash or fmt.GENESIS,
        created_at=state.now().isoformat(),
        payload_sha256=fmt.sha256_hex(payload),
        payload_size=len(payload),
        plain_size=len(plain),
        signer_key=pair.key_id,
        recipient_key=recipient.key_id,
        app_version=__version__,
    )
    return fmt.pack(header, pair.sign, payload), header


def log_sent(session: Session, peer: SyncPeer, header: fmt.Header, data: bytes, **extra: Any) -> None:
    file_hash = fmt.sha256_hex(data)
    session.add(
        SyncBundle(
            bundle_id=header.bundle_id,
            direction="out",
            peer_code=peer.code,
            kind=header.kind,
            seq=header.seq,
            file_hash=file_hash,
            prev_hash=header.prev_hash,
            status=BundleStatus.SENT,
            created_at=state.now(),
            **extra,
        )
    )
    peer.out_seq, peer.out_hash, peer.last_out_at = header.seq, file_hash, state.now()


def _blobs(paths: DataPaths, tables: list[dict[str, Any]]) -> list[list[str]]:
    out = []
    for entry in tables:
        if entry["name"] == "attachment":
            at = entry["columns"].index("sha256")
            for row in entry["rows"]:
                blob = paths.attachments / row[at][:2] / row[at]
                if blob.exists():
                    out.append([row[at], base64.b64encode(blob.read_bytes()).decode("ascii")])
    return out


def build_up(session: Session, paths: DataPaths, pair: KeyPair) -> Built | None:
    """Every change since the last bundle the county acknowledged; None when nothing is new."""
    inst = state.require_station(session, "导出上报数据包")
    peer = state.county_peer(session)
    head = state.outbox_head(session)
    last = session.execute(
        select(SyncBundle.outbox_hi).where(
            SyncBundle.direction == "out", SyncBundle.peer_code == peer.code, SyncBundle.seq == peer.out_seq
        )
    ).scalar()
    if head <= max(peer.acked_outbox_seq, last or 0):
        return None
    lo = peer.acked_outbox_seq
    changed = changed_fields(session, peer.acked_audit_seq) if peer.acked_audit_seq else {}
    tables, records = [], 0
    for name in UP_TABLES:
        where = scope_where(name, inst.code) if name in ("area", "app_user") else None
        rows = select_rows(session, name, lo, head, where, with_base=True)
        if not rows:
            continue
        pk_at = wire_names(name).index(pk_name(name))
        for row in rows:
            fields = changed.get((name, row[pk_at])) if row[-1] else None
            row.append(sorted(fields) if fields is not None else None)
        columns = [*wire_names(name), "_base", "_changed"]
        tables.append({"name": name, "columns": columns, "rows": rows})
        records += len(rows)
    deletes = tombstones(session, UP_TABLES, lo, head)
    audit_head = anchor.station_head(session, peer)
    digest = scope_digest(session, inst.code)
    doc = {
        "format": fmt.FORMAT_VERSION,
        "kind": "up",
        "bundle_id": str(uuid.uuid4()),
        "tables": tables,
        "deletes": deletes,
        "blobs": _blobs(paths, tables),
        "ack": peer.in_seq,
        "digest": digest.to_dict(),
        "baseline": bool(peer.rebaseline),
        anchor.KEY: audit_head,
    }
    data, header = seal(session, pair, peer, "up", doc)
    result = json.dumps({"records": records + len(deletes), "audit_seq": audit_head["seq"]})
    audit_hw = state.audit_head(session)
    log_sent(session, peer, header, data, outbox_lo=lo, outbox_hi=head, audit_hw=audit_hw, result=result)
    peer.rebaseline = False
    name = f"jiuzhu-up-{inst.code}-{header.seq:06d}.jzb"
    summary = {
        "records": records,
        "households": households_in(tables),
        "deletes": len(deletes),
        "digest": digest.to_dict(),
    }
    return Built(name, data, header.seq, "up", peer.code, records, summary)


def households_in(tables: list[dict[str, Any]]) -> int:
    """How many household records a bundle's tables carry (for the export's audit record)."""
    return sum(len(entry["rows"]) for entry in tables if entry["name"] == "household")
