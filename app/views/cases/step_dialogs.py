"""The small form behind each step of a case: a date, a reason, or the paper form's fields (调查, 评议)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.workflow import Action
from app.errors import UserError
from app.services.cases import steps
from app.services.cases.procedure import AppraisalInput
from app.services.cases.steps import (
    OBJECTION_CHANNELS,
    DecisionInput,
    InvestigationInput,
    ObjectionInput,
    PlainStep,
    StepInput,
)
from app.services.cases.workspace import APPRAISAL, INVESTIGATION, INVESTIGATION_KINDS, StepOption
from app.views.page import OpDialog
from app.views.widgets.forms import SPIN_WIDTH, DateEdit, MoneyEdit, ok_cancel
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace

DECISIONS = {Action.APPROVE.value, Action.REFUSE.value, Action.STOP.value, Action.START_GRADUAL_EXIT.value}


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class StepDialog(OpDialog):
    """Collects one step's data and takes the step through the services as the signed-in user.

    The dialog stays open until the service took the step (``step_taken`` with the step's label); a
    refusal shows why on the dialog, and nothing typed is lost.
    """

    step_taken = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        case_id: str,
        option: StepOption,
        *,
        can_set_amount: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, parent)
        today, signer = clock.today(), ws.actor.display_name
        self.case_id = case_id
        self.option = option
        self.key = option.key
        self.setWindowTitle(option.label)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.date_edit = DateEdit(today)
        self.reason_edit: QPlainTextEdit | None = None
        self._build(today, signer, can_set_amount)
        if option.basis:
            basis = QLabel(self.tr("Legal basis: {basis}").format(basis=option.basis))
            basis.setWordWrap(True)
            basis.setStyleSheet("color: #555;")
            self.form.addRow(basis)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Save"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)
        fit_to_screen(self)

    # ---------------------------------------------------------------- forms

    def _build(self, today: date, signer: str, can_set_amount: bool) -> None:
        key = self.key
        if key == INVESTIGATION:
            self._investigation_form(today)
        elif key == APPRAISAL:
            self._appraisal_form()
        elif key == Action.RECORD_OBJECTION.value:
            self._objection_form()
        elif key == Action.REQUEST_MATERIALS.value:
            self._materials_form()
        else:
            self.form.addRow(self.tr("&Date:"), self.date_edit)
            if key == Action.RECORD_OPINION.value:
                self.reason_edit = _text_box(4)  # empty: the opinion is the head's own (decision forms
                self.reason_edit.setPlaceholderText(  # start undecided)
                    self.tr("Whether the household meets the conditions, and why")
                )
                self.form.addRow(self.tr("&Opinion:"), self.reason_edit)
                self.form.addRow(self.tr("Signed by:"), QLabel(signer))
            elif key == Action.APPROVE.value:
                self.amount_edit = MoneyEdit()
                self.amount_edit.setEnabled(can_set_amount)
                self.amount_edit.setPlaceholderText(self.tr("as the rules give"))
                self.form.addRow(self.tr("Monthly &amount (yuan):"), self.amount_edit)
            elif key == Action.START_GRADUAL_EXIT.value:
                self.months_spin = QSpinBox()
                self.months_spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
                self.months_spin.setRange(1, 6)
                self.months_spin.setValue(6)
                self.form.addRow(self.tr("&Months of gradual exit:"), self.months_spin)
            if self.reason_edit is None and (self.option.needs_reason or key in DECISIONS):
                self.reason_edit = _text_box()
                self.form.addRow(self.tr("&Reason:"), self.reason_edit)

    def _investigation_form(self, today: date) -> None:
        self.kind_combo = QComboBox()
        for code, label in INVESTIGATION_KINDS.items():
            self.kind_combo.addItem(label, code)
        self.form.addRow(self.tr("&Kind:"), self.kind_combo)
        self.form.addRow(self.tr("&Started on:"), self.date_edit)
        self.staff_edits = [QLineEdit(), QLineEdit(), QLineEdit()]
        self.staff_edits[2].setPlaceholderText(self.tr("more names, separated by 、"))
        for label, edit in zip(
            (self.tr("Staff &1:"), self.tr("Staff &2:"), self.tr("Other staff:")),
            self.staff_edits,
            strict=True,
        ):
            self.form.addRow(label, edit)
        self.finished_check = QCheckBox(self.tr("&Finished on"))
        self.finished_check.setChecked(True)
        self.finished_edit = DateEdit(today)
        self.finished_check.toggled.connect(self.finished_edit.setEnabled)
        self.form.addRow(self.finished_check, self.finished_edit)
        self.eligible_combo = QComboBox()
        for text, value in (
            (self.tr("Meets the conditions"), True),
            (self.tr("Does not meet the conditions"), False),
            (self.tr("Not concluded"), None),
        ):
            self.eligible_combo.addItem(text, value)
        self.eligible_combo.setPlaceholderText(self.tr("(choose)"))
        self.eligible_combo.setCurrentIndex(-1)  # undecided until the investigator chooses
        self.form.addRow(self.tr("&Conclusion:"), self.eligible_combo)
        self.findings_edit = _text_box(4)
        self.form.addRow(self.tr("F&indings:"), self.findings_edit)

    def _appraisal_form(self) -> None:
        self.form.addRow(self.tr("&Held on:"), self.date_edit)
        self.place_edit, self.chair_edit, self.recorder_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.form.addRow(self.tr("&Place:"), self.place_edit)
        self.form.addRow(self.tr("&Chair:"), self.chair_edit)
        self.form.addRow(self.tr("Recor&der:"), self.recorder_edit)
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        fields = (
            ("attendance", self.tr("&Attending")),
            ("representatives", self.tr("Resident &representatives")),
            ("votes_for", self.tr("&For")),
            ("votes_against", self.tr("A&gainst")),
            ("votes_abstain", self.tr("Abs&tain")),
        )
        for i, (name, text) in enumerate(fields):
            spin = QSpinBox()
            spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
            spin.setRange(0, 999)
            label = QLabel(text)
            label.setBuddy(spin)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
            self.spins[name] = spin
        self.form.addRow(grid)
        self.record_edit = _text_box(3)
        self.form.addRow(self.tr("&Minutes:"), self.record_edit)

    def _objection_form(self) -> None:
        self.form.addRow(self.tr("&Received on:"), self.date_edit)
        self.channel_combo = QComboBox()
        self.channel_combo.addItems(list(OBJECTION_CHANNELS))
        self.form.addRow(self.tr("C&hannel:"), self.channel_combo)
        self.real_name_check = QCheckBox(self.tr("Given under a real &name"))
        self.form.addRow("", self.real_name_check)
        self.reason_edit = _text_box(4)
        self.form.addRow(self.tr("&Objection:"), self.reason_edit)

    def _materials_form(self) -> None:
        self.form.addRow(self.tr("&Date:"), self.date_edit)
        self.material_checks: list[QCheckBox] = []
        box = QGridLayout()
        items = (
            self.tr("Household register (hukou booklet)"),
            self.tr("Resident ID cards"),
            self.tr("Proof of income"),
            self.tr("Disability certificate"),
            self.tr("Medical records or diagnosis"),
            self.tr("Proof of schooling"),
            self.tr("Divorce agreement or judgment"),
            self.tr("Consent to data matching signed by every member"),
        )
        for i, text in enumerate(items):
            check = QCheckBox(text)
            box.addWidget(check, i // 2, i % 2)
            self.material_checks.append(check)
        self.form.addRow(self.tr("Missing:"), box)
        self.other_materials = QLineEdit()
        self.form.addRow(self.tr("&Other:"), self.other_materials)
        hint = QLabel(
            self.tr(
                "Tell the applicant everything missing at once; "
                "do not ask for papers the office can obtain itself."
            )
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)

    # ---------------------------------------------------------------- result

    def _reason(self) -> str:
        return self.reason_edit.toPlainText().strip() if self.reason_edit is not None else ""

    def value(self) -> StepInput:
        """The step's data as the services take it; raises UserError for a field that cannot be read."""
        key, on = self.key, self.date_edit.value()
        if key == INVESTIGATION:
            staff = [e.text().strip() for e in self.staff_edits[:2]]
            staff += [
                n.strip()
                for n in self.staff_edits[2].text().replace(",", "、").replace("，", "、").split("、")
            ]
            finished = self.finished_edit.value() if self.finished_check.isChecked() else None
            if self.eligible_combo.currentIndex() < 0:
                raise UserError(
                    self.tr("Choose the conclusion: meets the conditions, does not, or not concluded yet.")
                )
            return InvestigationInput(
                self.kind_combo.currentData(),
                on,
                [s for s in staff if s],
                finished,
                self.findings_edit.toPlainText().strip(),
                self.eligible_combo.currentData(),
            )
        if key == APPRAISAL:
            n = {name: spin.value() for name, spin in self.spins.items()}
            return AppraisalInput(
                on,
                place=self.place_edit.text().strip(),
                chair=self.chair_edit.text().strip(),
                recorder=self.recorder_edit.text().strip(),
                record=self.record_edit.toPlainText().strip(),
                **n,
            )
        if key == Action.RECORD_OBJECTION.value:
            channel = self.channel_combo.currentText()
            return ObjectionInput(on, channel, self._reason(), self.real_name_check.isChecked())
        if key == Action.REQUEST_MATERIALS.value:
            missing = [c.text() for c in self.material_checks if c.isChecked()]
            missing += [t.strip() for t in self.other_materials.text().split("、") if t.strip()]
            if not missing:
                raise UserError(self.tr("Tick or write every missing paper."))
            return PlainStep(
                on, self.tr("To be added, all at once: {items}").format(items="、".join(missing))
            )
        if key == Action.RECORD_OPINION.value and not self._reason():
            raise UserError(self.tr("Write the township's opinion."))
        if key in DECISIONS:
            amount = self.amount_edit.fen() if key == Action.APPROVE.value else None
            months = self.months_spin.value() if key == Action.START_GRADUAL_EXIT.value else 6
            return DecisionInput(on, self._reason(), amount, months)
        return PlainStep(on, self._reason())

    @Slot()
    def _on_ok(self) -> None:
        try:
            data = self.value()
        except UserError as exc:
            self.show_refused(exc)
            return
        self.clear_refused()
        case_id, key = self.case_id, self.key
        self.write(lambda uow: steps.take_step(uow, self.actor, case_id, key, data), self._on_taken)

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.ok_button.setEnabled(not busy)

    @Slot(object)
    def _on_taken(self, _result: object) -> None:
        self.step_taken.emit(self.option.label)
        self.accept()
