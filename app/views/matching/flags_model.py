"""The 信息比对 queue's table: one row per open flag, sortable by any column, deaths in red."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.matching.queue import FlagLine
from app.views.tablemodels.rows import ROW_ROLE, TONES
from app.views.widgets.forms import show_date

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    KIND = 0
    PLACE = 1
    HEAD = 2
    PERSON = 3
    ID_NUMBER = 4
    RELATION = 5
    FOUND = 6
    REASON = 7  # last: it takes the spare width


class MatchFlagsModel(QAbstractTableModel):
    """Holds the lines ``matching_queue.flag_lines`` loaded; ``ROW_ROLE`` gives the ``FlagLine``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[FlagLine] = []
        self._titles = {
            Column.KIND: self.tr("List"),
            Column.PLACE: self.tr("Township / village"),
            Column.HEAD: self.tr("Head of household"),
            Column.PERSON: self.tr("Person matched"),
            Column.ID_NUMBER: self.tr("ID number"),
            Column.RELATION: self.tr("Relation"),
            Column.FOUND: self.tr("Found on"),
            Column.REASON: self.tr("Reason"),
        }

    def set_lines(self, lines: Sequence[FlagLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[FlagLine]:
        return list(self._lines)

    def line_at(self, row: int) -> FlagLine:
        return self._lines[row]

    def row_of(self, flag_id: str) -> int | None:
        return next((row for row, line in enumerate(self._lines) if line.id == flag_id), None)

    def relation_text(self, line: FlagLine) -> str:
        return self.tr("Beneficiary") if line.covered else self.tr("Household member")

    def text(self, line: FlagLine, column: Column) -> str:
        if column is Column.KIND:
            return line.kind_label
        if column is Column.PLACE:
            return " ".join(part for part in (line.township, line.village) if part)
        if column is Column.HEAD:
            return line.head_name
        if column is Column.PERSON:
            return line.person_name
        if column is Column.ID_NUMBER:
            return line.id_masked
        if column is Column.RELATION:
            return self.relation_text(line)
        if column is Column.REASON:
            return line.reason
        return show_date(line.found_on)

    def sort_key(self, line: FlagLine, column: Column) -> Any:
        if column is Column.FOUND:
            return line.found_on.isoformat()
        if column is Column.KIND:
            return (line.kind != "death", line.kind)
        if column in (Column.HEAD, Column.PERSON):  # people in pinyin order, not by code point
            from app.domain.names import sort_key

            return sort_key(self.text(line, column))
        return self.text(line, column)

    # ---------------------------------------------------------------- Qt

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        line, column = self._lines[index.row()], Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(line, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.KIND and line.kind == "death":
            return QBrush(QColor(TONES["overdue"]))
        if role == ROW_ROLE:
            return line
        if role == SORT_ROLE:
            return self.sort_key(line, column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self._titles[Column(section)] if 0 <= section < len(Column) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [self._lines[i.row()] for i in old]
        self._lines.sort(
            key=lambda line: self.sort_key(line, Column(column)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        where = {id(line): row for row, line in enumerate(self._lines)}
        new = [self.index(where[id(line)], i.column()) for line, i in zip(moved, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
