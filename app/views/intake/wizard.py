"""新申请: find the applicant by ID number, then household, members, means, consent; one save at the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget, QWizard

from app import clock
from app.domain.benefit import BenefitResult
from app.domain.codes import Program, UrbanRural
from app.domain.income import IncomeAssessment
from app.errors import UserError
from app.models.db import Database
from app.services.cases import assessment
from app.services.intake import window as worklist_intake
from app.services.intake.household import HouseholdInput, IncomeInput, MemberInput
from app.services.intake.window import Application, AssetInput, Created, IntakeBasis, KnownApplicant
from app.views import tasks
from app.views.intake.means import MeansPage
from app.views.intake.members import HouseholdPage, MembersPage
from app.views.intake.pages import ApplicationPage, ConfirmPage, DonePage, LookupPage
from app.views.signed_in import SignedIn


class PageId(IntEnum):
    LOOKUP = 0
    APPLICATION = 1
    HOUSEHOLD = 2
    MEMBERS = 3
    MEANS = 4
    CONFIRM = 5
    DONE = 6


class IntakeWizard(QWizard):
    """Holds what the clerk typed until the confirm page saves it all in one unit of work.

    Every database call (villages and standards, the lookup, the save) runs off the GUI thread;
    the live estimate is the services' pure calculation over what is on screen.
    """

    basis_loaded = Signal()
    lookup_done = Signal()
    created_case = Signal(object)  # Created
    failed = Signal(str)
    estimated = Signal()

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.scope, self.today = db, signed_in.actor, signed_in.scope, today
        self.setWindowTitle(self.tr("New application"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(980, 680)
        self.basis: IntakeBasis | None = None
        self.known: KnownApplicant | None = None
        self.looked_up = ""  # the normalised ID number the lookup answered for
        self.members: list[MemberInput] = []
        self.incomes: list[IncomeInput] = []
        self.assets: list[AssetInput] = []
        self.created: Created | None = None

        self.lookup_page = LookupPage()
        self.application_page = ApplicationPage()
        self.household_page = HouseholdPage()
        self.members_page = MembersPage()
        self.means_page = MeansPage()
        self.confirm_page = ConfirmPage()
        self.done_page = DonePage()
        for page_id, page in zip(
            PageId,
            (
                self.lookup_page,
                self.application_page,
                self.household_page,
                self.members_page,
                self.means_page,
                self.confirm_page,
                self.done_page,
            ),
            strict=True,
        ):
            self.setPage(page_id, page)
        self._load_basis()

    # ---------------------------------------------------------------- background work

    def _load_basis(self) -> None:
        db, scope = self.db, self.scope

        def load(progress: tasks.Progress, cancel: tasks.CancelFlag) -> IntakeBasis:
            with db.uow("system") as uow:
                return worklist_intake.intake_basis(uow.session, scope)

        tasks.run(load, on_result=self._on_basis, on_error=self._on_failed)

    @Slot(object)
    def _on_basis(self, basis: IntakeBasis) -> None:
        self.basis = basis
        self.household_page.set_villages(basis.villages)
        self.basis_loaded.emit()

    def look_up(self, id_number: str) -> None:
        db, scope = self.db, self.scope

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> tuple[str, KnownApplicant | None]:
            from app.domain import idcard

            number = idcard.normalize(id_number)
            with db.uow("system") as uow:
                return number, worklist_intake.lookup_applicant(uow.session, scope, number)

        tasks.run(work, on_result=self._on_lookup, on_error=self._on_lookup_failed)

    @Slot(object)
    def _on_lookup(self, result: tuple[str, KnownApplicant | None]) -> None:
        self.looked_up, self.known = result
        self.lookup_page.show_result(self.looked_up, self.known)
        if self.known is None and not self.members:
            self.members_page.prefill_applicant(self.looked_up)
        self.lookup_done.emit()

    @Slot(object)
    def _on_lookup_failed(self, error: UserError) -> None:
        self.looked_up, self.known = "", None
        self.lookup_page.show_error(str(error))
        self.lookup_done.emit()

    @Slot(object)
    def _on_failed(self, error: UserError) -> None:
        self.failed.emit(str(error))

    def estimate_known(self) -> None:
        """The estimate for a household already on file, from its file as it stands."""
        known, program, on, db = self.known, self.application_page.program(), self.today(), self.db
        if known is None or program is Program.LINSHI:
            return

        def work(
            progress: tasks.Progress, cancel: tasks.CancelFlag
        ) -> tuple[IncomeAssessment, BenefitResult]:
            with db.uow("system") as uow:
                return assessment.estimate(uow.session, known.household_id, program.value, on)

        tasks.run(work, on_result=self._on_known_estimate, on_error=self._on_known_estimate_failed)

    @Slot(object)
    def _on_known_estimate(self, estimate: tuple[IncomeAssessment, BenefitResult]) -> None:
        self.confirm_page.show_estimate(self.means_page.describe(*estimate))
        self.estimated.emit()

    @Slot(object)
    def _on_known_estimate_failed(self, error: UserError) -> None:
        self.confirm_page.show_estimate(error.message)
        self.estimated.emit()

    # ---------------------------------------------------------------- what was typed

    def urban_rural(self) -> UrbanRural:
        if self.known is not None:
            return UrbanRural(self.known.urban_rural)
        return self.household_page.urban_rural()

    def village_code(self) -> str | None:
        if self.known is not None:
            return self.known.village_code
        code = self.household_page.village_combo.currentData()
        return str(code) if code else None

    def application(self) -> Application:
        page = self.application_page
        household = None
        if self.known is None:
            hp = self.household_page
            household = HouseholdInput(
                village_code=hp.village_code(),
                urban_rural=hp.urban_rural(),
                address=hp.address_edit.text().strip(),
                members=list(self.members),
                incomes=list(self.incomes),
                phone=hp.phone_edit.text().strip(),
                housing_type=hp.housing_combo.currentData(),
            )
        return Application(
            applicant_id_number=self.looked_up,
            program=page.program(),
            applied_on=page.applied_edit.value(),
            consent_on=self.confirm_page.consent_on(),
            household=household,
            household_id=self.known.household_id if self.known else None,
            assets=list(self.assets) if self.known is None else [],
            single_person=page.single_check.isChecked(),
            near_relative=page.relative_check.isChecked(),
            accept_now=self.confirm_page.accept_check.isChecked(),
        )

    def submit(self) -> None:
        """Save the household (if new) and the application; the confirm page waits for the answer."""
        db, actor, today = self.db, self.actor, self.today()
        try:
            app = self.application()
        except UserError as exc:
            self.confirm_page.show_error(str(exc))
            return

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> Created:
            with db.uow(actor.username) as uow:
                created = worklist_intake.submit_application(uow, actor, app, today)
                uow.commit()
                return created

        self.confirm_page.set_busy(True)
        tasks.run(work, on_result=self._on_created, on_error=self._on_submit_failed)

    @Slot(object)
    def _on_created(self, created: Created) -> None:
        self.created = created
        self.confirm_page.set_busy(False)
        self.done_page.show_created(created)
        self.next()
        self.created_case.emit(created)

    @Slot(object)
    def _on_submit_failed(self, error: UserError) -> None:
        self.confirm_page.set_busy(False)
        self.confirm_page.show_error(str(error))
        self.failed.emit(str(error))
