"""Printing verbs: ``jiuzhu notice`` (公示 for a village board) and ``jiuzhu print-form`` (case paperwork)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app import clock
from app.cli_unlock import open_cli_database
from app.paths import DataPaths
from app.printing.catalog import FORMS, NoticeKind, Paper

Handler = Callable[[argparse.Namespace, DataPaths], int]


def _date(text: str) -> date:
    try:
        return clock.parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_verbs(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    kinds = "、".join(f"{k.value}={k.label}" for k in NoticeKind)
    p = sub.add_parser(
        "notice",
        parents=[common],
        help="print a village's 公示 as PDF",
        description=f"打印村（居）公示。种类：{kinds}。",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--village", metavar="CODE", help="12-digit village code (or its exact name)")
    which.add_argument(
        "--all",
        action="store_true",
        help="every village that has something to post: one PDF each into the folder --out",
    )
    p.add_argument("--kind", required=True, choices=[k.value for k in NoticeKind])
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the notice's date (default: today)")
    p.add_argument("--paper", choices=[x.value for x in Paper], default=Paper.A4.value, help="default: a4")
    p.add_argument("--program", choices=["dibao", "tekun"], help="only this program (default: all)")
    p.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="FILE.pdf|DIR",
        help="the PDF; with --all, an existing folder",
    )

    listing = "\n".join(f"  {name:<14}{title}" for name, title in FORMS.items())
    p = sub.add_parser(
        "print-form",
        parents=[common],
        help="print a case form as PDF",
        description="打印案卷表格（按申请编号预填）。",
        epilog=f"form names:\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--case", required=True, metavar="CASE_NUMBER", help="e.g. 430623101-2026-000123")
    p.add_argument("--form", required=True, metavar="NAME", help="one of the form names below")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date the form is printed for")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    return {"notice": _notice, "print-form": _print_form}


def _run(args: argparse.Namespace, paths: DataPaths, make: Callable[[Any, Any], Any]) -> int:
    """Build the document as the administrator, write it and audit the export, in one unit of work."""
    from app.cli import EXIT_OK
    from app.services.cases import printing
    from app.services.context import system_actor
    from app.services.setup import installation

    db = open_cli_database(args, paths)
    try:
        with db.uow("cli") as uow:
            actor = system_actor(installation.require(uow.session).county_code)
            printed = make(uow, actor)
            out = printing.save(uow, actor, printed, args.out)
            uow.commit()
    finally:
        db.dispose()
    for warning in printed.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    print(f"已生成“{printed.title}”，共{printed.pages}页：{out}")
    return EXIT_OK


def _notice(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.domain.codes import Program
    from app.services.cases import printing

    kind, paper = NoticeKind(args.kind), Paper(args.paper)
    program = Program(args.program) if args.program else None
    on = args.date or clock.today()
    if args.all:
        return _notice_all(args, paths, kind, on, paper, program)
    return _run(
        args, paths, lambda uow, actor: printing.notice(uow, actor, args.village, kind, on, paper, program)
    )


def _print_form(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.cases import printing

    return _run(args, paths, lambda uow, actor: printing.form(uow, actor, args.case, args.form, args.date))


def _notice_all(
    args: argparse.Namespace, paths: DataPaths, kind: NoticeKind, on: date, paper: Paper, program: Any
) -> int:
    """One PDF per village with something to post, into the folder ``--out``; all or none written."""
    from app.cli import EXIT_OK
    from app.errors import UserError
    from app.services.cases import notice_batch
    from app.services.context import system_actor
    from app.services.setup import installation

    folder = Path(args.out).expanduser()
    if not folder.is_dir():
        raise UserError(f"--out 应为已存在的文件夹：{folder}")
    db = open_cli_database(args, paths)
    try:
        with db.uow("cli") as uow:
            actor = system_actor(installation.require(uow.session).county_code)
            notices = notice_batch.each_village(uow, actor, kind, on, paper, program)
            written = notice_batch.save_each(uow, actor, notices, folder)
            uow.commit()
    finally:
        db.dispose()
    warnings = sorted({w for n in notices for w in n.printed.warnings})
    for warning in warnings:
        print(f"警告：{warning}", file=sys.stderr)
    households = sum(n.printed.households for n in notices)
    for path in written:
        print(path)
    print(f"已生成{len(written)}个村（居）的{kind.label}，共{households}户：{folder}")
    return EXIT_OK
