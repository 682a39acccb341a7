"""The installation's counts at a glance (households, people, benefits, cases by state); part of 工作台."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShowEvent
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

from app.domain.money import fen_to_yuan
from app.errors import UserError
from app.models.db import Database
from app.services.households.registry import state_label
from app.services.reports.stats import counts
from app.views import tasks
from app.views.signed_in import SignedIn


def load_stats(db: Database) -> dict[str, Any]:
    with db.uow("system") as uow:
        return counts(uow.session)


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


class DashboardPage(QWidget):
    """Loads ``stats()`` off the GUI thread when first shown and on 刷新 (F5).

    ``embedded``: only the greeting, the refresh button and the cards are laid out; the workbench
    places ``cases_table`` and ``status`` itself.
    """

    loaded = Signal()

    def __init__(
        self, db: Database, signed_in: SignedIn, parent: QWidget | None = None, *, embedded: bool = False
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._task: tasks.TaskHandle[dict[str, Any]] | None = None
        self.has_loaded = False
        greeting = QLabel(self.tr("Hello, {name}").format(name=signed_in.actor.display_name))
        font = QFont(greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        greeting.setFont(font)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)
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
        self.cases_table.setMaximumWidth(420)

        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        if embedded:  # the workbench shows the table and the status line itself
            layout.setContentsMargins(0, 0, 0, 0)
            return
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Cases by state")))
        layout.addWidget(self.cases_table, 1)
        layout.addWidget(self.status)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.has_loaded and self._task is None:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._task is not None and not self._task.is_finished:
            return
        self.status.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)
        db = self._db
        self._task = tasks.run(
            lambda progress, cancel: load_stats(db), on_result=self._on_loaded, on_error=self._on_failed
        )
        self._task.finished.connect(self._on_finished)

    @Slot(object)
    def _on_loaded(self, numbers: dict[str, Any]) -> None:
        for key in ("households", "persons", "active_benefits"):
            self.cards[key].set_value(f"{numbers.get(key, 0):,}")
        self.cards["monthly_amount_fen"].set_value(
            fen_to_yuan(int(numbers.get("monthly_amount_fen", 0)), grouping=True)
        )
        cases = [(state, n) for state, n in numbers.get("cases", {}).items() if n]
        self.cases_table.setRowCount(len(cases))
        for row, (state, n) in enumerate(cases):
            self.cases_table.setItem(row, 0, QTableWidgetItem(state_label(state)))
            count = QTableWidgetItem(f"{n:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.cases_table.setItem(row, 1, count)
        self.status.setText(self.tr("Total cases: {n}").format(n=f"{sum(n for _s, n in cases):,}"))
        self.has_loaded = True
        self.loaded.emit()

    @Slot(object)
    def _on_failed(self, error: UserError) -> None:
        self.status.setText(str(error))

    @Slot()
    def _on_finished(self) -> None:
        self.refresh_button.setEnabled(True)
