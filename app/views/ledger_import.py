"""导入台账: a township's Excel ledger → column mapping (guessed, editable, remembered) → dry run → import.

Every step that reads the file or the database runs off the GUI thread (``tasks.run``); the import is
the service's own, all-or-nothing unless "accept partial" is ticked. ``export_ledger`` gives the
registry back as a ledger, also off the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import UserError
from app.models.db import Database
from app.services import ledger
from app.spreadsheets.headers import FIELD_LABELS
from app.spreadsheets.reader import SheetGuess
from app.spreadsheets.report import ImportReport
from app.views import tasks
from app.views.ledger_models import ChangesModel, ProblemsModel
from app.views.signed_in import SignedIn
from app.views.widgets.forms import ErrorLabel, stretch_column, work_table

if TYPE_CHECKING:
    from app.services.ledger import ExportResult

EXCEL_FILTER = "Excel (*.xlsx *.xlsm)"


class PageId(IntEnum):
    FILE = 0
    MAPPING = 1
    PREVIEW = 2
    RESULT = 3


@dataclass(frozen=True)
class Guessed:
    """What the file page found: each sheet's header and guess, and the clerk's remembered mapping."""

    path: Path
    sheets: list[SheetGuess]
    remembered: dict[str, str]


def _wizard(page: QWizardPage) -> LedgerImportWizard:
    return cast("LedgerImportWizard", page.wizard())


def column_titles(sheet: SheetGuess) -> list[tuple[str, str]]:
    """(title, shown text) for each titled column; a sheet without a found header offers its first row."""
    if sheet.header is not None:
        titles = sheet.header.titles or sheet.header.labels
        return [(t, sheet.header.column_name(c)) for c, t in enumerate(titles) if t]
    for row in sheet.preview:
        texts = ["".join(str(v).split()) if v is not None else "" for v in row]
        if sum(1 for t in texts if t) >= 2:
            return [(t, t) for t in texts if t]
    return []


def initial_mapping(sheet: SheetGuess, remembered: dict[str, str]) -> dict[str, str]:
    """The guess, overridden by the remembered choice of each field whose column this sheet has.

    A remembered ``""`` means the clerk chose "not in the ledger" for that field.
    """
    present = {title for title, _shown in column_titles(sheet)}
    out = dict(sheet.mapping)
    for field, label in remembered.items():
        if field not in FIELD_LABELS:
            continue
        if not label:
            out.pop(field, None)
        elif label in present:
            out[field] = label
    return {f: label for f, label in out.items() if label in present}


def summary_html(report: ImportReport) -> str:
    """The service's summary lines, without those that speak of command-line options."""
    return "<br>".join(line for line in report.summary() if "--" not in line)


class ProgressRow(QWidget):
    """A progress bar, its message and a Stop button, shown while a task runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.message = QLabel()
        self.stop_button = QPushButton(self.tr("&Stop"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.message, 2)
        row.addWidget(self.stop_button)
        self.hide()

    def start(self, text: str) -> None:
        self.bar.setRange(0, 0)
        self.message.setText(text)
        self.stop_button.setEnabled(True)
        self.show()

    @Slot(int, int, str)
    def update_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        if text:
            self.message.setText(text)

    def stop(self) -> None:
        self.hide()


class FilePage(QWizardPage):
    """Choose the ledger file; its sheets are read and guessed off the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose the ledger"))
        self.setSubTitle(
            self.tr(
                "Choose the township's Excel ledger (.xlsx). Title rows, two-row headers, subtotal rows "
                "and notes under the table are recognised; nothing is written before you confirm."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path of the .xlsx file"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        label = QLabel(self.tr("Ledger &file:"))
        label.setBuddy(self.path_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.browse_button.clicked.connect(self.browse)
        self.path_edit.editingFinished.connect(self._on_edited)

    @Slot()
    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the ledger"), self.path_edit.text(), EXCEL_FILTER
        )
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path) -> None:
        """Use ``path`` as the ledger (the file dialog calls this; so can a test)."""
        self.path_edit.setText(str(path))
        _wizard(self).guess(path)

    @Slot()
    def _on_edited(self) -> None:
        text = self.path_edit.text().strip()
        wizard = self.wizard()
        if not isinstance(wizard, LedgerImportWizard):
            return  # the wizard is being torn down
        if text and Path(text) != wizard.chosen_path:
            wizard.guess(Path(text))

    def show_reading(self) -> None:
        self.error.clear_error()
        self.status.setText(self.tr("Reading the ledger…"))
        self.completeChanged.emit()

    def show_guessed(self, guessed: Guessed) -> None:
        self.error.clear_error()
        found = [s for s in guessed.sheets if s.header is not None]
        self.status.setText(
            self.tr("%n sheet(s) with a ledger header found.", "", len(found))
            + " "
            + "、".join(s.sheet for s in found)
        )
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.status.clear()
        self.error.show_error(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        wizard = _wizard(self)
        return wizard is not None and wizard.guessed is not None and not wizard.busy


class MappingPage(QWizardPage):
    """Which column of the sheet holds each ledger field: guessed, editable, remembered for next time."""

    FIELD, COLUMN = range(2)

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Check which column holds each field. The guess comes from the column titles (and from "
                "your choices last time); change any that is wrong."
            )
        )
        self._sheets: list[SheetGuess] = []
        self._remembered: dict[str, str] = {}
        self.sheet_combo = QComboBox()
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        top = QHBoxLayout()
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_combo, 1)
        self.table = QTableWidget(len(FIELD_LABELS), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Ledger field"), self.tr("Column in the sheet")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(self.COLUMN, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        for row, (field, label) in enumerate(FIELD_LABELS.items()):
            item = QTableWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, field)
            self.table.setItem(row, self.FIELD, item)
            combo = QComboBox()
            self.table.setCellWidget(row, self.COLUMN, combo)
            self.combos[field] = combo
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.remember_check = QCheckBox(self.tr("&Remember this mapping for the next ledger"))
        self.remember_check.setChecked(True)
        self.error = ErrorLabel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("First rows of the sheet:")))
        right_layout.addWidget(self.preview, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 560])
        fit = QHeaderView.ResizeMode.ResizeToContents
        self.table.horizontalHeader().setSectionResizeMode(self.FIELD, fit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.error)
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet)

    def initializePage(self) -> None:
        guessed = _wizard(self).guessed
        assert guessed is not None
        self._sheets, self._remembered = guessed.sheets, guessed.remembered
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        with_header = [s for s in self._sheets if s.header is not None]
        if len(with_header) > 1 or not with_header:
            self.sheet_combo.addItem(self.tr("Every sheet with a ledger header"), None)
        for s in self._sheets:
            self.sheet_combo.addItem(s.sheet, s.sheet)
        self.sheet_combo.setCurrentIndex(0)
        self.sheet_combo.blockSignals(False)
        self._on_sheet()

    def shown_sheet(self) -> SheetGuess | None:
        """The sheet whose columns are offered: the chosen one, or the first with a header."""
        name = self.sheet_combo.currentData()
        if name is not None:
            return next((s for s in self._sheets if s.sheet == name), None)
        return next(
            (s for s in self._sheets if s.header is not None), self._sheets[0] if self._sheets else None
        )

    @Slot()
    def _on_sheet(self) -> None:
        sheet = self.shown_sheet()
        if sheet is None:
            return
        titles = column_titles(sheet)
        chosen = initial_mapping(sheet, self._remembered)
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in this ledger)"), "")
            for title, shown in titles:
                combo.addItem(shown, title)
            index = combo.findData(chosen.get(field, ""))
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._fill_preview(sheet)
        self.error.clear_error()

    def _fill_preview(self, sheet: SheetGuess) -> None:
        rows = sheet.preview
        width = max((len(r) for r in rows), default=0)
        if sheet.header is not None:
            width = max(width, len(sheet.header.titles or sheet.header.labels))
        self.preview.clear()
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(width)
        if sheet.header is not None:
            first = sheet.header.first_data_row
            self.preview.setHorizontalHeaderLabels([sheet.header.column_name(c) for c in range(width)])
            self.preview.setVerticalHeaderLabels([str(first + n) for n in range(len(rows))])
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if value is not None:
                    self.preview.setItem(r, c, QTableWidgetItem(str(value)))

    def choose(self, field: str, title: str) -> None:
        """Put ``field`` in the column titled ``title`` ("" = not in this ledger), as the clerk would."""
        combo = self.combos[field]
        index = combo.findData(title)
        if index < 0:
            raise KeyError(title)
        combo.setCurrentIndex(index)

    def mapping(self) -> dict[str, str]:
        """field → column title for every field (``""`` for "not in this ledger"): what is remembered."""
        return {field: combo.currentData() or "" for field, combo in self.combos.items()}

    def sheet(self) -> str | None:
        name = self.sheet_combo.currentData()
        return str(name) if name is not None else None

    def validatePage(self) -> bool:
        chosen = self.mapping()
        if not (chosen["name"] or chosen["head_name"]) or not (
            chosen["id_number"] or chosen["head_id_number"]
        ):
            self.error.show_error(self.tr("Choose the columns of the name and of the ID number at least."))
            return False
        self.error.clear_error()
        return True


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
        today: Callable[[], date] = date.today,
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
