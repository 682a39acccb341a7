"""The counts of the user's area at a glance (households, people, benefits, cases by state), atop 工作台.

A panel of the workbench, which reads the counts with today's work (``worklist.today_work``) and shows them
here; its 刷新 button refreshes the whole workbench.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import yuan
from app.services.households.registry import state_label


class StatCard(QFrame):
    """A big number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("…")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.value_label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(caption))
        layout.addWidget(self.value_label)

    def set_value(self, text: str) -> None:
        self.value_label.setText(text)


class DashboardPanel(QWidget):
    """The greeting, the 刷新 button and the cards; the workbench places ``cases_table`` (cases by state)."""

    loaded = Signal()  # the counts are on screen

    def __init__(self, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        greeting = QLabel(self.tr("Hello, {name}").format(name=display_name))
        font = QFont(greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        greeting.setFont(font)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        top = QHBoxLayout()
        top.addWidget(greeting, 1)
        top.addWidget(self.refresh_button)

        self.cards = {
            "households": StatCard(self.tr("Households on file")),
            "persons": StatCard(self.tr("People on file")),
            "active_benefits": StatCard(self.tr("Benefits being paid")),
            "monthly_amount_fen": StatCard(self.tr("Paid per month (yuan)")),
        }
        grid = QGridLayout()
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)

        self.cases_table = QTableWidget(0, 2)
        self.cases_table.setHorizontalHeaderLabels([self.tr("Case state"), self.tr("Cases")])
        self.cases_table.verticalHeader().hide()
        self.cases_table.setAlternatingRowColors(True)
        self.cases_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.cases_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid)

    def show_counts(self, numbers: dict[str, Any]) -> None:
        for key in ("households", "persons", "active_benefits"):
            self.cards[key].set_value(f"{numbers.get(key, 0):,}")
        self.cards["monthly_amount_fen"].set_value(yuan(int(numbers.get("monthly_amount_fen", 0))))
        cases = [(state, n) for state, n in numbers.get("cases", {}).items() if n]
        self.cases_table.setRowCount(len(cases))
        for row, (state, n) in enumerate(cases):
            self.cases_table.setItem(row, 0, QTableWidgetItem(state_label(state)))
            count = QTableWidgetItem(f"{n:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.cases_table.setItem(row, 1, count)
        self.loaded.emit()
