"""A wizard page that runs operations of its own on the draft its wizard hands it (intake, ledger)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizardPage

from app.views.page import OpHostMixin
from app.views.widgets.forms import ErrorLabel
from app.views.workspace import Workspace


class OpWizardPage(OpHostMixin, QWizardPage):
    """``self.read`` / ``self.write`` as the signed-in user; refusals on the page's ``refused`` line.

    Pages share what the clerk typed through a draft object, never by reaching up to their wizard.
    """

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.refused = ErrorLabel()

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.completeChanged.emit()  # Next and Finish wait for the page's work
