"""A table whose rows arrive in fetchMore batches loaded off the GUI thread (the registry, a payment run)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex


class BatchedRowsModel(QAbstractTableModel, Generic[T]):
    """Holds the rows fetched so far of one result and, once known, its total.

    The model never queries: ``reset_rows`` installs the first batch of a new result, and when the
    view wants more, ``fetchMore`` emits ``more_requested(generation, offset, limit)``; whoever loads
    the batch (off the GUI thread) hands it to ``append_rows`` with the same generation, so a batch of
    an older result is dropped, then calls ``fetch_ended``. A batch shorter than asked for, or one
    reaching the total, ends the fetching. Subclasses give the columns, ``data`` and ``headerData``.
    """

    more_requested = Signal(int, int, int)

    def __init__(self, parent: Any = None, *, batch_size: int = 200) -> None:
        super().__init__(parent)
        self.batch_size = batch_size
        self._rows: list[T] = []
        self._total: int | None = None
        self._exhausted = True
        self._generation = 0
        self._pending = False

    @property
    def total(self) -> int | None:
        """How many rows the result has, once counted (the rows fetched may be fewer)."""
        return self._total

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def is_fetching(self) -> bool:
        """A batch was asked for and has not arrived yet."""
        return self._pending

    def reset_rows(self, rows: list[T], *, complete: bool = False, total: int | None = None) -> int:
        """Show a new result's first rows (``complete`` when there are no more); returns its generation."""
        self.beginResetModel()
        self._generation += 1
        self._rows = list(rows)
        self._total = len(self._rows) if complete else None
        self._exhausted = complete
        self._pending = False
        self.endResetModel()
        if total is not None:
            self.set_total(total)
        return self._generation

    def set_total(self, total: int) -> None:
        """The count of the current result arrived (it may come after the first rows)."""
        self._total = max(total, len(self._rows))
        if len(self._rows) >= self._total:
            self._exhausted = True

    def append_rows(self, generation: int, offset: int, rows: list[T]) -> None:
        """Add a batch asked for by ``more_requested``; stale or out-of-place batches are ignored."""
        if generation != self._generation or offset != len(self._rows):
            return
        self._pending = False
        if len(rows) < self.batch_size or (self._total is not None and offset + len(rows) >= self._total):
            self._exhausted = True
            if len(rows) < self.batch_size:
                self._total = offset + len(rows)  # the result ended sooner than its count said
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

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._pending and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._pending = True
        self.more_requested.emit(self._generation, len(self._rows), self.batch_size)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
