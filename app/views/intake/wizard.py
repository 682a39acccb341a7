"""新申请: find the applicant by ID number, then household, members, means, consent; one save at the end."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget, QWizard

from app.errors import UserError
from app.services.intake import window
from app.services.intake.window import IntakeBasis
from app.views.intake.draft import IntakeDraft, PageId
from app.views.intake.means import MeansPage
from app.views.intake.members import HouseholdPage, MembersPage
from app.views.intake.pages import ApplicationPage, ConfirmPage, DonePage, LookupPage
from app.views.page import OpHostMixin
from app.views.widgets.forms import ErrorLabel
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace

__all__ = ["IntakeWizard", "PageId"]


class IntakeWizard(OpHostMixin, QWizard):
    """Its pages fill one ``IntakeDraft`` until the confirm page saves it all in one unit of work.

    Every database call (villages and standards, the lookup, the save) is an operation off the GUI
    thread; the live estimate is the services' pure calculation over the draft.

    Signals: ``basis_loaded``, ``lookup_done``, ``estimated``, ``created_case(Created)``, ``failed(str)``.
    """

    basis_loaded = Signal()
    lookup_done = Signal()
    created_case = Signal(object)  # Created
    failed = Signal(str)
    estimated = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.refused = ErrorLabel(self)  # never shown: the wizard's own refusals go to its first page
        self.draft = IntakeDraft()
        self.setWindowTitle(self.tr("New application"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        fit_to_screen(self, 980, 680)

        draft = self.draft
        self.lookup_page = LookupPage(ws, draft)
        self.application_page = ApplicationPage(draft)
        self.household_page = HouseholdPage(draft)
        self.members_page = MembersPage(draft)
        self.means_page = MeansPage(draft)
        self.confirm_page = ConfirmPage(ws, draft)
        self.done_page = DonePage(draft)
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
        self.lookup_page.lookup_done.connect(self.lookup_done)
        self.confirm_page.estimated.connect(self.estimated)
        self.confirm_page.created_case.connect(self.created_case)
        self.confirm_page.failed.connect(self.failed)
        actor = self.actor
        self.read(lambda uow: window.intake_basis(uow, actor), self._on_basis)

    @Slot(object)
    def _on_basis(self, basis: IntakeBasis) -> None:
        self.draft.basis = basis
        self.household_page.set_villages(basis.villages)
        self.means_page.recompute()
        self.basis_loaded.emit()

    def show_refused(self, error: UserError) -> None:
        """A refused read of the wizard's own (the standards): on the first page, and ``failed``."""
        self.lookup_page.show_refused(error)
        self.failed.emit(str(error))
