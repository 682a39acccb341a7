"""`jiuzhu user add|list|passwd|disable|enable`: the installation's accounts from the command line.

A password never travels as an argument (other users of the computer see the command line): it is read
from ``--password-file`` or asked twice on the terminal; without a terminal the verb refuses.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli_secrets import read_password
from app.cli_unlock import open_cli_database
from app.domain.codes import Role
from app.errors import UserError
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.services.setup.accounts import Account

EXIT_OK = 0
Handler = Callable[[argparse.Namespace, DataPaths], int]
ROLES = [role.value for role in Role]


def without_password_file(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``common`` less its ``--password-file`` (the unlocking account's): on ``user add`` and ``user
    passwd`` that option is the new password; unlock with ``jiuzhu --password-file F user …`` or the
    environment instead."""
    parent = argparse.ArgumentParser(add_help=False)
    for action in common._actions:
        if "--password-file" not in action.option_strings:
            parent._add_action(action)
    return parent


def add_verbs(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> dict[str, Handler]:
    p = sub.add_parser("user", parents=[common], help="add, list, disable and enable accounts")
    verbs = p.add_subparsers(dest="user_verb", metavar="ACTION", required=True)
    q = verbs.add_parser(
        "add",
        parents=[without_password_file(common)],
        allow_abbrev=False,
        help="add an account with an initial password",
    )
    q.add_argument("username", metavar="USERNAME")
    q.add_argument("--role", required=True, choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    q.add_argument("--name", required=True, metavar="NAME", help="the user's full name")
    q.add_argument("--area", metavar="CODE", help="area code (a village for village_cadre; default: here)")
    q.add_argument("--password-file", type=Path, metavar="F", help="first line: the initial password")
    verbs.add_parser("list", parents=[common], allow_abbrev=False, help="list the accounts")
    q = verbs.add_parser(
        "passwd",
        parents=[without_password_file(common)],
        allow_abbrev=False,
        help="set a new password (changed at next sign-in)",
    )
    q.add_argument("username", metavar="USERNAME")
    q.add_argument("--password-file", type=Path, metavar="F", help="first line: the new password")
    for name, text in (("disable", "stop an account from signing in"), ("enable", "let it sign in again")):
        q = verbs.add_parser(name, parents=[common], allow_abbrev=False, help=text)
        q.add_argument("username", metavar="USERNAME")
    return {"user": _user}


def _area(text: str | None, here: str) -> str:
    from app.domain.areas import full_code

    if text is None:
        return here
    code = text.strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise UserError(f"地区代码应为6、9或12位数字，收到“{code}”", field="--area")
    return full_code(code)


def _user(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.context import system_actor
    from app.services.setup import accounts, installation

    password = None
    if args.user_verb in ("add", "passwd"):
        password = read_password(args.password_file)
    db = open_cli_database(args, paths)
    try:
        with db.uow("cli") as uow:
            actor = system_actor(installation.require(uow.session).county_code)
        with db.uow(actor.username) as uow:
            if args.user_verb == "list":
                for a in accounts.list_users(uow, actor):
                    fields = (a.username, a.display_name, a.role.value, a.area_code, a.area_name, _state(a))
                    print("\t".join(fields))
                return EXIT_OK
            if args.user_verb == "add":
                assert password is not None
                here = installation.scope_code(installation.require(uow.session))
                done = accounts.add_user(
                    uow,
                    actor,
                    username=args.username,
                    display_name=args.name,
                    role=Role(args.role),
                    area_code=_area(args.area, here),
                    password=password,
                )
                message = (
                    f"已添加用户 {done.username}（{done.display_name}，{done.role.label}，{done.area_name}）"
                )
                message += "，首次登录时须修改密码"
            elif args.user_verb == "passwd":
                assert password is not None
                accounts.reset_password(uow, actor, args.username, password)
                message = f"已为 {args.username} 设置新密码，下次登录时须修改密码"
            else:
                enable = args.user_verb == "enable"
                accounts.set_active(uow, actor, args.username, enable)
                message = f"已{'启用' if enable else '停用'}用户 {args.username}"
            uow.commit()
    finally:
        db.dispose()
    print(message)
    return EXIT_OK


def _state(account: Account) -> str:
    if not account.own:  # received from a station with its data: listed, managed only there
        return f"{account.office}的账户（只读{'' if account.active else '，停用'}）"
    if not account.active:
        return "停用"
    if account.locked:
        return "锁定"
    return "须改密码" if account.must_change_password else "启用"
