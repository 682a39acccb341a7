"""`jiuzhu import-ledger` and `jiuzhu export-ledger`: the townships' Excel ledgers in and out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.paths import DataPaths

if TYPE_CHECKING:
    from app.models.db import Database
    from app.services.context import Actor

EXIT_OK, EXIT_REFUSED = 0, 1
SHOWN_PROBLEMS = 50
Handler = Callable[[argparse.Namespace, DataPaths], int]


def add_verbs(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> dict[str, Handler]:
    p = sub.add_parser("import-ledger", parents=[common], help="import a township's Excel ledger (台账)")
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    p.add_argument(
        "--sheet", metavar="NAME", help="only this sheet (default: every sheet with a ledger header)"
    )
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument(
        "--accept-partial", action="store_true", help="import the valid households, list the others"
    )
    p.add_argument(
        "--create-villages", action="store_true", help="create unknown villages under this station's township"
    )
    p.add_argument(
        "--errors", type=Path, metavar="OUT.xlsx", help="write the problems beside the original rows"
    )
    p.add_argument("--verbose", "-v", action="store_true", help="list every change, not only the first ones")

    p = sub.add_parser("export-ledger", parents=[common], help="write the registry as an Excel ledger")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.add_argument("--village", metavar="CODE", help="only this village (12-digit code)")
    return {"import-ledger": _import, "export-ledger": _export}


def _system_actor(args: argparse.Namespace, paths: DataPaths) -> tuple[Database, Actor]:
    from app.cli_unlock import open_cli_database
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


def _import(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.intake.ledger import NEW_VILLAGE_HINT, ImportOptions, import_ledger, save_errors
    from app.spreadsheets.model import Severity

    db, actor = _system_actor(args, paths)
    options = ImportOptions(
        sheet=args.sheet,
        dry_run=args.dry_run,
        accept_partial=args.accept_partial,
        create_villages=args.create_villages,
    )
    try:
        with db.uow(actor.username) as uow:
            report = import_ledger(uow, actor, args.file, options)
            if report.written:
                uow.commit()
        if args.errors:  # the workbook copies ID numbers: written through the audited service
            with db.uow(actor.username) as uow:
                save_errors(uow, actor, args.errors, report)
                uow.commit()
    finally:
        db.dispose()
    shown = report.changes if args.verbose else report.changes[:SHOWN_PROBLEMS]
    for line in shown:
        print(line)
    if len(shown) < len(report.changes):
        print(f"……另有{len(report.changes) - len(shown)}处变更（加 --verbose 列出全部）")
    problems = [p for p in report.problems if p.severity is not Severity.INFO]
    for problem in problems[:SHOWN_PROBLEMS]:
        print(f"[{problem.severity.label}] {problem}", file=sys.stderr)
    if any(NEW_VILLAGE_HINT in p.reason for p in problems):
        print("如确为新村，可加 --create-villages 在本乡镇下新建", file=sys.stderr)
    if len(problems) > SHOWN_PROBLEMS:
        more = f"，全部见 {args.errors}" if args.errors else "（用 --errors OUT.xlsx 导出全部）"
        print(f"……另有{len(problems) - SHOWN_PROBLEMS}条{more}", file=sys.stderr)
    for line in report.summary():
        print(line)
    if report.errors and not report.written and not args.accept_partial:
        print("（加 --accept-partial 可只导入无误的户）")
    if args.errors:
        print(f"问题清单已写入 {args.errors}")
    return EXIT_REFUSED if report.errors and not args.accept_partial else EXIT_OK


def _export(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.intake.ledger import export_ledger

    db, actor = _system_actor(args, paths)
    try:
        with db.uow(actor.username) as uow:
            result = export_ledger(uow, actor, args.out, args.village)
            uow.commit()
    finally:
        db.dispose()
    print(f"已导出台账：{result.households}户{result.persons}人 → {result.path}")
    return EXIT_OK
