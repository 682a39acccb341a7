"""A page for a section that is not built yet: its name and what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Says plainly that the section is under construction, and what will come."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        badge = QLabel(self.tr("Under construction"))
        badge.setStyleSheet("color: #8a6d00;")
        self.description = QLabel(description)
        self.description.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(heading)
        layout.addWidget(badge)
        layout.addSpacing(12)
        layout.addWidget(self.description)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
