"""The ledger import wizard's last pages: the dry-run preview and the import with its result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
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
    QWizardPage,
)

from app.spreadsheets.report import ImportReport
from app.views.intake.ledger_models import ChangesModel, ProblemsModel
from app.views.widgets.forms import ErrorLabel, stretch_column, work_table

if TYPE_CHECKING:
    pass

from app.views.intake.ledger_pages import EXCEL_FILTER, ProgressRow, _wizard, summary_html


class PreviewPage(QWizardPage):
    """A dry run of the import: what would be created, updated, left unchanged, and every problem."""

    def __init__(self) -> None:
        super().__init__()
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
        self.progress = ProgressRow()
        self.error = ErrorLabel()
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
        layout.addWidget(self.error)
        layout.addWidget(self.counts)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.accept_partial_check)
        layout.addWidget(self.create_villages_check)
        self.create_villages_check.toggled.connect(self._on_create_villages)

    def initializePage(self) -> None:
        _wizard(self).run_preview()

    @Slot(bool)
    def _on_create_villages(self, _checked: bool) -> None:
        wizard = _wizard(self)
        if wizard is not None and wizard.currentPage() is self:
            wizard.run_preview()

    def show_running(self) -> None:
        self.error.clear_error()
        self.counts.clear()
        self.summary.clear()
        self.problems.set_rows([])
        self.changes.set_rows([])
        self.progress.start(self.tr("Checking the ledger…"))
        self.completeChanged.emit()

    def show_report(self, report: ImportReport) -> None:
        self.progress.stop()
        self.counts.setText(_wizard(self).counts_text(report))
        self.summary.setText(summary_html(report))
        self.problems.set_rows(report.problems)
        self.changes.set_rows(report.changes)
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.progress.stop()
        self.error.show_error(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        wizard = _wizard(self)
        return wizard is not None and wizard.preview is not None and not wizard.busy


class ResultPage(QWizardPage):
    """The import itself, with progress and Stop; then what was written and the errors workbook."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Import"))
        self.setFinalPage(True)
        self.progress = ProgressRow()
        self.error = ErrorLabel()
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
        layout.addWidget(self.error)
        layout.addWidget(self.counts)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_view, 1)
        layout.addLayout(row)
        self.save_errors_button.clicked.connect(self.ask_errors_path)

    def initializePage(self) -> None:
        _wizard(self).run_import()

    def show_running(self) -> None:
        self.error.clear_error()
        self.saved.clear()
        self.save_errors_button.setEnabled(False)
        self.progress.start(self.tr("Importing…"))
        self.completeChanged.emit()

    def show_report(self, report: ImportReport) -> None:
        self.progress.stop()
        if report.written:
            self.setSubTitle(self.tr("The ledger has been imported."))
        else:
            self.setSubTitle(self.tr("Nothing was written."))
        self.counts.setText(_wizard(self).counts_text(report))
        self.summary.setText(summary_html(report))
        self.problems.set_rows(report.problems)
        self.save_errors_button.setEnabled(bool(report.problems))
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.progress.stop()
        self.setSubTitle(self.tr("Nothing was written."))
        self.error.show_error(message)
        self.completeChanged.emit()

    @Slot()
    def ask_errors_path(self) -> None:
        wizard = _wizard(self)
        start = (
            wizard.guessed.path.with_name(wizard.guessed.path.stem + "-问题.xlsx") if wizard.guessed else ""
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the errors workbook"), str(start), EXCEL_FILTER
        )
        if path:
            wizard.save_errors(Path(path))

    def isComplete(self) -> bool:
        wizard = _wizard(self)
        return wizard is not None and not wizard.busy
