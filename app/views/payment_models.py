"""Item models of the 发放 tab: the run's lines in fetchMore batches, and the run's flags."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.money import fen_to_yuan
from app.services.payment_view import FlagRow, LineRow
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
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


class PaymentLinesModel(QAbstractTableModel):
    """The lines fetched so far of one run (its line count known from the run).

    The model never queries: ``reset_rows`` installs a run's first batch, and ``fetchMore`` emits
    ``more_requested(generation, offset, limit)``; the loader hands the batch to ``append_rows`` with
    the same generation (a batch of an older run is dropped), then calls ``fetch_ended``.
    """

    more_requested = Signal(int, int, int)

    def __init__(self, parent: Any = None, *, batch_size: int = 200) -> None:
        super().__init__(parent)
        self.batch_size = batch_size
        self._rows: list[LineRow] = []
        self._total = 0
        self._generation = 0
        self._pending = False

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def total(self) -> int:
        return self._total

    def reset_rows(self, rows: list[LineRow], total: int) -> int:
        self.beginResetModel()
        self._generation += 1
        self._rows = list(rows)
        self._total = max(total, len(self._rows))
        self._pending = False
        self.endResetModel()
        return self._generation

    def append_rows(self, generation: int, offset: int, rows: list[LineRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._pending = False
        if len(rows) < self.batch_size:
            self._total = len(self._rows) + len(rows)  # the run ended sooner than its count said
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def fetch_ended(self, generation: int) -> None:
        if generation == self._generation:
            self._pending = False

    def row_at(self, row: int) -> LineRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LineColumn)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._pending and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._pending = True
        self.more_requested.emit(self._generation, len(self._rows), self.batch_size)

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
            return fen_to_yuan(row.total_fen, grouping=True)
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

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def bank_result_text(result: str) -> str:
    if result == "paid":
        return QCoreApplication.translate("PaymentModels", "Paid")
    if result == "failed":
        return QCoreApplication.translate("PaymentModels", "Returned")
    return ""


def flag_status_text(status: str) -> str:
    if status == "cleared":
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
            tone=lambda f: "overdue" if f.status == "open" else "ok",
        ),
        ColumnSpec(QCoreApplication.translate("PaymentModels", "Note"), lambda f: f.note),
    ]
    return RowsTableModel(columns, parent)
