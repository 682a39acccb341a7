"""统计报表: the monthly report (月报) or the year summary (年度汇总), key figures on screen, xlsx/PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
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
from app.documents.reports import (
    LINSHI_KINDS,
    CategoryRow,
    LinshiRow,
    MonthlyReport,
    YearSummary,
    linshi_total,
)
from app.domain.money import yuan
from app.services.reports import files
from app.services.reports.files import SavedFile
from app.services.reports.monthly import monthly
from app.services.reports.year import year_summary
from app.views.ops import Job
from app.views.page import Page
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.widgets.empty_hint import EmptyHint
from app.views.widgets.forms import work_table
from app.views.workspace import Workspace

MONTHLY, YEAR = "month", "year"
LINSHI_URGENT, LINSHI_SPENDING = LINSHI_KINDS  # 急难型, 支出型: the report's keys


class ReportStatsTab(Page):
    """Choose 月报 or 年度汇总, see the key figures, save the file (PDF only when the builder is installed).

    The figures load when the tab is first shown, on 显示 and after a change to what they count.
    Signals: ``previewed(MonthlyReport | YearSummary)`` then ``loaded``, ``saved(SavedFile)``,
    ``status_message(str)`` (refusals too, also shown on the tab).
    """

    CONCERNS = frozenset(
        {
            "payment_run",
            "payment_line",
            "payment_result",
            "benefit",
            "benefit_member",
            "benefit_change",
            "case_file",
            "decision",
            "review",
            "public_notice",
        }
    )

    previewed = Signal(object)
    saved = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        now = clock.today()
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
        self.pdf_button.setVisible(files.report_pdf_available())
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
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
        # 临时救助 is paid once, not monthly: its own table, by township (the report's second table).
        self.linshi_label = QLabel(self.tr("Temporary assistance confirmed in the month"))
        self.linshi_model: RowsTableModel[LinshiRow] = RowsTableModel(self._linshi_columns(), self)
        self.linshi_table = work_table()
        self.linshi_table.setModel(self.linshi_model)
        self.linshi_hint = EmptyHint(
            self.linshi_table, self.tr("No temporary assistance was confirmed in this month.")
        )

        top = QHBoxLayout()
        for widget in (self.kind_combo, self.month_edit, self.year_spin, self.show_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.source_label)
        layout.addWidget(self.refused)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.linshi_label)
        layout.addWidget(self.linshi_table, 1)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.show_button.clicked.connect(self.refresh)
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

    def _linshi_columns(self) -> list[ColumnSpec[LinshiRow]]:
        def times(key: str) -> Callable[[LinshiRow], str]:
            return lambda r: f"{r.times.get(key, 0):,}"

        def amount(key: str) -> Callable[[LinshiRow], str]:
            return lambda r: yuan(r.fen.get(key, 0))

        columns: list[ColumnSpec[LinshiRow]] = [ColumnSpec(self.tr("Township"), lambda r: r.township)]
        for key, need in ((LINSHI_URGENT, self.tr("Urgent")), (LINSHI_SPENDING, self.tr("Spending"))):
            columns.append(ColumnSpec(self.tr("{need}: times").format(need=need), times(key), right=True))
            columns.append(ColumnSpec(self.tr("{need} (yuan)").format(need=need), amount(key), right=True))
        columns.append(ColumnSpec(self.tr("Total times"), lambda r: f"{r.total_times:,}", right=True))
        columns.append(ColumnSpec(self.tr("Total amount (yuan)"), lambda r: yuan(r.total_fen), right=True))
        return columns

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
        self.linshi_label.setVisible(monthly_kind)
        self.linshi_table.setVisible(monthly_kind)
        self.source_label.clear()

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        for button in (self.show_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(not busy)

    def load(self) -> None:
        """Compute the chosen report off the GUI thread and show its key figures."""
        self.preview()

    @Slot()
    def preview(self) -> None:
        actor, kind, month, year = self.actor, self.kind(), self.month(), self.year_spin.value()
        self.read(
            lambda uow: monthly(uow, actor, month) if kind == MONTHLY else year_summary(uow, actor, year),
            self._on_previewed,
            label=self.tr("Computing the figures…"),
            key="preview",
        )

    @Slot(object)
    def _on_previewed(self, result: MonthlyReport | YearSummary) -> None:
        if isinstance(result, MonthlyReport):
            self.month_model.set_rows([*result.rows, result.total])
            self.linshi_model.set_rows([*result.linshi, linshi_total(result.linshi)] if result.linshi else [])
            self.linshi_table.resizeColumnsToContents()
            self.source_label.setText(self.tr("Source: {source}").format(source=result.source_label))
        else:
            self.year_model.set_rows(self.year_figures(result))
            self.source_label.setText(self.tr("Payments count approved runs only."))
        self.table.resizeColumnsToContents()
        self.previewed.emit(result)
        self.loaded.emit()

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
        actor, kind, month, year, job = self.actor, self.kind(), self.month(), self.year_spin.value(), Job()
        progress, cancel = job.progress, job.cancelled
        self.write(  # the file written is audited (who, when, which report, where)
            lambda uow: (
                files.save_monthly_report(uow, actor, month, path, pdf=pdf, progress=progress, cancel=cancel)
                if kind == MONTHLY
                else files.save_year_summary(
                    uow, actor, year, path, pdf=pdf, progress=progress, cancel=cancel
                )
            ),
            self._on_saved,
            label=self.tr("Writing the report…"),
            job=job,
        )

    def _on_saved(self, saved: SavedFile) -> None:
        self.show_status(self.tr("Saved to {path}").format(path=saved.path))
        self.saved.emit(saved)
