"""The registry's table of households: rows arrive in fetchMore batches, sorting happens in SQL."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain import idcard
from app.domain.money import fen_to_yuan
from app.services.registry import RegistryRow

AnyIndex = QModelIndex | QPersistentModelIndex
HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    VILLAGE = 0
    HEAD = 1
    ID_NUMBER = 2
    MEMBERS = 3
    PROGRAM = 4
    STATE = 5
    AMOUNT = 6


# Columns whose order the registry service can produce in SQL (the others are not sortable).
SORT_KEYS: dict[Column, str] = {Column.VILLAGE: "village", Column.HEAD: "head"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class HouseholdTableModel(QAbstractTableModel):
    """Holds the rows fetched so far of one search result and its total.

    The model never queries: ``reset_rows`` installs the first batch of a new search, and when the
    view wants more, ``fetchMore`` emits ``more_requested(generation, offset, limit)``; whoever
    loads the batch (off the GUI thread) hands it to ``append_rows`` with the same generation, so a
    batch of an older search is dropped, then calls ``fetch_ended``. A batch shorter than asked
    for, or reaching the count, ends the fetching.
    """

    more_requested = Signal(int, int, int)

    def __init__(self, parent: Any = None, *, batch_size: int = 200, mask_ids: bool = False) -> None:
        super().__init__(parent)
        self.batch_size = batch_size
        self.mask_ids = mask_ids
        self._rows: list[RegistryRow] = []
        self._total: int | None = None
        self._exhausted = True
        self._generation = 0
        self._pending = False

    # ---------------------------------------------------------------- feeding

    @property
    def total(self) -> int | None:
        """How many households match the current search, once counted (the rows may be fewer)."""
        return self._total

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def is_fetching(self) -> bool:
        """A batch was asked for and has not arrived yet."""
        return self._pending

    def reset_rows(self, rows: list[RegistryRow], *, complete: bool) -> int:
        """Show a new search's first rows (``complete`` when there are no more); returns its generation."""
        self.beginResetModel()
        self._generation += 1
        self._rows = list(rows)
        self._total = len(self._rows) if complete else None
        self._exhausted = complete
        self._pending = False
        self.endResetModel()
        return self._generation

    def set_total(self, total: int) -> None:
        """The count of the current search arrived (it may come after the first rows)."""
        self._total = total
        if len(self._rows) >= total:
            self._exhausted = True

    def append_rows(self, generation: int, offset: int, rows: list[RegistryRow]) -> None:
        """Add a batch asked for by ``more_requested``; stale or out-of-place batches are ignored."""
        if generation != self._generation or offset != len(self._rows):
            return
        self._pending = False
        if len(rows) < self.batch_size or (self._total is not None and offset + len(rows) >= self._total):
            self._exhausted = True
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def fetch_ended(self, generation: int) -> None:
        """A batch request ended (loaded, failed or cancelled): the view may ask again."""
        if generation == self._generation:
            self._pending = False

    def row_at(self, row: int) -> RegistryRow:
        return self._rows[row]

    # ---------------------------------------------------------------- QAbstractItemModel

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._pending and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._pending = True
        self.more_requested.emit(self._generation, len(self._rows), self.batch_size)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (Column.MEMBERS, Column.AMOUNT) else _LEFT
        if role == HOUSEHOLD_ID_ROLE:
            return row.household_id
        return None

    def _display(self, row: RegistryRow, column: Column) -> str:
        if column is Column.VILLAGE:
            return row.village
        if column is Column.HEAD:
            return row.head_name
        if column is Column.ID_NUMBER:
            return idcard.mask(row.head_id_number) if self.mask_ids else row.head_id_number
        if column is Column.MEMBERS:
            return str(row.members)
        if column is Column.PROGRAM:
            return row.program_label
        if column is Column.STATE:
            return row.state_label
        return "" if row.monthly_fen is None else fen_to_yuan(row.monthly_fen, grouping=True)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return self.column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 <= section < len(Column):
            return _RIGHT if section in (Column.MEMBERS, Column.AMOUNT) else _LEFT
        return None

    def column_title(self, column: Column) -> str:
        titles = {
            Column.VILLAGE: self.tr("Village"),
            Column.HEAD: self.tr("Head of household"),
            Column.ID_NUMBER: self.tr("ID number"),
            Column.MEMBERS: self.tr("Members"),
            Column.PROGRAM: self.tr("Programme"),
            Column.STATE: self.tr("Case state"),
            Column.AMOUNT: self.tr("Monthly amount (yuan)"),
        }
        return titles[column]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
