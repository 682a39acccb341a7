"""The ledger import wizard's first pages: choose the file, match its columns to the ledger fields."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
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
    QWizardPage,
)

from app.errors import UserError
from app.services.intake import ledger
from app.services.intake.ledger import LedgerGuess
from app.spreadsheets.headers import FIELD_LABELS
from app.spreadsheets.reader import SheetGuess
from app.spreadsheets.report import ImportReport
from app.views.intake.ledger_draft import LedgerDraft
from app.views.intake.wizard_page import OpWizardPage
from app.views.widgets.forms import ErrorLabel
from app.views.workspace import Workspace

EXCEL_FILTER = "Excel (*.xlsx *.xlsm)"


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
    """The service's summary lines (they name no command-line option: the CLI adds its own hints)."""
    return "<br>".join(report.summary())


class ReportText(QObject):
    """An import report's counts as one sentence (shared by the preview and result pages)."""

    def counts(self, report: ImportReport) -> str:
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


class FilePage(OpWizardPage):
    """Choose the ledger file; its sheets are read and guessed off the GUI thread.

    Signals: ``guessed_ready`` (the file was read and its columns guessed), ``failed(str)``.
    """

    guessed_ready = Signal()
    failed = Signal(str)

    def __init__(self, ws: Workspace, draft: LedgerDraft) -> None:
        super().__init__(ws)
        self.draft = draft
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
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.refused)
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
        self.guess(path)

    @Slot()
    def _on_edited(self) -> None:
        text = self.path_edit.text().strip()
        if not self.isVisible():
            return  # the wizard is being torn down
        if text and Path(text) != self.draft.chosen_path:
            self.guess(Path(text))

    def guess(self, path: Path) -> None:
        """Read the file's sheets and guess their columns; load the remembered mapping."""
        self.draft.guessed, self.draft.chosen_path = None, path
        self.clear_refused()
        self.status.setText(self.tr("Reading the ledger…"))
        actor = self.actor
        self.read(
            lambda uow: ledger.guess_columns(uow, actor, path),
            self.show_guessed,
            on_error=self.show_error,
            key="guess",
        )

    @Slot(object)
    def show_guessed(self, guessed: LedgerGuess) -> None:
        self.draft.guessed = guessed
        self.clear_refused()
        found = [s for s in guessed.sheets if s.header is not None]
        self.status.setText(
            self.tr("%n sheet(s) with a ledger header found.", "", len(found))
            + " "
            + "、".join(s.sheet for s in found)
        )
        self.completeChanged.emit()
        self.guessed_ready.emit()

    @Slot(object)
    def show_error(self, error: UserError) -> None:
        self.status.clear()
        self.show_refused(error)
        self.completeChanged.emit()
        self.failed.emit(str(error))

    def isComplete(self) -> bool:
        return self.draft.guessed is not None and not self.busy


class MappingPage(QWizardPage):
    """Which column of the sheet holds each ledger field: guessed, editable, remembered for next time."""

    FIELD, COLUMN = range(2)

    def __init__(self, draft: LedgerDraft) -> None:
        super().__init__()
        self.draft = draft
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
        guessed = self.draft.guessed
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
        self.draft.sheet, self.draft.mapping = self.sheet(), chosen
        self.draft.remember = self.remember_check.isChecked()
        return True
