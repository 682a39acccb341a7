"""统计报表: the monthly report (月报) or the year summary (年度汇总), key figures on screen, xlsx/PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.documents.reports import CategoryRow, MonthlyReport, YearSummary
from app.errors import UserError
from app.models.db import Database
from app.services.reports import files as report_files
from app.services.reports.files import SavedFile
from app.services.reports.monthly import monthly
from app.services.reports.year import year_summary
from app.views import tasks
from app.views.payments.texts import yuan
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.task_progress import follow
from app.views.widgets.forms import ErrorLabel, work_table

MONTHLY, YEAR = "month", "year"


class ReportStatsTab(QWidget):
    """Choose 月报 or 年度汇总, see the key figures, save the file (PDF only when the builder is installed).

    Signals: ``previewed(MonthlyReport | YearSummary)``, ``saved(SavedFile)``, ``refused(str)``,
    ``status_message(str)``.
    """

    previewed = Signal(object)
    saved = Signal(object)
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
        now = today()
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Monthly statistics report"), MONTHLY)
        self.kind_combo.addItem(self.tr("Year summary"), YEAR)
        self.month_edit = QDateEdit(QDate(now.year, now.month, 1))
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2199)
        self.year_spin.setValue(now.year)
        self.show_button = QPushButton(self.tr("&Show figures"))
        self.xlsx_button = QPushButton(self.tr("Save as &Excel…"))
        self.pdf_button = QPushButton(self.tr("Save as &PDF…"))
        self.pdf_button.setVisible(report_files.report_pdf_available())
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.error = ErrorLabel()
        self.month_model: RowsTableModel[CategoryRow] = RowsTableModel(self._month_columns(), self)
        self.year_model: RowsTableModel[tuple[str, str]] = RowsTableModel(
            [
                ColumnSpec(self.tr("Item"), lambda r: r[0]),
                ColumnSpec(self.tr("Figure"), lambda r: r[1], right=True),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.month_model)
        self._started = False

        top = QHBoxLayout()
        for widget in (self.kind_combo, self.month_edit, self.year_spin, self.show_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.source_label)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.show_button.clicked.connect(self.preview)
        self.xlsx_button.clicked.connect(lambda: self._save_clicked(pdf=False))
        self.pdf_button.clicked.connect(lambda: self._save_clicked(pdf=True))
        self._on_kind_changed()

    def _month_columns(self) -> list[ColumnSpec[CategoryRow]]:
        return [
            ColumnSpec(self.tr("Category"), lambda r: r.category),
            ColumnSpec(self.tr("Households"), lambda r: f"{r.households:,}", right=True),
            ColumnSpec(self.tr("Persons"), lambda r: f"{r.persons:,}", right=True),
            ColumnSpec(self.tr("New households"), lambda r: f"{r.new_households:,}", right=True),
            ColumnSpec(self.tr("Exited households"), lambda r: f"{r.exited_households:,}", right=True),
            ColumnSpec(self.tr("Living allowance (yuan)"), lambda r: yuan(r.base_fen), right=True),
            ColumnSpec(self.tr("Top-ups (yuan)"), lambda r: yuan(r.topup_fen), right=True),
            ColumnSpec(self.tr("Total (yuan)"), lambda r: yuan(r.total_fen), right=True),
            ColumnSpec(self.tr("Per person (yuan)"), lambda r: yuan(r.per_capita_fen), right=True),
        ]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:  # the current month's figures when the tab is first opened
            self._started = True
            self.preview()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def month(self) -> str:
        d = self.month_edit.date()
        return f"{d.year():04d}-{d.month():02d}"

    @Slot()
    def _on_kind_changed(self) -> None:
        monthly_kind = self.kind() == MONTHLY
        self.month_edit.setVisible(monthly_kind)
        self.year_spin.setVisible(not monthly_kind)
        self.table.setModel(self.month_model if monthly_kind else self.year_model)
        self.source_label.clear()

    def _start(self, label: str, work: tasks.Work[Any], on_result: Callable[[Any], object]) -> None:
        self.error.clear_error()
        self._set_busy(True)
        task = tasks.run(work, on_result, self._on_refused)
        task.finished.connect(self._on_finished)
        follow(task, label, self)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.show_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(not busy)

    @Slot()
    def _on_finished(self) -> None:
        self._set_busy(False)

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.refused.emit(str(error))
        self.status_message.emit(str(error))

    @Slot()
    def preview(self) -> None:
        """Compute the chosen report off the GUI thread and show its key figures."""
        db, actor, kind, month, year, today = (
            self._db,
            self._actor,
            self.kind(),
            self.month(),
            self.year_spin.value(),
            self._today(),
        )

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> MonthlyReport | YearSummary:
            with db.uow(actor.username) as uow:
                if kind == MONTHLY:
                    return monthly(uow.session, actor, month)
                return year_summary(uow.session, actor, year, today)

        self._start(self.tr("Computing the figures…"), work, self._on_previewed)

    @Slot(object)
    def _on_previewed(self, result: MonthlyReport | YearSummary) -> None:
        if isinstance(result, MonthlyReport):
            self.month_model.set_rows([*result.rows, result.total])
            self.source_label.setText(self.tr("Source: {source}").format(source=result.source_label))
        else:
            self.year_model.set_rows(self.year_figures(result))
            self.source_label.setText(self.tr("Payments count approved runs only."))
        self.table.resizeColumnsToContents()
        self.previewed.emit(result)

    def year_figures(self, s: YearSummary) -> list[tuple[str, str]]:
        return [
            (self.tr("Households assisted"), f"{s.households:,}"),
            (self.tr("Persons assisted"), f"{s.persons:,}"),
            (self.tr("Person-months paid"), f"{s.person_months:,}"),
            (self.tr("Funds paid (yuan)"), yuan(s.funds_fen)),
            (self.tr("Share paid through the bank"), f"{s.bank_share:.1%}"),
            (self.tr("Temporary assistance: cases"), f"{s.linshi_cases:,}"),
            (self.tr("Temporary assistance (yuan)"), yuan(s.linshi_fen)),
            (self.tr("Reviews done on time"), f"{s.reviews_on_time_share:.1%}"),
            (self.tr("Decisions within the time limit"), f"{s.decided_in_time_share:.1%}"),
            (self.tr("Notices posted"), f"{sum(s.notices.values()):,}"),
        ]

    def choose_save_path(self, suggested: str, pdf: bool) -> Path | None:
        file_filter = self.tr("PDF (*.pdf)") if pdf else self.tr("Excel (*.xlsx)")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the report"), suggested, file_filter)
        return Path(path) if path else None

    def _save_clicked(self, *, pdf: bool) -> None:
        name = f"统计月报{self.month()}" if self.kind() == MONTHLY else f"年度汇总{self.year_spin.value()}"
        path = self.choose_save_path(name + (".pdf" if pdf else ".xlsx"), pdf)
        if path is not None:
            self.save_to(path, pdf=pdf)

    def save_to(self, path: Path, *, pdf: bool = False) -> None:
        """Write the chosen report to ``path`` off the GUI thread (nothing half-written on failure)."""
        db, actor, kind, month, year, today = (
            self._db,
            self._actor,
            self.kind(),
            self.month(),
            self.year_spin.value(),
            self._today(),
        )

        def work(_progress: tasks.Progress, cancel: tasks.CancelFlag) -> SavedFile:
            with db.uow(actor.username) as uow:
                if kind == MONTHLY:
                    saved = report_files.save_monthly_report(
                        uow, actor, month, path, pdf=pdf, cancelled=cancel.is_set
                    )
                else:
                    saved = report_files.save_year_summary(
                        uow, actor, year, path, pdf=pdf, today=today, cancelled=cancel.is_set
                    )
            if cancel:
                raise tasks.Cancelled
            return saved

        self._start(self.tr("Writing the report…"), work, self._on_saved)

    @Slot(object)
    def _on_saved(self, saved: SavedFile) -> None:
        self.status_message.emit(self.tr("Saved to {path}").format(path=saved.path))
        self.saved.emit(saved)
