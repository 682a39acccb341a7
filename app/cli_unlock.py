"""Unlocking an encrypted installation from the command line: an administrator's account and password.

The password comes from ``--password-file F`` (first line), else ``$JIUZHU_PASSWORD_FILE``, else the
terminal; the account from ``--user NAME``, else ``$JIUZHU_USER``, else the terminal. Without a terminal a
missing one is refused (exit 1) naming the options. A plain database (before ``jiuzhu encrypt``) and a
database server (``--database-url``) open as before, without an account.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli_secrets import on_terminal
from app.errors import UserError
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.models.db import Database

ENV_USER, ENV_PASSWORD_FILE = "JIUZHU_USER", "JIUZHU_PASSWORD_FILE"
HOW = "请用 --user 与 --password-file（或环境变量 JIUZHU_USER、JIUZHU_PASSWORD_FILE）指定本机的管理员账户"


def add_options(parser: argparse.ArgumentParser, *, verb_level: bool) -> None:
    """``--user`` and ``--password-file``: before the verb (global) or after it (the verb's own)."""
    prefix = "" if verb_level else "global_"
    default = argparse.SUPPRESS if verb_level else None
    parser.add_argument(
        "--user", dest=f"{prefix}unlock_user", metavar="NAME", default=default,
        help=f"an administrator's account, to unlock an encrypted database (else ${ENV_USER})",
    )  # fmt: skip
    parser.add_argument(
        "--password-file", dest=f"{prefix}unlock_password_file", type=Path, metavar="F", default=default,
        help=f"first line: that account's password (else ${ENV_PASSWORD_FILE}, else asked)",
    )  # fmt: skip


def settle(args: argparse.Namespace) -> None:
    """Merge the verb's and the global options (the verb's win)."""
    args.unlock_user = getattr(args, "unlock_user", None) or args.global_unlock_user
    args.unlock_password_file = (
        getattr(args, "unlock_password_file", None) or args.global_unlock_password_file
    )


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """The account and password that unlock the database, from the options, the environment or a person."""
    user = (getattr(args, "unlock_user", None) or os.environ.get(ENV_USER) or "").strip()
    file = getattr(args, "unlock_password_file", None) or os.environ.get(ENV_PASSWORD_FILE)
    if not user or not file:
        if not on_terminal():
            raise UserError(f"数据库已加密，需要账户和密码才能打开：{HOW}")
        try:
            user = user or input("用户名：").strip()
            password = getpass.getpass(f"{user} 的密码：") if not file else ""
        except EOFError:
            raise UserError(f"未输入账户或密码：{HOW}") from None
        if not file:
            return user, password
    from app.cli_secrets import read_password

    return user, read_password(Path(file), "--password-file")


def open_cli_database(args: argparse.Namespace, paths: DataPaths) -> Database:
    """The installation's database for a verb; an encrypted one unlocked by an administrator's account."""
    from app.domain.codes import Role
    from app.services.setup import auth, installation

    url = args.database_url
    if url is not None or not installation.is_encrypted(paths):
        return installation.open_database(paths, url)
    user, password = _administrator(args, paths)
    db = installation.open_unlocked(paths, user, password)
    try:
        signed = auth.sign_in(db, user, password)  # disabled or locked-out accounts stop here too
        if signed.actor.role is not Role.ADMIN:
            raise UserError(f"账户 {user} 不是管理员：命令行须用管理员账户解锁")
    except BaseException:
        db.dispose()
        raise
    return db


def _administrator(args: argparse.Namespace, paths: DataPaths) -> tuple[str, str]:
    if not paths.database.exists():
        raise UserError(f"数据目录 {paths.root} 中还没有救助通数据库，请先运行 jiuzhu init 或 jiuzhu demo")
    return credentials(args)


def unlock_key(args: argparse.Namespace, paths: DataPaths) -> bytes | None:
    """The key of the data folder's encrypted database (checked as :func:`open_cli_database` does);
    None for a plain database or a server."""
    from app.services.setup import installation

    if args.database_url is not None or not installation.is_encrypted(paths):
        return None
    db = open_cli_database(args, paths)
    try:
        return db.key
    finally:
        db.dispose()
