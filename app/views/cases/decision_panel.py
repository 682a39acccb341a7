"""The county's decision form for one case: the facts, the home visit, and approve / refuse / terminate."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import yuan
from app.errors import UserError
from app.services.cases.county_decide import (
    APPROVE,
    COUNTY_NOTICE,
    REFUSE,
    TERMINATE,
    DecisionFacts,
    DecisionInput,
)
from app.views.widgets.forms import DateEdit, ErrorLabel, MoneyEdit, heading


class DecisionPanel(QWidget):
    """Shows ``DecisionFacts``; ``submitted`` carries a ``DecisionInput``, ``visit_requested`` the case id."""

    submitted = Signal(str, object)
    visit_requested = Signal(str)
    open_case = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts: DecisionFacts | None = None
        self.title = heading(self.tr("Choose a case in the queue"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.opinion_label = QLabel()
        self.opinion_label.setWordWrap(True)

        self.visit_label = QLabel()
        self.visit_label.setWordWrap(True)
        self.visit_button = QPushButton(self.tr("Record home &visit…"))
        visit_box = QGroupBox(self.tr("County home visit"))
        visit_layout = QVBoxLayout(visit_box)
        visit_layout.addWidget(self.visit_label)
        visit_layout.addWidget(self.visit_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.choices = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {
            APPROVE: QRadioButton(self.tr("&Approve")),
            COUNTY_NOTICE: QRadioButton(self.tr("Start the &pre-approval notice")),
            REFUSE: QRadioButton(self.tr("&Refuse")),
            TERMINATE: QRadioButton(self.tr("&End: applicant does not cooperate")),
        }
        choice_row = QGridLayout()  # two by two: the queue beside the panel keeps its columns at 1366
        for i, (key, radio) in enumerate(self.radios.items()):
            self.choices.addButton(radio)
            radio.setProperty("choice", key)
            choice_row.addWidget(radio, i // 2, i % 2)
        choice_row.setColumnStretch(2, 1)
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.why_not.setStyleSheet("color: #6b6b6b;")
        self.date_edit = DateEdit()
        self.amount_edit = MoneyEdit()
        self.amount_edit.setPlaceholderText(self.tr("as the rules give"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        self.error = ErrorLabel()
        self.submit_button = QPushButton(self.tr("&Submit decision"))
        self.submit_button.setDefault(True)
        self.open_button = QPushButton(self.tr("Open case &file"))
        form = QFormLayout()
        form.addRow(self.tr("Decision:"), choice_row)
        form.addRow("", self.why_not)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("Monthly a&mount (yuan):"), self.amount_edit)
        form.addRow(self.tr("Rea&sons:"), self.reason_edit)
        decide_box = QGroupBox(self.tr("Decision"))
        decide_layout = QVBoxLayout(decide_box)
        decide_layout.addLayout(form)
        decide_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        decide_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.opinion_label)
        layout.addWidget(visit_box)
        layout.addWidget(decide_box)
        layout.addStretch(1)

        self.choices.buttonToggled.connect(self._on_choice)
        self.visit_button.clicked.connect(self._ask_visit)
        self.submit_button.clicked.connect(self._submit)
        self.open_button.clicked.connect(self._open)
        self.show_facts(None)

    # ---------------------------------------------------------------- showing a case

    def show_facts(self, facts: DecisionFacts | None, today: date | None = None) -> None:
        self.facts = facts
        self.error.clear_error()
        self.reason_edit.clear()
        self.amount_edit.set_fen(None)
        enabled = facts is not None
        for widget in (self.visit_button, self.submit_button, self.open_button, self.date_edit):
            widget.setEnabled(enabled)
        if facts is None:
            self.title.setText(self.tr("Choose a case in the queue"))
            for label in (self.summary, self.rules_label, self.opinion_label, self.visit_label, self.why_not):
                label.clear()
            for radio in self.radios.values():
                radio.setEnabled(False)
            return
        if today is not None:
            self.date_edit.set_value(today)
        self.title.setText(
            self.tr("{applicant} · {program} · {number}").format(
                applicant=facts.applicant, program=facts.program_label, number=facts.case_number
            )
        )
        self.summary.setText(
            self.tr("{place} · {state} · {members} members living together, {covered} covered").format(
                place=facts.place, state=facts.state_label, members=facts.members, covered=facts.covered
            )
        )
        self.rules_label.setText(self._rules_text(facts))
        self.opinion_label.setText(
            self.tr("Township opinion ({by}): {opinion}").format(by=facts.opinion_by, opinion=facts.opinion)
            if facts.opinion
            else self.tr("No township opinion recorded.")
        )
        self.visit_label.setText(self._visit_text(facts))
        self.visit_button.setEnabled(not facts.visit_done)
        self._enable_choices(facts)

    def _rules_text(self, facts: DecisionFacts) -> str:
        if facts.rules_fen is not None:
            return self.tr(
                "Per-capita income {income} yuan against a standard of {standard} yuan: "
                "the rules give {amount} yuan a month."
            ).format(
                income=yuan(facts.per_capita_fen),
                standard=yuan(facts.standard_fen),
                amount=yuan(facts.rules_fen),
            )
        return self.tr("The rules give no amount: {why}").format(why=facts.rules_note)

    def _visit_text(self, facts: DecisionFacts) -> str:
        lines = []
        if facts.visit_reasons:
            lines.append(self.tr("Required: {reasons}.").format(reasons="、".join(facts.visit_reasons)))
        else:
            lines.append(self.tr("Not required for this case."))
        lines += facts.visits
        if facts.visit_reasons and not facts.visit_done:
            lines.append(self.tr("Record the visit before the decision."))
        return "\n".join(lines)

    def _enable_choices(self, facts: DecisionFacts) -> None:
        """Offer the decisions open now, none of them chosen: the officer decides (forms start undecided)."""
        for key, radio in self.radios.items():
            option = facts.options.get(key)
            radio.setVisible(option is not None and (option.open_in_state or key != COUNTY_NOTICE))
            radio.setEnabled(option is not None and option.allowed)
            radio.setToolTip(option.why if option is not None and not option.allowed else "")
        self.choices.setExclusive(False)
        for radio in self.radios.values():
            radio.setChecked(False)
        self.choices.setExclusive(True)
        self.amount_edit.setEnabled(False)
        shown = [facts.options[k] for k, r in self.radios.items() if k in facts.options and not r.isHidden()]
        reasons = "；".join(sorted({o.why for o in shown if not o.allowed and o.why}))
        if any(radio.isEnabled() for radio in self.radios.values()):
            self.why_not.setText(" ".join(t for t in (self.tr("Choose the decision."), reasons) if t))
        else:
            self.why_not.setText(
                reasons or "；".join(sorted({o.why for o in facts.options.values() if o.why}))
            )
            self.submit_button.setEnabled(False)

    @Slot()
    def _on_choice(self) -> None:
        choice = self.choice()
        self.amount_edit.setEnabled(choice == APPROVE)
        if choice == APPROVE and self.facts is not None and self.amount_edit.fen() is None:
            self.amount_edit.set_fen(self.facts.rules_fen)
        if choice is not None and self.facts is not None:
            option = self.facts.options.get(choice)
            self.why_not.setText(option.basis if option is not None else "")

    def choice(self) -> str | None:
        button = self.choices.checkedButton()
        return str(button.property("choice")) if button is not None else None

    # ---------------------------------------------------------------- actions

    def value(self) -> DecisionInput:
        choice = self.choice()
        if choice is None:
            raise UserError(self.tr("Choose the decision."))
        amount = self.amount_edit.fen() if choice == APPROVE else None
        facts = self.facts
        assert facts is not None
        if amount is not None and amount == facts.rules_fen:
            amount = None  # unchanged: the rules' amount, no reason needed
        return DecisionInput(choice, self.date_edit.value(), self.reason_edit.toPlainText().strip(), amount)

    @Slot()
    def _submit(self) -> None:
        if self.facts is None:
            return
        try:
            data = self.value()
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.error.clear_error()
        self.submit_button.setEnabled(False)
        self.submitted.emit(self.facts.case_id, data)

    def show_error(self, message: str) -> None:
        self.error.show_error(message)
        self.submit_button.setEnabled(True)

    @Slot()
    def _ask_visit(self) -> None:
        if self.facts is not None:
            self.visit_requested.emit(self.facts.case_id)

    @Slot()
    def _open(self) -> None:
        if self.facts is not None:
            self.open_case.emit(self.facts.case_id)
