"""The preview dialog: QtPdf shows the document, prints it through a QPrinter, saves the same bytes."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.domain.calendar import DayKind
from app.printing import fonts
from app.printing.catalog import NoticeKind, Paper
from app.printing.notice_data import assemble
from app.printing.notices import build_notice
from app.views.pdf_preview import PdfPreviewDialog
from tests.printing.test_builders import OFFICE, candidates

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def notice_pdf(rows: int, paper: Paper = Paper.A4) -> bytes:
    on = date(2026, 11, 20)
    data = assemble(
        NoticeKind.STANDING, OFFICE, "三封寺镇人民政府", candidates(rows), on, None, 7, DayKind.CALENDAR
    )
    return build_notice(data, fonts.load(), paper).pdf


def test_preview_shows_every_page_and_saves_the_same_bytes(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = notice_pdf(80)
    dialog = PdfPreviewDialog(pdf, "长期公示", "长期公示.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page_count == 3
    assert "共3页" in dialog._page_label.text()
    with qtbot.waitSignal(dialog.saved):
        saved = dialog.save_to(tmp_path / "copy")
    assert saved.name == "copy.pdf" and saved.read_bytes() == pdf


def test_printing_renders_each_page_on_the_paper_of_the_document(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PdfPreviewDialog(notice_pdf(40, Paper.A4_LANDSCAPE), "长期公示")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(dialog.page_layout())
    with qtbot.waitSignal(dialog.printed) as blocker:
        pages = dialog.print_to(printer)
    assert pages == dialog.page_count == blocker.args[0] >= 2
    printed = list(extract_pages(io.BytesIO((tmp_path / "printed.pdf").read_bytes())))
    assert len(printed) == pages
    assert printed[0].width > printed[0].height  # landscape kept


def test_stopping_the_print_sends_no_more_pages(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    dialog = PdfPreviewDialog(notice_pdf(40, Paper.A4_LANDSCAPE), "长期公示")
    qtbot.addWidget(dialog)
    asked: list[int] = []

    def stop_after_first(self: QProgressDialog) -> bool:
        asked.append(self.value())
        return len(asked) > 1  # the clerk presses 停止 while the first page prints

    monkeypatch.setattr(QProgressDialog, "wasCanceled", stop_after_first)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "stopped.pdf"))
    with qtbot.waitSignal(dialog.printed) as blocker:
        pages = dialog.print_to(printer)
    assert pages == blocker.args[0] == 1 < dialog.page_count
    assert asked == [0, 1]
