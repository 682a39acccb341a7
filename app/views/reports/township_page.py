"""本乡镇统计: the benefits being paid, by village and category, with an Excel copy (a station's 报表)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import clock
from app.documents.reports import TownshipStats, VillageRow
from app.domain.money import yuan
from app.services.reports.township import SavedStats, export_village_stats, village_stats
from app.views.page import Page
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.widgets.forms import heading, stretch_column, work_table
from app.views.workspace import Workspace


class TownshipStatsTab(Page):
    """Loads ``village_stats`` off the GUI thread when first shown, on 刷新 and after a change to the
    benefits; saves them as xlsx through the audited export.

    Signals: ``loaded`` (``stats`` holds what is shown), ``exported(str)`` (the file's path),
    ``status_message(str)`` (refusals too, also shown on the tab).
    """

    CONCERNS = frozenset({"benefit", "benefit_member", "household", "area"})

    exported = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.stats: TownshipStats | None = None
        note = QLabel(
            self.tr(
                "Monthly payment rosters, bank returns and the county's statistics reports are made at "
                "the county civil-affairs office; this table counts the benefits on this station's files."
            )
        )
        note.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Save as &Excel…"))
        self.export_button.clicked.connect(self._export_clicked)
        self.export_button.setEnabled(False)
        columns: list[ColumnSpec[VillageRow]] = [
            ColumnSpec(self.tr("Village"), lambda r: r.village),
            ColumnSpec(self.tr("Category"), lambda r: r.category),
            ColumnSpec(self.tr("Households"), lambda r: f"{r.households:,}", right=True),
            ColumnSpec(self.tr("Persons"), lambda r: f"{r.persons:,}", right=True),
            ColumnSpec(self.tr("Monthly amount (yuan)"), lambda r: yuan(r.monthly_fen), right=True),
        ]
        self.model: RowsTableModel[VillageRow] = RowsTableModel(columns, self)
        self.table = work_table()
        self.table.setModel(self.model)
        stretch_column(self.table, 0)
        self.total_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Benefits being paid, by village")), 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.refused)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.refresh_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.stats is not None)

    def load(self) -> None:
        actor = self.actor
        self.read(lambda uow: village_stats(uow, actor), self._on_loaded, key="load")

    def _on_loaded(self, stats: TownshipStats) -> None:
        self.stats = stats
        self.model.set_rows(stats.rows)
        self.total_label.setText(
            self.tr("Total: {households} households, {persons} persons, {amount} yuan a month.").format(
                households=f"{stats.households:,}",
                persons=f"{stats.persons:,}",
                amount=yuan(stats.monthly_fen),
            )
        )
        self.loaded.emit()

    def choose_save_path(self, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the statistics"), suggested, self.tr("Excel (*.xlsx)")
        )
        return Path(path) if path else None

    @Slot()
    def _export_clicked(self) -> None:
        path = self.choose_save_path(f"本乡镇统计{clock.today():%Y%m%d}.xlsx")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Count again (the files may have changed) and write the xlsx off the GUI thread; audited."""
        actor = self.actor
        self.write(
            lambda uow: export_village_stats(uow, actor, path),
            self._on_exported,
            label=self.tr("Writing the statistics…"),
        )

    def _on_exported(self, saved: SavedStats) -> None:
        self.show_status(self.tr("Saved to {path}").format(path=saved.path))
        self.exported.emit(str(saved.path))
