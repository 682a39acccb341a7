"""Test helpers: type Chinese through input-method events (QTest.keyClicks aborts on non-ASCII)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QTableWidget, QWidget


def type_with_input_method(widget: QWidget, text: str, preedit: str = "") -> None:
    """Type ``text`` as a Chinese input method does: an optional pinyin pre-edit, then the commit."""
    widget.setFocus()
    if preedit:
        QCoreApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    commit = QInputMethodEvent("", [])
    commit.setCommitString(text)
    QCoreApplication.sendEvent(widget, commit)


def column_texts(table: QTableWidget, column: int) -> list[str]:
    """The texts of one column of a table widget, top to bottom."""
    items = (table.item(row, column) for row in range(table.rowCount()))
    return [item.text() if item is not None else "" for item in items]
