"""Lookups shared by the sync modules: this installation, its peers, their keys, outbox and audit heads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, literal, select, text
from sqlalchemy.orm import Session

from app import clock
from app.domain.codes import InstallationKind, KeyStatus
from app.errors import NotSetUp, UserError
from app.models.audit import AuditEvent
from app.models.base import UTCDateTime
from app.models.outbox import OutboxEntry
from app.models.settings import Installation
from app.models.sync import SyncKey, SyncPeer
from app.sync.keys import PublicKeys
from app.sync.tables import UP_TABLES, pk_name, table


def installation(session: Session) -> Installation:
    inst = session.execute(select(Installation)).scalar_one_or_none()
    if inst is None:
        raise NotSetUp("该数据库尚未初始化，须先建立乡镇工作站或县级主库")
    return inst


def require_county(session: Session, what: str) -> Installation:
    inst = installation(session)
    if inst.kind != InstallationKind.COUNTY:
        raise UserError(f"只有县级主库可以{what}，本机是乡镇工作站（{inst.code}）")
    return inst


def require_station(session: Session, what: str) -> Installation:
    inst = installation(session)
    if inst.kind != InstallationKind.STATION:
        raise UserError(f"只有乡镇工作站可以{what}，本机是县级主库（{inst.code}）")
    return inst


def county_peer(session: Session) -> SyncPeer:
    peer = session.execute(
        select(SyncPeer).where(SyncPeer.kind == InstallationKind.COUNTY)
    ).scalar_one_or_none()
    if peer is None or peer.status != KeyStatus.ACTIVE:
        raise UserError("本站尚未加入县级同步：需要先用县民政局制作的配置文件（及其口令）加入同步")
    return peer


def station_peer(session: Session, code: str) -> SyncPeer:
    peer = session.get(SyncPeer, code)
    if peer is None or peer.kind != InstallationKind.STATION:
        raise UserError(f"乡镇工作站 {code} 尚未登记：请先为它登记并制作配置文件")
    return peer


def active_key(session: Session, code: str) -> SyncKey:
    key = session.execute(
        select(SyncKey).where(SyncKey.peer_code == code, SyncKey.status == KeyStatus.ACTIVE)
    ).scalar_one_or_none()
    if key is None:
        raise UserError(f"找不到 {code} 的有效密钥")
    return key


def public_of(key: SyncKey) -> PublicKeys:
    return PublicKeys(key.peer_code, key.age_recipient, key.sign_public)


def outbox_head(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(OutboxEntry.seq), 0))).scalar_one())


def audit_head(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(AuditEvent.seq), 0))).scalar_one())


def now() -> datetime:
    return clock.now()


def queue_all(session: Session, names: tuple[str, ...] = UP_TABLES) -> None:
    """Queue every record of ``names`` in the outbox (a re-baseline: the next up bundle carries all)."""
    stamp = now()
    for name in names:
        t = table(name)
        query = select(
            literal(name), t.c[pk_name(name)], t.c.version, literal("upsert"), literal(stamp, UTCDateTime())
        )
        session.execute(
            insert(OutboxEntry).from_select(["table_name", "record_id", "version", "op", "at"], query)
        )


def open_transaction(session: Session) -> None:
    """Make sure a real transaction is open before any savepoint.

    pysqlite begins a transaction only before a DML statement; a SAVEPOINT issued first would start
    one of its own, and releasing it would commit half a bundle. A no-op UPDATE makes it BEGIN.
    """
    session.execute(text("UPDATE sync_peer SET code = code WHERE 1 = 0"))
