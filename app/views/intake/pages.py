"""The intake wizard's first and last pages: look the applicant up, the application, consent and save."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.domain import idcard
from app.domain.codes import Program, Sex
from app.domain.relations import is_known, relation_name
from app.domain.workflow import CaseState
from app.services.intake.window import Created, KnownApplicant
from app.views.widgets.forms import DateEdit, ErrorLabel, show_date, working_days_text

if TYPE_CHECKING:
    from app.views.intake.wizard import IntakeWizard


def _wizard(page: QWizardPage) -> IntakeWizard:
    return cast("IntakeWizard", page.wizard())


class LookupPage(QWizardPage):
    """The ID number first: a person already on file brings their household with them."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Find the applicant"))
        self.setSubTitle(
            self.tr(
                "Type the applicant's ID number and press Enter. A person already on file keeps "
                "their household file: it is reused, never duplicated."
            )
        )
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(24)
        self.id_edit.setPlaceholderText(self.tr("18-digit ID number"))
        self.lookup_button = QPushButton(self.tr("&Look up"))
        label = QLabel(self.tr("Applicant's &ID number:"))
        label.setBuddy(self.id_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.id_edit, 1)
        row.addWidget(self.lookup_button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.result, 1, Qt.AlignmentFlag.AlignTop)
        self.id_edit.returnPressed.connect(self.look_up)
        self.lookup_button.clicked.connect(self.look_up)
        self.id_edit.textChanged.connect(self._on_text_changed)

    @Slot()
    def look_up(self) -> None:
        self.error.clear_error()
        self.result.setText(self.tr("Looking up…"))
        _wizard(self).look_up(self.id_edit.text())

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        wizard = _wizard(self)
        if wizard is not None and wizard.looked_up and text.strip().upper() != wizard.looked_up:
            wizard.looked_up, wizard.known = "", None
            self.result.clear()
            self.completeChanged.emit()

    def show_result(self, number: str, known: KnownApplicant | None) -> None:
        self.error.clear_error()
        self.id_edit.setText(number)
        if known is None:
            info = idcard.parse(number)
            self.result.setText(
                self.tr("<b>Not on file.</b> A new household file will be made ({sex}, born {born}).").format(
                    sex=info.sex.label, born=show_date(info.birth_date)
                )
            )
        else:
            members = "<br>".join(
                f"{m.name}（{_relation(m.relation_code)}，{Sex(m.sex).label}，{show_date(m.birth_date)}）"
                for m in known.members
            )
            text = self.tr(
                "<b>{name} is on file</b> in the household of {head}, {village}. This household file is "
                "used; check it in the household files if anything changed.<br><br>{members}"
            ).format(name=known.name, head=known.head_name, village=known.village, members=members)
            if known.open_cases:
                text += "<br><br>" + self.tr("Applications already open: {cases}").format(
                    cases="；".join(known.open_cases)
                )
            self.result.setText(text)
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.result.clear()
        self.error.show_error(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        wizard = _wizard(self)
        return wizard is not None and bool(wizard.looked_up)

    def validatePage(self) -> bool:
        return self.isComplete()


class ApplicationPage(QWizardPage):
    """What is applied for, and when."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The application"))
        self.setSubTitle(self.tr("What the household applies for, as written on the application form."))
        self.program_combo = QComboBox()
        for program in Program:
            self.program_combo.addItem(program.label, program.value)
        self.applied_edit = DateEdit()
        self.single_check = QCheckBox(self.tr("The applicant applies &alone (single-person household)"))
        self.relative_check = QCheckBox(
            self.tr("A near &relative of a caseworker or village cadre (filed separately)")
        )
        form = QFormLayout(self)
        form.addRow(self.tr("&Programme:"), self.program_combo)
        form.addRow(self.tr("Applied &on:"), self.applied_edit)
        form.addRow("", self.single_check)
        form.addRow("", self.relative_check)

    def initializePage(self) -> None:
        self.applied_edit.set_value(_wizard(self).today())

    def program(self) -> Program:
        return Program(self.program_combo.currentData())

    def nextId(self) -> int:
        from app.views.intake.wizard import PageId

        return PageId.CONFIRM if _wizard(self).known is not None else PageId.HOUSEHOLD


class ConfirmPage(QWizardPage):
    """Consent to data matching, accept now or later, and the one save."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Consent and save"))
        self.setSubTitle(self.tr("Check the summary. Saving creates the household file and the application."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.estimate.setTextFormat(Qt.TextFormat.RichText)
        self.consent_check = QCheckBox(
            self.tr("The applicant and every member have &signed the consent to data matching, on")
        )
        self.consent_edit = DateEdit()
        self.consent_check.toggled.connect(self.consent_edit.setEnabled)
        self.consent_edit.setEnabled(False)
        self.accept_check = QCheckBox(self.tr("The papers are complete: &accept the application now"))
        self.accept_check.setChecked(True)
        self.busy = QLabel()
        self.error = ErrorLabel()
        consent = QHBoxLayout()
        consent.addWidget(self.consent_check)
        consent.addWidget(self.consent_edit)
        consent.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.estimate)
        layout.addSpacing(8)
        layout.addLayout(consent)
        layout.addWidget(self.accept_check)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = _wizard(self)
        self.consent_edit.set_value(wizard.application_page.applied_edit.value())
        self.error.clear_error()
        program = wizard.application_page.program()
        if wizard.known is not None:
            who = self.tr("{name}, in the household file of {head} ({village})").format(
                name=wizard.known.name, head=wizard.known.head_name, village=wizard.known.village
            )
        else:
            who = self.tr("{name}, new household file in {village} with {n} members").format(
                name=wizard.members[0].name if wizard.members else "",
                village=wizard.household_page.village_combo.currentText(),
                n=len(wizard.members),
            )
        self.summary.setText(
            self.tr("<b>Applicant:</b> {who}<br><b>Programme:</b> {programme}, applied on {day}").format(
                who=who, programme=program.label, day=show_date(wizard.application_page.applied_edit.value())
            )
        )
        if wizard.known is None:
            self.show_estimate(wizard.means_page.estimate_text())
        elif program is Program.LINSHI:
            self.show_estimate("")
        else:
            self.show_estimate(self.tr("Estimating from the household file…"))
            wizard.estimate_known()

    def show_estimate(self, text: str) -> None:
        self.estimate.setText(text)

    def consent_on(self) -> date | None:
        return self.consent_edit.value() if self.consent_check.isChecked() else None

    def show_error(self, message: str) -> None:
        self.error.show_error(message)

    def set_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("Saving…") if busy else "")
        self.setEnabled(not busy)

    def validatePage(self) -> bool:
        wizard = _wizard(self)
        if wizard.created is not None:
            return True
        self.error.clear_error()
        wizard.submit()
        return False


class DonePage(QWizardPage):
    """The case number and the time limits now running."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Application saved"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.text, 1, Qt.AlignmentFlag.AlignTop)
        self.setFinalPage(True)

    def show_created(self, created: Created) -> None:
        lines = [
            self.tr("Case number <b>{number}</b> for the household of {head}: {state}.").format(
                number=created.case_number, head=created.head_name, state=_state_label(created.state)
            )
        ]
        for d in created.deadlines:
            lines.append(
                self.tr("{label}: by {due} ({left})").format(
                    label=d.label, due=show_date(d.due), left=working_days_text(d.days_left, d.due, d.note)
                )
            )
        if not created.deadlines:
            lines.append(self.tr("The time limits start when the application is accepted."))
        self.text.setText("<br>".join(lines))


def _relation(code: str) -> str:
    return relation_name(code) if is_known(code) else code


def _state_label(code: str) -> str:
    return CaseState(code).label
