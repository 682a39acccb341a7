"""The county's station registry (add, list, revoke) and a station joining the county's sync."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.domain import areas as divisions
from app.domain.codes import AreaLevel, InstallationKind, KeyStatus, Role
from app.errors import UserError
from app.fileio import cause
from app.models.area import Area
from app.models.db import UnitOfWork
from app.models.sync import SyncPeer
from app.paths import DataPaths
from app.services.context import COUNTY_ROLES, Actor, query, require_area, require_role
from app.sync import anchor, keys, provision, state
from app.sync.provision import JoinResult, StationInfo

Secret = Callable[[], str]  # asked only once the action is known to be possible
ADMINS = frozenset({Role.COUNTY_HEAD, Role.ADMIN})
JOINERS = frozenset({Role.TOWNSHIP_HEAD, Role.ADMIN})


def station_area(code: str) -> str:
    """The 12-digit area an installation works for: a station's township (9 digits), the county (6)."""
    return divisions.full_code(code)


def add_station(
    uow: UnitOfWork,
    actor: Actor,
    paths: DataPaths,
    code: str,
    out: Path,
    secret: Secret,
    key_secret: Secret,
) -> StationInfo:
    """Register a township (or re-key it after a revocation) and write its provisioning file to ``out``.

    If this is not committed, the file is removed again, and so are the county's own keys when this
    call made them: a keystore without its record would lock the county out.
    """
    require_role(actor, ADMINS, "登记乡镇工作站")
    if code.strip().isdigit() and len(code.strip()) == 9:
        require_area(actor, station_area(code.strip()), "登记乡镇工作站")
    first_keys = not keys.has_keystore(paths)  # the county's own keys are made by this call
    if first_keys:
        uow.after_rollback(lambda: keys.keystore_path(paths).unlink(missing_ok=True))
    uow.after_rollback(lambda: out.unlink(missing_ok=True))
    return provision.add_station(uow.session, paths, code, out, secret, key_secret)


@query
def list_stations(uow: UnitOfWork, actor: Actor) -> list[StationInfo]:
    """The stations of the actor's area, their keys and sync status (county staff)."""
    require_role(actor, COUNTY_ROLES, "查看乡镇工作站")
    return [s for s in provision.list_stations(uow.session) if actor.covers(station_area(s.code))]


@dataclass(frozen=True)
class StationState:
    """A station on the county's 工作站 tab: its registry entry, when it was provisioned, its return
    bundles."""

    info: StationInfo
    provisioned_at: datetime | None
    down_seq: int
    last_down_at: datetime | None
    audit_hold: str = ""  # why a bundle waits for an administrator (decision 0008), "" when none does


@query
def station_board(uow: UnitOfWork, actor: Actor) -> list[StationState]:
    """The stations of the actor's area with their keys, sync status and the last return bundle."""
    infos = list_stations(uow, actor)
    peers = {
        peer.code: peer
        for peer in uow.session.execute(
            select(SyncPeer).where(SyncPeer.kind == InstallationKind.STATION)
        ).scalars()
    }
    return [
        StationState(
            info,
            peers[info.code].provisioned_at,
            peers[info.code].out_seq,
            peers[info.code].last_out_at,
            anchor.hold_reason(uow.session, info.code),
        )
        for info in infos
    ]


@dataclass(frozen=True)
class TownshipChoice:
    """A township the county may register: 9-digit code, name, registration (None: never registered)."""

    code: str
    name: str
    status: KeyStatus | None


@dataclass(frozen=True)
class ProvisionForm:
    """What the registration dialog offers; ``county_keys`` is False until the county's own keys exist
    (the first registration makes them, sealed with a passphrase chosen then)."""

    townships: list[TownshipChoice]
    county_keys: bool


@query
def provision_form(uow: UnitOfWork, actor: Actor, paths: DataPaths) -> ProvisionForm:
    """The townships of the actor's area (from the division list and the registry) for a registration."""
    require_role(actor, COUNTY_ROLES, "查看乡镇工作站")
    session = uow.session
    inst = state.require_county(session, "登记乡镇工作站")
    registered = {info.code: info.status for info in list_stations(uow, actor)}
    names = {info.code: info.name for info in provision.list_stations(session)}
    areas = session.execute(
        select(Area.code, Area.name).where(
            Area.level == AreaLevel.TOWNSHIP, Area.code.startswith(inst.county_code)
        )
    )
    for code12, name in areas:
        if actor.covers(code12):
            names.setdefault(code12[:9], name)
    choices = [
        TownshipChoice(code, name, registered.get(code))
        for code, name in sorted(names.items())
        if actor.covers(station_area(code))
    ]
    return ProvisionForm(choices, keys.has_keystore(paths))


@dataclass(frozen=True)
class Revoked:
    station: StationInfo
    dropped: int  # held bundles of the station thrown away


def revoke_station(uow: UnitOfWork, actor: Actor, code: str) -> Revoked:
    """Revoke a station's keys (a lost laptop); its held bundles are removed once this is committed."""
    require_role(actor, ADMINS, "吊销乡镇工作站")
    require_area(actor, station_area(state.station_peer(uow.session, code).code), "吊销乡镇工作站")
    info, files = provision.revoke_station(uow.session, code)

    def remove_held() -> None:
        for file in files:
            file.unlink(missing_ok=True)

    uow.after_commit(remove_held)
    return Revoked(info, len(files))


def join(uow: UnitOfWork, actor: Actor, paths: DataPaths, provision_file: Path, secret: Secret) -> JoinResult:
    """Install the county's provisioning file on this station (its head or the administrator)."""
    require_role(actor, JOINERS, "加入县级同步")
    inst = state.require_station(uow.session, "加入县级同步")
    require_area(actor, station_area(inst.code), "加入县级同步")
    try:
        sealed = provision_file.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取配置文件 {provision_file}：{cause(exc, 'read')}") from None
    return provision.join(uow.session, paths, sealed, secret)


def accept_audit_break(uow: UnitOfWork, actor: Actor, code: str) -> None:
    """Accept once the audit break a station's held bundle was stopped for (decision 0008): the county
    administrator has looked into it; the bundle is applied at the next import."""
    require_role(actor, ADMINS, "接受审计链断裂")
    peer = state.station_peer(uow.session, code)
    require_area(actor, station_area(peer.code), "接受审计链断裂")
    if not anchor.accept(uow.session, peer.code):
        raise UserError(f"乡镇工作站 {peer.code} 没有因审计链断裂而暂存的数据包")
