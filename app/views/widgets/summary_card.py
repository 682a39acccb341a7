"""A dashboard card: a caption, a big number and a detail line, its left edge coloured by a tone."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.views.tablemodels.rows import TONES

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid #d5dae1; border-radius: 6px; }
QFrame#card[tone="overdue"] { border-left: 4px solid #b3261e; }
QFrame#card[tone="soon"] { border-left: 4px solid #c77c00; }
QFrame#card[tone="ok"] { border-left: 4px solid #1b6e3a; }
QFrame#card[tone="info"] { border-left: 4px solid #3f72af; }
"""


class SummaryCard(QFrame):
    """A caption, a big number and a detail line; the left edge takes the tone's colour."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("tone", "info")
        self.caption = QLabel(caption)
        self.value_label = QLabel("…")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.detail = QLabel()
        self.detail.setStyleSheet(f"color: {TONES['muted']};")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setAccessibleName(caption)

    def set_value(self, value: str, detail: str = "", tone: str = "info") -> None:
        self.value_label.setText(value)
        self.detail.setText(detail)
        self.setAccessibleDescription(f"{value} {detail}".strip())
        self.value_label.setStyleSheet(f"color: {TONES[tone]};" if tone in ("overdue", "soon") else "")
        if self.property("tone") != tone:
            self.setProperty("tone", tone)
            self.style().unpolish(self)
            self.style().polish(self)
