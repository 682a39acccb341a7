"""The intake wizard's first and last pages: look the applicant up, the application, consent and save."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app import clock
from app.domain import idcard
from app.domain.benefit import BenefitResult
from app.domain.codes import Program, Sex
from app.domain.income import IncomeAssessment
from app.domain.relations import is_known, relation_name
from app.domain.workflow import CaseState
from app.errors import UserError
from app.services.intake import window
from app.services.intake.window import Created, KnownApplicant, Lookup
from app.views.intake.draft import IntakeDraft, PageId
from app.views.intake.estimate import EstimateText
from app.views.intake.wizard_page import OpWizardPage
from app.views.widgets.forms import DateEdit, show_date, working_days_text
from app.views.workspace import Workspace


class LookupPage(OpWizardPage):
    """The ID number first: a person already on file brings their household with them."""

    lookup_done = Signal()  # the lookup answered (or was refused)

    def __init__(self, ws: Workspace, draft: IntakeDraft) -> None:
        super().__init__(ws)
        self.draft = draft
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
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.refused)
        layout.addWidget(self.result, 1, Qt.AlignmentFlag.AlignTop)
        self.id_edit.returnPressed.connect(self.look_up)
        self.lookup_button.clicked.connect(self.look_up)
        self.id_edit.textChanged.connect(self._on_text_changed)

    @Slot()
    def look_up(self) -> None:
        self.clear_refused()
        self.result.setText(self.tr("Looking up…"))
        actor, text = self.actor, self.id_edit.text()
        self.read(
            lambda uow: window.lookup_applicant(uow, actor, text),
            self._on_lookup,
            on_error=self._on_lookup_refused,
            key="lookup",
        )

    @Slot(object)
    def _on_lookup(self, found: Lookup) -> None:
        self.draft.looked_up, self.draft.known = found.id_number, found.known
        self.show_result(found.id_number, found.known)
        self.lookup_done.emit()

    @Slot(object)
    def _on_lookup_refused(self, error: UserError) -> None:
        self.draft.forget_lookup()
        self.show_error(str(error))
        self.lookup_done.emit()

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        if self.draft.looked_up and text.strip().upper() != self.draft.looked_up:
            self.draft.forget_lookup()
            self.result.clear()
            self.completeChanged.emit()

    def show_result(self, number: str, known: KnownApplicant | None) -> None:
        self.clear_refused()
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
        self.refused.show_error(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.draft.looked_up) and not self.busy

    def validatePage(self) -> bool:
        return self.isComplete()


class ApplicationPage(QWizardPage):
    """What is applied for, and when."""

    def __init__(self, draft: IntakeDraft) -> None:
        super().__init__()
        self.draft = draft
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
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("In the applicant's words: the household's difficulties and why it applies")
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(self.fontMetrics().height() * 6)
        form = QFormLayout(self)
        form.addRow(self.tr("&Programme:"), self.program_combo)
        form.addRow(self.tr("Applied &on:"), self.applied_edit)
        form.addRow(self.tr("Reason for appl&ying:"), self.reason_edit)
        form.addRow("", self.single_check)
        form.addRow("", self.relative_check)

    def initializePage(self) -> None:
        self.applied_edit.set_value(clock.today())

    def program(self) -> Program:
        return Program(self.program_combo.currentData())

    def validatePage(self) -> bool:
        draft = self.draft
        draft.program, draft.applied_on = self.program(), self.applied_edit.value()
        draft.single_person = self.single_check.isChecked()
        draft.near_relative = self.relative_check.isChecked()
        draft.reason = self.reason_edit.toPlainText().strip()
        return True

    def nextId(self) -> int:
        return PageId.CONFIRM if self.draft.known is not None else PageId.HOUSEHOLD


class ConfirmPage(OpWizardPage):
    """Consent to data matching, accept now or later, and the one save.

    Signals: ``estimated`` (the estimate for a household on file is shown), ``created_case(Created)``,
    ``failed(str)`` (the save was refused; the reason is on the page).
    """

    estimated = Signal()
    created_case = Signal(object)  # Created
    failed = Signal(str)

    def __init__(self, ws: Workspace, draft: IntakeDraft) -> None:
        super().__init__(ws)
        self.draft = draft
        self.setTitle(self.tr("Consent and save"))
        self.setSubTitle(self.tr("Check the summary. Saving creates the household file and the application."))
        # This page's Next saves: say so (保存并建档), not 下一步.
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Save and create the file"))
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
        layout.addWidget(self.refused)
        layout.addStretch(1)

    def initializePage(self) -> None:
        draft = self.draft
        self.consent_edit.set_value(draft.applied_on)
        self.clear_refused()
        if draft.known is not None:
            who = self.tr("{name}, in the household file of {head} ({village})").format(
                name=draft.known.name, head=draft.known.head_name, village=draft.known.village
            )
        else:
            who = self.tr("{name}, new household file in {village} with {n} members").format(
                name=draft.members[0].name if draft.members else "",
                village=draft.village_name,
                n=len(draft.members),
            )
        self.summary.setText(
            self.tr("<b>Applicant:</b> {who}<br><b>Programme:</b> {programme}, applied on {day}").format(
                who=who, programme=draft.program.label, day=show_date(draft.applied_on)
            )
        )
        if draft.known is None:
            self.show_estimate(EstimateText().for_draft(draft))
        elif draft.program is Program.LINSHI:
            self.show_estimate("")
        else:
            self.show_estimate(self.tr("Estimating from the household file…"))
            actor, household_id, program, on = (
                self.actor,
                draft.known.household_id,
                draft.program,
                draft.applied_on,
            )
            self.read(
                lambda uow: window.estimate_on_file(uow, actor, household_id, program, on),
                self._on_estimate,
                on_error=self._on_estimate_refused,
                key="estimate",
            )

    @Slot(object)
    def _on_estimate(self, estimate: tuple[IncomeAssessment, BenefitResult]) -> None:
        self.show_estimate(EstimateText().describe(*estimate))
        self.estimated.emit()

    @Slot(object)
    def _on_estimate_refused(self, error: UserError) -> None:
        self.show_estimate(error.message)
        self.estimated.emit()

    def show_estimate(self, text: str) -> None:
        self.estimate.setText(text)

    def consent_on(self) -> date | None:
        return self.consent_edit.value() if self.consent_check.isChecked() else None

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.setEnabled(not busy)

    def validatePage(self) -> bool:
        """Save the household (if new) and the application; the wizard moves on once it is saved."""
        draft = self.draft
        if draft.created is not None:
            return True
        self.clear_refused()
        draft.consent_on, draft.accept_now = self.consent_on(), self.accept_check.isChecked()
        actor, application = self.actor, draft.application()
        self.write(
            lambda uow: window.submit_application(uow, actor, application),
            self._on_created,
            on_error=self._on_refused,
            label=self.tr("Saving…"),
        )
        return False

    @Slot(object)
    def _on_created(self, created: Created) -> None:
        self.draft.created = created
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()
        self.created_case.emit(created)

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.show_refused(error)
        self.failed.emit(str(error))


class DonePage(QWizardPage):
    """The case number and the time limits now running."""

    def __init__(self, draft: IntakeDraft) -> None:
        super().__init__()
        self.draft = draft
        self.setTitle(self.tr("Application saved"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.text, 1, Qt.AlignmentFlag.AlignTop)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        if self.draft.created is not None:
            self.show_created(self.draft.created)

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
