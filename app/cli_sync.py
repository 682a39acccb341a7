"""Sync verbs: station add/list/revoke and join (keys), export-bundle and import-bundle (USB bundles)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_secrets import on_terminal
from app.domain.codes import BundleStatus, KeyStatus
from app.errors import UserError
from app.fileio import cause
from app.paths import DataPaths
from app.sync.results import BundleResult, ReceiptCounts, UpResult

if TYPE_CHECKING:
    from app.models.db import Database
    from app.services.context import Actor

Handler = Callable[[argparse.Namespace, DataPaths], int]


def add_verbs(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    secret = {"metavar": "F", "type": Path, "help": "read the passphrase from F (else asked on the terminal)"}
    p = sub.add_parser("station", parents=[common], help="county: register, list or revoke township stations")
    actions = p.add_subparsers(dest="station_action", metavar="ACTION", required=True)
    a = actions.add_parser(
        "add", parents=[common], help="register a township and write its provisioning file"
    )
    a.add_argument("--code", required=True, metavar="CODE", help="9-digit township code")
    a.add_argument("--out", required=True, type=Path, metavar="FILE", help="the provisioning file to write")
    a.add_argument("--passphrase-file", **secret)
    a.add_argument(
        "--key-passphrase-file",
        metavar="F",
        type=Path,
        help="passphrase of the county's own keys (asked only when they are first made)",
    )
    actions.add_parser("list", parents=[common], help="stations, their keys and sync status")
    r = actions.add_parser("revoke", parents=[common], help="revoke a station's keys (a lost laptop)")
    r.add_argument("--code", required=True, metavar="CODE")
    r = actions.add_parser(
        "accept-audit",
        parents=[common],
        help="accept once the audit break for which a station's bundle is held (after looking into it)",
    )
    r.add_argument("--code", required=True, metavar="CODE")
    p = sub.add_parser(
        "join", parents=[common], help="station: install the provisioning file from the county"
    )
    p.add_argument("--provision", required=True, type=Path, metavar="FILE")
    p.add_argument("--passphrase-file", **secret)
    p = sub.add_parser("export-bundle", parents=[common], help="write the next sync bundle to a folder")
    p.add_argument("--out", required=True, type=Path, metavar="DIR")
    p.add_argument("--station", metavar="CODE", help="county: the return bundle for this station")
    p.add_argument("--passphrase-file", **secret)
    p = sub.add_parser("import-bundle", parents=[common], help="import sync bundles")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--passphrase-file", **secret)
    return {"station": _station, "join": _join, "export-bundle": _export, "import-bundle": _import}


def read_secret(
    file: Path | None, prompt: str, *, confirm: bool = False, option: str = "--passphrase-file"
) -> str:
    """A passphrase from the first line of ``file``, else from the terminal (twice for a new one).

    Without a terminal (a script, a scheduled task, stdin closed) nobody can answer: refused with
    the option to use instead of waiting or failing on the closed input.
    """
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UserError(f"无法读取口令文件 {file}：{cause(exc, 'read')}") from None
        except UnicodeDecodeError:
            raise UserError(f"口令文件 {file} 不是UTF-8文本") from None
        if not lines or not lines[0]:
            raise UserError(f"口令文件 {file} 为空")
        return lines[0]
    if not on_terminal():
        raise UserError(f"需要口令，但没有可输入口令的终端：请用 {option} F 指定口令文件（第一行为口令）")
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("请再输入一次：") != first:
            raise UserError("两次输入的口令不一致")
    except EOFError:
        raise UserError(f"未输入口令（也可用 {option} F 指定口令文件）") from None
    if not first:
        raise UserError("未输入口令")
    return first


def _asker(args: argparse.Namespace, prompt: str) -> Callable[[], str]:
    def ask() -> str:
        return read_secret(args.passphrase_file, prompt)

    return ask


def _open(args: argparse.Namespace, paths: DataPaths) -> tuple[Database, Actor]:
    from app.cli import open_as_administrator

    return open_as_administrator(args, paths)


def _station(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.sync import queues, stations

    db, actor = _open(args, paths)
    try:
        with db.uow(actor.username) as uow:
            if args.station_action == "add":

                def secret() -> str:
                    return read_secret(args.passphrase_file, "请为配置文件设置口令：", confirm=True)

                def key_secret() -> str:
                    return read_secret(
                        args.key_passphrase_file,
                        "本机尚无县级同步密钥，请设置县级密钥口令：",
                        confirm=True,
                        option="--key-passphrase-file",
                    )

                info = stations.add_station(uow, actor, paths, args.code, args.out, secret, key_secret)
                uow.commit()
                print(f"已登记乡镇工作站 {info.code}（{info.name}），密钥编号 {info.key_id}")
                print(f"配置文件：{args.out}（请将文件与口令分开交给乡镇，口令勿随U盘传递）")
            elif args.station_action == "list":
                print("代码\t名称\t状态\t密钥编号\t已收到序号\t最近导入\t暂存\t隔离\t冲突\t摘要")
                for s in stations.list_stations(uow, actor):
                    status = "有效" if s.status is KeyStatus.ACTIVE else "已吊销"
                    print(
                        f"{s.code}\t{s.name}\t{status}\t{s.key_id}\t{s.last_seq}\t{s.last_import}\t"
                        f"{s.held}\t{s.quarantined}\t{s.conflicts}\t{DIGEST.get(s.drift, '')}"
                    )
                counts = queues.queue_counts(uow, actor)
                print(f"待核查重复身份证：{counts.duplicates}")
            elif args.station_action == "accept-audit":
                stations.accept_audit_break(uow, actor, args.code)
                uow.commit()
                print(f"已接受乡镇工作站 {args.code} 审计链的断裂（仅此一次），请重新导入其暂存的数据包")
            else:
                revoked = stations.revoke_station(uow, actor, args.code)
                uow.commit()
                info = revoked.station
                print(f"已吊销乡镇工作站 {info.code}（{info.name}）的密钥，此后该密钥签名的数据包一律拒绝")
                if revoked.dropped:
                    print(f"已丢弃该站暂存的数据包 {revoked.dropped} 个")
                print(f"重新配置：jiuzhu station add --code {info.code} --out FILE")
    finally:
        db.dispose()
    return 0


def _join(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.sync import stations

    db, actor = _open(args, paths)
    try:
        with db.uow(actor.username) as uow:
            ask = _asker(args, "请输入配置文件的口令：")
            result = stations.join(uow, actor, paths, args.provision, ask)
            uow.commit()
    finally:
        db.dispose()
    print(f"本站 {result.code} 已加入 {result.county_name or result.county} 的同步")
    print(f"下一个上报数据包为第{result.next_seq}号，将包含本站现有的全部数据")
    return 0


def _export(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.sync import transfer

    db, actor = _open(args, paths)
    try:
        with db.uow(actor.username) as uow:
            ask = _asker(args, "请输入同步密钥口令：")
            done = transfer.export_bundle(uow, actor, paths, ask, args.out, station=args.station)
            uow.commit()
    finally:
        db.dispose()
    if done is None:
        print("没有需要发送的内容" if args.station is None else f"没有需要下发给 {args.station} 的内容")
        return 0
    what = "上报数据包" if done.kind == "up" else "回执数据包"
    print(f"已导出{what}第{done.seq}号（{done.records}条记录）：{done.path}")
    return 0


DIGEST = {"match": "一致", "mismatch": "不一致，将重新全量同步", "pending": "有变更在途，暂不核对"}


def describe(result: BundleResult | None) -> str:
    """What an applied bundle did, in one line."""
    digest = DIGEST.get(result.digest, "") if result is not None else ""
    if isinstance(result, UpResult):  # an up bundle at the county
        return (
            f"接收{result.accepted_total}条，未变{result.unchanged}条，删除{result.deleted}条，"
            f"隔离{len(result.quarantined)}户（{result.quarantined_records}条），"
            f"冲突 软{result.soft_conflicts}/硬{result.hard_conflicts}，"
            f"重复身份证{result.duplicates}个；摘要{digest}"
        )
    rc = result.receipts if result is not None else ReceiptCounts()
    written = result.written_total if result is not None else 0
    merged = result.merged if result is not None else 0
    return (
        f"回执{rc.bundles}个（接收{rc.accepted}、重复{rc.duplicate}、"
        f"冲突{rc.conflict}、隔离{rc.quarantined}），县级记录{written}条，"
        f"合并{merged}条；摘要{digest}"
    )


def _import(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.sync import transfer

    db, actor = _open(args, paths)
    try:
        with db.uow(actor.username) as uow:
            ask = _asker(args, "请输入同步密钥口令：")
            imported = transfer.import_bundles(uow, actor, paths, ask, args.files)
            uow.commit()
    finally:
        db.dispose()
    for o in imported.outcomes:
        if o.status is BundleStatus.APPLIED:
            print(f"已导入 {o.file}（{o.sender} 第{o.seq}号）：{describe(o.result)}")
        elif o.status is BundleStatus.HELD:
            print(f"已暂存 {o.file}（{o.sender} 第{o.seq}号）：{o.message or '等待前面的数据包'}")
        elif o.status is BundleStatus.REPLAY:
            print(f"重复导入 {o.file}（{o.sender} 第{o.seq}号已导入过），未作任何改动")
            print(f"  当时的结果：{describe(o.result)}")
        else:
            print(f"错误：{o.file}：{o.message}", file=sys.stderr)
    return 1 if imported.refused else 0
