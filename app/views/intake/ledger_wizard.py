"""导入台账: a township's Excel ledger → column mapping (guessed, editable, remembered) → dry run → import.

Every step that reads the file or the database is an operation off the GUI thread, run by the page
that needs it on the wizard's shared ``LedgerDraft``; the import is the service's own, all-or-nothing
unless "accept partial" is ticked. The registry page gives the registry back as a ledger.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.views.intake.ledger_draft import LedgerDraft, PageId
from app.views.intake.ledger_pages import FilePage, MappingPage
from app.views.intake.ledger_run_pages import PreviewPage, ResultPage
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace

__all__ = ["LedgerImportWizard", "PageId", "open_ledger_import"]


class LedgerImportWizard(QWizard):
    """Choose file → match columns → dry run → import → result.

    Signals: ``guessed_ready`` (the file was read and its columns guessed), ``previewed(ImportReport)`` (a
    dry run ended), ``imported(ImportReport)`` (the import ran: see ``report.written``),
    ``errors_saved(str)`` (the errors workbook's path), ``failed(str)`` (any refusal, also shown on
    the page: a village cadre may not import, an unreadable file, a stopped import).
    """

    guessed_ready = Signal()
    previewed = Signal(object)  # ImportReport
    imported = Signal(object)  # ImportReport
    errors_saved = Signal(str)
    failed = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.draft = LedgerDraft()
        self.setWindowTitle(self.tr("Import a ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        fit_to_screen(self, 1000, 680)
        self.file_page = FilePage(ws, self.draft)
        self.mapping_page = MappingPage(self.draft)
        self.preview_page = PreviewPage(ws, self.draft)
        self.result_page = ResultPage(ws, self.draft)
        self.setPage(PageId.FILE, self.file_page)
        self.setPage(PageId.MAPPING, self.mapping_page)
        self.setPage(PageId.PREVIEW, self.preview_page)
        self.setPage(PageId.RESULT, self.result_page)
        self.file_page.guessed_ready.connect(self.guessed_ready)
        self.preview_page.previewed.connect(self.previewed)
        self.result_page.imported.connect(self.imported)
        self.result_page.errors_saved.connect(self.errors_saved)
        for page in (self.file_page, self.preview_page, self.result_page):
            page.failed.connect(self.failed)

    def reject(self) -> None:
        if self.result_page.busy and self.currentId() == PageId.RESULT:
            return  # the import is running: Stop asks it to end without writing, Esc does not close
        self.preview_page.stop()
        super().reject()


def open_ledger_import(ws: Workspace, parent: QWidget | None = None) -> LedgerImportWizard:
    """Open the import wizard (non-modal); the pages that show households refresh on the import."""
    wizard = LedgerImportWizard(ws, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard
