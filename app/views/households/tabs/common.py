"""What the household file's tabs share: loading the file, saving a change, read-only switching, tables.

Nothing here calls ``tr()``: PySide takes the runtime class as the translation context, so every
user-visible string lives in the tab class that shows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.db import UnitOfWork
from app.services.households import edit
from app.services.households.edit import HouseholdFile
from app.views.page import Page
from app.views.workspace import Workspace

Change = Callable[[UnitOfWork], object]


class FileTab(Page):
    """A tab of one household's file: it loads the file when shown (and again when its tables change),
    writes each change at once, and is switched read-only as a whole.

    Signals: ``file_loaded(HouseholdFile)`` (the dialog shows the heading and whether the file may be
    edited), ``saved(str)`` (the household id, after a change is written), ``refusal(str)``.
    """

    file_loaded = Signal(object)  # HouseholdFile
    saved = Signal(str)
    refusal = Signal(str)  # a change (or the read) was refused; the message is on the tab's line

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.household_id = household_id
        self._editors: list[QWidget] = []
        self.editable = False

    def load(self) -> None:
        actor, household_id = self.actor, self.household_id
        self.read(lambda uow: edit.load(uow, actor, household_id), self._on_file)

    @Slot(object)
    def _on_file(self, file: HouseholdFile) -> None:
        self.show_file(file)
        self.file_loaded.emit(file)
        self.loaded.emit()

    def add_editors(self, *widgets: QWidget) -> None:
        self._editors.extend(widgets)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in self._editors:
            widget.setEnabled(editable)

    def request(self, change: Change, clear: tuple[QLineEdit, ...] = ()) -> None:
        """Write one change; ``clear``: inputs emptied once it is written (kept as typed when refused).

        The tab reads the file again on its own: the write announces the tables it changed.
        """
        self.clear_refused()
        self.write(change, lambda _result: self._on_saved(clear))

    def _on_saved(self, clear: tuple[QLineEdit, ...]) -> None:
        for line in clear:
            line.clear()
        self.saved.emit(self.household_id)

    def show_refused(self, error: UserError) -> None:
        super().show_refused(error)
        self.refusal.emit(str(error))

    def refuse(self, message: str) -> None:
        """A change refused before it reaches the service (nothing selected, …)."""
        self.show_refused(UserError(message))

    def show_file(self, file: HouseholdFile) -> None:
        """Show the file as read after loading or a change (tabs override)."""


def label_of(enum: Any, code: str | None) -> str:
    """The label of a code of a ``LabelledEnum``; an unknown code as it is."""
    if code is None:
        return ""
    return enum(code).label if code in {m.value for m in enum} else code


def make_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


_NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    """Fill ``table``; amounts and other numbers are right-aligned, as money columns are everywhere."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if _NUMBER.fullmatch(value):
                item.setTextAlignment(_RIGHT)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def list_layout(page: FileTab, table: QTableWidget, form: QFormLayout, *buttons: QPushButton) -> None:
    """The table, the form under it, a row of buttons and the tab's refusal line."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addWidget(table, 1)
    layout.addLayout(form)
    layout.addLayout(row)
    layout.addWidget(page.refused)
