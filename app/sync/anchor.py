"""The station's audit head, anchored at the county (decision 0008).

The audit chain is an unkeyed hash: someone who can write the station's file can edit a row and its
audit event and recompute every hash after it, and the station's own ``check`` sees a whole chain.
So every up bundle carries, signed with the station's key, its audit head now (``seq``, ``hash``)
and the head it reported in its previous up bundle as its chain holds it today (``prev_seq`` and
the hash of that event *now*, ``prev_hash``). The county keeps the last head it accepted from each
station (``station_audit_head``). Bundles are applied strictly in sequence, so the previous bundle's
head is the one the county holds; it must be found again, unchanged, in the next one:

- ``seq`` lower than the county's: the station's history was cut (a log deleted, an old backup);
- ``prev_seq`` not the county's: the station's record of what it reported was altered;
- ``prev_hash`` not the county's hash: an event at or before that point was rewritten and the chain
  recomputed (or the event is gone, ``prev_hash`` empty).

Such a bundle is not applied: it is held (kept under the data folder) for a county administrator,
who looks into it and may accept the break once (the 工作站 tab, or the accept-audit command of
app/cli_sync.py for county IT's scripts); the bundle is then applied at the next import and the
station's new head becomes the county's reference.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import GENESIS, AuditEvent
from app.models.sync import StationAuditHead, SyncBundle, SyncPeer
from app.sync import state

KEY = "audit"


class AuditHold(Exception):
    """The bundle's audit head does not continue the county's: hold it for a person to decide."""


def _hash_at(session: Session, seq: int) -> str:
    if seq == 0:
        return GENESIS
    found = session.execute(select(AuditEvent.hash).where(AuditEvent.seq == seq)).scalar()
    return found or ""


def reported_before(session: Session, peer: SyncPeer) -> int:
    """The audit sequence this station reported in its last up bundle (0 if none did)."""
    result = session.execute(
        select(SyncBundle.result).where(
            SyncBundle.direction == "out", SyncBundle.peer_code == peer.code, SyncBundle.seq == peer.out_seq
        )
    ).scalar()
    try:
        seq = json.loads(result).get("audit_seq", 0) if result else 0
    except (ValueError, AttributeError):
        return 0
    return seq if type(seq) is int and seq >= 0 else 0


def station_head(session: Session, peer: SyncPeer) -> dict[str, Any]:
    """What an up bundle carries: the head now and the previously reported head as the chain holds it."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, digest = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    prev = reported_before(session, peer)
    return {"seq": seq, "hash": digest, "prev_seq": prev, "prev_hash": _hash_at(session, prev)}


def _read(doc: dict[str, Any]) -> dict[str, Any] | None:
    head = doc.get(KEY)
    if not isinstance(head, dict):
        return None
    ints = all(type(head.get(k)) is int and head[k] >= 0 for k in ("seq", "prev_seq"))
    strs = all(isinstance(head.get(k), str) for k in ("hash", "prev_hash"))
    return head if ints and strs else None


def problem(known: StationAuditHead | None, doc: dict[str, Any]) -> str:
    """Why the bundle's head does not continue ``known`` ("" when it does, or nothing is known yet)."""
    if known is None:
        return ""
    head = _read(doc)
    if head is None:
        return "数据包没有带审计链末端（或无法识别），无法确认工作站的审计记录未被改动"
    if head["seq"] < known.seq:
        return (
            f"工作站的审计记录只到第{head['seq']}条，县级上次收到时已到第{known.seq}条："
            "审计历史被截断（记录被删除，或恢复了旧备份）"
        )
    if head["prev_seq"] != known.seq:
        return (
            f"数据包所称上次上报的审计末端（第{head['prev_seq']}条）与县级记录（第{known.seq}条）不符："
            "工作站的同步记录被改动"
        )
    if head["prev_hash"] != known.hash:
        return (
            f"工作站第{known.seq}条审计记录与县级上次收到的不同：此前的审计历史被改写或删除"
            "（审计链被重新计算）"
        )
    return ""


def check(session: Session, peer_code: str, doc: dict[str, Any]) -> None:
    """Raise AuditHold unless the bundle continues the station's known head (or a person accepted it)."""
    known = session.get(StationAuditHead, peer_code)
    why = problem(known, doc)
    if why and not (known is not None and known.accept_next):
        raise AuditHold(why)


def remember(session: Session, peer_code: str, doc: dict[str, Any], bundle_seq: int) -> None:
    """After the bundle is applied: its head is the county's reference for the next one."""
    head = _read(doc)
    known = session.get(StationAuditHead, peer_code)
    if head is None:
        if known is not None:
            known.accept_next = False
        return
    if known is None:
        known = StationAuditHead(peer_code=peer_code)
        session.add(known)
    known.seq, known.hash, known.bundle_seq = head["seq"], head["hash"], bundle_seq
    known.accept_next, known.updated_at = False, state.now()


def held_for_audit(bundle: SyncBundle) -> str:
    """The reason a held bundle waits for a person ("" when it only waits for an earlier bundle)."""
    try:
        found = json.loads(bundle.result).get("audit_hold", "") if bundle.result else ""
    except (ValueError, AttributeError):
        return ""
    return found if isinstance(found, str) else ""


def hold_reason(session: Session, peer_code: str) -> str:
    """Why a bundle of the station waits for a person ("" when none does or the break is accepted)."""
    if accepted(session, peer_code):
        return ""
    for bundle in session.execute(
        select(SyncBundle).where(SyncBundle.direction == "in", SyncBundle.peer_code == peer_code)
    ).scalars():
        why = held_for_audit(bundle)
        if why:
            return why
    return ""


def accepted(session: Session, peer_code: str) -> bool:
    known = session.get(StationAuditHead, peer_code)
    return known is not None and known.accept_next


def accept(session: Session, peer_code: str) -> bool:
    """Accept the station's next break once; False when none of its bundles is held for one."""
    held = session.execute(
        select(SyncBundle).where(SyncBundle.direction == "in", SyncBundle.peer_code == peer_code)
    ).scalars()
    if not any(held_for_audit(b) for b in held):
        return False
    known = session.get(StationAuditHead, peer_code)
    if known is None:
        return False
    known.accept_next = True
    return True
