"""A path typed or chosen: a line edit with a 浏览… button beside it (a file, or a folder on a USB stick)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget


class PathField(QWidget):
    """``choose`` opens the file or folder dialog (tests replace it); what it returns fills ``edit``."""

    def __init__(
        self, choose: Callable[[], Path | None], placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choose = choose
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self._on_browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse_button)
        self.setFocusProxy(self.edit)  # a form label's buddy, and focus on a refusal, reach the edit

    @Slot()
    def _on_browse(self) -> None:
        chosen = self.choose()
        if chosen is not None:
            self.edit.setText(str(chosen))

    def text(self) -> str:
        return self.edit.text().strip()
