"""The audit log: old and new values of every change, hash-chained so tampering shows."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Integer, String, Text, func, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime
from app.models.settings import Setting


class AuditEvent(Base):
    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(40))
    old_values: Mapped[str] = mapped_column(Text, default="")
    new_values: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


GENESIS = "0" * 64
HEAD_KEY = "local.audit_head"


def event_hash(
    seq: int, at: str, actor: str, action: str, table: str, record_id: str, old: str, new: str, prev: str
) -> str:
    """SHA-256 over the canonical JSON of one audit event and the hash before it."""
    payload = json.dumps([seq, at, actor, action, table, record_id, old, new, prev], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def append_events(conn: Connection, events: list[dict[str, Any]]) -> None:
    """Append audit events to the chain and move the head anchor.

    Each event is a dict with at, actor, action, table_name, record_id, old_values, new_values.
    The caller's transaction serialises writers (SQLite has one writer at a time).
    """
    if not events:
        return
    last = conn.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    rows = []
    for ev in events:
        seq += 1
        digest = event_hash(
            seq,
            _iso(ev["at"]),
            ev["actor"],
            ev["action"],
            ev["table_name"],
            ev["record_id"],
            ev["old_values"],
            ev["new_values"],
            prev,
        )
        rows.append({**ev, "seq": seq, "prev_hash": prev, "hash": digest})
        prev = digest
    conn.execute(insert(AuditEvent), rows)
    anchor = json.dumps({"seq": seq, "hash": prev})
    updated = conn.execute(update(Setting).where(Setting.key == HEAD_KEY).values(value=anchor))
    if updated.rowcount == 0:
        conn.execute(insert(Setting).values(key=HEAD_KEY, value=anchor, updated_at=events[-1]["at"]))


def head_seq(conn: Connection) -> int:
    """The sequence number of the newest audit event (0 on an empty log)."""
    return int(conn.execute(select(func.coalesce(func.max(AuditEvent.seq), 0))).scalar_one())


def tables_since(conn: Connection, seq: int) -> frozenset[str]:
    """The tables written after audit event ``seq``: every write is audited, so this is what changed."""
    query = select(AuditEvent.table_name).where(AuditEvent.seq > seq).distinct()
    return frozenset(conn.execute(query).scalars())


def verify_chain(conn: Connection) -> list[str]:
    """Recompute the chain; return a Chinese message per broken link (empty when intact).

    Damage is reported, never raised: a row whose values cannot be read, and a head anchor that is
    missing, unreadable or points elsewhere than the last event, are findings like a broken link.
    """
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 0
    result = conn.execute(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(5000)
    try:
        for ev in result:
            expected_seq += 1
            if ev.seq != expected_seq:
                problems.append(f"审计记录缺失：应为第{expected_seq}条，实际为第{ev.seq}条")
                expected_seq = ev.seq
            if ev.prev_hash != prev:
                problems.append(f"审计记录第{ev.seq}条的前序哈希不符：链条被改动")
            digest = event_hash(
                ev.seq,
                _iso(ev.at),
                ev.actor,
                ev.action,
                ev.table_name,
                ev.record_id,
                ev.old_values,
                ev.new_values,
                ev.prev_hash,
            )
            if digest != ev.hash:
                problems.append(f"审计记录第{ev.seq}条内容被篡改（{ev.table_name} {ev.record_id}）")
            prev = ev.hash
    except (ValueError, TypeError, AttributeError):
        result.close()
        problems.append(f"审计记录第{expected_seq + 1}条无法读取（时间或内容被改动），其后的记录未能核对")
        return problems
    raw = conn.execute(select(Setting.value).where(Setting.key == HEAD_KEY)).scalar()
    problems += _anchor_problems(raw, expected_seq, prev)
    return problems


def _anchor_problems(raw: str | None, last_seq: int, last_hash: str) -> list[str]:
    """The head anchor (``local.audit_head``) against the last event of the chain."""
    if raw is None:
        return ["审计链的末端标记缺失"] if last_seq else []
    try:
        head = json.loads(raw)
    except (ValueError, RecursionError):
        head = None
    seq = head.get("seq") if isinstance(head, dict) else None
    digest = head.get("hash") if isinstance(head, dict) else None
    if type(seq) is not int or seq < 0 or not isinstance(digest, str):
        return [f"审计链的末端标记已损坏（{HEAD_KEY} 的内容无法识别），无法确认末尾的记录是否被删除"]
    if seq > last_seq:
        return [f"审计链末端不符：应到第{seq}条，实际只到第{last_seq}条（记录被删除或截断）"]
    if seq < last_seq:
        return [f"审计链末端不符：末端标记停在第{seq}条，实际到第{last_seq}条（标记被改动）"]
    if digest != last_hash:
        return [f"审计链末端不符：第{seq}条的哈希与末端标记不同（记录或标记被改动）"]
    return []
