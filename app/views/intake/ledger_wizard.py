"""导入台账: a township's Excel ledger → column mapping (guessed, editable, remembered) → dry run → import.

Every step that reads the file or the database runs off the GUI thread (``tasks.run``); the import is
the service's own, all-or-nothing unless "accept partial" is ticked. ``export_ledger`` gives the
registry back as a ledger, also off the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from app import clock
from app.errors import UserError
from app.models.db import Database
from app.services.intake import ledger
from app.spreadsheets.report import ImportReport
from app.views import tasks
from app.views.intake.ledger_pages import FilePage, Guessed, MappingPage, PageId
from app.views.intake.ledger_run_pages import PreviewPage, ResultPage
from app.views.signed_in import SignedIn

if TYPE_CHECKING:
    from app.services.intake.ledger import ExportResult


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

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.today = db, signed_in.actor, today
        self.setWindowTitle(self.tr("Import a ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(1000, 680)
        self.chosen_path: Path | None = None  # the file last read (or being read)
        self.guessed: Guessed | None = None
        self.preview: ImportReport | None = None
        self.report: ImportReport | None = None
        self.busy = False
        self._stop = threading.Event()
        self._task: tasks.TaskHandle[Any] | None = None

        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.result_page = ResultPage()
        self.setPage(PageId.FILE, self.file_page)
        self.setPage(PageId.MAPPING, self.mapping_page)
        self.setPage(PageId.PREVIEW, self.preview_page)
        self.setPage(PageId.RESULT, self.result_page)
        self.preview_page.progress.stop_button.clicked.connect(self.stop)
        self.result_page.progress.stop_button.clicked.connect(self.stop)

    def counts_text(self, report: ImportReport) -> str:
        return self.tr(
            "New households: {created}. Updated: {updated}. Unchanged: {unchanged}. "
            "Refused for errors: {refused}. New persons: {persons}. Errors: {errors}, warnings: {warnings}.",
        ).format(
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            refused=report.refused,
            persons=report.persons_added,
            errors=len(report.errors),
            warnings=len(report.warnings),
        )

    # ---------------------------------------------------------------- background work

    def _new_stop(self) -> threading.Event:
        """A fresh stop flag for the next task; a check still running is dropped (it writes nothing)."""
        if self._task is not None and not self._task.is_finished:
            self._stop.set()
            self._task.cancel()
        self._stop = threading.Event()
        return self._stop

    def _start(self, work: tasks.Work[Any], on_result: Any, on_error: Any, on_progress: Any = None) -> None:
        self.busy = True
        self._task = tasks.run(work, on_result, on_error, on_progress)
        self._task.finished.connect(self._on_finished)

    @Slot()
    def _on_finished(self) -> None:
        if self._task is not None and not self._task.is_finished:
            return  # a dropped task ended; the current one is still running
        self.busy = False
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()

    @Slot()
    def stop(self) -> None:
        """Ask the running check or import to stop; the service then writes nothing and says so."""
        self._stop.set()
        for page in (self.preview_page, self.result_page):
            page.progress.stop_button.setEnabled(False)

    def reject(self) -> None:
        if self.busy and self.currentId() == PageId.RESULT:
            return  # the import is running: Stop asks it to end without writing, Esc does not close
        self._stop.set()
        super().reject()

    def guess(self, path: Path) -> None:
        """Read the file's sheets and guess their columns; load the remembered mapping."""
        from app.spreadsheets.reader import guess

        db, user = self.db, self.actor.username
        self.guessed, self.chosen_path = None, path
        self._new_stop()

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> Guessed:
            sheets = guess(path)
            with db.uow(user) as uow:
                remembered = ledger.remembered_mapping(uow.session)
            return Guessed(path, sheets, remembered)

        self.file_page.show_reading()
        self._start(work, self._on_guessed, self._on_guess_failed)
        self.file_page.completeChanged.emit()

    @Slot(object)
    def _on_guessed(self, guessed: Guessed) -> None:
        self.guessed = guessed
        self.file_page.show_guessed(guessed)
        self.guessed_ready.emit()

    @Slot(object)
    def _on_guess_failed(self, error: UserError) -> None:
        self.file_page.show_error(str(error))
        self.failed.emit(str(error))

    def import_options(self, dry_run: bool) -> ledger.ImportOptions:
        mapping = {f: label for f, label in self.mapping_page.mapping().items() if label}
        return ledger.ImportOptions(
            sheet=self.mapping_page.sheet(),
            dry_run=dry_run,
            accept_partial=self.preview_page.accept_partial_check.isChecked(),
            create_villages=self.preview_page.create_villages_check.isChecked(),
            mapping=mapping,
            today=self.today(),
        )

    def _import_work(self, dry_run: bool, remember: dict[str, str] | None) -> tasks.Work[ImportReport]:
        assert self.guessed is not None
        db, actor, path, options = self.db, self.actor, self.guessed.path, self.import_options(dry_run)
        stop = self._new_stop()

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> ImportReport:
            with db.uow(actor.username) as uow:
                report = ledger.import_ledger(uow, actor, path, options, progress, stop.is_set)
            if remember is not None and (report.written or not report.errors):
                with db.uow(actor.username) as uow:
                    ledger.remember_mapping(uow, remember)
            return report

        return work

    def run_preview(self) -> None:
        """The dry run with the chosen sheet, mapping and options."""
        self.preview = None
        self.preview_page.show_running()
        work = self._import_work(dry_run=True, remember=None)
        self._start(
            work, self._on_previewed, self._on_preview_failed, self.preview_page.progress.update_progress
        )

    @Slot(object)
    def _on_previewed(self, report: ImportReport) -> None:
        self.preview = report
        self.preview_page.show_report(report)
        self.previewed.emit(report)

    @Slot(object)
    def _on_preview_failed(self, error: UserError) -> None:
        self.preview_page.show_error(str(error))
        self.failed.emit(str(error))

    def run_import(self) -> None:
        """The import itself (all-or-nothing unless accept partial).

        The mapping is remembered (if asked) once the import is not refused: a refused import writes
        nothing at all.
        """
        self.report = None
        remember = self.mapping_page.mapping() if self.mapping_page.remember_check.isChecked() else None
        self.result_page.show_running()
        work = self._import_work(dry_run=False, remember=remember)
        self._start(
            work, self._on_imported, self._on_import_failed, self.result_page.progress.update_progress
        )

    @Slot(object)
    def _on_imported(self, report: ImportReport) -> None:
        self.report = report
        self.result_page.show_report(report)
        self.imported.emit(report)

    @Slot(object)
    def _on_import_failed(self, error: UserError) -> None:
        self.result_page.show_error(str(error))
        self.failed.emit(str(error))

    def save_errors(self, out: Path) -> None:
        """Write the errors workbook (each problem beside a copy of its original row) off the GUI thread."""
        from app.spreadsheets.errors_book import write_errors

        report = self.report or self.preview
        if report is None:
            return

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> str:
            write_errors(out, report.problems, report.sheets, report.summary())
            return str(out)

        tasks.run(work, self._on_errors_saved, self._on_errors_failed)

    @Slot(object)
    def _on_errors_saved(self, path: str) -> None:
        self.result_page.saved.setText(self.tr("Saved to {path}").format(path=path))
        self.errors_saved.emit(path)

    @Slot(object)
    def _on_errors_failed(self, error: UserError) -> None:
        self.result_page.error.show_error(str(error))
        self.failed.emit(str(error))


def open_ledger_import(
    db: Database, signed_in: SignedIn, parent: QWidget | None = None
) -> LedgerImportWizard:
    """Open the import wizard (non-modal); the caller may refresh its pages on ``imported``."""
    wizard = LedgerImportWizard(db, signed_in, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard


def export_ledger(
    db: Database,
    signed_in: SignedIn,
    path: Path,
    village: str | None = None,
    on_result: Callable[[ExportResult], object] | None = None,
    on_error: Callable[[UserError], object] | None = None,
) -> tasks.TaskHandle[ExportResult]:
    """Write the registry (or one village) as a ledger off the GUI thread; audited by the service.

    ``on_result`` receives the service's ``ExportResult`` (path, households, persons); ``on_error`` a
    refusal (a role that may not export ID numbers, an unknown village, a file that cannot be written).
    """
    actor = signed_in.actor

    def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> ExportResult:
        with db.uow(actor.username) as uow:
            return ledger.export_ledger(uow, actor, Path(path), village)

    return tasks.run(work, on_result, on_error)
