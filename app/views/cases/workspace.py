"""One case: what is due next and by when, a button for each step (disabled with the reason), the timeline."""

from __future__ import annotations

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

from app.domain.money import yuan
from app.domain.workflow import BENEFIT_STATES, Action, CaseState
from app.services.cases import workspace
from app.services.cases.workspace import APPRAISAL, INVESTIGATION, PRIMARY, CaseSnapshot, TimelineEntry
from app.services.context import TOWNSHIP_ROLES
from app.views.cases import CASE_TABLES
from app.views.cases.printing import PrintButton
from app.views.cases.step_dialogs import StepDialog
from app.views.page import Page
from app.views.tablemodels.rows import TONES, ColumnSpec, RowsTableModel, days_tone
from app.views.widgets.forms import fit_columns, heading, show_date, work_table, working_days_text
from app.views.workspace import Workspace


class CaseWorkspace(Page):
    """Shows the case chosen with ``show_case``, for the signed-in user; it reloads when the case changes."""

    CONCERNS = CASE_TABLES
    open_review = Signal(str)  # 复核 of this case, to propose 停发 / 渐退 / 减发 (the township's way)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.case_id: str | None = None
        self.snapshot: CaseSnapshot | None = None
        self.dialog: StepDialog | None = None

        self.title = heading(self.tr("No case chosen"), 1.35)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)  # a long title (临时救助) wraps rather than squeeze the case list
        self.facts = QLabel(self.tr("Choose a case in the list, or take a new application (Ctrl+N)."))
        self.facts.setWordWrap(True)
        self.print_button = PrintButton(self, self)
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
            grid.addWidget(self._button(key), i // 3, i % 3)
        more_label = QLabel(self.tr("Other steps:"))
        more.addWidget(more_label)
        for key in workspace.SECONDARY:
            more.addWidget(self._button(key))
        self.propose_button = QPushButton(self.tr("Propose stopping or &reducing…"))
        self.propose_button.setToolTip(
            self.tr(
                "Record a review of this household with a proposal (stop, gradual exit, reduce); "
                "the county decides it."
            )
        )
        self.propose_button.clicked.connect(self._propose)
        self.propose_button.hide()
        more.addWidget(self.propose_button)
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(due_box)
        layout.addWidget(steps_box)
        layout.addWidget(self.refused)
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
        self.case_id = case_id
        self.refresh()

    def load(self) -> None:
        case_id = self.case_id
        if case_id is not None:
            self.read(lambda uow: workspace.snapshot(uow, self.actor, case_id), self._on_snapshot, key="case")

    @Slot(object)
    def _on_snapshot(self, snap: CaseSnapshot) -> None:
        self.snapshot = snap
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
            facts += self.tr(" · {amount} yuan a month").format(amount=yuan(snap.monthly_fen))
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
        decides = any(s.key == Action.STOP.value and s.allowed for s in (snap.steps if snap else []))
        paid = snap is not None and CaseState(snap.state) in BENEFIT_STATES
        self.propose_button.setVisible(paid and not decides and self.actor.role in TOWNSHIP_ROLES)

    def _propose(self) -> None:
        if self.snapshot is not None:
            self.open_review.emit(self.snapshot.case_id)

    # ---------------------------------------------------------------- steps

    def start_step(self, key: str) -> StepDialog | None:
        """Open the step's form; the form takes the step through the services when saved."""
        snap = self.snapshot
        if snap is None:
            return None
        option = snap.step(key)
        if not option.allowed:  # a shortcut cannot bypass a disabled button
            self.refused.show_error(option.why)
            return None
        self.dialog = StepDialog(
            self.ws, snap.case_id, option, can_set_amount=key == Action.APPROVE.value, parent=self
        )
        self.dialog.step_taken.connect(self._on_step_taken)
        self.dialog.open()
        return self.dialog

    @Slot(str)
    def _on_step_taken(self, label: str) -> None:
        self.show_status(self.tr("Saved: {step}").format(step=label))
