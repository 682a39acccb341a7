"""The county's sync queues: conflicts to decide, duplicate ID numbers to check, quarantined households."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import InstallationKind
from app.services.sync.queues import ConflictItem, DuplicateItem, OpenItems, QuarantineItem
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel
from app.views.widgets.forms import fit_columns, work_table

Item = TypeVar("Item")


def values_text(values: dict[str, Any]) -> str:
    """``{"amount": "300"}`` as ``amount=300``; the table shows the raw field names the bundle carries."""
    return "；".join(
        f"{name}={json.dumps(value, ensure_ascii=False)}" for name, value in sorted(values.items())
    )


def _selected(table: QTableView, kind: type[Item]) -> Item | None:
    rows = table.selectionModel().selectedRows()
    item = rows[0].data(ROW_ROLE) if rows else None
    return item if isinstance(item, kind) else None


class SyncQueues(QTabWidget):
    """Three tabs over the open queue items; the page runs what the buttons ask for through the service."""

    resolve_conflict = Signal(int, object)  # conflict id, whose values to keep (InstallationKind)
    resolve_duplicate = Signal(int, str)  # duplicate id, the finding
    discard_quarantine = Signal(int)  # quarantine item id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts_model = RowsTableModel[ConflictItem](
            [
                ColumnSpec(self.tr("Station"), lambda r: r.station),
                ColumnSpec(self.tr("Table"), lambda r: r.table),
                ColumnSpec(self.tr("Record"), lambda r: r.record),
                ColumnSpec(self.tr("Kind"), self._kind_text),
                ColumnSpec(self.tr("Station's values"), lambda r: values_text(r.station_values)),
                ColumnSpec(self.tr("County's values"), lambda r: values_text(r.county_values)),
            ],
            self,
        )
        self.duplicates_model = RowsTableModel[DuplicateItem](
            [
                ColumnSpec(self.tr("ID number"), lambda r: r.id_number),
                ColumnSpec(
                    self.tr("Households"), lambda r: "、".join(sorted({p.household for p in r.persons}))
                ),
                ColumnSpec(self.tr("Stations"), lambda r: "、".join(sorted(r.stations))),
            ],
            self,
        )
        self.quarantine_model = RowsTableModel[QuarantineItem](
            [
                ColumnSpec(self.tr("Station"), lambda r: r.station),
                ColumnSpec(self.tr("Household"), lambda r: r.group),
                ColumnSpec(self.tr("Reason"), lambda r: r.reason),
            ],
            self,
        )
        self.conflicts_table = work_table()
        self.conflicts_table.setModel(self.conflicts_model)
        self.duplicates_table = work_table()
        self.duplicates_table.setModel(self.duplicates_model)
        self.quarantine_table = work_table()
        self.quarantine_table.setModel(self.quarantine_model)
        station, record = "430623101", "8f0c2a6e-1b2c-4d5e-9f00-123456789abc"
        fit_columns(
            self.conflicts_table,
            {
                0: station,
                1: "household_member",
                2: record,
                3: "已合并，待核对",
                4: 'amount_fen=30000；status="active"',
            },
        )
        fit_columns(self.duplicates_table, {0: "430623199001011234", 1: record + "、" + record})
        fit_columns(self.quarantine_table, {0: station, 1: record})

        self.keep_county_button = QPushButton(self.tr("Keep the &county's values"))
        self.keep_station_button = QPushButton(self.tr("Keep the stati&on's values"))
        self.keep_county_button.clicked.connect(lambda: self._conflict(InstallationKind.COUNTY))
        self.keep_station_button.clicked.connect(lambda: self._conflict(InstallationKind.STATION))
        self.finding_edit = QLineEdit()
        self.finding_edit.setPlaceholderText(self.tr("Finding, e.g. moved out of the old household"))
        self.finding_button = QPushButton(self.tr("Record the fi&nding"))
        self.finding_button.clicked.connect(self._duplicate)
        self.discard_button = QPushButton(self.tr("&Discard (the station resends it corrected)"))
        self.discard_button.clicked.connect(self._discard)

        self.addTab(self._tab(self.conflicts_table, self.keep_county_button, self.keep_station_button), "")
        self.addTab(self._tab(self.duplicates_table, self.finding_edit, self.finding_button), "")
        self.addTab(self._tab(self.quarantine_table, self.discard_button), "")
        for table in (self.conflicts_table, self.duplicates_table, self.quarantine_table):
            table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.set_items(OpenItems())

    @staticmethod
    def _tab(table: QTableView, *controls: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        bar = QHBoxLayout()
        for control in controls:
            bar.addWidget(control, 1 if isinstance(control, QLineEdit) else 0)
        if not any(isinstance(c, QLineEdit) for c in controls):
            bar.addStretch(1)
        layout.addLayout(bar)
        return page

    def _kind_text(self, row: ConflictItem) -> str:
        return {"soft": self.tr("Merged, to check"), "hard": self.tr("Held, to decide")}.get(
            row.kind, row.kind
        )

    def set_items(self, items: OpenItems) -> None:
        self.conflicts_model.set_rows(items.conflicts)
        self.duplicates_model.set_rows(items.duplicates)
        self.quarantine_model.set_rows(items.quarantined)
        self.setTabText(0, self.tr("Conflicts ({n})").format(n=self.conflicts_model.rowCount()))
        self.setTabText(1, self.tr("Duplicate ID numbers ({n})").format(n=self.duplicates_model.rowCount()))
        self.setTabText(2, self.tr("Quarantined ({n})").format(n=self.quarantine_model.rowCount()))
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        conflict = _selected(self.conflicts_table, ConflictItem) is not None
        self.keep_county_button.setEnabled(conflict)
        self.keep_station_button.setEnabled(conflict)
        self.finding_button.setEnabled(_selected(self.duplicates_table, DuplicateItem) is not None)
        self.discard_button.setEnabled(_selected(self.quarantine_table, QuarantineItem) is not None)

    def _conflict(self, keep: InstallationKind) -> None:
        item = _selected(self.conflicts_table, ConflictItem)
        if item is not None:
            self.resolve_conflict.emit(item.id, keep)

    @Slot()
    def _duplicate(self) -> None:
        item = _selected(self.duplicates_table, DuplicateItem)
        if item is not None:
            self.resolve_duplicate.emit(item.id, self.finding_edit.text())

    @Slot()
    def _discard(self) -> None:
        item = _selected(self.quarantine_table, QuarantineItem)
        if item is not None:
            self.discard_quarantine.emit(item.id)
