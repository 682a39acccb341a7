"""Sync use cases for the command line and the desktop: stations, join, export to and import from a folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import log
from app.domain.codes import Role
from app.errors import UserError
from app.failures import environment_failure
from app.fileio import cause, require_folder, stage, write_atomically
from app.models.db import Database
from app.models.sync import SyncConflict, SyncDuplicate, SyncQuarantine
from app.paths import DataPaths
from app.services.context import COUNTY_ROLES, WRITERS, Actor, require_role
from app.sync import export, export_down, importer, keys, provision, resolve, state

Progress = Callable[[str], None] | None
Secret = Callable[[], str]  # asked only once the action is known to be possible
ADMINS = frozenset({Role.COUNTY_HEAD, Role.ADMIN})


def add_station(
    db: Database,
    paths: DataPaths,
    actor: Actor,
    code: str,
    out: Path,
    secret: Secret,
    key_secret: Callable[[], str],
) -> provision.StationInfo:
    """Register a township (or re-key it after a revocation) and write its provisioning file to ``out``."""
    require_role(actor, ADMINS, "登记乡镇工作站")
    first_keys = not keys.has_keystore(paths)  # the county's own keys are made by this call
    try:
        with db.uow(actor.username) as uow:
            info = provision.add_station(uow.session, paths, code, out, secret, key_secret)
            try:
                uow.commit()
            except BaseException:
                out.unlink(missing_ok=True)
                raise
    except BaseException:
        if first_keys:  # their record was rolled back: a keystore without it would lock the county out
            keys.keystore_path(paths).unlink(missing_ok=True)
        raise
    return info


def list_stations(db: Database) -> list[provision.StationInfo]:
    with db.uow("reader") as uow:
        return provision.list_stations(uow.session)


def revoke_station(db: Database, actor: Actor, code: str) -> tuple[provision.StationInfo, int]:
    require_role(actor, ADMINS, "吊销乡镇工作站")
    with db.uow(actor.username) as uow:
        result = provision.revoke_station(uow.session, code)
        uow.commit()
    return result


def join(
    db: Database, paths: DataPaths, actor: Actor, provision_file: Path, secret: Secret
) -> provision.JoinResult:
    require_role(actor, frozenset({Role.TOWNSHIP_HEAD, Role.ADMIN}), "加入县级同步")
    try:
        sealed = provision_file.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取配置文件 {provision_file}：{cause(exc, 'read')}") from None
    with db.uow(actor.username) as uow:
        result = provision.join(uow.session, paths, sealed, secret)
        uow.commit()
    return result


@dataclass(frozen=True)
class Exported:
    path: Path
    seq: int
    kind: str
    peer: str
    records: int
    digest_total: int


def _out_folder(out_dir: Path) -> Path:
    """The folder bundles are written to; it is made if its own parent exists (never a whole path:
    a stick that is not mounted must not turn into a folder on the local disk)."""
    out_dir = out_dir.expanduser()
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir} 是一个文件，不是文件夹：数据包要写到文件夹中")
    if not out_dir.is_dir():
        require_folder(out_dir)
        try:
            out_dir.mkdir()
        except OSError as exc:
            raise UserError(f"无法创建文件夹 {out_dir}：{cause(exc)}") from exc
    return out_dir


def export_bundle(
    db: Database,
    paths: DataPaths,
    actor: Actor,
    secret: Secret,
    out_dir: Path,
    station: str | None = None,
    progress: Progress = None,
) -> Exported | None:
    """Write the next up bundle (a station) or the return bundle for ``station`` (the county) to ``out_dir``.

    A copy is kept in the data folder before the bundle log is committed, so a bundle the log knows
    of can always be copied again. Returns None when there is nothing to send.
    """
    require_role(actor, WRITERS, "导出数据包")
    with db.uow(actor.username) as uow:
        if station is None:
            state.require_station(uow.session, "导出上报数据包")
            state.county_peer(uow.session)
        else:
            state.require_county(uow.session, "导出回执数据包")
            state.station_peer(uow.session, station)
    folder = _out_folder(out_dir)  # before the passphrase is asked
    pair = keys.load_keystore(paths, secret())
    if progress:
        progress("正在读取变更…")
    with db.uow(actor.username) as uow:
        if station is None:
            built = export.build_up(uow.session, paths, pair)
        else:
            require_role(actor, COUNTY_ROLES, "导出回执数据包")
            built = export_down.build_down(uow.session, paths, pair, station)
        if built is None:
            return None
        kept = paths.root / "sync" / "sent" / built.filename
        kept.parent.mkdir(parents=True, exist_ok=True)
        # Written and synced on the stick before anything is committed: a stick that is missing,
        # read-only or full refuses the export with nothing recorded.
        with stage(folder / built.filename, built.data) as sent:
            write_atomically(kept, built.data)
            try:
                uow.commit()
            except BaseException:
                kept.unlink(missing_ok=True)
                raise
            try:
                target = sent.place()
            except UserError as exc:
                raise UserError(f"数据包已生成，但{exc}；副本保存在 {kept}") from None
    if progress:
        progress(f"已写入 {target}")
    total = int(built.summary.get("digest", {}).get("total", 0))
    return Exported(target, built.seq, built.kind, built.peer, built.records, total)


def import_bundles(
    db: Database,
    paths: DataPaths,
    actor: Actor,
    secret: Secret,
    files: list[Path],
    progress: Progress = None,
    cancel: Callable[[], bool] | None = None,
) -> list[importer.Outcome]:
    """Import each file in its own transaction; refused files are reported, the others still land."""
    require_role(actor, WRITERS, "导入数据包")
    if not keys.has_keystore(paths):
        keys.load_keystore(paths, "")  # explains what to run first
    pair = keys.load_keystore(paths, secret())
    outcomes: list[importer.Outcome] = []
    for number, path in enumerate(files, 1):
        if cancel and cancel():
            break
        if progress:
            progress(f"正在导入第{number}/{len(files)}个：{path.name}")
        outcome = _import_file(db, paths, pair, path, actor)
        outcomes.append(outcome)
        if outcome.status == "applied":
            outcomes.extend(importer.release_held(db, paths, pair, actor.username))
    return outcomes


def _import_file(
    db: Database, paths: DataPaths, pair: keys.KeyPair, path: Path, actor: Actor
) -> importer.Outcome:
    """One file's outcome; whatever goes wrong with it (even a bug) is its own refusal, never the
    others': each file is its own transaction, so the ones after it are still tried."""
    try:
        return importer.import_one(db, paths, pair, importer.read_file(path), path.name, actor.username)
    except UserError as exc:  # a BundleError, an undecryptable payload, a full disk …
        return importer.Outcome(path.name, "refused", message=str(exc))
    except Exception as exc:
        log.sync.error("importing %s failed", path, exc_info=exc)
        failure = environment_failure(exc) or f"程序内部错误（{type(exc).__name__}），详细信息已记入日志"
        return importer.Outcome(path.name, "refused", message=f"未能导入：{failure}")


@dataclass(frozen=True)
class QueueCounts:
    quarantined: int
    conflicts: int
    duplicates: int


def queue_counts(db: Database) -> QueueCounts:
    """Open items in the county's review queues (for the status bar and the sync screen)."""
    with db.uow("reader") as uow:
        s = uow.session
        q = len(s.execute(select(SyncQuarantine.id).where(SyncQuarantine.status == "open")).all())
        c = len(s.execute(select(SyncConflict.id).where(SyncConflict.status == "open")).all())
        d = len(s.execute(select(SyncDuplicate.id).where(SyncDuplicate.status == "open")).all())
    return QueueCounts(q, c, d)


def review_items(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Open conflicts, duplicate ID numbers and quarantined households, for the county's review screen."""
    with db.uow("reader") as uow:
        return resolve.open_items(uow.session)


def resolve_conflict(db: Database, actor: Actor, conflict_id: int, keep: str) -> None:
    """Keep the county's ("county") or the station's ("station") values; the result travels back down."""
    require_role(actor, COUNTY_ROLES, "处理同步冲突")
    with db.uow(actor.username) as uow:
        resolve.resolve_conflict(uow.session, conflict_id, actor.username, keep)
        uow.commit()


def resolve_duplicate(db: Database, actor: Actor, duplicate_id: int, note: str) -> None:
    require_role(actor, COUNTY_ROLES, "核查重复人员")
    with db.uow(actor.username) as uow:
        resolve.resolve_duplicate(uow.session, duplicate_id, actor.username, note)
        uow.commit()


def discard_quarantine(db: Database, actor: Actor, item_id: int) -> None:
    require_role(actor, COUNTY_ROLES, "处理隔离记录")
    with db.uow(actor.username) as uow:
        resolve.discard_quarantine(uow.session, item_id, actor.username)
        uow.commit()
