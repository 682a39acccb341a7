"""One case: what is due next and by when, a button for each step (disabled with the reason), the timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.workflow import Action
from app.errors import UserError
from app.models.db import Database
from app.services.cases import steps as worklist_steps
from app.services.cases import workspace as worklist_case
from app.services.cases.workspace import APPRAISAL, INVESTIGATION, PRIMARY, CaseSnapshot, TimelineEntry
from app.views import tasks
from app.views.cases.printing import PrintButton
from app.views.cases.step_dialogs import StepDialog
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import TONES, ColumnSpec, RowsTableModel, days_tone
from app.views.widgets.forms import (
    ErrorLabel,
    fit_columns,
    heading,
    money_text,
    show_date,
    work_table,
    working_days_text,
)


class CaseWorkspace(QWidget):
    """Shows the case chosen with ``show_case``; every load and every step runs off the GUI thread."""

    loaded = Signal()
    case_changed = Signal(str)
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
        self.snapshot: CaseSnapshot | None = None
        self.dialog: StepDialog | None = None
        self._load_task: tasks.TaskHandle[CaseSnapshot] | None = None

        self.title = heading(self.tr("No case chosen"), 1.35)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self.tr("Choose a case in the list, or take a new application (Ctrl+N)."))
        self.facts.setWordWrap(True)
        self.print_button = PrintButton(db, signed_in.actor, today, self)
        self.print_button.status_message.connect(self.status_message)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.print_button)

        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.RichText)
        due_box = QGroupBox(self.tr("Due next"))
        QVBoxLayout(due_box).addWidget(self.due)

        self.buttons: dict[str, QPushButton] = {}
        steps_box = QGroupBox(self.tr("Steps"))
        steps = QVBoxLayout(steps_box)
        grid, more = QGridLayout(), QHBoxLayout()
        for i, key in enumerate(PRIMARY):
            grid.addWidget(self._button(key), i // 4, i % 4)
        more_label = QLabel(self.tr("Other steps:"))
        more.addWidget(more_label)
        for key in worklist_case.SECONDARY:
            more.addWidget(self._button(key))
        more.addStretch(1)
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(f"color: {TONES['soon']};")
        steps.addLayout(grid)
        steps.addLayout(more)
        steps.addWidget(self.blocked)

        self.timeline = RowsTableModel[TimelineEntry](
            [
                ColumnSpec(self.tr("Date"), lambda e: show_date(e.on)),
                ColumnSpec(self.tr("Step"), lambda e: e.title),
                ColumnSpec(self.tr("By"), lambda e: e.actor),
                ColumnSpec(
                    self.tr("Details"), lambda e: e.detail, tooltip=lambda e: "\n".join((e.detail, e.basis))
                ),
            ],
            self,
        )
        self.timeline_view = work_table()
        self.timeline_view.setModel(self.timeline)
        fit_columns(self.timeline_view, {0: "2026年12月31日", 1: "县级拟批准公示", 2: "王建华（乡镇负责人）"})
        self.error = ErrorLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(due_box)
        layout.addWidget(steps_box)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.timeline_view, 1)
        self._show_steps(None)

    def _button(self, key: str) -> QPushButton:
        button = QPushButton(self._step_text(key))
        button.clicked.connect(lambda _checked=False, k=key: self.start_step(k))
        self.buttons[key] = button
        return button

    def _step_text(self, key: str) -> str:
        texts = {
            Action.ACCEPT.value: self.tr("&Accept…"),
            Action.REQUEST_MATERIALS.value: self.tr("Ask for &missing papers…"),
            Action.START_INVESTIGATION.value: self.tr("&Start investigation…"),
            INVESTIGATION: self.tr("Record &investigation…"),
            APPRAISAL: self.tr("Democratic re&view…"),
            Action.RECORD_OPINION.value: self.tr("Township &opinion…"),
            Action.START_NOTICE.value: self.tr("Start the noti&ce…"),
            Action.RECORD_OBJECTION.value: self.tr("Record an objection (&Y)…"),
            Action.CLOSE_NOTICE.value: self.tr("Su&bmit to the county…"),
            Action.SUBMIT_RECHECKED.value: self.tr("Send the &new opinion to the county…"),
            Action.APPROVE.value: self.tr("Approve (&Q)…"),
            Action.REFUSE.value: self.tr("Ref&use…"),
            Action.REFUSE_INTAKE.value: self.tr("&Refuse the application…"),
            Action.REPORT_INELIGIBLE.value: self.tr("Report ineligible (&D)…"),
            Action.RECHECK.value: self.tr("Rechec&k…"),
            Action.REINVESTIGATE.value: self.tr("R&e-investigate…"),
            Action.START_COUNTY_NOTICE.value: self.tr("County notice (&X)…"),
            Action.START_GRADUAL_EXIT.value: self.tr("Gradual exit (&J)…"),
            Action.STOP.value: self.tr("S&top payment…"),
            Action.TERMINATE.value: self.tr("Terminate (&Z)…"),
            Action.WITHDRAW.value: self.tr("&Withdraw…"),
        }
        return texts[key]

    # ---------------------------------------------------------------- loading

    def show_case(self, case_id: str) -> None:
        """Load and show a case (the previous one stays on screen until the new one arrives)."""
        if self._load_task is not None:
            self._load_task.cancel()
        db, actor, today = self._db, self._actor, self._today()

        def load(progress: tasks.Progress, cancel: tasks.CancelFlag) -> CaseSnapshot:
            with db.uow(actor.username) as uow:
                return worklist_case.snapshot(uow.session, actor, case_id, today)

        self._load_task = tasks.run(load, on_result=self._on_snapshot, on_error=self._on_error)

    def reload(self) -> None:
        if self.snapshot is not None:
            self.show_case(self.snapshot.case_id)

    @Slot(object)
    def _on_snapshot(self, snap: CaseSnapshot) -> None:
        self.snapshot = snap
        self.error.clear_error()
        self.title.setText(
            self.tr("{head} · {programme} · {number}").format(
                head=snap.head_name, programme=snap.program_label, number=snap.case_number
            )
        )
        facts = self.tr(
            "{village} · applicant {applicant} · applied on {applied} · now: <b>{state}</b>"
        ).format(
            village=snap.village,
            applicant=snap.applicant_name,
            applied=show_date(snap.applied_on),
            state=snap.state_label,
        )
        if snap.monthly_fen is not None:
            facts += self.tr(" · {amount} yuan a month").format(amount=money_text(snap.monthly_fen))
        self.facts.setText(facts)
        self.due.setText(self._due_text(snap))
        self._show_steps(snap)
        self.timeline.set_rows(snap.timeline)
        self.timeline_view.scrollToBottom()
        self.print_button.set_case(snap)
        self.loaded.emit()

    def _due_text(self, snap: CaseSnapshot) -> str:
        if not snap.deadlines:
            open_now = "、".join(s.label for s in snap.steps if s.allowed) or self.tr("none")
            return self.tr("No time limit is running. Steps open to you now: {steps}").format(steps=open_now)
        lines = []
        for d in snap.deadlines:
            colour = TONES.get(days_tone(d.days_left) or "ok", "")
            lines.append(
                self.tr("{label}: by {due} <span style='color:{colour}'><b>{left}</b></span>").format(
                    label=d.label,
                    due=show_date(d.due),
                    colour=colour,
                    left=working_days_text(d.days_left, d.due, d.note),
                )
            )
        return "<br>".join(lines)

    def _show_steps(self, snap: CaseSnapshot | None) -> None:
        options = {s.key: s for s in snap.steps} if snap else {}
        for key, button in self.buttons.items():
            option = options.get(key)
            button.setVisible(option is not None or (snap is None and key in PRIMARY))
            button.setEnabled(option is not None and option.allowed)
            button.setToolTip(
                option.why if option is not None and not option.allowed else (option.basis if option else "")
            )
        blocked = [
            f"{s.label}：{s.why}" for s in (snap.steps if snap else []) if s.open_in_state and not s.allowed
        ]
        self.blocked.setText(
            self.tr("Not open to you now: {why}").format(why="；".join(blocked)) if blocked else ""
        )
        self.blocked.setVisible(bool(blocked))

    @Slot(object)
    def _on_error(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.status_message.emit(str(error))

    # ---------------------------------------------------------------- steps

    def start_step(self, key: str) -> StepDialog | None:
        """Open the step's form; saving it runs the step through the services."""
        snap = self.snapshot
        if snap is None:
            return None
        option = snap.step(key)
        if not option.allowed:  # a shortcut cannot bypass a disabled button
            self.error.show_error(option.why)
            return None
        self.dialog = StepDialog(
            option,
            self._today(),
            self._actor.display_name,
            can_set_amount=key == Action.APPROVE.value,
            parent=self,
        )
        self.dialog.submitted.connect(self._run_step)
        self.dialog.open()
        return self.dialog

    @Slot(object)
    def _run_step(self, data: worklist_steps.StepInput) -> None:
        dialog, snap = self.dialog, self.snapshot
        assert dialog is not None and snap is not None
        db, actor, case_id, key = self._db, self._actor, snap.case_id, dialog.key

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> str:
            with db.uow(actor.username) as uow:
                worklist_steps.take_step(uow, actor, case_id, key, data)
                uow.commit()
            return case_id

        tasks.run(work, on_result=self._on_step_done, on_error=dialog.on_failed)

    @Slot(object)
    def _on_step_done(self, case_id: str) -> None:
        if self.dialog is not None:
            label = self.dialog.option.label
            self.dialog.done_ok()
            self.status_message.emit(self.tr("Saved: {step}").format(step=label))
        self.show_case(case_id)
        self.case_changed.emit(case_id)
