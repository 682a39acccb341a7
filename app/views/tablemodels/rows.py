"""A read-only table over a short list of rows (work lists, timelines); columns are declared, not coded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.names import sort_text

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a header click sorts by (a proxy's sortRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# Foreground tones, readable on white and on the alternate row colour.
TONES = {"overdue": "#b3261e", "soon": "#9a5b00", "ok": "#1b6e3a", "muted": "#6b6b6b"}


@dataclass(frozen=True)
class ColumnSpec(Generic[T]):
    """One column: its title, its text for a row, and optionally alignment, a tone, a tooltip and the
    key a header click sorts it by (default: its text)."""

    title: str
    text: Callable[[T], str]
    right: bool = False
    tone: Callable[[T], str | None] | None = None
    tooltip: Callable[[T], str] | None = None
    sort: Callable[[T], str | int | float] | None = None


def name_column(title: str, name: Callable[[T], str]) -> ColumnSpec[T]:
    """A column of people's names, sorted by pinyin (阿 李 张 赵) as WPS and Excel sort them."""
    return ColumnSpec(title, name, sort=lambda row: sort_text(name(row)))


def sort_value(column: ColumnSpec[T], row: T) -> str | int | float:
    return column.sort(row) if column.sort is not None else column.text(row)


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """Holds the rows a task loaded (a few hundred at most); ``ROW_ROLE`` gives the row object itself,
    ``SORT_ROLE`` the key its column sorts by. Sorted itself (a table with sorting enabled) or through a
    proxy whose sortRole is SORT_ROLE; a new load keeps the order the user chose."""

    def __init__(self, columns: Sequence[ColumnSpec[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._order is not None:
            self._sort_rows(*self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's key (stable, so equal keys keep the service's order); -1 keeps that order."""
        if not 0 <= column < len(self._columns):
            self._order = None
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows = [self._rows[i.row()] for i in before]
        self._order = (column, order)
        self._sort_rows(column, order)
        where = {id(row): n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(where[id(r)], i.column()) for r, i in zip(rows, before, strict=True)]
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self._columns[column]
        self._rows.sort(key=lambda row: sort_value(spec, row), reverse=order == Qt.SortOrder.DescendingOrder)

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def column_index(self, title: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.title == title)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.right else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column.tone is not None:
            tone = column.tone(row)
            return QBrush(QColor(TONES[tone])) if tone else None
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return sort_value(column, row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._columns[section].right else _LEFT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def days_tone(days: int | None, soon: int = 3) -> str | None:
    """Red once overdue, amber when due within ``soon`` days, else none."""
    if days is None:
        return None
    if days < 0:
        return "overdue"
    return "soon" if days <= soon else None
