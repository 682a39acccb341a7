"""发放: the month's payment run (prepare, approve, roster files, sent to the bank, bank return, flags)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from app import clock
from app.domain.codes import Role
from app.domain.money import parse_month
from app.errors import UserError
from app.models.db import Database
from app.services.payments import runs as payments
from app.services.payments import view as payment_view
from app.services.payments.bank_return import BankReturnReport, import_bank_return
from app.services.payments.view import LineRow, RunView
from app.services.reports import files as report_files
from app.services.reports.files import SavedFile
from app.views import tasks
from app.views.payments.run_form import RunForm
from app.views.signed_in import SignedIn
from app.views.task_progress import follow

BATCH = 200
APPROVERS = (Role.COUNTY_HEAD, Role.ADMIN)


class PaymentRunTab(RunForm):
    """Every action goes through the services (they check the role); the work runs off the GUI thread.

    Signals: ``run_loaded(RunView)`` after every (re)load, ``exported(SavedFile)``,
    ``bank_imported(BankReturnReport)``, ``refused(str)`` (any refusal, also shown on the tab),
    ``status_message(str)`` for the status bar.
    """

    run_loaded = Signal(object)
    exported = Signal(object)
    bank_imported = Signal(object)
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
        super().__init__(signed_in.actor.role in APPROVERS, today(), BATCH, parent)
        self._db, self._actor, self._today = db, signed_in.actor, today
        self._started = False
        self._load_task: tasks.TaskHandle[Any] | None = None
        self._more_task: tasks.TaskHandle[Any] | None = None
        self._more_request = (0, 0)
        self._connect()

    def _connect(self) -> None:
        self.month_edit.dateChanged.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.prepare_button.clicked.connect(self.prepare)
        self.approve_button.clicked.connect(self._approve_clicked)
        self.export_xlsx_button.clicked.connect(lambda: self._export_clicked(pdf=False))
        self.export_pdf_button.clicked.connect(lambda: self._export_clicked(pdf=True))
        self.export_masked_button.clicked.connect(lambda: self._export_clicked(pdf=True, masked=True))
        self.sent_button.clicked.connect(self.mark_sent)
        self.bank_button.clicked.connect(self._bank_clicked)
        self.clear_button.clicked.connect(self._clear_clicked)
        self.lines_model.more_requested.connect(self._load_more)

    # ---------------------------------------------------------------- loading

    def set_month(self, month: str) -> None:
        """Show ``month`` ("YYYY-MM"); loads its run."""
        month = parse_month(month)
        self._started = True
        wanted = QDate(int(month[:4]), int(month[5:]), 1)
        if wanted == self.month_edit.date():
            self.reload()
        else:
            self.month_edit.setDate(wanted)  # dateChanged reloads

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._load(None)

    @Slot()
    def reload(self) -> None:
        self._load(self.month())

    def _load(self, month: str | None) -> None:
        """Load the run of ``month`` (None: the default month for today) and its first lines."""
        if self._load_task is not None:
            self._load_task.cancel()
        self._cancel_more()
        db, actor, today = self._db, self._actor, self._today()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> tuple[RunView, list[LineRow]]:
            with db.uow(actor.username) as uow:
                wanted = month or payment_view.default_month(uow.session, today)
                view = payment_view.run_view(uow.session, actor, wanted)
                lines = payment_view.run_lines(uow.session, actor, wanted, 0, BATCH) if view.status else []
                return view, lines

        self._load_task = tasks.run(work, self._on_loaded, self._on_refused)

    @Slot(object)
    def _on_loaded(self, loaded: tuple[RunView, list[LineRow]]) -> None:
        view, lines = loaded
        self.show_view(view, lines)
        self.run_loaded.emit(view)

    def _cancel_more(self) -> None:
        if self._more_task is not None:
            self._more_task.cancel()
            self._more_task = None
            self.lines_model.fetch_ended(self._more_request[0])

    @Slot(int, int, int)
    def _load_more(self, generation: int, offset: int, limit: int) -> None:
        db, actor, month = self._db, self._actor, self.month()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> list[LineRow]:
            with db.uow(actor.username) as uow:
                return payment_view.run_lines(uow.session, actor, month, offset, limit)

        self._more_request = (generation, offset)
        self._more_task = tasks.run(work, self._on_more, self._on_refused)
        self._more_task.finished.connect(self._on_more_finished)

    @Slot()
    def _on_more_finished(self) -> None:
        self.lines_model.fetch_ended(self._more_request[0])

    @Slot(object)
    def _on_more(self, rows: list[LineRow]) -> None:
        generation, offset = self._more_request
        self.lines_model.append_rows(generation, offset, rows)

    # ---------------------------------------------------------------- actions

    def _start(self, label: str, work: tasks.Work[Any], on_result: Callable[[Any], object]) -> None:
        self.error.clear_error()
        self.busy = True
        self.update_buttons()
        task = tasks.run(work, on_result, self._on_refused)
        task.finished.connect(self._on_finished)
        follow(task, label, self)

    @Slot()
    def _on_finished(self) -> None:
        self.busy = False
        self.update_buttons()

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.refused.emit(str(error))
        self.status_message.emit(str(error))

    def _done(self, message: str) -> None:
        self.status_message.emit(message)
        self.reload()

    # -- actions ---------------------------------------------------------------------------------------

    @Slot()
    def prepare(self) -> None:
        """制表: (re)compute the month's draft from the files as they stand."""
        db, actor, month = self._db, self._actor, self.month()

        def work(progress: tasks.Progress, _cancel: tasks.CancelFlag) -> payments.RunSummary:
            with db.uow(actor.username) as uow:
                summary = payments.prepare(uow, actor, month, lambda m: progress(0, 0, m))
                uow.commit()
                return summary

        self._start(self.tr("Preparing the payment run…"), work, self._on_prepared)

    @Slot(object)
    def _on_prepared(self, summary: payments.RunSummary) -> None:
        self._done(self.tr("Draft prepared: {n} households.").format(n=summary.households))

    @Slot()
    def _approve_clicked(self) -> None:
        if self.confirm(self.texts.approve_question(self.month())):
            self.approve()

    @Slot()
    def approve(self) -> None:
        """审批: recompute once more and freeze; the service refuses anyone but the county head."""
        db, actor, month = self._db, self._actor, self.month()

        def work(progress: tasks.Progress, _cancel: tasks.CancelFlag) -> payments.RunSummary:
            with db.uow(actor.username) as uow:
                summary = payments.approve(uow, actor, month, lambda m: progress(0, 0, m))
                uow.commit()
                return summary

        self._start(self.tr("Approving the payment run…"), work, self._on_approved)

    @Slot(object)
    def _on_approved(self, summary: payments.RunSummary) -> None:
        self._done(self.tr("Approved and frozen: {n} households.").format(n=summary.households))

    @Slot()
    def mark_sent(self) -> None:
        db, actor, month = self._db, self._actor, self.month()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                payments.mark_sent(uow, actor, month)
                uow.commit()
            return month

        self._start(self.tr("Saving…"), work, self._on_sent)

    @Slot(object)
    def _on_sent(self, _month: str) -> None:
        self._done(self.tr("Marked as sent to the bank."))

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
        db, actor, month = self._db, self._actor, self.month()

        def work(_progress: tasks.Progress, cancel: tasks.CancelFlag) -> SavedFile:
            with db.uow(actor.username) as uow:
                saved = report_files.export_roster(
                    uow, actor, month, path, pdf=pdf, masked=masked, cancelled=cancel.is_set
                )
            if cancel:
                raise tasks.Cancelled
            return saved

        self._start(self.tr("Writing the roster…"), work, self._on_exported)

    @Slot(object)
    def _on_exported(self, saved: SavedFile) -> None:
        self.status_message.emit(self.tr("Saved to {path}").format(path=saved.path))
        self.exported.emit(saved)

    @Slot()
    def _bank_clicked(self) -> None:
        path = self.choose_open_path()
        if path is not None:
            self.import_bank_return_from(path)

    def import_bank_return_from(self, path: Path) -> None:
        """Import the bank's file: all rows land or (with the rows that are wrong) none."""
        db, actor, month = self._db, self._actor, self.month()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> BankReturnReport:
            with db.uow(actor.username) as uow:
                report = import_bank_return(uow, actor, month, path)
                uow.commit()
                return report

        self._start(self.tr("Importing the bank return…"), work, self._on_bank_imported)

    @Slot(object)
    def _on_bank_imported(self, report: BankReturnReport) -> None:
        self.bank_imported.emit(report)
        self._done(self.texts.bank_report(report))

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
        db, actor = self._db, self._actor

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                payments.clear_flag(uow, actor, flag_id, note)
                uow.commit()
            return flag_id

        self._start(self.tr("Saving…"), work, self._on_cleared)

    @Slot(object)
    def _on_cleared(self, _flag_id: str) -> None:
        self._done(self.tr("Finding cleared."))
