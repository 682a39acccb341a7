"""动态管理: the queue of households due for review beside the 复核 form; saving schedules the next review."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from app import clock
from app.domain.codes import Role
from app.errors import UserError
from app.services.cases import worklist
from app.services.cases.worklist import ReviewLine
from app.services.context import TOWNSHIP_ROLES
from app.services.reviews import review
from app.services.reviews.review import ReviewContext, ReviewInput
from app.views.cases import CASE_TABLES
from app.views.page import Page
from app.views.reviews.columns import review_columns
from app.views.reviews.review_form import ReviewForm
from app.views.tablemodels.rows import ROW_ROLE, RowsTableModel
from app.views.widgets.forms import fit_columns, work_table
from app.views.widgets.queue_split import queue_beside_form, select_quietly
from app.views.widgets.table_actions import TableActions
from app.views.workspace import Workspace


class ReviewsPage(Page):
    """Reviews due in the user's area (the service scopes them); ``open_case`` asks for the workspace."""

    CONCERNS = CASE_TABLES
    context_loaded = Signal()
    open_case = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._wanted: str | None = None
        self._has_rows = False
        self._next_row: int | None = None  # after a save, go on with the household now in that row
        self.horizon_combo = QComboBox()
        self.horizon_combo.addItem(self.tr("Due within 30 days or overdue"), worklist.REVIEW_HORIZON_DAYS)
        self.horizon_combo.addItem(self.tr("Every open review"), None)
        horizon_label = QLabel(self.tr("&Queue:"))
        horizon_label.setBuddy(self.horizon_combo)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.count_label = QLabel()

        self.model = RowsTableModel[ReviewLine](
            review_columns(case_number=False, township=ws.is_county), self
        )
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(
            self.table,
            {0: "已逾期120天", 1: "2026年12月31日", 2: "欧阳小明", 3: "莲花湖社区", 4: "莲花湖社区"},
        )
        self.form = ReviewForm()
        role = ws.actor.role
        if role not in TOWNSHIP_ROLES and role is not Role.ADMIN:
            self.form.set_read_only(
                self.tr("Reviews are recorded by the township office; {role} may read them.").format(
                    role=role.label
                )
            )

        self.list_actions = TableActions(
            self,
            self.table,
            title=self.tr("Reviews due"),
            table_name="review",
            on_open=lambda index: self.open_case.emit(self.model.row_at(index.row()).case_id),
            filters=self.horizon_combo.currentText,
        )
        footer = (self.count_label, self.refused)
        bar = (horizon_label, self.horizon_combo, None, self.list_actions.export_button, self.refresh_button)
        queue_beside_form(self, bar, self.table, footer, self.form, (640, 560))

        self.horizon_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self.form.finding_edit.setFocus())
        self.form.submitted.connect(self._save)
        self.form.open_case.connect(self.open_case)

    def load(self) -> None:
        horizon = self.horizon_combo.currentData()
        self.count_label.setText(self.tr("Loading…"))
        self.read(lambda uow: worklist.reviews_due(uow, self.actor, horizon), self._on_loaded, key="queue")

    @Slot(object)
    def _on_loaded(self, lines: list[ReviewLine]) -> None:
        shown = self.form.context.case_id if self.form.context is not None else None
        before = next((r for r in self.model.rows() if r.case_id == shown), None)
        self.model.set_rows(lines)
        self._has_rows = True
        overdue = sum(1 for r in lines if r.days < 0)
        self.count_label.setText(
            self.tr("{n} households to review, {overdue} overdue").format(n=len(lines), overdue=overdue)
        )
        if self._wanted is not None:
            self.choose(self._wanted)
        elif self._next_row is not None and lines:
            self.table.selectRow(min(self._next_row, len(lines) - 1))
            self.table.setFocus()
        elif shown is not None:
            row = next((i for i, r in enumerate(lines) if r.case_id == shown), None)
            if row is not None:
                select_quietly(self.table, row, quietly=lines[row] == before)
        self._next_row = None
        self.loaded.emit()

    def choose(self, case_id: str) -> None:
        """Select the household's review in the queue, or load its form directly."""
        self._wanted = None
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).case_id == case_id:
                self.table.selectRow(row)
                return
        self._load_context(case_id)

    def open_review(self, case_id: str) -> None:
        """Show a household chosen on the workbench."""
        if not self._has_rows:
            self._wanted = case_id
        else:
            self.choose(case_id)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._load_context(indexes[0].data(ROW_ROLE).case_id)

    def _load_context(self, case_id: str) -> None:
        self.read(
            lambda uow: review.review_context(uow, self.actor, case_id), self._on_context, key="context"
        )

    @Slot(object)
    def _on_context(self, context: ReviewContext) -> None:
        self.form.show_context(context, clock.today())
        self.context_loaded.emit()

    @Slot(str, object)
    def _save(self, case_id: str, data: ReviewInput) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._next_row = rows[0].row() if rows else None  # the queue reloads: go on from this row
        self.write(
            lambda uow: review.record_review(uow, self.actor, case_id, data),
            lambda _review: self._on_saved(case_id),
            on_error=self._on_save_refused,
        )

    def _on_save_refused(self, error: UserError) -> None:
        self._next_row = None
        self.form.on_failed(error)

    def _on_saved(self, case_id: str) -> None:
        # The change is announced before the result arrives, so the queue's reload may already have put
        # the next household in the form: only the saved household's form is cleared.
        shown = self.form.context
        if shown is None or shown.case_id == case_id:
            self.form.saved()
        self.show_status(self.tr("Review saved; the next one is scheduled."))
