"""Item models of the 发放 tab: the run's lines in fetchMore batches, and the run's flags."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
)

from app.domain.codes import FlagStatus
from app.domain.money import yuan
from app.services.payments.view import FlagRow, LineRow
from app.views.tablemodels.batched import AnyIndex, BatchedRowsModel
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class LineColumn(IntEnum):
    SEQ = 0
    TOWNSHIP = 1
    VILLAGE = 2
    HEAD = 3
    PERSONS = 4
    CATEGORY = 5
    AMOUNT = 6
    BANK = 7


_NUMERIC = (LineColumn.SEQ, LineColumn.PERSONS, LineColumn.AMOUNT)


class PaymentLinesModel(BatchedRowsModel[LineRow]):
    """The lines fetched so far of one run (its line count known from the run; see ``BatchedRowsModel``)."""

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LineColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(LineColumn):
            return None
        column = LineColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(self._rows[index.row()], column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        return None

    def text(self, row: LineRow, column: int) -> str:
        """A cell's text as shown (pure: callable off the GUI thread for an export)."""
        return self._display(row, LineColumn(column))

    def _display(self, row: LineRow, column: LineColumn) -> str:
        if column is LineColumn.SEQ:
            return str(row.seq)
        if column is LineColumn.TOWNSHIP:
            return row.township
        if column is LineColumn.VILLAGE:
            return row.village
        if column is LineColumn.HEAD:
            return row.head_name
        if column is LineColumn.PERSONS:
            return str(row.persons)
        if column is LineColumn.CATEGORY:
            return row.category
        if column is LineColumn.AMOUNT:
            return yuan(row.total_fen)
        return bank_result_text(row.bank_result)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical or not 0 <= section < len(LineColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(LineColumn(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def column_title(self, column: LineColumn) -> str:
        titles = {
            LineColumn.SEQ: self.tr("No."),
            LineColumn.TOWNSHIP: self.tr("Township"),
            LineColumn.VILLAGE: self.tr("Village"),
            LineColumn.HEAD: self.tr("Head of household"),
            LineColumn.PERSONS: self.tr("Persons"),
            LineColumn.CATEGORY: self.tr("Category"),
            LineColumn.AMOUNT: self.tr("Amount (yuan)"),
            LineColumn.BANK: self.tr("Bank result"),
        }
        return titles[column]


def bank_result_text(result: str) -> str:
    if result == "paid":
        return QCoreApplication.translate("PaymentModels", "Paid")
    if result == "failed":
        return QCoreApplication.translate("PaymentModels", "Returned")
    return ""


def flag_status_text(status: str) -> str:
    if status == FlagStatus.CLEARED:
        return QCoreApplication.translate("PaymentModels", "Cleared")
    return QCoreApplication.translate("PaymentModels", "To check")


def flags_model(parent: Any = None) -> RowsTableModel[FlagRow]:
    """The run's findings: kind, what was found, open or cleared, the note written when clearing."""
    columns: list[ColumnSpec[FlagRow]] = [
        ColumnSpec(QCoreApplication.translate("PaymentModels", "Kind"), lambda f: f.kind_label),
        ColumnSpec(QCoreApplication.translate("PaymentModels", "Finding"), lambda f: f.reason),
        ColumnSpec(
            QCoreApplication.translate("PaymentModels", "Status"),
            lambda f: flag_status_text(f.status),
            tone=lambda f: "overdue" if f.status == FlagStatus.OPEN else "ok",
        ),
        ColumnSpec(QCoreApplication.translate("PaymentModels", "Note"), lambda f: f.note),
    ]
    return RowsTableModel(columns, parent)
