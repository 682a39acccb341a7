"""Bundles on a USB stick: export the next one to a folder, import a station's or the county's bundles.

Both run in the caller's unit of work. A bundle is placed on the stick only once the bundle log that
knows of it is committed; each imported file is applied in a savepoint of its own, so a refused file
is reported and the others still land when the caller commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import log
from app.domain.codes import BundleStatus
from app.errors import UserError
from app.failures import environment_failure
from app.fileio import cause, require_folder, stage, write_atomically
from app.models import tracking
from app.models.db import UnitOfWork
from app.paths import DataPaths, private_dir
from app.services.context import COUNTY_ROLES, WRITERS, Actor, require_area, require_role
from app.services.sync.stations import Secret, station_area
from app.sync import export, export_down, importer, keys, state
from app.sync.ahead import ReadAhead
from app.sync.results import Outcome

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class Exported:
    """A bundle written: where, its sequence number, "up" or "down", for whom, how many records."""

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
    uow: UnitOfWork,
    actor: Actor,
    paths: DataPaths,
    secret: Secret,
    out_dir: Path,
    station: str | None = None,
    progress: Progress | None = None,
) -> Exported | None:
    """Write the next up bundle (a station) or the return bundle for ``station`` (the county) to ``out_dir``.

    The bundle is written and synced on the stick, and a copy kept in the data folder, before the
    bundle log is committed: a stick that is missing, read-only or full refuses the export with
    nothing recorded. It gets its name on the stick once the caller commits. The export is audited
    (who, where, which bundle, how many records and households). Returns None when there is nothing
    to send.
    """
    require_role(actor, WRITERS, "导出数据包")
    session = uow.session
    if station is None:
        inst = state.require_station(session, "导出上报数据包")
        require_area(actor, station_area(inst.code), "导出本站数据包")
        state.county_peer(session)
    else:
        require_role(actor, COUNTY_ROLES, "导出回执数据包")
        state.require_county(session, "导出回执数据包")
        peer = state.station_peer(session, station)
        require_area(actor, station_area(peer.code), "导出该乡镇的回执数据包")
    folder = _out_folder(out_dir)  # before the passphrase is asked
    pair = keys.load_keystore(paths, secret())
    if progress:
        progress(0, 0, "正在读取变更…")
    if station is None:
        built = export.build_up(session, paths, pair)
    else:
        built = export_down.build_down(session, paths, pair, station)
    if built is None:
        return None
    kept = paths.root / "sync" / "sent" / built.filename
    private_dir(kept.parent)
    sent = stage(folder / built.filename, built.data)
    try:
        write_atomically(kept, built.data)
        session.flush()
    except BaseException:
        sent.discard()
        raise

    def place() -> None:
        try:
            sent.place()
        except UserError as exc:
            raise UserError(f"数据包已生成，但{exc}；副本保存在 {kept}") from None

    def drop() -> None:
        sent.discard()
        kept.unlink(missing_ok=True)

    tracking.record_bulk(
        session,
        actor=actor.username,
        action="export",
        table="sync_bundle",
        summary={
            "file": str(sent.target),
            "kind": built.kind,
            "peer": built.peer,
            "seq": built.seq,
            "records": built.records,
            "households": int(built.summary.get("households", 0)),
        },
    )
    uow.after_commit(place)
    uow.after_rollback(drop)
    total = int(built.summary.get("digest", {}).get("total", 0))
    return Exported(sent.target, built.seq, built.kind, built.peer, built.records, total)


@dataclass(frozen=True)
class Imported:
    """Each file's outcome (held bundles released by a file follow it), and whether the run was stopped."""

    outcomes: list[Outcome]
    files: int
    stopped: bool = False

    def count(self, status: BundleStatus) -> int:
        return Counter(o.status for o in self.outcomes)[status]

    @property
    def refused(self) -> bool:
        return self.count(BundleStatus.REFUSED) > 0


def import_bundles(
    uow: UnitOfWork,
    actor: Actor,
    paths: DataPaths,
    secret: Secret,
    files: list[Path],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Imported:
    """Import each file in a savepoint of its own; refused files are reported, the others still land."""
    require_role(actor, WRITERS, "导入数据包")
    inst = state.installation(uow.session)
    require_area(actor, station_area(inst.code), "导入数据包")
    if not keys.has_keystore(paths):
        keys.load_keystore(paths, "")  # explains what to run first
    pair = keys.load_keystore(paths, secret())
    outcomes: list[Outcome] = []
    stopped = False
    with ReadAhead(uow.session, pair) as ahead:  # the next file read while this one is written
        for number, path in enumerate(files, 1):
            if cancel is not None and cancel():
                stopped = True
                break
            if progress:
                progress(number - 1, len(files), f"正在导入第{number}/{len(files)}个：{path.name}")
            then = files[number] if number < len(files) else None
            outcome = _import_file(uow, paths, pair, path, actor, ahead.source(path, then))
            outcomes.append(outcome)
            if outcome.status == BundleStatus.APPLIED:
                outcomes += importer.release_held(
                    uow.session,
                    lambda held: _import_file(uow, paths, pair, held, actor),
                    lambda held: uow.after_commit(lambda: held.unlink(missing_ok=True)),
                )
    if progress and not stopped:
        progress(len(files), len(files), "")
    return Imported(outcomes, len(files), stopped)


def _import_file(
    uow: UnitOfWork,
    paths: DataPaths,
    pair: keys.KeyPair,
    path: Path,
    actor: Actor,
    source: importer.Source | None = None,
) -> Outcome:
    """One file's outcome; whatever goes wrong with it (even a bug) is its own refusal, never the
    others': each file is its own savepoint, so the ones after it are still tried."""
    try:
        with uow.savepoint():
            return importer.import_one(
                uow.session, paths, pair, importer.read_file(path), path.name, actor.username, source
            )
    except UserError as exc:  # a BundleError, an undecryptable payload, a full disk …
        return Outcome(path.name, BundleStatus.REFUSED, message=str(exc))
    except Exception as exc:
        log.sync.error("importing %s failed", path, exc_info=exc)
        failure = environment_failure(exc) or f"程序内部错误（{type(exc).__name__}），详细信息已记入日志"
        return Outcome(path.name, BundleStatus.REFUSED, message=f"未能导入：{failure}")
