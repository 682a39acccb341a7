"""申请办理 on the county master: the cases townships sent up, beside the decision form.

The queue shows the working days left of the 10-day limit and which cases need the county's home visit
(near relatives, complaints, the random spot check); every load and save runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app import clock
from app.errors import UserError
from app.models.db import Database
from app.services.cases import county_decide, county_review
from app.services.cases.county_decide import DecisionFacts, DecisionInput
from app.services.cases.county_review import QueueRow, SpotDraw
from app.views import tasks
from app.views.cases.county_visit_dialog import CountyVisitDialog, VisitInput
from app.views.cases.decision_panel import DecisionPanel
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel, days_tone
from app.views.widgets.forms import fit_columns, heading, show_date, work_table
from app.views.widgets.queue_split import queue_beside_form


class ApprovalPage(QWidget):
    queue_loaded = Signal()
    facts_loaded = Signal()
    case_decided = Signal(str)
    open_case = Signal(str)
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
        self._next_row: int | None = None
        self.visit_dialog: CountyVisitDialog | None = None
        self.model = RowsTableModel[QueueRow](
            [
                ColumnSpec(
                    self.tr("Working days left"),
                    self._left_text,
                    tone=lambda r: days_tone(r.days_left, 3),
                    tooltip=lambda r: self.tr("Due {date}").format(date=show_date(r.due)),
                ),
                ColumnSpec(self.tr("Applicant"), lambda r: r.applicant),
                ColumnSpec(self.tr("Township"), lambda r: r.township),
                ColumnSpec(self.tr("Village"), lambda r: r.village),
                ColumnSpec(self.tr("Programme"), lambda r: r.program_label),
                ColumnSpec(self.tr("Stage"), lambda r: r.state_label),
                ColumnSpec(
                    self.tr("Home visit"),
                    self._visit_text,
                    tone=lambda r: "overdue" if r.visit_needed else ("ok" if r.visit_done else None),
                ),
                ColumnSpec(self.tr("Sent up"), lambda r: show_date(r.since)),
                ColumnSpec(self.tr("Case number"), lambda r: r.case_number),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(self.table, {0: "已逾期10个工作日", 1: "欧阳小明", 2: "鲇鱼须镇", 3: "莲花湖社区"})
        self.count_label = QLabel()
        self.draw_button = QPushButton(self.tr("&Draw spot checks"))
        self.draw_button.setToolTip(
            self.tr("Draw at random at least 30% of the cases sent up under the 2012 rules for a home visit.")
        )
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.panel = DecisionPanel()

        title = heading(self.tr("Cases waiting for the county"))
        bar = (title, None, self.draw_button, self.refresh_button)
        queue_beside_form(self, bar, self.table, self.count_label, self.panel)

        self.refresh_button.clicked.connect(self.reload)
        self.draw_button.clicked.connect(self.draw_spot_checks)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self.panel.reason_edit.setFocus())
        self.panel.submitted.connect(self._decide)
        self.panel.visit_requested.connect(self.ask_visit)
        self.panel.open_case.connect(self.open_case)

    def _left_text(self, row: QueueRow) -> str:
        if row.days_left is None:
            return ""
        if row.days_left < 0:
            return self.tr("{n} working days overdue").format(n=-row.days_left)
        return self.tr("{n} working days").format(n=row.days_left)

    def _visit_text(self, row: QueueRow) -> str:
        if row.visit_done:
            return self.tr("Done")
        if row.visit_reasons:
            return self.tr("Required: {reasons}").format(reasons="、".join(row.visit_reasons))
        if row.rule_mode == "2012" and row.drawn is None and row.state == "submitted":
            return self.tr("Spot check not drawn")
        return ""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    # ---------------------------------------------------------------- loading

    @Slot()
    def reload(self) -> None:
        db, actor, today = self._db, self._actor, self._today()
        self.count_label.setText(self.tr("Loading…"))

        def load(progress: tasks.Progress, cancel: tasks.CancelFlag) -> list[QueueRow]:
            with db.uow("system") as uow:
                return county_review.approval_queue(uow.session, actor, today)

        tasks.run(load, on_result=self._on_loaded, on_error=self._on_error)

    @Slot(object)
    def _on_loaded(self, rows: list[QueueRow]) -> None:
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.days_left is not None and r.days_left < 0)
        visits = sum(1 for r in rows if r.visit_needed)
        self.count_label.setText(
            self.tr("{n} cases waiting, {late} overdue, {visits} need a home visit").format(
                n=len(rows), late=late, visits=visits
            )
        )
        if self._next_row is not None and rows:
            self.table.selectRow(min(self._next_row, len(rows) - 1))
            self.table.setFocus()
        elif not rows:
            self.panel.show_facts(None)
        self._next_row = None
        self.queue_loaded.emit()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.load_facts(indexes[0].data(ROW_ROLE).case_id)

    def load_facts(self, case_id: str) -> None:
        db, actor, today = self._db, self._actor, self._today()

        def load(progress: tasks.Progress, cancel: tasks.CancelFlag) -> DecisionFacts:
            with db.uow("system") as uow:
                return county_decide.facts(uow.session, actor, case_id, today)

        tasks.run(load, on_result=self._on_facts, on_error=self._on_error)

    @Slot(object)
    def _on_facts(self, facts: DecisionFacts) -> None:
        self.panel.show_facts(facts, self._today())
        self.facts_loaded.emit()

    # ---------------------------------------------------------------- actions

    @Slot(str, object)
    def _decide(self, case_id: str, data: DecisionInput) -> None:
        db, actor = self._db, self._actor

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                county_decide.decide(uow, actor, case_id, data)
                uow.commit()
            return case_id

        tasks.run(work, on_result=self._on_decided, on_error=lambda e: self.panel.show_error(str(e)))

    @Slot(object)
    def _on_decided(self, case_id: str) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._next_row = rows[0].row() if rows else None
        self.status_message.emit(self.tr("Decision saved."))
        self.case_decided.emit(case_id)
        self.reload()

    @Slot()
    def draw_spot_checks(self) -> None:
        db, actor, today = self._db, self._actor, self._today()

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> SpotDraw:
            with db.uow(actor.username) as uow:
                drawn = county_review.draw_spot_checks(uow, actor, today)
                uow.commit()
            return drawn

        tasks.run(work, on_result=self._on_drawn, on_error=self._on_error)

    @Slot(object)
    def _on_drawn(self, draw: SpotDraw) -> None:
        if draw.considered == 0:
            message = self.tr("No case under the 2012 rules is waiting for a draw.")
        else:
            message = self.tr(
                "Drew {drawn} of {n} cases ({share}%) for a county home visit: {numbers}"
            ).format(
                drawn=len(draw.drawn), n=draw.considered, share=draw.share, numbers="、".join(draw.drawn)
            )
        self.count_label.setText(message)
        self.status_message.emit(message)
        self.reload()

    @Slot(str)
    def ask_visit(self, case_id: str) -> CountyVisitDialog:
        facts = self.panel.facts
        title = facts.applicant if facts is not None else case_id
        dialog = CountyVisitDialog(title, self._today(), self)
        dialog.submitted.connect(lambda data: self._save_visit(case_id, data))
        self.visit_dialog = dialog
        dialog.open()
        return dialog

    def _save_visit(self, case_id: str, data: VisitInput) -> None:
        db, actor = self._db, self._actor
        dialog = self.visit_dialog

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                county_review.record_county_visit(
                    uow, actor, case_id, data.on, data.staff, data.findings, data.eligible
                )
                uow.commit()
            return case_id

        def failed(error: UserError) -> None:
            if dialog is not None:
                dialog.on_failed(str(error))

        tasks.run(work, on_result=self._on_visit_saved, on_error=failed)

    @Slot(object)
    def _on_visit_saved(self, case_id: str) -> None:
        if self.visit_dialog is not None:
            self.visit_dialog.accept()
        self.status_message.emit(self.tr("Home visit recorded."))
        rows = self.table.selectionModel().selectedRows()
        self._next_row = rows[0].row() if rows else None
        self.reload()

    @Slot(object)
    def _on_error(self, error: UserError) -> None:
        self.count_label.setText(str(error))
        self.status_message.emit(str(error))
