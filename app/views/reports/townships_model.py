"""The county dashboard's table: one row per township and the county total, sortable, attention coloured."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app import clock
from app.services.reports.dashboard import TownshipRow
from app.views.tablemodels.rows import ROW_ROLE, TONES

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STALE_DAYS = 30  # a station that has sent nothing for this long is flagged
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# Light cell backgrounds behind the darker foreground tones; readable on both row colours.
BACKGROUNDS = {"overdue": "#fbe3e1", "soon": "#fdf0d5"}


class Col(IntEnum):
    TOWNSHIP = 0
    HOUSEHOLDS = 1
    IN_TOWNSHIP = 2
    AWAITING = 3
    ACTIVE = 4
    OVERDUE = 5
    SOON = 6
    REVIEWS = 7
    REFUSED = 8
    STOPPED = 9
    HELD = 10
    QUARANTINED = 11
    CONFLICTS = 12
    DUPLICATES = 13
    LAST_SYNC = 14


@dataclass(frozen=True)
class _Column:
    title: str
    explain: str
    value: Callable[[TownshipRow], int]
    tone: str | None = None  # the tone of a non-zero count (None: never coloured)


class TownshipTableModel(QAbstractTableModel):
    """Holds the rows ``county_dashboard.township_rows`` returned; the total row always stays last."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TownshipRow] = []
        self._today = clock.today()
        self._columns: dict[Col, _Column] = {
            Col.TOWNSHIP: _Column(
                self.tr("Township"), self.tr("Township (double-click to open)"), lambda r: 0
            ),
            Col.HOUSEHOLDS: _Column(
                self.tr("Households"), self.tr("Households on file"), lambda r: r.households
            ),
            Col.IN_TOWNSHIP: _Column(
                self.tr("At township"),
                self.tr("Applications still in the township's procedure"),
                lambda r: r.in_township,
            ),
            Col.AWAITING: _Column(
                self.tr("Awaiting county"),
                self.tr("Applications submitted to the county or in its pre-approval notice"),
                lambda r: r.awaiting_county,
            ),
            Col.ACTIVE: _Column(self.tr("Being paid"), self.tr("Benefits being paid"), lambda r: r.active),
            Col.OVERDUE: _Column(
                self.tr("Overdue"),
                self.tr("Open applications whose next time limit has passed"),
                lambda r: r.deadlines_overdue,
                "overdue",
            ),
            Col.SOON: _Column(
                self.tr("Due soon"),
                self.tr("Open applications whose next time limit falls within 3 working days"),
                lambda r: r.deadlines_soon,
                "soon",
            ),
            Col.REVIEWS: _Column(
                self.tr("Reviews overdue"),
                self.tr("Reviews of households being paid, due before today and not done"),
                lambda r: r.reviews_overdue,
                "overdue",
            ),
            Col.REFUSED: _Column(
                self.tr("Refused this year"),
                self.tr("Applications refused this year"),
                lambda r: r.refused_year,
            ),
            Col.STOPPED: _Column(
                self.tr("Stopped this year"), self.tr("Benefits stopped this year"), lambda r: r.stopped_year
            ),
            Col.HELD: _Column(
                self.tr("Held bundles"),
                self.tr("Bundles from the station waiting for an earlier one"),
                lambda r: r.held_bundles,
                "overdue",
            ),
            Col.QUARANTINED: _Column(
                self.tr("Quarantined"),
                self.tr("Households from the station's bundles that failed validation"),
                lambda r: r.quarantined,
                "overdue",
            ),
            Col.CONFLICTS: _Column(
                self.tr("Conflicts"),
                self.tr("Open sync conflicts of the station"),
                lambda r: r.conflicts,
                "overdue",
            ),
            Col.DUPLICATES: _Column(
                self.tr("Duplicates"),
                self.tr("ID numbers active in two households, one of them here"),
                lambda r: r.duplicates,
                "overdue",
            ),
            Col.LAST_SYNC: _Column(
                self.tr("Last import"), self.tr("When the station's last bundle was imported"), _sync_key
            ),
        }

    # ---------------------------------------------------------------- data in

    def set_rows(self, rows: Sequence[TownshipRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def rows(self) -> list[TownshipRow]:
        return list(self._rows)

    def row_at(self, row: int) -> TownshipRow:
        return self._rows[row]

    def title(self, column: Col) -> str:
        return self._columns[column].title

    # ---------------------------------------------------------------- Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(Col)
        ):
            return None
        row, column = self._rows[index.row()], Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column in (Col.TOWNSHIP, Col.LAST_SYNC) else _RIGHT
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            tone = self.tone(row, column)
            if tone is None:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(TONES[tone]))
            return QBrush(QColor(BACKGROUNDS[tone])) if tone in BACKGROUNDS else None
        if role == Qt.ItemDataRole.FontRole and row.is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == SORT_ROLE:
            return row.code if column is Col.TOWNSHIP else self._columns[column].value(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(Col):
            return None
        column = self._columns[Col(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.explain
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section in (Col.TOWNSHIP, Col.LAST_SYNC) else _RIGHT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the townships by ``column`` (by code among equals); the total row stays at the bottom."""
        if not 0 <= column < len(Col) or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        key = self._columns[Col(column)].value
        townships = sorted((r for r in before if not r.is_total), key=lambda r: r.code)
        if column != Col.TOWNSHIP:
            townships.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        elif order == Qt.SortOrder.DescendingOrder:
            townships.reverse()
        self._rows = townships + [r for r in before if r.is_total]
        position = {id(r): i for i, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(position[id(before[i.row()])], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # ---------------------------------------------------------------- cells

    def _text(self, row: TownshipRow, column: Col) -> str:
        if column is Col.TOWNSHIP:
            return row.name if not row.is_total else self.tr("{county} (total)").format(county=row.name)
        if column is Col.LAST_SYNC:
            return self._sync_text(row)
        return f"{self._columns[column].value(row):,}"

    def _sync_text(self, row: TownshipRow) -> str:
        if row.last_sync is not None:
            return _local(row.last_sync).strftime("%Y-%m-%d")
        if row.is_total or not row.station_status:
            return self.tr("no station") if not row.is_total else ""
        return self.tr("never")

    def _tooltip(self, row: TownshipRow, column: Col) -> str:
        text = self._text(row, column)
        if column is Col.LAST_SYNC and row.last_sync is not None and not row.is_total:
            days = (self._today - _local(row.last_sync).date()).days
            when = _local(row.last_sync).strftime("%Y-%m-%d %H:%M")
            return self.tr("{when}: {days} days ago").format(when=when, days=days)
        if column is Col.LAST_SYNC and row.station_status == "revoked":
            return self.tr("The station's keys are revoked")
        return f"{self._columns[column].explain}: {text}" if column is not Col.TOWNSHIP else text

    def tone(self, row: TownshipRow, column: Col) -> str | None:
        """The attention tone of a cell: "overdue" (act now), "soon" (act shortly), "muted" or None."""
        if column is Col.LAST_SYNC:
            if row.is_total:
                return None
            if not row.station_status:
                return "muted"
            if row.station_status == "revoked" or row.last_sync is None:
                return "soon"
            return "soon" if (self._today - _local(row.last_sync).date()).days > STALE_DAYS else None
        spec = self._columns[column]
        if column is Col.TOWNSHIP:
            return None
        if spec.value(row) == 0:
            return "muted"  # zeros recede, so the numbers that matter stand out
        return spec.tone


def _local(moment: datetime) -> datetime:
    return moment.astimezone()


def _sync_key(row: TownshipRow) -> int:
    return int(row.last_sync.timestamp()) if row.last_sync is not None else -1
