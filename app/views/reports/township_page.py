"""本乡镇统计: the benefits being paid, by village and category, with an Excel copy (a station's 报表)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import clock
from app.documents.reports import TownshipStats, VillageRow
from app.errors import UserError
from app.models.db import Database
from app.services.reports.township import village_stats
from app.views import tasks
from app.views.payments.texts import yuan
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.task_progress import follow
from app.views.widgets.forms import ErrorLabel, heading, stretch_column, work_table


class TownshipStatsTab(QWidget):
    """Loads ``village_stats`` off the GUI thread when first shown and on 刷新; saves it as xlsx.

    Signals: ``loaded(TownshipStats)``, ``exported(str)`` (the file's path), ``refused(str)``,
    ``status_message(str)``.
    """

    loaded = Signal(object)
    exported = Signal(str)
    refused = Signal(str)
    status_message = Signal(str)

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, signed_in.actor, today
        self._started = False
        self.stats: TownshipStats | None = None
        note = QLabel(
            self.tr(
                "Monthly payment rosters, bank returns and the county's statistics reports are made at "
                "the county civil-affairs office; this table counts the benefits on this station's files."
            )
        )
        note.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
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
        self.error = ErrorLabel()
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Benefits being paid, by village")), 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self.reload()

    @Slot()
    def reload(self) -> None:
        self._started = True
        self.refresh_button.setEnabled(False)
        db, actor, today = self._db, self._actor, self._today()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> TownshipStats:
            with db.uow(actor.username) as uow:
                return village_stats(uow.session, actor, today)

        task = tasks.run(work, self._on_loaded, self._on_refused)
        task.finished.connect(self._on_load_finished)

    @Slot()
    def _on_load_finished(self) -> None:
        self.refresh_button.setEnabled(True)

    @Slot(object)
    def _on_loaded(self, stats: TownshipStats) -> None:
        self.stats = stats
        self.error.clear_error()
        self.model.set_rows(stats.rows)
        self.total_label.setText(
            self.tr("Total: {households} households, {persons} persons, {amount} yuan a month.").format(
                households=f"{stats.households:,}",
                persons=f"{stats.persons:,}",
                amount=yuan(stats.monthly_fen),
            )
        )
        self.export_button.setEnabled(True)
        self.loaded.emit(stats)

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.refused.emit(str(error))
        self.status_message.emit(str(error))

    def choose_save_path(self, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the statistics"), suggested, self.tr("Excel (*.xlsx)")
        )
        return Path(path) if path else None

    @Slot()
    def _export_clicked(self) -> None:
        on = self._today()
        path = self.choose_save_path(f"本乡镇统计{on:%Y%m%d}.xlsx")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Count again (the files may have changed) and write the xlsx, off the GUI thread."""
        from app.spreadsheets.village_stats import write_village_stats

        db, actor, today = self._db, self._actor, self._today()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                stats = village_stats(uow.session, actor, today)
            return str(write_village_stats(path, stats))

        self.export_button.setEnabled(False)
        task: tasks.TaskHandle[Any] = tasks.run(work, self._on_exported, self._on_refused)
        task.finished.connect(self._on_export_finished)
        follow(task, self.tr("Writing the statistics…"), self)

    @Slot()
    def _on_export_finished(self) -> None:
        self.export_button.setEnabled(self.stats is not None)

    @Slot(object)
    def _on_exported(self, path: str) -> None:
        self.status_message.emit(self.tr("Saved to {path}").format(path=path))
        self.exported.emit(path)
