"""The registry's table of households: rows arrive in fetchMore batches, sorting happens in SQL."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from app.domain import idcard
from app.domain.money import yuan
from app.services.households.registry import RegistryRow
from app.views.tablemodels.batched import AnyIndex, BatchedRowsModel

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    VILLAGE = 0
    HEAD = 1
    ID_NUMBER = 2
    MEMBERS = 3
    PROGRAM = 4
    STATE = 5
    AMOUNT = 6
    TOWNSHIP = 7  # shown at the county only, moved to the front there


# Columns whose order the registry service can produce in SQL (the others are not sortable).
SORT_KEYS: dict[Column, str] = {Column.VILLAGE: "village", Column.HEAD: "head"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class HouseholdTableModel(BatchedRowsModel[RegistryRow]):
    """One search result's households in batches (see ``BatchedRowsModel``); IDs masked for cadres."""

    def __init__(self, parent: Any = None, *, batch_size: int = 200, mask_ids: bool = False) -> None:
        super().__init__(parent, batch_size=batch_size)
        self.mask_ids = mask_ids
        self.townships: dict[str, str] = {}  # 9-digit township code → name (set by the page)

    # ---------------------------------------------------------------- QAbstractItemModel

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

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

    def text(self, row: RegistryRow, column: int) -> str:
        """A cell's text as shown (pure: callable off the GUI thread for an export)."""
        return self._display(row, Column(column))

    def _display(self, row: RegistryRow, column: Column) -> str:
        if column is Column.VILLAGE:
            return row.village
        if column is Column.TOWNSHIP:
            return self.townships.get(row.village_code[:9], "")
        if column is Column.HEAD:
            if row.matched_member:  # the search text matched this member, not the head
                return self.tr("{head} (matched: {member})").format(
                    head=row.head_name, member=row.matched_member
                )
            return row.head_name
        if column is Column.ID_NUMBER:
            return idcard.mask(row.head_id_number) if self.mask_ids else row.head_id_number
        if column is Column.MEMBERS:
            return str(row.members)
        if column is Column.PROGRAM:
            return row.program_label
        if column is Column.STATE:
            return row.state_label
        return "" if row.monthly_fen is None else yuan(row.monthly_fen)

    def set_townships(self, names: dict[str, str]) -> None:
        """Township names by 9-digit code, for the 乡镇 column."""
        self.townships = names
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.TOWNSHIP), self.index(len(self._rows) - 1, Column.TOWNSHIP)
            )

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
            Column.TOWNSHIP: self.tr("Township"),
        }
        return titles[column]
