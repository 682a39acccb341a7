"""The 发放 tab's widgets: month, state, buttons, the lines and the flags; the behaviour is in the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.codes import FlagStatus, RunStatus
from app.services.payments.view import FlagRow, LineRow, RunView
from app.views.page import Page
from app.views.payments.models import LineColumn, PaymentLinesModel, flags_model
from app.views.payments.texts import RunTexts
from app.views.widgets.empty_hint import EmptyHint
from app.views.widgets.forms import fit_columns, heading, stretch_column, work_table
from app.views.workspace import Workspace


class RunForm(Page):
    """Shows a ``RunView`` and keeps the buttons in step with the run, the user's role and ``busy``."""

    # Lines are only ever written with their run (制表, 审批 update its totals): a roster export, audited
    # against payment_line, is not a change to show.
    CONCERNS = frozenset({"payment_run", "payment_flag", "payment_result"})

    def __init__(
        self, ws: Workspace, may_approve: bool, batch_size: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(ws, parent)
        self.texts = RunTexts(self)
        self.may_approve = may_approve
        self.view: RunView | None = None
        today = clock.today()
        self.month_edit = QDateEdit()
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setDateRange(QDate(2000, 1, 1), QDate(2199, 12, 1))
        self.month_edit.setDate(QDate(today.year, today.month, 1))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.state_label = heading("", 1.15)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.bank_label = QLabel()
        self.approve_reason = QLabel()
        self.approve_reason.setWordWrap(True)
        self.approve_reason.setStyleSheet("color: #6b6b6b;")
        self.prepare_button = QPushButton(self.tr("&Prepare"))
        self.approve_button = QPushButton(self.tr("&Approve and freeze"))
        self.export_xlsx_button = QPushButton(self.tr("Roster as &Excel…"))
        self.export_pdf_button = QPushButton(self.tr("Roster as P&DF…"))
        self.export_masked_button = QPushButton(self.tr("Roster for p&osting…"))
        self.export_masked_button.setToolTip(
            self.tr("A PDF with ID and account numbers masked, for the notice board.")
        )
        self.sent_button = QPushButton(self.tr("Mark &sent to the bank"))
        self.bank_button = QPushButton(self.tr("Import bank &return…"))
        self.clear_button = QPushButton(self.tr("&Clear finding…"))

        self.lines_model = PaymentLinesModel(self, batch_size=batch_size)
        self.lines_table = work_table()
        self.lines_table.setModel(self.lines_model)
        samples: dict[int, str] = {
            LineColumn.SEQ: "99999",
            LineColumn.TOWNSHIP: "鲇鱼须镇",
            LineColumn.VILLAGE: "莲花湖社区",
        }
        samples |= {LineColumn.HEAD: "欧阳小明", LineColumn.CATEGORY: "农村低保/A档"}
        samples |= {LineColumn.AMOUNT: "12,345.00", LineColumn.PERSONS: "人数"}
        fit_columns(self.lines_table, samples)
        self.flags_model = flags_model(self)
        self.flags_table = work_table()
        self.flags_table.setModel(self.flags_model)
        stretch_column(self.flags_table, 1)
        self.flags_hint = EmptyHint(
            self.flags_table,
            self.tr(
                "No findings. When the roster is made, anyone paid twice and any account shared by "
                "several households are listed here."
            ),
        )
        self._layout()
        self.flags_table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.update_buttons()

    def _layout(self) -> None:
        top = QHBoxLayout()
        label = QLabel(self.tr("&Month:"))
        label.setBuddy(self.month_edit)
        top.addWidget(label)
        top.addWidget(self.month_edit)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.prepare_button, self.approve_button, self.export_xlsx_button):
            buttons.addWidget(button)
        for button in (self.export_pdf_button, self.export_masked_button, self.sent_button, self.bank_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        flags = QWidget()
        flags_layout = QVBoxLayout(flags)
        flags_layout.setContentsMargins(0, 0, 0, 0)
        flags_top = QHBoxLayout()
        flags_top.addWidget(QLabel(self.tr("Findings to check (paid twice, shared account)")), 1)
        flags_top.addWidget(self.clear_button)
        flags_layout.addLayout(flags_top)
        flags_layout.addWidget(self.flags_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.lines_table)
        splitter.addWidget(flags)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.bank_label)
        layout.addLayout(buttons)
        layout.addWidget(self.approve_reason)
        layout.addWidget(self.refused)
        layout.addWidget(splitter, 1)

    def month(self) -> str:
        d = self.month_edit.date()
        return f"{d.year():04d}-{d.month():02d}"

    def show_view(self, view: RunView, lines: list[LineRow]) -> None:
        self.view = view
        if view.month != self.month():
            self.month_edit.blockSignals(True)
            self.month_edit.setDate(QDate(int(view.month[:4]), int(view.month[5:]), 1))
            self.month_edit.blockSignals(False)
        self.lines_model.reset_rows(lines, total=view.households)
        self.flags_model.set_rows(view.flags)
        self.state_label.setText(self.texts.state(view))
        self.counts_label.setText(self.texts.counts(view))
        self.bank_label.setText(self.texts.bank(view))
        self.bank_label.setVisible(view.frozen)
        self.update_buttons()

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.update_buttons()

    @Slot()
    def update_buttons(self) -> None:
        view, idle = self.view, not self.busy
        status = view.status if view is not None else None
        open_run = status in ("", RunStatus.DRAFT)
        drafted = status == RunStatus.DRAFT
        self.prepare_button.setText(self.tr("Re&generate") if drafted else self.tr("&Prepare"))
        self.prepare_button.setEnabled(idle and open_run)
        reason = self.texts.approve_refusal(status, self.may_approve)
        self.approve_button.setEnabled(idle and open_run and not reason)
        self.approve_button.setToolTip(reason)
        self.approve_reason.setText(reason)
        self.approve_reason.setVisible(bool(reason))
        has_run = bool(status)
        self.export_xlsx_button.setEnabled(idle and has_run)
        self.export_pdf_button.setEnabled(idle and has_run)
        self.export_masked_button.setEnabled(idle and has_run)
        self.sent_button.setEnabled(idle and status == RunStatus.APPROVED)
        self.bank_button.setEnabled(idle and view is not None and view.frozen)
        flag = self.selected_flag()
        self.clear_button.setEnabled(idle and flag is not None and flag.status == FlagStatus.OPEN)

    def selected_flag(self) -> FlagRow | None:
        rows = self.flags_table.selectionModel().selectedRows()
        return self.flags_model.row_at(rows[0].row()) if rows else None

    # -- dialogs (replaced in tests) -----------------------------------------------------------------

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Approve the payment run"), text)
        return answer == QMessageBox.StandardButton.Yes

    def choose_save_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return Path(path) if path else None

    def choose_open_path(self) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Bank return file"), "", self.tr("Spreadsheets (*.xlsx *.xls *.csv);;All files (*)")
        )
        return Path(path) if path else None

    def ask_note(self, flag: FlagRow) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Clear the finding"),
            flag.reason + "\n\n" + self.tr("What did the check find?"),
        )
        return text if ok else None

    def line_rows(self) -> list[LineRow]:
        return [self.lines_model.row_at(r) for r in range(self.lines_model.rowCount(QModelIndex()))]
