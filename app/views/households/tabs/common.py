"""What the household file's tabs share: the change request signals, read-only switching and tables.

Nothing here calls ``tr()``: PySide takes the runtime class as the translation context, so every
user-visible string lives in the tab class that shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
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

from app.models.db import UnitOfWork
from app.services.context import Actor
from app.services.households.edit import HouseholdFile

Change = Callable[[UnitOfWork, Actor], object]


class FileTab(QWidget):
    """A tab of the file: asks the dialog to write a change, and is switched read-only as a whole."""

    change_requested = Signal(object, object)  # a Change, and the inputs to empty once it is written
    refused = Signal(str)  # a change refused before reaching the service (nothing selected, …)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: list[QWidget] = []
        self.editable = False

    def add_editors(self, *widgets: QWidget) -> None:
        self._editors.extend(widgets)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in self._editors:
            widget.setEnabled(editable)

    def request(self, change: Change, clear: tuple[QLineEdit, ...] = ()) -> None:
        self.change_requested.emit(change, clear)

    def refuse(self, message: str) -> None:
        self.refused.emit(message)

    def show_file(self, file: HouseholdFile) -> None:
        """Show the file as read again after loading or a change (tabs override)."""


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


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


def selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def list_layout(page: QWidget, table: QTableWidget, form: QFormLayout, *buttons: QPushButton) -> None:
    """The table, the form under it and a row of buttons."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addWidget(table, 1)
    layout.addLayout(form)
    layout.addLayout(row)
