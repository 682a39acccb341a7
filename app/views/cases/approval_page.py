"""申请办理 on the county master: the cases townships sent up, beside the decision form.

The queue shows the working days left of the 10-day limit and which cases need the county's home visit
(near relatives, complaints, the random spot check); every load and save runs off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app import clock
from app.domain.codes import RuleMode
from app.domain.workflow import CaseState
from app.errors import UserError
from app.services.cases import county_decide, county_review
from app.services.cases.county_decide import DecisionFacts, DecisionInput
from app.services.cases.county_review import QueueRow, SpotDraw
from app.views.cases import CASE_TABLES
from app.views.cases.county_visit_dialog import CountyVisitDialog
from app.views.cases.decision_panel import DecisionPanel
from app.views.page import Page
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel, days_tone, name_column
from app.views.widgets.forms import fit_columns, heading, show_date, work_table
from app.views.widgets.queue_split import queue_beside_form, select_quietly
from app.views.widgets.table_actions import TableActions
from app.views.workspace import Workspace


class ApprovalPage(Page):
    """The county's queue (the service refuses anyone but county staff) beside the decision form."""

    CONCERNS = CASE_TABLES
    facts_loaded = Signal()
    open_case = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._next_row: int | None = None  # after a decision or a visit: the row to go on with
        self.visit_dialog: CountyVisitDialog | None = None
        self.model = RowsTableModel[QueueRow](
            [
                ColumnSpec(
                    self.tr("Working days left"),
                    self._left_text,
                    tone=lambda r: days_tone(r.days_left, 3),
                    tooltip=lambda r: self.tr("Due {date}").format(date=show_date(r.due)),
                ),
                name_column(self.tr("Applicant"), lambda r: r.applicant),
                ColumnSpec(self.tr("Township"), lambda r: r.township),
                ColumnSpec(self.tr("Village"), lambda r: r.village),
                ColumnSpec(self.tr("Programme"), lambda r: r.program_label),
                ColumnSpec(self.tr("Case number"), lambda r: r.case_number),
                ColumnSpec(self.tr("Stage"), lambda r: r.state_label),
                ColumnSpec(
                    self.tr("Home visit"),
                    self._visit_text,
                    tone=lambda r: "overdue" if r.visit_needed else ("ok" if r.visit_done else None),
                ),
                ColumnSpec(self.tr("Sent up"), lambda r: show_date(r.since)),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.model)
        # The columns that identify a case first (申请编号 among them): the rest scroll beside the form.
        samples = [
            "已逾期10个工作日",
            "欧阳小明",
            "鲇鱼须镇",
            "莲花湖社区",
            "特困供养",
            "430623101-2026-000123",
        ]
        fit_columns(self.table, dict(enumerate(samples)))
        self.count_label = QLabel()
        self.draw_button = QPushButton(self.tr("&Draw spot checks"))
        self.draw_button.setToolTip(
            self.tr("Draw at random at least 30% of the cases sent up under the 2012 rules for a home visit.")
        )
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.panel = DecisionPanel()
        footer = (self.count_label, self.refused)
        self.list_actions = TableActions(
            self,
            self.table,
            title=self.tr("Cases waiting for the county"),
            table_name="case_file",
            on_open=lambda index: self.table.selectRow(index.row()),
        )

        title = heading(self.tr("Cases waiting for the county"))
        bar = (title, None, self.list_actions.export_button, self.draw_button, self.refresh_button)
        queue_beside_form(self, bar, self.table, footer, self.panel, (700, 520))

        self.refresh_button.clicked.connect(self.refresh)
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
        if row.rule_mode == RuleMode.RULES_2012 and row.drawn is None and row.state == CaseState.SUBMITTED:
            return self.tr("Spot check not drawn")
        return ""

    # ---------------------------------------------------------------- loading

    def load(self) -> None:
        self.count_label.setText(self.tr("Loading…"))
        self.read(lambda uow: county_review.approval_queue(uow, self.actor), self._on_loaded, key="queue")

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.draw_button.setEnabled(not busy)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    @Slot(object)
    def _on_loaded(self, rows: list[QueueRow]) -> None:
        shown = self.panel.facts.case_id if self.panel.facts is not None else None
        before = next((r for r in self.model.rows() if r.case_id == shown), None)
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.days_left is not None and r.days_left < 0)
        visits = sum(1 for r in rows if r.visit_needed)
        self.count_label.setText(
            self.tr("{n} cases waiting, {late} overdue, {visits} need a home visit").format(
                n=len(rows), late=late, visits=visits
            )
        )
        again = next((i for i, r in enumerate(rows) if r.case_id == shown), None)
        if self._next_row is not None and rows:
            self.table.selectRow(min(self._next_row, len(rows) - 1))
            self.table.setFocus()
        elif again is not None:  # the case shown: unchanged, the form keeps what is typed; else afresh
            select_quietly(self.table, again, quietly=rows[again] == before)
        elif not rows or shown is not None:
            self.panel.show_facts(None)
        self._next_row = None
        self.loaded.emit()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.load_facts(indexes[0].data(ROW_ROLE).case_id)

    def load_facts(self, case_id: str) -> None:
        self.read(lambda uow: county_decide.facts(uow, self.actor, case_id), self._on_facts, key="facts")

    @Slot(object)
    def _on_facts(self, facts: DecisionFacts) -> None:
        self.panel.show_facts(facts, clock.today())
        self.facts_loaded.emit()

    # ---------------------------------------------------------------- actions

    @Slot(str, object)
    def _decide(self, case_id: str, data: DecisionInput) -> None:
        self._next_row = self._selected_row()  # the queue reloads without the case: go on with the next
        self.write(
            lambda uow: county_decide.decide(uow, self.actor, case_id, data),
            lambda _state: self.show_status(self.tr("Decision saved.")),
            on_error=self._on_decision_refused,
        )

    def _on_decision_refused(self, error: UserError) -> None:
        self._next_row = None
        self.panel.show_error(str(error))

    @Slot()
    def draw_spot_checks(self) -> None:
        self.write(lambda uow: county_review.draw_spot_checks(uow, self.actor), self._on_drawn)

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
        self.show_status(message)

    @Slot(str)
    def ask_visit(self, case_id: str) -> CountyVisitDialog:
        facts = self.panel.facts
        title = facts.applicant if facts is not None else case_id
        dialog = CountyVisitDialog(self.ws, case_id, title, self)
        dialog.visit_saved.connect(lambda: self.show_status(self.tr("Home visit recorded.")))
        self.visit_dialog = dialog
        dialog.open()
        return dialog
