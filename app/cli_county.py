"""County verbs: ``roster``, ``payment-run``, ``bank-return``, ``report``, ``match`` (refused on stations)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.money import yuan
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.fileio import Content
    from app.models.db import UnitOfWork
    from app.printing.output import Document
    from app.services.context import Actor

EXIT_OK = 0
SHOWN = 30
KINDS = ("death", "vehicle", "property", "business", "payroll", "fund")
Handler = Callable[[argparse.Namespace, DataPaths], int]


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"年份应为4位数字：{text}")
    return int(text)


def add_verbs(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    p = sub.add_parser(
        "roster", parents=[common], help="write the month's bank roster (发放名册) as xlsx/PDF"
    )
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    p.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also a printable PDF")
    p.add_argument("--masked", action="store_true", help="PDF for posting: ID and account numbers masked")

    p = sub.add_parser("payment-run", parents=[common], help="prepare (or --approve) the month's payment run")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--approve", action="store_true", help="approve and freeze the run (审批)")

    p = sub.add_parser("bank-return", parents=[common], help="import the bank's return file into the run")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("file", type=Path, metavar="FILE")

    p = sub.add_parser(
        "report", parents=[common], help="monthly statistics report or year summary (xlsx, and PDF)"
    )
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", metavar="YYYY-MM", help="the monthly statistics report (月报)")
    when.add_argument("--year", type=_year, metavar="YYYY", help="the year summary (年度汇总)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    p.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also a printable PDF with charts")

    p = sub.add_parser("match", parents=[common], help="match another department's list (信息比对)")
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--source", default="", metavar="TEXT", help="where the list came from")
    p.add_argument("file", type=Path, metavar="FILE")
    return {
        "roster": _roster,
        "payment-run": _payment_run,
        "bank-return": _bank_return,
        "report": _report,
        "match": _match,
    }


@contextmanager
def _county(args: argparse.Namespace, paths: DataPaths) -> Iterator[tuple[UnitOfWork, Actor]]:
    """One unit of work as the administrator, on a county master (a station is refused, exit 1)."""
    from app.cli_unlock import open_cli_database
    from app.services.context import system_actor
    from app.services.county_office import require_county

    db = open_cli_database(args, paths)
    try:
        with db.uow("system") as uow:
            inst = require_county(uow.session, "使用该命令")
            actor = system_actor(inst.county_code)
            yield uow, actor
    finally:
        db.dispose()


def _out_folder(path: Path) -> Path:
    from app.fileio import require_folder

    return require_folder(path)


def _print_run(summary: Any, what: str) -> None:
    from app.domain.codes import FlagStatus

    print(
        f"{summary.month}发放批次（{what}）：{summary.households}户{summary.persons}人，低保金{yuan(summary.base_fen)}元，"
        f"分类施保金{yuan(summary.topup_fen)}元，合计{yuan(summary.total_fen)}元"
    )
    open_flags = [f for f in summary.flags if f.status == FlagStatus.OPEN]
    if open_flags:
        print(f"待核疑点{len(open_flags)}条：", file=sys.stderr)
        for flag in open_flags[:SHOWN]:
            print(f"  {flag.reason}", file=sys.stderr)


def _roster(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.documents.roster import STATUS_LABELS
    from app.services.reports.files import roster_files

    out = _out_folder(args.out)
    pdf = _out_folder(args.pdf) if args.pdf else None
    with _county(args, paths) as (uow, actor):
        written = roster_files(uow, actor, args.month, out, pdf=pdf, masked=args.masked)
        uow.commit()  # the files are in place: the draft (if one was prepared) and the audit follow them
    roster = written.roster
    if written.drafted is not None:
        _print_run(written.drafted, "草稿，未审批")
    print(f"已写出发放名册：{out}（{roster.households}户，{STATUS_LABELS[roster.status]}）")
    if pdf is not None:
        print(f"已写出发放名册PDF，共{written.pdf_pages}页：{pdf}")
    return EXIT_OK


def _payment_run(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.payments import runs

    with _county(args, paths) as (uow, actor):
        if args.approve:
            summary = runs.approve(uow, actor, args.month)
        else:
            summary = runs.prepare(uow, actor, args.month)
        uow.commit()
    _print_run(summary, "已审批，名册已冻结" if args.approve else "草稿，未审批")
    return EXIT_OK


def _bank_return(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.documents.roster import STATUS_LABELS
    from app.services.payments.bank_return import import_bank_return

    with _county(args, paths) as (uow, actor):
        report = import_bank_return(uow, actor, args.month, args.file)
        uow.commit()
    print(
        f"已导入银行回盘{report.rows}行：成功{report.paid}户{yuan(report.paid_fen)}元，"
        f"失败{report.failed}户{yuan(report.failed_fen)}元，尚无结果{report.outstanding}户；"
        f"批次状态：{STATUS_LABELS.get(report.status, report.status)}"
    )
    for line in report.failures:
        print(f"  失败：{line}")
    return EXIT_OK


def _write_report(
    out: Path, write_xlsx: Callable[[Path], Path], pdf: Path | None, doc: Document | None
) -> None:
    """The xlsx and (with ``pdf``) the PDF, all or nothing (see :func:`app.fileio.write_together`)."""
    from app.fileio import write_together
    from app.printing.output import Printed

    files: list[tuple[Path, Content]] = [(out, write_xlsx)]
    printed = None
    if pdf is not None and doc is not None:
        printed = Printed.of(doc, pdf.name)
        files.append((pdf, printed.pdf))
    write_together(files)
    for warning in printed.warnings if printed else ():
        print(warning, file=sys.stderr)


def _audit_reports(
    uow: UnitOfWork, actor: Actor, out: Path, pdf: Path | None, kind: str, households: int, persons: int
) -> None:
    """The files are in place: their export is audited and committed."""
    from app.services.reports.files import audit_report

    for path in (out, pdf):
        if path is not None:
            audit_report(uow, actor, path, kind, households, persons)
    uow.commit()


def _report(args: argparse.Namespace, paths: DataPaths) -> int:
    out = _out_folder(args.out)
    pdf = _out_folder(args.pdf) if args.pdf else None
    if pdf is not None and pdf.resolve() == out.resolve():
        from app.errors import UserError

        raise UserError("--pdf 和 --out 不能是同一个文件")
    doc: Document | None = None
    with _county(args, paths) as (uow, actor):
        if args.month:
            from app.services.reports.monthly import monthly
            from app.spreadsheets.reports import write_monthly

            report = monthly(uow, actor, args.month)
            if pdf is not None:
                from app.printing.report_pdf import build_monthly_report
                from app.services.cases.printing import font_set

                doc = build_monthly_report(report, font_set(uow.session))
            _write_report(out, lambda path: write_monthly(path, report), pdf, doc)
            total = report.total
            _audit_reports(uow, actor, out, pdf, f"统计月报{report.month}", total.households, total.persons)
            print(
                f"{report.month}统计月报（{report.source_label}）：{total.households}户{total.persons}人，"
                f"支出{yuan(total.total_fen)}元"
            )
        else:
            from app.services.reports.year import year_summary
            from app.spreadsheets.reports import write_year

            summary = year_summary(uow, actor, args.year)
            if pdf is not None:
                from app.printing.report_pdf import build_year_summary
                from app.services.cases.printing import font_set

                doc = build_year_summary(summary, font_set(uow.session))
            _write_report(out, lambda path: write_year(path, summary), pdf, doc)
            what = f"年度汇总{summary.year}"
            _audit_reports(uow, actor, out, pdf, what, summary.households, summary.persons)
            print(
                f"{summary.year}年度汇总：救助{summary.households}户{summary.persons}人，"
                f"发放{yuan(summary.funds_fen)}元，银行发放比例{summary.bank_share:.1%}"
            )
    print(f"已写出：{out}")
    if doc is not None:
        print(f"已写出PDF，共{doc.pages}页：{pdf}")
    return EXIT_OK


def _match(args: argparse.Namespace, paths: DataPaths) -> int:
    from app.services.matching.lists import KIND_LABELS, import_list

    with _county(args, paths) as (uow, actor):
        result = import_list(uow, actor, args.kind, args.file, source=args.source)
        uow.commit()
    print(
        f"{KIND_LABELS[args.kind]}比对：名单{result.rows}行（无法识别{result.unreadable}行），"
        f"命中在保家庭成员{result.matched}人次，新增疑点{result.new_flags}条，已有疑点{result.already}条"
    )
    for problem in result.problems:
        print(f"  无法识别：{problem}", file=sys.stderr)
    for flag in result.flags[:SHOWN]:
        print(f"  {flag['reason']}")
    if len(result.flags) > SHOWN:
        print(f"  ……另有{len(result.flags) - SHOWN}条，请在县级比对队列中处理")
    return EXIT_OK
