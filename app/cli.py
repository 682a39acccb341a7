"""The command-line verbs: parse, call a service, print, exit code (0 done, 1 refused, 2 usage).

The verbs, their options and exit codes are a contract the county's scripts rely on.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__, clock, log
from app.cli_unlock import add_options as add_unlock_options
from app.cli_unlock import open_cli_database
from app.cli_unlock import settle as settle_unlock
from app.errors import NotSetUp, UserError
from app.paths import DataPaths, resolve

if TYPE_CHECKING:
    from app.models.db import Database
    from app.services.context import Actor

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return value


def _day(text: str) -> date:
    try:
        return clock.parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    # The options may stand before or after the verb: before it they land in global_*,
    # after it in the verb's own (suppressed when absent, so neither erases the other).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (else $JIUZHU_DATA_DIR, else per-user)",
    )
    common.add_argument(
        "--database-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL (e.g. postgresql+psycopg://…)",
    )
    add_unlock_options(common, verb_level=True)
    parser = argparse.ArgumentParser(prog="jiuzhu", description="救助通: township social-assistance casework")
    add_unlock_options(parser, verb_level=False)
    parser.add_argument(
        "--data-dir",
        dest="global_data_dir",
        metavar="DIR",
        help="data folder (else $JIUZHU_DATA_DIR, else per-user)",
    )
    parser.add_argument(
        "--database-url",
        dest="global_database_url",
        metavar="URL",
        help="database URL (e.g. postgresql+psycopg://…)",
    )
    parser.add_argument("--version", action="version", version=f"jiuzhu {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")

    sub.add_parser("gui", parents=[common], help="start the desktop app (the default)")

    p = sub.add_parser("init", parents=[common], help="create an installation")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--county", metavar="CODE", help="6-digit county code: the county master")
    target.add_argument("--township", metavar="CODE", help="9-digit township code: a township station")
    p.add_argument("--name", help="name of the county or township")
    secret = p.add_mutually_exclusive_group()
    secret.add_argument(
        "--admin-password-file",
        type=Path,
        metavar="F",
        help="first line: the admin account's password (else asked twice on the terminal)",
    )
    secret.add_argument(
        "--admin-password", metavar="PW", help="deprecated: visible to other users; use --admin-password-file"
    )

    p = sub.add_parser("demo", parents=[common], help="fill the installation with a deterministic demo")
    p.add_argument("--households", type=_positive, default=3000, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the demo is built around (default: today)",
    )

    p = sub.add_parser("areas", parents=[common], help="list areas, or import a division list")
    p.add_argument("--import", dest="import_file", metavar="FILE.csv", type=Path)

    p = sub.add_parser("stats", parents=[common], help="counts of households, persons, cases")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("check", parents=[common], help="integrity, audit chain and audit-finding checks")
    p.add_argument(
        "--full", action="store_true", help="PRAGMA integrity_check (indexes too) instead of quick_check"
    )

    p = sub.add_parser("backup", parents=[common], help="online backup of the database")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")

    from app.cli_users import without_password_file

    p = sub.add_parser(
        "recover",
        parents=[without_password_file(common)],
        allow_abbrev=False,
        help="reset an administrator's password with the recovery key",
    )
    p.add_argument("--recovery-key-file", type=Path, required=True, metavar="K", help="first line: the key")
    p.add_argument("--account", default="admin", metavar="NAME", help="the administrator (default admin)")
    p.add_argument("--password-file", type=Path, metavar="F", help="first line: the new password")

    sub.add_parser(
        "encrypt",
        parents=[common],
        help="encrypt a plain database left by an older version (after a copy); prints the recovery key",
    )

    p = sub.add_parser("restore", parents=[common], help="replace the database with a backup")
    p.add_argument("file", type=Path, metavar="FILE")
    for module in _extensions():
        VERBS.update(module.add_verbs(sub, common))
    return parser


# Verb groups of other areas (printing, sync, ledgers, county): each module offers
# ``add_verbs(sub, common) -> {verb: handler}`` and imports nothing heavy at module level.
EXTENSIONS = ("app.cli_print", "app.cli_sync", "app.cli_ledger", "app.cli_county", "app.cli_users")


class ExtensionError(RuntimeError):
    """A verb group cannot be imported: a broken install or a frozen build that left it out."""

    def __init__(self, module: str, cause: BaseException) -> None:
        super().__init__(f"命令模块 {module} 无法加载（{type(cause).__name__}: {cause}），程序安装不完整")
        self.module = module


def _extensions() -> list[Any]:
    """Every verb group; one that cannot be imported is an error, never a silent loss of its verbs."""
    found = []
    for name in EXTENSIONS:
        try:
            found.append(importlib.import_module(name))
        except ImportError as exc:
            raise ExtensionError(name, exc) from exc
    return found


def run(argv: list[str]) -> int:
    try:
        parser = build_parser()
    except ExtensionError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    verb = args.verb or "gui"
    args.data_dir = getattr(args, "data_dir", None) or args.global_data_dir
    args.database_url = getattr(args, "database_url", None) or args.global_database_url
    settle_unlock(args)
    handler: Callable[[argparse.Namespace, DataPaths], int] = VERBS[verb]
    paths: DataPaths | None = None
    unraisable = sys.unraisablehook
    sys.unraisablehook = _log_unraisable
    try:
        paths = resolve(args.data_dir)
        if verb != "gui":
            _start_log(paths)
            if paths.root.exists() and not paths.root.is_dir():
                raise UserError(f"数据目录 {paths.root} 不是文件夹")
        return handler(args, paths)
    except NotSetUp as exc:
        print(f"错误：{exc}（请先运行 jiuzhu init 或 jiuzhu demo）", file=sys.stderr)
        return EXIT_REFUSED
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("已中断：该操作没有完成", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the environment's fault, or a bug: a message, never a traceback
        print(f"错误：{failure_message(exc, verb, paths)}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        sys.unraisablehook = unraisable
        log.shutdown()


def _log_unraisable(info: Any) -> None:
    """Errors in finalizers (a half-written workbook collected after a refusal) go to the log, not
    to the user's terminal as an "Exception ignored" traceback."""
    log.cli.warning("ignored in %r: %s", info.object, info.exc_value, exc_info=info.exc_value)


def _start_log(paths: DataPaths) -> Path | None:
    """The data folder's log file, when the folder exists and can hold one."""
    try:
        if paths.root.is_dir():
            log.setup(paths.logs)
            return log.log_file(paths.logs)
    except OSError:
        pass
    log.setup(None)
    return None


def failure_message(exc: BaseException, verb: str, paths: DataPaths | None) -> str:
    """What to tell the user about an exception no service turned into a UserError.

    A failure of the environment (a file, a disk, the database server) is said in its own words;
    anything else is a bug: its traceback goes to the log file and the message says where.
    """
    from app.failures import environment_failure

    cause = environment_failure(exc)
    if cause is not None:
        log.cli.warning("%s failed: %s", verb, cause, exc_info=exc)
        return cause
    written = _start_log(paths) if paths is not None else None
    log.cli.error("unexpected error in %s", verb, exc_info=exc)
    where = f"详细信息已记入日志 {written}" if written else "数据目录不可用，详细信息未能记入日志"
    return f"程序内部错误（{type(exc).__name__}），操作没有完成；{where}，请交给技术支持人员"


def _gui(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.views.app import run_gui

    return run_gui(paths, args.database_url)


def open_as_administrator(args: argparse.Namespace, paths: DataPaths) -> tuple[Database, Actor]:
    """The installation's database, and the command line acting as its administrator."""
    from app.services.context import system_actor
    from app.services.setup.installation import require

    db = open_cli_database(args, paths)
    try:
        with db.uow("cli") as uow:
            county = require(uow.session).county_code
    except BaseException:
        db.dispose()
        raise
    return db, system_actor(county)


def _init(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.cli_secrets import read_password
    from app.domain.codes import InstallationKind
    from app.services.setup.installation import check_code, initialise, new_keys, open_database

    if args.county:
        kind, code = InstallationKind.COUNTY, args.county
    else:
        kind, code = InstallationKind.STATION, args.township
    check_code(kind, code)  # before asking for a password
    if args.admin_password is not None:
        print(
            "警告：--admin-password 中的密码在本机其他用户的进程列表中可见，请改用 --admin-password-file",
            file=sys.stderr,
        )
        password = args.admin_password
    else:
        password = read_password(args.admin_password_file, "--admin-password-file")
    key, recovery = (None, "") if args.database_url else new_keys(paths)
    db = open_database(paths, args.database_url, create=True, key=key)
    try:
        result = initialise(db, kind=kind, code=code, name=args.name, admin_password=password)
    finally:
        db.dispose()
    what = "县级主库" if result.kind is InstallationKind.COUNTY else "乡镇工作站"
    print(f"已创建{what}：{result.name}（{result.code}），数据目录：{paths.root}")
    print("管理员账户：admin（密码为您设定的密码）")
    if recovery:
        print_recovery_key(recovery)
    return EXIT_OK


def print_recovery_key(recovery: str) -> None:
    """The recovery key, shown this once: the database is encrypted, and it resets the admin password."""
    print("数据库已加密。恢复密钥（只显示这一次，请抄写或打印后锁入保险柜；忘记管理员密码时凭它重设）：")
    print(f"    {recovery}")


def _demo(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.cli_unlock import unlock_key
    from app.demo.run import run_demo
    from app.services.setup.installation import new_keys

    recovery, key = "", None
    if args.database_url is None and not paths.database.exists():
        key, recovery = new_keys(paths, demo=True)  # a new demo: encrypted like any installation
    else:
        key = unlock_key(args, paths)
    report = run_demo(
        paths, args.database_url, households=args.households, seed=args.seed, today=args.today, key=key
    )
    for line in report:
        print(line)
    if recovery:
        print_recovery_key(recovery)
    return EXIT_OK


def _areas(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.setup import areas

    db, actor = open_as_administrator(args, paths)
    try:
        with db.uow(actor.username) as uow:
            if args.import_file:
                res = areas.import_csv(uow, actor, args.import_file)
                uow.commit()
                print(f"已导入区划：新增{res.added}个，更名{res.renamed}个，未变{res.unchanged}个")
                return EXIT_OK
            for area in areas.list_areas(uow, actor):
                print(f"{area.code}\t{area.level}\t{area.name}\t{area.parent_code or ''}")
    finally:
        db.dispose()
    return EXIT_OK


def _stats(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.domain.workflow import CaseState
    from app.services.context import system_actor
    from app.services.reports.stats import stats
    from app.services.setup import installation

    db = open_cli_database(args, paths)
    try:
        with db.uow("cli") as uow:
            actor = system_actor(installation.require(uow.session).county_code)
            data = stats(uow, actor)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return EXIT_OK
    print(f"家庭户数\t{data['households']}")
    print(f"人数\t{data['persons']}")
    print(f"在保户数\t{data['active_benefits']}")
    for state, count in data["cases"].items():
        label = CaseState(state).label if state in CaseState._value2member_map_ else state
        print(f"{label}\t{count}")
    return EXIT_OK


def _check(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.context import system_actor
    from app.services.reports.checks import run_all
    from app.services.setup import installation

    db = open_cli_database(args, paths)
    try:
        with db.uow("check") as uow:
            actor = system_actor(installation.require(uow.session).county_code)
            report = run_all(uow, actor, full=args.full)
    finally:
        db.dispose()
    for line in report.lines():
        print(line)
    return EXIT_REFUSED if report.severe else EXIT_OK


def _backup(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.setup.backup import backup

    db, actor = open_as_administrator(args, paths)
    try:
        with db.uow(actor.username) as uow:
            done = backup(uow, actor, paths, args.out, db.key)
            uow.commit()
    finally:
        db.dispose()
    print(f"已备份到 {done.path}（{done.households}户，{done.persons}人）")
    return EXIT_OK


def _restore(args: argparse.Namespace, paths: DataPaths) -> int:
    """An encrypted installation: unlocked by its administrator, and the backup must open with its key.
    A data folder without a database (a new PC): an encrypted backup opens with its own key slots and
    the administrator's account and password of the backup."""
    from app.cli_unlock import credentials
    from app.services.setup import installation
    from app.services.setup.backup import restore

    key, user = None, None
    if paths.database.exists() and installation.is_encrypted(paths):  # from the slots: the database may be
        user, password = credentials(args)  # damaged, and the role is checked in the backup restored
        key = installation.unlock(paths, user, password)
    safety = restore(paths, args.file, key=key, account=user, credentials=lambda: credentials(args))
    print(f"已从 {args.file} 恢复数据库")
    if safety:
        print(f"原数据库已另存为 {safety}")
    return EXIT_OK


def _recover(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.cli_secrets import read_password
    from app.services.setup.recovery import reset_with_recovery_key

    if args.database_url is not None:
        raise UserError("数据库服务器上的账户由服务器管理员管理，本命令只用于数据目录中加密的数据库")
    if not paths.database.exists():
        raise UserError(f"数据目录 {paths.root} 中还没有救助通数据库")
    recovery = read_password(args.recovery_key_file, "--recovery-key-file")
    password = read_password(args.password_file)
    reset_with_recovery_key(paths, recovery, args.account, password)
    print(f"已用恢复密钥为管理员 {args.account} 设置新密码")
    return EXIT_OK


def _encrypt(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.setup import installation

    if args.database_url is not None:
        raise UserError("数据库服务器上的数据由服务器自身的加密和权限保护，本命令只加密数据目录中的数据库")
    if not paths.database.exists():
        raise UserError(f"数据目录 {paths.root} 中还没有救助通数据库")
    if not installation.needs_encryption(paths):
        raise UserError(f"数据目录 {paths.root} 中的数据库已经加密")
    recovery = installation.encrypt(paths, recovery=True)
    print(f"已加密数据库 {paths.database}，各账户仍用原来的密码登录；加密前的副本已存入 {paths.backups}")
    print_recovery_key(recovery)
    return EXIT_OK


VERBS: dict[str, Callable[[argparse.Namespace, DataPaths], int]] = {
    "gui": _gui,
    "init": _init,
    "demo": _demo,
    "areas": _areas,
    "stats": _stats,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
    "encrypt": _encrypt,
    "recover": _recover,
}
