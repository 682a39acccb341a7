"""发放: the month's payment run (prepare, approve, roster files, sent to the bank, bank return, flags)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.domain.codes import Role
from app.domain.money import parse_month
from app.errors import UserError
from app.services.payments import runs
from app.services.payments.bank_return import BankReturnReport, import_bank_return
from app.services.payments.view import RunPage, run_lines, run_page
from app.services.reports.files import SavedFile, export_roster
from app.views.ops import Job
from app.views.payments.run_form import RunForm
from app.views.widgets.table_actions import AllRows, TableActions
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.models.db import UnitOfWork

BATCH = 200
APPROVERS = (Role.COUNTY_HEAD, Role.ADMIN)


class PaymentRunTab(RunForm):
    """Every action is one service call (the services check the role) through a read or write operation.

    The tab loads the month's run on first show, when the month changes, on 刷新 and whenever a write
    anywhere changes a payment table. Signals: ``loaded`` after every load lands, ``exported(SavedFile)``,
    ``bank_imported(BankReturnReport)``, ``status_message(str)`` (refusals too, also shown on the tab).
    """

    exported = Signal(object)
    bank_imported = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, ws.actor.role in APPROVERS, BATCH, parent)
        self._month_chosen = False  # until then the service picks the month to work on today
        self.month_edit.dateChanged.connect(self._on_month_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.prepare_button.clicked.connect(self.prepare)
        self.approve_button.clicked.connect(self._approve_clicked)
        self.export_xlsx_button.clicked.connect(lambda: self._export_clicked(pdf=False))
        self.export_pdf_button.clicked.connect(lambda: self._export_clicked(pdf=True))
        self.export_masked_button.clicked.connect(lambda: self._export_clicked(pdf=True, masked=True))
        self.sent_button.clicked.connect(self.mark_sent)
        self.bank_button.clicked.connect(self._bank_clicked)
        self.clear_button.clicked.connect(self._clear_clicked)
        self.lines_model.more_requested.connect(self._load_more)
        self.list_actions = TableActions(
            self,
            self.lines_table,
            title=self.tr("Payment lines"),
            table_name="payment_line",
            filters=lambda: self.tr("Month: {month}").format(month=self.month()),
            all_rows=self._all_lines,
        )

    def _all_lines(self) -> AllRows:
        """Every line of the month's run (the table holds only the batches scrolled to)."""
        actor, month, model = self.actor, self.month(), self.lines_model
        columns = self.list_actions.visible_columns()

        def rows(uow: UnitOfWork) -> list[tuple[str, ...]]:
            return [tuple(model.text(r, c) for c in columns) for r in run_lines(uow, actor, month, 0, 10**7)]

        return rows

    # ---------------------------------------------------------------- loading

    def set_month(self, month: str) -> None:
        """Show ``month`` ("YYYY-MM"); loads its run."""
        month = parse_month(month)
        self._month_chosen = True
        wanted = QDate(int(month[:4]), int(month[5:]), 1)
        if wanted == self.month_edit.date():
            self.refresh()
        else:
            self.month_edit.setDate(wanted)  # dateChanged reloads

    @Slot(QDate)
    def _on_month_changed(self, _month: QDate) -> None:
        self._month_chosen = True
        self.refresh()

    def load(self) -> None:
        """The run of the month shown (at first: the month to work on today) and its first lines."""
        actor, month = self.actor, self.month() if self._month_chosen else None
        self.read(lambda uow: run_page(uow, actor, month, BATCH), self._on_loaded, key="load")

    def _on_loaded(self, page: RunPage) -> None:
        self._month_chosen = True
        self.show_view(page.view, page.lines)
        self.loaded.emit()

    @Slot(int, int, int)
    def _load_more(self, generation: int, offset: int, limit: int) -> None:
        actor, month = self.actor, self.month()
        self.read(
            lambda uow: run_lines(uow, actor, month, offset, limit),
            lambda rows: self.lines_model.append_rows(generation, offset, rows),
            on_error=lambda error: self._on_more_failed(generation, error),
            key="more",
        )

    def _on_more_failed(self, generation: int, error: UserError) -> None:
        self.lines_model.fetch_ended(generation)
        self.show_refused(error)

    # ---------------------------------------------------------------- actions

    @Slot()
    def prepare(self) -> None:
        """制表: (re)compute the month's draft from the files as they stand."""
        actor, month, job = self.actor, self.month(), Job()
        label = self.tr("Preparing the payment run…")
        self.write(
            lambda uow: runs.prepare(uow, actor, month, job.progress, job.cancelled),
            self._on_prepared,
            label=label,
            job=job,
        )

    def _on_prepared(self, summary: runs.RunSummary) -> None:
        self.show_status(self.tr("Draft prepared: {n} households.").format(n=summary.households))

    @Slot()
    def _approve_clicked(self) -> None:
        if self.confirm(self.texts.approve_question(self.month())):
            self.approve()

    @Slot()
    def approve(self) -> None:
        """审批: recompute once more and freeze; the service refuses anyone but the county head."""
        actor, month, job = self.actor, self.month(), Job()
        label = self.tr("Approving the payment run…")
        self.write(
            lambda uow: runs.approve(uow, actor, month, job.progress, job.cancelled),
            self._on_approved,
            label=label,
            job=job,
        )

    def _on_approved(self, summary: runs.RunSummary) -> None:
        self.show_status(self.tr("Approved and frozen: {n} households.").format(n=summary.households))

    @Slot()
    def mark_sent(self) -> None:
        actor, month = self.actor, self.month()
        self.write(lambda uow: runs.mark_sent(uow, actor, month), self._on_sent, label=self.tr("Saving…"))

    def _on_sent(self, _summary: runs.RunSummary) -> None:
        self.show_status(self.tr("Marked as sent to the bank."))

    def _export_clicked(self, *, pdf: bool, masked: bool = False) -> None:
        suffix, file_filter = (
            (".pdf", self.tr("PDF (*.pdf)")) if pdf else (".xlsx", self.tr("Excel (*.xlsx)"))
        )
        path = self.choose_save_path(
            self.tr("Save the roster"),
            f"发放名册{self.month()}{'（张贴用）' if masked else ''}{suffix}",
            file_filter,
        )
        if path is not None:
            self.export_roster_to(path, pdf=pdf, masked=masked)

    def export_roster_to(self, path: Path, *, pdf: bool = False, masked: bool = False) -> None:
        """Write the run's roster to ``path`` (xlsx, or PDF) off the GUI thread; audited by the service."""
        actor, month, job = self.actor, self.month(), Job()
        self.write(
            lambda uow: export_roster(
                uow, actor, month, path, pdf=pdf, masked=masked, progress=job.progress, cancel=job.cancelled
            ),
            self._on_exported,
            label=self.tr("Writing the roster…"),
            job=job,
        )

    def _on_exported(self, saved: SavedFile) -> None:
        self.show_status(self.tr("Saved to {path}").format(path=saved.path))
        self.exported.emit(saved)

    @Slot()
    def _bank_clicked(self) -> None:
        path = self.choose_open_path()
        if path is not None:
            self.import_bank_return_from(path)

    def import_bank_return_from(self, path: Path) -> None:
        """Import the bank's file: all rows land or (with the rows that are wrong) none."""
        actor, month, job = self.actor, self.month(), Job()
        self.write(
            lambda uow: import_bank_return(uow, actor, month, path, job.progress, job.cancelled),
            self._on_bank_imported,
            label=self.tr("Importing the bank return…"),
            job=job,
        )

    def _on_bank_imported(self, report: BankReturnReport) -> None:
        self.show_status(self.texts.bank_report(report))
        self.bank_imported.emit(report)

    @Slot()
    def _clear_clicked(self) -> None:
        flag = self.selected_flag()
        if flag is None:
            return
        note = self.ask_note(flag)
        if note is not None:
            self.clear_flag(flag.id, note)

    def clear_flag(self, flag_id: str, note: str) -> None:
        """核销: clear a finding with what the check found (the service requires the note)."""
        actor = self.actor
        self.write(
            lambda uow: runs.clear_flag(uow, actor, flag_id, note).id,
            self._on_cleared,
            label=self.tr("Saving…"),
        )

    def _on_cleared(self, _flag_id: str) -> None:
        self.show_status(self.tr("Finding cleared."))
