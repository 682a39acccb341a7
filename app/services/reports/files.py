"""Files the county saves: the roster (xlsx/PDF, audited: it names every payee) and the reports (xlsx/PDF).

Each file is written beside its target and moved into place, so a failure or a cancel leaves nothing
half-written; checks (role, a run to export) come before anything is written. Nothing here commits:
the caller's unit of work holds the audit record (and a draft prepared for the ``roster`` verb).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.documents.roster import Roster
from app.domain.codes import RunStatus
from app.errors import UserError
from app.fileio import write_atomically
from app.models import tracking
from app.models.db import UnitOfWork
from app.services.context import Actor
from app.services.county_office import Cancel, Progress, require_county_actor
from app.services.payments import runs

if TYPE_CHECKING:
    from app.fileio import Content


@dataclass(frozen=True)
class SavedFile:
    path: Path
    households: int = 0
    persons: int = 0
    total_fen: int = 0


def _pdf_bytes(result: Any) -> bytes:
    """PDF bytes from a builder's result: bytes, or a Document / Printed with ``.pdf``."""
    if isinstance(result, bytes | bytearray):
        return bytes(result)
    pdf = getattr(result, "pdf", None)
    if isinstance(pdf, bytes | bytearray):
        return bytes(pdf)
    raise TypeError(f"not a PDF: {type(result).__name__}")


def _fonts(uow: UnitOfWork) -> Any:
    from app.services.cases.printing import font_set

    return font_set(uow.session)


def report_pdf_available() -> bool:
    """Whether the report PDF builders are installed (found without importing ReportLab)."""
    from importlib.util import find_spec

    try:
        return find_spec("app.printing.report_pdf") is not None
    except (ImportError, ValueError):
        return False


def report_pdf_builders() -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    """``(monthly_report_pdf, year_summary_pdf)``, each ``(data, fonts)``, when installed, else None."""
    try:
        from app.printing.report_pdf import monthly_report_pdf, year_summary_pdf
    except ImportError:
        return None
    return monthly_report_pdf, year_summary_pdf


def _audit_roster(uow: UnitOfWork, actor: Actor, roster: Roster, out: Path, *, masked: bool) -> None:
    """Who wrote which roster file, when, for which month and how many households."""
    tracking.record_bulk(
        uow.session,
        actor=actor.username,
        action="export",
        table="payment_line",
        summary={
            "file": Path(out).name,
            "folder": str(Path(out).resolve().parent),
            "kind": "发放名册",
            "masked": masked,
            "month": roster.month,
            "households": roster.households,
            "total_fen": roster.total(),
        },
    )


def audit_report(uow: UnitOfWork, actor: Actor, out: Path, kind: str, households: int, persons: int) -> None:
    """Who wrote which statistics report, when, where, and how many households it counts."""
    path = Path(out)
    tracking.record_bulk(
        uow.session,
        actor=actor.username,
        action="export",
        table="benefit",
        summary={
            "file": path.name,
            "folder": str(path.resolve().parent),
            "kind": kind,
            "households": households,
            "persons": persons,
        },
    )


def export_roster(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    out: Path,
    *,
    pdf: bool = False,
    masked: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SavedFile:
    """Write the month's roster (as stored in its run) to ``out``; the export is audited.

    ``masked``: the PDF for posting, with ID and account numbers masked (the bank's copy is not).
    A cancel once the file is written leaves ``out`` as it was and records nothing.
    """
    session = uow.session
    require_county_actor(session, actor, "导出发放名册")
    roster = runs.stored_roster(session, month)
    if progress:
        progress(0, 1, f"正在写出发放名册（{roster.households}户）……")
    if pdf:
        from app.printing.roster import build_roster

        doc = build_roster(roster, _fonts(uow), masked=masked)
        write_atomically(out, doc.pdf, cancelled=cancel)
    else:
        from app.spreadsheets.roster import write_roster

        write_atomically(out, lambda tmp: write_roster(tmp, roster), cancelled=cancel)
    if cancel is not None and cancel():
        return SavedFile(Path(out))
    _audit_roster(uow, actor, roster, out, masked=masked)
    return SavedFile(Path(out), roster.households, roster.persons, roster.total())


@dataclass(frozen=True)
class RosterFiles:
    """What ``roster_files`` wrote: the roster, the draft it prepared (if any), the PDF's page count."""

    roster: Roster
    drafted: runs.RunSummary | None
    pdf_pages: int = 0


def roster_files(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    out: Path,
    *,
    pdf: Path | None = None,
    masked: bool = False,
) -> RosterFiles:
    """The ``roster`` verb: the xlsx (and a PDF) of the month's roster, both or neither; audited.

    A month without an approved run gets its draft prepared (制表) first, so the files show the file
    as it stands; an approved run is printed as frozen.
    """
    from app.fileio import write_together
    from app.spreadsheets.roster import write_roster

    session = uow.session
    require_county_actor(session, actor, "导出发放名册")
    run = runs.get_run(session, month)
    drafted = None
    if run is None or run.status == RunStatus.DRAFT:
        drafted = runs.prepare(uow, actor, month)
    roster = runs.stored_roster(session, month)
    files: list[tuple[Path, Content]] = [(out, lambda path: write_roster(path, roster))]
    pages = 0
    if pdf is not None:
        from app.printing.roster import build_roster

        doc = build_roster(roster, _fonts(uow), masked=masked)
        files.append((pdf, doc.pdf))
        pages = doc.pages
    write_together(files)
    _audit_roster(uow, actor, roster, out, masked=False)
    if pdf is not None:
        _audit_roster(uow, actor, roster, pdf, masked=masked)
    return RosterFiles(roster, drafted, pages)


def _save_report(
    uow: UnitOfWork,
    out: Path,
    data: Any,
    builder: int,
    write_xlsx: Callable[[Path, Any], object],
    what: str,
    *,
    pdf: bool,
    cancel: Cancel | None,
) -> None:
    """Write a report (``data``) as xlsx, or as PDF through ``report_pdf_builders()[builder]``."""
    if not pdf:
        write_atomically(out, lambda tmp: write_xlsx(tmp, data), cancelled=cancel)
        return
    builders = report_pdf_builders()
    if builders is None:
        raise UserError(f"本版本不能把{what}导出为PDF，请导出Excel文件")
    write_atomically(out, _pdf_bytes(builders[builder](data, _fonts(uow))), cancelled=cancel)


def save_monthly_report(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    out: Path,
    *,
    pdf: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SavedFile:
    """The month's statistics report (月报) as xlsx, or as PDF when the builder is installed."""
    from app.services.reports.monthly import monthly
    from app.spreadsheets.reports import write_monthly

    report = monthly(uow, actor, month)
    if progress:
        progress(0, 1, "正在写出统计月报……")
    _save_report(uow, out, report, 0, write_monthly, "统计报表", pdf=pdf, cancel=cancel)
    total = report.total
    if cancel is None or not cancel():
        audit_report(uow, actor, out, f"统计月报{month}", total.households, total.persons)
    return SavedFile(Path(out), total.households, total.persons, total.total_fen)


def save_year_summary(
    uow: UnitOfWork,
    actor: Actor,
    year: int,
    out: Path,
    *,
    pdf: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SavedFile:
    """The year summary (年度汇总) as xlsx, or as PDF when the builder is installed."""
    from app.services.reports.year import year_summary
    from app.spreadsheets.reports import write_year

    summary = year_summary(uow, actor, year)
    if progress:
        progress(0, 1, "正在写出年度汇总……")
    _save_report(uow, out, summary, 1, write_year, "年度汇总", pdf=pdf, cancel=cancel)
    if cancel is None or not cancel():
        audit_report(uow, actor, out, f"年度汇总{year}", summary.households, summary.persons)
    return SavedFile(Path(out), summary.households, summary.persons, summary.funds_fen)
