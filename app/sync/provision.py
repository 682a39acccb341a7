"""The station registry at the county (add, list, revoke) and joining a station with its provisioning file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.domain import areas as divisions
from app.domain.codes import BundleStatus, InstallationKind, KeyStatus, QueueStatus
from app.errors import UserError
from app.fileio import require_folder
from app.models.sync import (
    SyncAck,
    SyncBundle,
    SyncConflict,
    SyncKey,
    SyncPeer,
    SyncQuarantine,
)
from app.paths import DataPaths
from app.sync import keys, state
from app.sync.format import GENESIS

PROVISION_KIND = "jiuzhu-provision"


@dataclass(frozen=True)
class StationInfo:
    code: str
    name: str
    status: KeyStatus
    key_id: str
    last_seq: int
    last_import: str
    held: int
    quarantined: int
    conflicts: int
    drift: str


def county_keys(session: Session, paths: DataPaths, key_secret: Callable[[], str]) -> keys.PublicKeys:
    """The county's public keys, making its key pair (sealed with ``key_secret()``) the first time."""
    inst = state.installation(session)
    if keys.has_keystore(paths):
        return state.public_of(state.active_key(session, inst.code))
    pair = keys.KeyPair.generate(inst.code)
    keys.save_keystore(paths, pair, keys.check_new_passphrase(key_secret()))
    public = pair.public
    session.add(SyncKey(key_id=public.key_id, peer_code=inst.code, **_public_fields(public)))
    session.flush()
    return public


def _public_fields(public: keys.PublicKeys) -> dict[str, str]:
    return {"age_recipient": public.age_recipient, "sign_public": public.sign_public}


def add_station(
    session: Session,
    paths: DataPaths,
    code: str,
    out: Path,
    secret: Callable[[], str],
    key_secret: Callable[[], str],
) -> StationInfo:
    """Register (or re-key after a revocation) a township and write its sealed provisioning file."""
    inst = state.require_county(session, "登记乡镇工作站")
    code = code.strip()
    if not (code.isdigit() and len(code) == 9 and code.startswith(inst.county_code)):
        raise UserError(f"乡镇代码应为本县（{inst.county_code}）下的9位数字，收到“{code}”", field="--code")
    out = require_folder(out)  # before any passphrase is asked
    peer = session.get(SyncPeer, code)
    if peer is not None and peer.status == KeyStatus.ACTIVE:
        raise UserError(f"乡镇工作站 {code} 已登记且有效；若该站电脑丢失，请先吊销它的密钥，再重新配置")
    passphrase = keys.check_new_passphrase(secret())
    county = county_keys(session, paths, key_secret)
    name = divisions.township_name(code) or f"{code}乡镇"
    if peer is None:
        peer = SyncPeer(code=code, kind=InstallationKind.STATION, name=name)
        session.add(peer)
    pair = keys.KeyPair.generate(code)
    public = pair.public
    peer.status, peer.key_id, peer.provisioned_at = KeyStatus.ACTIVE, public.key_id, state.now()
    peer.in_seq, peer.in_hash = peer.in_seq or 0, peer.in_hash or ""
    peer.out_seq, peer.out_hash = peer.out_seq or 0, peer.out_hash or ""
    peer.acked_seq, peer.full_down, peer.rebaseline, peer.drift = peer.out_seq, True, False, ""
    session.add(SyncKey(key_id=public.key_id, peer_code=code, **_public_fields(public)))
    doc: dict[str, Any] = {
        "format": 1,
        "kind": PROVISION_KIND,
        "station": pair.to_dict(),
        "station_name": name,
        "county": {**county.to_dict(), "name": inst.name},
        "up_next_seq": peer.in_seq + 1,
        "up_prev_hash": peer.in_hash or GENESIS,
        "down_next_seq": peer.out_seq + 1,
        "down_prev_hash": peer.out_hash or GENESIS,
        "created_at": state.now().isoformat(),
    }
    session.flush()
    keys.write_private(out, keys.seal(doc, passphrase))
    return station_info(session, peer)


def revoke_station(session: Session, code: str) -> tuple[StationInfo, list[Path]]:
    """Revoke a station's keys (a lost laptop): its bundles are refused from now on; held ones are dropped.

    Returns the station and the files of its held bundles: the caller removes them once this is committed.
    """
    state.require_county(session, "吊销乡镇工作站")
    peer = state.station_peer(session, code)
    if peer.status == KeyStatus.REVOKED:
        raise UserError(f"乡镇工作站 {code} 已经吊销")
    peer.status = KeyStatus.REVOKED
    for key in session.execute(select(SyncKey).where(SyncKey.peer_code == code)).scalars():
        if key.status == KeyStatus.ACTIVE:
            key.status, key.revoked_at = KeyStatus.REVOKED, state.now()
    held = list(
        session.execute(
            select(SyncBundle).where(SyncBundle.peer_code == code, SyncBundle.status == BundleStatus.HELD)
        ).scalars()
    )
    files = [Path(bundle.held_path) for bundle in held]
    for bundle in held:
        session.delete(bundle)
    session.flush()
    return station_info(session, peer), files


def _count(session: Session, model: Any, code: str) -> int:
    query = (
        select(func.count())
        .select_from(model)
        .where(model.peer_code == code, model.status == QueueStatus.OPEN)
    )
    return int(session.execute(query).scalar_one())


def station_info(session: Session, peer: SyncPeer) -> StationInfo:
    held = session.execute(
        select(func.count())
        .select_from(SyncBundle)
        .where(SyncBundle.peer_code == peer.code, SyncBundle.status == BundleStatus.HELD)
    ).scalar_one()
    return StationInfo(
        code=peer.code,
        name=peer.name,
        status=KeyStatus(peer.status),
        key_id=peer.key_id,
        last_seq=peer.in_seq,
        last_import=peer.last_in_at.astimezone().strftime("%Y-%m-%d %H:%M") if peer.last_in_at else "",
        held=int(held),
        quarantined=_count(session, SyncQuarantine, peer.code),
        conflicts=_count(session, SyncConflict, peer.code),
        drift=peer.drift,
    )


def list_stations(session: Session) -> list[StationInfo]:
    state.require_county(session, "查看乡镇工作站")
    peers = session.execute(
        select(SyncPeer).where(SyncPeer.kind == InstallationKind.STATION).order_by(SyncPeer.code)
    )
    return [station_info(session, p) for p in peers.scalars()]


@dataclass(frozen=True)
class JoinResult:
    code: str
    county: str
    county_name: str
    next_seq: int


def join(session: Session, paths: DataPaths, sealed: bytes, secret: Callable[[], str]) -> JoinResult:
    """Install a provisioning file on a station; what the station already holds goes in its first bundle."""
    inst = state.require_station(session, "加入县级同步")
    doc = keys.unseal(sealed, secret(), "配置文件")
    if doc.get("kind") != PROVISION_KIND or doc.get("format") != 1:
        raise UserError("该文件不是救助通乡镇配置文件")
    try:
        pair = keys.KeyPair.from_dict(doc["station"])
        county = keys.PublicKeys(
            **{k: str(doc["county"][k]) for k in ("code", "age_recipient", "sign_public")}
        )
        up_next, down_next = int(doc["up_next_seq"]), int(doc["down_next_seq"])
        up_prev, down_prev = str(doc["up_prev_hash"]), str(doc["down_prev_hash"])
        county_name = str(doc["county"].get("name", ""))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise UserError("配置文件内容不完整") from None
    if pair.code != inst.code:
        raise UserError(f"该配置文件属于乡镇 {pair.code}，本站是 {inst.code}（{inst.name}），不能使用")
    if county.code != inst.county_code:
        raise UserError(f"该配置文件来自县 {county.code}，本站属于县 {inst.county_code}")
    keys.install_keystore(paths, sealed)
    peer = session.get(SyncPeer, county.code) or SyncPeer(code=county.code, kind=InstallationKind.COUNTY)
    session.add(peer)
    peer.name, peer.status, peer.key_id, peer.provisioned_at = (
        county_name,
        KeyStatus.ACTIVE,
        county.key_id,
        state.now(),
    )
    peer.in_seq, peer.in_hash = down_next - 1, down_prev
    peer.out_seq, peer.out_hash, peer.acked_seq = up_next - 1, up_prev, up_next - 1
    peer.acked_outbox_seq, peer.acked_audit_seq, peer.rebaseline, peer.drift = 0, 0, True, ""
    for key in session.execute(select(SyncKey)).scalars():
        if key.status == KeyStatus.ACTIVE:
            key.status = KeyStatus.REPLACED
    for public in (county, pair.public):
        existing = session.get(SyncKey, public.key_id)
        if existing is None:
            session.add(SyncKey(key_id=public.key_id, peer_code=public.code, **_public_fields(public)))
        else:
            existing.status = KeyStatus.ACTIVE
    session.execute(delete(SyncAck))
    session.execute(
        delete(SyncBundle).where(
            ((SyncBundle.direction == "out") & (SyncBundle.seq >= up_next))
            | ((SyncBundle.direction == "in") & (SyncBundle.seq >= down_next))
        )
    )
    session.flush()
    return JoinResult(inst.code, county.code, county_name, up_next)
