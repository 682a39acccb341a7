"""Import a bundle: verify the signature, then the addressing and the sequence, then decrypt and apply."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app import log
from app.domain.codes import BundleStatus, InstallationKind, KeyStatus
from app.fileio import cause, write_atomically
from app.models.sync import SyncBundle, SyncKey, SyncPeer
from app.paths import DataPaths, private_dir
from app.sync import anchor, state, stream
from app.sync import format as fmt
from app.sync.apply_down import DownApplier
from app.sync.apply_up import UpApplier, UpContext
from app.sync.keys import KeyPair
from app.sync.payload import Batch, int_field
from app.sync.results import BundleResult, Outcome, result_from_dict


def read_file(path: Path) -> bytes:
    """The file's bytes, its size bounded before it is read."""
    try:
        if path.is_dir():
            raise fmt.BundleError(f"{path} 是文件夹，不是数据包")
        size = path.stat().st_size
        if size > fmt.MAX_BUNDLE_BYTES + fmt.MAX_HEADER_BYTES + 1024:
            raise fmt.BundleError(f"文件 {path.name} 过大，不是有效的数据包")
        with path.open("rb") as fh:
            return fh.read(size + 1)
    except OSError as exc:
        raise fmt.BundleError(f"无法读取文件 {path}：{cause(exc, 'read')}") from None


@dataclass(frozen=True)
class Checked:
    header: fmt.Header
    frame: fmt.Frame
    peer: SyncPeer


def verify(session: Session, data: bytes) -> Checked:
    """Everything that can be checked without decrypting; raises BundleError and writes nothing."""
    inst = state.installation(session)
    frame = fmt.unpack(data)
    key = session.get(SyncKey, frame.key_id)
    if key is None:
        raise fmt.BundleError("签名密钥未知：该数据包不是由本县登记的工作站或县级主库发出的，已拒绝")
    if key.peer_code == inst.code:
        raise fmt.BundleError("这是本机自己导出的数据包，应在对方的电脑上导入")
    if key.status == KeyStatus.REVOKED:
        raise fmt.BundleError(f"发送方 {key.peer_code} 的密钥已被吊销，该数据包已拒绝")
    if key.status != KeyStatus.ACTIVE:
        raise fmt.BundleError(f"发送方 {key.peer_code} 使用的是已更换的旧密钥，请让对方重新导出")
    if not state.public_of(key).verify(frame.signature, frame.signed):
        raise fmt.BundleError("签名无效：文件被改动或损坏，已拒绝")
    header = fmt.Header.from_bytes(frame.header_bytes)
    fmt.check_payload(frame, header)
    if header.sender != key.peer_code:
        raise fmt.BundleError("数据包的发送方与签名密钥不符，已拒绝")
    if header.recipient != inst.code:
        raise fmt.BundleError(f"该数据包是发给 {header.recipient} 的，不是本机（{inst.code}），已拒绝")
    if header.recipient_key != state.active_key(session, inst.code).key_id:
        raise fmt.BundleError(
            "该数据包不是用本机当前的密钥加密的（可能生成于重新配置之前），请让对方重新导出"
        )
    expected = "up" if inst.kind == InstallationKind.COUNTY else "down"
    if header.kind != expected:
        where = "乡镇工作站" if header.kind == "down" else "县级主库"
        raise fmt.BundleError(f"这是{'回执' if header.kind == 'down' else '上报'}数据包，应在{where}导入")
    peer = session.get(SyncPeer, header.sender)
    if peer is None or peer.status != KeyStatus.ACTIVE:
        raise fmt.BundleError(f"发送方 {header.sender} 未登记或已吊销，该数据包已拒绝")
    return Checked(header, frame, peer)


class Source(Protocol):
    """Where an import gets a bundle's document once the file has passed its checks
    (:class:`app.sync.ahead.ReadAhead` may have read it already)."""

    def document(self, signed: bytes, read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The document of the file whose signed header is ``signed``; ``read()`` reads it now."""
        ...

    def tables(self) -> dict[str, Batch] | None:
        """An up bundle's tables, if they were read (checked) ahead with its document."""
        ...

    def writing(self) -> None:
        """The bundle's rows are about to be written."""
        ...


def _decrypt(pair: KeyPair, checked: Checked, source: Source | None = None) -> dict[str, Any]:
    def read() -> dict[str, Any]:
        compressed = pair.decrypt(checked.frame.payload)  # no larger than the file
        return stream.read_payload(compressed, checked.header.plain_size)  # inflated as it is parsed

    doc = source.document(checked.frame.signed, read) if source is not None else read()
    if doc.get("bundle_id") != checked.header.bundle_id or doc.get("kind") != checked.header.kind:
        raise fmt.BundleError("数据包内容与头部不符，已拒绝")
    if doc.get("format") != fmt.FORMAT_VERSION:
        raise fmt.BundleError("数据包内容的格式版本不受支持")
    return doc


def _apply(
    session: Session, paths: DataPaths, pair: KeyPair, checked: Checked, actor: str, source: Source | None
) -> BundleResult:
    inst = state.installation(session)
    header, peer = checked.header, checked.peer
    doc = _decrypt(pair, checked, source)
    state.open_transaction(session)  # the whole bundle is one transaction, savepoints inside it
    ack = int_field(doc, "ack")
    result: BundleResult
    if inst.kind == InstallationKind.COUNTY:
        ctx = UpContext(session, paths, peer.code, inst.code, header.seq, actor)
        if source is not None:
            ctx.writing = source.writing
        from app.sync.drift import after_up

        anchor.check(session, peer.code, doc)  # before anything is written
        applied = UpApplier(ctx, doc, source.tables() if source is not None else None).run()
        result = applied.with_digest(after_up(session, peer, doc, ack))
        anchor.remember(session, peer.code, doc, header.seq)
    else:
        result = DownApplier(session, peer, inst.code, doc, actor).run()
    session.add(
        _received(
            checked,
            peer.code,
            status=BundleStatus.APPLIED,
            processed_at=state.now(),
            result=json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True),
        )
    )
    peer.in_seq, peer.in_hash, peer.last_in_at = header.seq, checked.frame.file_hash, state.now()
    session.flush()
    return result


def _received(checked: Checked, peer_code: str, **fields: Any) -> SyncBundle:
    """The record of a bundle received from ``peer_code`` (applied or held, per ``fields``)."""
    header = checked.header
    return SyncBundle(
        bundle_id=header.bundle_id,
        direction="in",
        peer_code=peer_code,
        kind=header.kind,
        seq=header.seq,
        file_hash=checked.frame.file_hash,
        prev_hash=header.prev_hash,
        created_at=state.now(),
        **fields,
    )


def _held_path(paths: DataPaths, header: fmt.Header, file_hash: str) -> Path:
    return paths.root / "sync" / "held" / f"{header.sender}-{header.seq:06d}-{file_hash[:12]}.jzb"


@contextmanager
def cycles_left_alone() -> Iterator[None]:
    """Python's cycle collector paused while a bundle is read and applied.

    It would walk the hundreds of thousands of rows again and again as they are made (a third of
    the parse), and rows hold no cycles; what cycles the session makes are collected once it is back
    on. Where automatic collection is off already (the desktop collects on its GUI thread, decision
    0003) it stays off.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@cycles_left_alone()
def import_one(
    session: Session,
    paths: DataPaths,
    pair: KeyPair,
    data: bytes,
    name: str,
    actor: str,
    source: Source | None = None,
) -> Outcome:
    """Import one bundle in ``session``; a refusal raises BundleError (the caller rolls its savepoint back).

    A bundle past a gap is kept under the data folder and recorded as held; it is applied by
    :func:`release_held` once the bundles before it have come. ``source`` gives the decrypted document
    once the file has passed its checks (one read ahead, :mod:`app.sync.ahead`); else it is read here.
    """
    checked = verify(session, data)
    header, peer = checked.header, checked.peer
    out = Outcome(name, BundleStatus.APPLIED, header.sender, header.seq)
    seen = session.execute(
        select(SyncBundle).where(
            SyncBundle.direction == "in", SyncBundle.peer_code == peer.code, SyncBundle.seq == header.seq
        )
    ).scalar_one_or_none()
    if seen is not None:
        if seen.file_hash != checked.frame.file_hash:
            what = "导入" if seen.status == BundleStatus.APPLIED else "暂存"
            raise fmt.BundleError(
                f"{peer.code} 的第{header.seq}号数据包已{what}过，但本文件内容不同（序号被重复使用），已拒绝"
            )
        waits = anchor.held_for_audit(seen) if seen.status == BundleStatus.HELD else ""
        if waits and not anchor.accepted(session, peer.code):
            out.status, out.message = BundleStatus.HELD, _audit_message(waits)
            return out
        if seen.status == BundleStatus.HELD and header.seq == peer.in_seq + 1:
            session.delete(seen)  # its turn has come: applied in this same transaction
            session.flush()
        else:
            out.status = BundleStatus.REPLAY if seen.status == BundleStatus.APPLIED else BundleStatus.HELD
            stored = json.loads(seen.result) if seen.result and not waits else {}
            out.result = result_from_dict(stored)
            return out
    if header.seq <= peer.in_seq:
        raise fmt.BundleError(f"{peer.code} 的第{header.seq}号数据包早已处理过（当前已到第{peer.in_seq}号）")
    if header.seq > peer.in_seq + 1:
        _decrypt(pair, checked, source)  # refuse now what could never be applied later
        _hold(session, paths, checked, data)
        out.status = BundleStatus.HELD
        out.message = f"缺少第{peer.in_seq + 1}号数据包，本包已暂存，补齐后自动导入"
        return out
    if header.prev_hash != (peer.in_hash or fmt.GENESIS):
        raise fmt.BundleError(f"{peer.code} 的第{header.seq}号数据包与上一号不衔接（前序哈希不符），已拒绝")
    try:
        out.result = _apply(session, paths, pair, checked, actor, source)
    except anchor.AuditHold as hold:
        _hold(session, paths, checked, data, json.dumps({"audit_hold": str(hold)}, ensure_ascii=False))
        out.status, out.message = BundleStatus.HELD, _audit_message(str(hold))
        log.sync.warning("bundle %s from %s held: its audit head breaks the chain", header.seq, header.sender)
        return out
    log.sync.info("applied %s bundle %s from %s", header.kind, header.seq, header.sender)
    return out


def _hold(session: Session, paths: DataPaths, checked: Checked, data: bytes, result: str = "") -> None:
    """Keep the bundle under the data folder and record it as held."""
    target = _held_path(paths, checked.header, checked.frame.file_hash)
    private_dir(target.parent)
    write_atomically(target, data)
    peer_code = checked.peer.code
    session.add(_received(checked, peer_code, status=BundleStatus.HELD, held_path=str(target), result=result))
    session.flush()


def _audit_message(why: str) -> str:
    return f"{why}。数据包未导入，已暂存，待县级管理员核实后决定是否接受"


def next_held(session: Session) -> Path | None:
    """The held bundle whose predecessor has arrived, if there is one (and no audit break waits on it)."""
    for bundle in session.execute(select(SyncBundle).where(SyncBundle.status == BundleStatus.HELD)).scalars():
        peer = session.get(SyncPeer, bundle.peer_code)
        if anchor.held_for_audit(bundle) and not anchor.accepted(session, bundle.peer_code):
            continue
        if peer is not None and bundle.seq == peer.in_seq + 1:
            return Path(bundle.held_path)
    return None


def release_held(
    session: Session, apply: Callable[[Path], Outcome], done_with: Callable[[Path], object]
) -> list[Outcome]:
    """Apply held bundles whose predecessor has now arrived, in sequence order.

    ``apply(path)`` imports one file in a savepoint of its own and returns its outcome (a refused one
    rather than raising); a held bundle that cannot be applied is dropped, not retried forever.
    ``done_with(path)`` is told of every held file that is no longer needed.
    """
    done: list[Outcome] = []
    while (path := next_held(session)) is not None:
        outcome = apply(path)
        if outcome.status == BundleStatus.REFUSED:
            session.execute(delete(SyncBundle).where(SyncBundle.held_path == str(path)))
            session.flush()
        log.sync.info("held bundle %s: %s", path.name, outcome.status)
        done_with(path)
        done.append(outcome)
    return done
