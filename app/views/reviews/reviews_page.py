"""动态管理: the queue of households due for review beside the 复核 form; saving schedules the next review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from app import clock
from app.domain.codes import Role
from app.errors import UserError
from app.models.db import Database
from app.services.cases import worklist
from app.services.cases.worklist import ReviewLine
from app.services.context import TOWNSHIP_ROLES
from app.services.reviews import review as worklist_reviews
from app.services.reviews.review import ReviewContext, ReviewInput
from app.views import tasks
from app.views.reviews.review_form import ReviewForm
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel, days_tone
from app.views.widgets.forms import calendar_days_text, fit_columns, money_text, show_date, work_table
from app.views.widgets.queue_split import queue_beside_form


class ReviewsPage(QWidget):
    """Every query and the save run off the GUI thread; ``open_case`` asks the window for the workspace."""

    queue_loaded = Signal()
    context_loaded = Signal()
    review_saved = Signal(str)
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
        self._db, self._actor, self._scope, self._today = db, signed_in.actor, signed_in.scope, today
        self._started = False
        self._wanted: str | None = None
        self._next_row: int | None = None  # after a save, go on with the household now in that row
        self.horizon_combo = QComboBox()
        self.horizon_combo.addItem(self.tr("Due within 30 days or overdue"), worklist.REVIEW_HORIZON_DAYS)
        self.horizon_combo.addItem(self.tr("Every open review"), None)
        horizon_label = QLabel(self.tr("&Queue:"))
        horizon_label.setBuddy(self.horizon_combo)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.count_label = QLabel()

        self.model = RowsTableModel[ReviewLine](
            [
                ColumnSpec(
                    self.tr("Time left"),
                    lambda r: calendar_days_text(r.days),
                    tone=lambda r: days_tone(r.days, 7),
                ),
                ColumnSpec(self.tr("Due"), lambda r: show_date(r.due_on)),
                ColumnSpec(self.tr("Head of household"), lambda r: r.head_name),
                ColumnSpec(self.tr("Village"), lambda r: r.village),
                ColumnSpec(self.tr("Programme"), lambda r: r.program_label),
                ColumnSpec(self.tr("Monthly amount (yuan)"), lambda r: money_text(r.monthly_fen), right=True),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(
            self.table, {0: "已逾期120天", 1: "2026年12月31日", 2: "欧阳小明", 3: "莲花湖社区", 4: "特困供养"}
        )
        self.form = ReviewForm()
        role = signed_in.actor.role
        if role not in TOWNSHIP_ROLES and role is not Role.ADMIN:
            self.form.set_read_only(
                self.tr("Reviews are recorded by the township office; {role} may read them.").format(
                    role=role.label
                )
            )

        bar = (horizon_label, self.horizon_combo, None, self.refresh_button)
        queue_beside_form(self, bar, self.table, self.count_label, self.form, (640, 560))

        self.horizon_combo.currentIndexChanged.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self.form.finding_edit.setFocus())
        self.form.submitted.connect(self._save)
        self.form.open_case.connect(self.open_case)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    @Slot()
    def reload(self) -> None:
        db, scope, today, horizon = self._db, self._scope, self._today(), self.horizon_combo.currentData()
        self.count_label.setText(self.tr("Loading…"))

        def load(progress: tasks.Progress, cancel: tasks.CancelFlag) -> list[ReviewLine]:
            with db.uow("system") as uow:
                return worklist.reviews_due(uow.session, scope, today, horizon)

        tasks.run(load, on_result=self._on_loaded, on_error=self._on_error)

    @Slot(object)
    def _on_loaded(self, lines: list[ReviewLine]) -> None:
        self.model.set_rows(lines)
        overdue = sum(1 for r in lines if r.days < 0)
        self.count_label.setText(
            self.tr("{n} households to review, {overdue} overdue").format(n=len(lines), overdue=overdue)
        )
        if self._wanted is not None:
            self.choose(self._wanted)
        elif self._next_row is not None and lines:
            self.table.selectRow(min(self._next_row, len(lines) - 1))
            self.table.setFocus()
        self._next_row = None
        self.queue_loaded.emit()

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
        if not self._started:
            self._wanted = case_id
        else:
            self.choose(case_id)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._load_context(indexes[0].data(ROW_ROLE).case_id)

    def _load_context(self, case_id: str) -> None:
        db, today = self._db, self._today()

        def load(progress: tasks.Progress, cancel: tasks.CancelFlag) -> ReviewContext:
            with db.uow("system") as uow:
                return worklist_reviews.review_context(uow.session, case_id, today)

        tasks.run(load, on_result=self._on_context, on_error=self._on_error)

    @Slot(object)
    def _on_context(self, context: ReviewContext) -> None:
        self.form.show_context(context, self._today())
        self.context_loaded.emit()

    @Slot(str, object)
    def _save(self, case_id: str, data: ReviewInput) -> None:
        db, actor = self._db, self._actor

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                worklist_reviews.record_review(uow, actor, case_id, data)
                uow.commit()
            return case_id

        tasks.run(work, on_result=self._on_saved, on_error=self.form.on_failed)

    @Slot(object)
    def _on_saved(self, case_id: str) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._next_row = rows[0].row() if rows else None
        self.form.saved()
        self.status_message.emit(self.tr("Review saved; the next one is scheduled."))
        self.reload()
        self.review_saved.emit(case_id)

    @Slot(object)
    def _on_error(self, error: UserError) -> None:
        self.count_label.setText(str(error))
        self.status_message.emit(str(error))
