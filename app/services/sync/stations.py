"""The county's station registry (add, list, revoke) and a station joining the county's sync."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain import areas as divisions
from app.domain.codes import Role
from app.errors import UserError
from app.fileio import cause
from app.models.db import UnitOfWork
from app.paths import DataPaths
from app.services.context import COUNTY_ROLES, Actor, query, require_area, require_role
from app.sync import keys, provision, state
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
