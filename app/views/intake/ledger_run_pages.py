"""The ledger import wizard's last pages: the dry-run preview and the import with its result."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.errors import UserError
from app.services.intake import ledger
from app.services.intake.ledger import SavedErrors
from app.spreadsheets.report import ImportReport
from app.views.intake.ledger_draft import LedgerDraft
from app.views.intake.ledger_models import ChangesModel, ProblemsModel
from app.views.intake.ledger_pages import EXCEL_FILTER, ProgressRow, ReportText, summary_html
from app.views.intake.wizard_page import OpWizardPage
from app.views.ops import Job
from app.views.widgets.forms import stretch_column, work_table
from app.views.workspace import Workspace


class RunPage(OpWizardPage):
    """A page that runs the import (a trial or the real one) with progress and a Stop button.

    Stop asks the service to end: it then writes nothing and says so (a refusal on the page).
    """

    failed = Signal(str)

    def __init__(self, ws: Workspace, draft: LedgerDraft) -> None:
        super().__init__(ws)
        self.draft = draft
        self.progress = ProgressRow()
        self._stop = threading.Event()
        self.progress.stop_button.clicked.connect(self.stop)

    def _job(self) -> tuple[Job, threading.Event]:
        """A fresh stop flag for the next run; a run still going is asked to stop (it writes nothing)."""
        self._stop.set()
        self._stop = threading.Event()
        return Job(), self._stop

    @Slot()
    def stop(self) -> None:
        self._stop.set()
        self.progress.stop_button.setEnabled(False)

    @Slot(object)
    def show_error(self, error: UserError) -> None:
        self.progress.stop()
        self.show_refused(error)
        self.completeChanged.emit()
        self.failed.emit(str(error))


class PreviewPage(RunPage):
    """A dry run of the import: what would be created, updated, left unchanged, and every problem."""

    previewed = Signal(object)  # ImportReport

    def __init__(self, ws: Workspace, draft: LedgerDraft) -> None:
        super().__init__(ws, draft)
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(
            self.tr(
                "This is a trial run: nothing has been written yet. Without “accept partial”, any error "
                "means nothing is imported."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Import"))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.accept_partial_check = QCheckBox(
            self.tr("&Accept partial: import the households without errors, list the others")
        )
        self.create_villages_check = QCheckBox(
            self.tr("&Create villages that are not in the area table (under this township)")
        )
        self.problems = ProblemsModel(self)
        self.problems_view = work_table()
        self.problems_view.setModel(self.problems)
        stretch_column(self.problems_view, ProblemsModel.REASON)
        self.changes = ChangesModel(self)
        self.changes_view = work_table()
        self.changes_view.setModel(self.changes)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, view in (
            (self.tr("Problems (sheet, row, column, reason):"), self.problems_view),
            (self.tr("Changes:"), self.changes_view),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(QLabel(title))
            box_layout.addWidget(view, 1)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.refused)
        layout.addWidget(self.counts)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.accept_partial_check)
        layout.addWidget(self.create_villages_check)
        self.create_villages_check.toggled.connect(self._on_create_villages)

    def initializePage(self) -> None:
        self.run_preview()

    @Slot(bool)
    def _on_create_villages(self, _checked: bool) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self.run_preview()

    def run_preview(self) -> None:
        """The dry run with the chosen sheet, mapping and options; a newer run supersedes it."""
        draft = self.draft
        assert draft.guessed is not None
        draft.preview = None
        draft.create_villages = self.create_villages_check.isChecked()
        actor, path, options = self.actor, draft.guessed.path, draft.options(dry_run=True)
        job, stop = self._job()
        self.show_running()
        handle = self.read(
            lambda uow: ledger.import_ledger(
                uow, actor, path, options, job.progress, lambda: stop.is_set() or job.cancelled()
            ),
            self.show_report,
            on_error=self.show_error,
            job=job,
            key="preview",
        )
        handle.progress.connect(self.progress.update_progress)

    def show_running(self) -> None:
        self.clear_refused()
        self.counts.clear()
        self.summary.clear()
        self.problems.set_rows([])
        self.changes.set_rows([])
        self.progress.start(self.tr("Checking the ledger…"))
        self.completeChanged.emit()

    @Slot(object)
    def show_report(self, report: ImportReport) -> None:
        self.draft.preview = report
        self.progress.stop()
        self.counts.setText(ReportText().counts(report))
        self.summary.setText(summary_html(report))
        self.problems.set_rows(report.problems)
        self.changes.set_rows(report.changes)
        self.completeChanged.emit()
        self.previewed.emit(report)

    def validatePage(self) -> bool:
        self.draft.accept_partial = self.accept_partial_check.isChecked()
        self.draft.create_villages = self.create_villages_check.isChecked()
        return True

    def isComplete(self) -> bool:
        return self.draft.preview is not None and not self.busy


class ResultPage(RunPage):
    """The import itself, with progress and Stop; then what was written and the errors workbook.

    Signals: ``imported(ImportReport)`` (the import ran: see ``report.written``), ``errors_saved(str)``.
    """

    imported = Signal(object)  # ImportReport
    errors_saved = Signal(str)

    def __init__(self, ws: Workspace, draft: LedgerDraft) -> None:
        super().__init__(ws, draft)
        self.setTitle(self.tr("Import"))
        self.setFinalPage(True)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = ProblemsModel(self)
        self.problems_view = work_table()
        self.problems_view.setModel(self.problems)
        stretch_column(self.problems_view, ProblemsModel.REASON)
        self.save_errors_button = QPushButton(self.tr("&Save the errors workbook…"))
        self.save_errors_button.setEnabled(False)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_errors_button)
        row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.refused)
        layout.addWidget(self.counts)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_view, 1)
        layout.addLayout(row)
        self.save_errors_button.clicked.connect(self.ask_errors_path)

    def initializePage(self) -> None:
        self.run_import()

    def run_import(self) -> None:
        """The import itself (all-or-nothing unless accept partial), in one write.

        The mapping is remembered (if asked) in the same write, once the import is not refused: a
        refused import writes nothing at all.
        """
        draft = self.draft
        assert draft.guessed is not None
        draft.report = None
        actor, path, options = self.actor, draft.guessed.path, draft.options(dry_run=False)
        job, stop = self._job()
        self.show_running()
        handle = self.write(
            lambda uow: ledger.import_ledger(uow, actor, path, options, job.progress, stop.is_set),
            self.show_report,
            on_error=self.show_error,
            job=job,
        )
        handle.progress.connect(self.progress.update_progress)

    def show_running(self) -> None:
        self.clear_refused()
        self.saved.clear()
        self.save_errors_button.setEnabled(False)
        self.progress.start(self.tr("Importing…"))
        self.completeChanged.emit()

    @Slot(object)
    def show_report(self, report: ImportReport) -> None:
        self.draft.report = report
        self.progress.stop()
        if report.written:
            self.setSubTitle(self.tr("The ledger has been imported."))
        else:
            self.setSubTitle(self.tr("Nothing was written."))
        self.counts.setText(ReportText().counts(report))
        self.summary.setText(summary_html(report))
        self.problems.set_rows(report.problems)
        self.save_errors_button.setEnabled(bool(report.problems))
        self.completeChanged.emit()
        self.imported.emit(report)

    @Slot(object)
    def show_error(self, error: UserError) -> None:
        self.setSubTitle(self.tr("Nothing was written."))
        super().show_error(error)

    @Slot()
    def ask_errors_path(self) -> None:
        guessed = self.draft.guessed
        start = guessed.path.with_name(guessed.path.stem + "-问题.xlsx") if guessed else ""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the errors workbook"), str(start), EXCEL_FILTER
        )
        if path:
            self.save_errors(Path(path))

    def save_errors(self, out: Path) -> None:
        """Write the errors workbook (each problem beside a copy of its original row); audited."""
        report = self.draft.last_report()
        if report is None:
            return
        actor = self.actor
        self.write(
            lambda uow: ledger.save_errors(uow, actor, out, report),
            self._on_errors_saved,
            on_error=self._on_errors_refused,
        )

    @Slot(object)
    def _on_errors_saved(self, saved: SavedErrors) -> None:
        self.saved.setText(self.tr("Saved to {path}").format(path=str(saved.path)))
        self.errors_saved.emit(str(saved.path))

    @Slot(object)
    def _on_errors_refused(self, error: UserError) -> None:
        self.show_refused(error)
        self.failed.emit(str(error))

    def isComplete(self) -> bool:
        return not self.busy
