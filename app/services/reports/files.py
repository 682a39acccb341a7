"""Files the county saves from the 报表 section: the roster (xlsx/PDF, audited) and the reports (xlsx/PDF).

Each file is written beside its target and moved into place, so a failure or a cancel leaves nothing
half-written; checks (role, a run to export) come before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.fileio import write_atomically
from app.models import tracking
from app.models.db import UnitOfWork
from app.services.context import Actor
from app.services.county_office import require_county_actor
from app.services.payments import runs as payments

Cancelled = Callable[[], bool]


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


def export_roster(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    out: Path,
    *,
    pdf: bool = False,
    masked: bool = False,
    cancelled: Cancelled | None = None,
) -> SavedFile:
    """Write the month's roster (as stored in its run) to ``out``; audited and committed.

    ``masked``: the PDF for posting, with ID and account numbers masked (the bank's copy is not).
    """
    session = uow.session
    require_county_actor(session, actor, "导出发放名册")
    roster = payments.roster(session, month)
    if pdf:
        from app.printing.roster import build_roster
        from app.services.cases.printing import font_set

        doc = build_roster(roster, font_set(session), masked=masked)
        write_atomically(out, doc.pdf, cancelled=cancelled)
    else:
        from app.spreadsheets.roster import write_roster

        write_atomically(out, lambda tmp: write_roster(tmp, roster), cancelled=cancelled)
    if cancelled is not None and cancelled():
        return SavedFile(Path(out))
    tracking.record_bulk(
        session,
        actor=actor.username,
        action="export",
        table="payment_line",
        summary={
            "file": Path(out).name,
            "masked": masked,
            "month": roster.month,
            "households": roster.households,
            "total_fen": roster.total(),
        },
    )
    uow.commit()
    return SavedFile(Path(out), roster.households, roster.persons, roster.total())


def _save_report(
    uow: UnitOfWork,
    out: Path,
    data: Any,
    builder: int,
    write_xlsx: Callable[[Path, Any], object],
    what: str,
    *,
    pdf: bool,
    cancelled: Cancelled | None,
) -> None:
    """Write a report (``data``) as xlsx, or as PDF through ``report_pdf_builders()[builder]``."""
    if not pdf:
        write_atomically(out, lambda tmp: write_xlsx(tmp, data), cancelled=cancelled)
        return
    builders = report_pdf_builders()
    if builders is None:
        raise UserError(f"本版本不能把{what}导出为PDF，请导出Excel文件")
    write_atomically(out, _pdf_bytes(builders[builder](data, _fonts(uow))), cancelled=cancelled)


def save_monthly_report(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    out: Path,
    *,
    pdf: bool = False,
    cancelled: Cancelled | None = None,
) -> SavedFile:
    """The month's statistics report (月报) as xlsx, or as PDF when the builder is installed."""
    from app.services.reports.monthly import monthly
    from app.spreadsheets.reports import write_monthly

    report = monthly(uow.session, actor, month)
    _save_report(uow, out, report, 0, write_monthly, "统计报表", pdf=pdf, cancelled=cancelled)
    total = report.total
    return SavedFile(Path(out), total.households, total.persons, total.total_fen)


def save_year_summary(
    uow: UnitOfWork,
    actor: Actor,
    year: int,
    out: Path,
    *,
    pdf: bool = False,
    today: date | None = None,
    cancelled: Cancelled | None = None,
) -> SavedFile:
    """The year summary (年度汇总) as xlsx, or as PDF when the builder is installed."""
    from app.services.reports.year import year_summary
    from app.spreadsheets.reports import write_year

    summary = year_summary(uow.session, actor, year, today)
    _save_report(uow, out, summary, 1, write_year, "年度汇总", pdf=pdf, cancelled=cancelled)
    return SavedFile(Path(out), summary.households, summary.persons, summary.funds_fen)
