"""The work-queue layout shared by several pages: a bar and a table on the left, the form on the right."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTableView, QVBoxLayout, QWidget


def queue_beside_form(
    page: QWidget,
    bar: Sequence[QWidget | None],
    table: QTableView,
    footer: QWidget | Sequence[QWidget],
    form: QWidget,
    sizes: tuple[int, int] = (680, 520),
) -> QSplitter:
    """Lay ``page`` out; in ``bar`` a None is the stretch between left- and right-hand widgets; ``footer``
    is one widget or several, under the table (a count, the page's refusal line)."""
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(8, 8, 0, 8)
    row = QHBoxLayout()
    for widget in bar:
        if widget is None:
            row.addStretch(1)
        else:
            row.addWidget(widget)
    left_layout.addLayout(row)
    left_layout.addWidget(table, 1)
    for widget in [footer] if isinstance(footer, QWidget) else footer:
        left_layout.addWidget(widget)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(form)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes(list(sizes))
    layout = QHBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return splitter


def select_quietly(table: QTableView, row: int, *, quietly: bool) -> None:
    """Select ``row`` again after a reload; ``quietly``: without telling the page (the row did not change,
    so the form beside it keeps what the user typed)."""
    selection = table.selectionModel()
    previous = selection.blockSignals(quietly)
    try:
        table.selectRow(row)
    finally:
        selection.blockSignals(previous)
