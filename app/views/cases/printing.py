"""打印: the case's pre-filled forms and its village's 公示, built off the GUI thread, shown in a preview.

Saving a preview to a file is an audited export (``printing.save``), run as a write of the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app import clock
from app.domain.codes import Role
from app.domain.workflow import CaseState
from app.errors import UserError
from app.services.cases import printing
from app.services.cases.workspace import CaseSnapshot
from app.views.page import Page

if TYPE_CHECKING:  # printing loads on first use: it is not needed to start the app
    from app.printing.output import Printed
    from app.views.pdf_preview import PdfPreviewDialog

# Forms that make sense at each point of the procedure (all of them once the case is decided).
EARLY_FORMS = ("application", "consent", "investigation", "appraisal", "assessment", "summary")
NOTICE_STATES = (CaseState.PRELIMINARY.value, CaseState.NOTICE.value, CaseState.OBJECTION.value)
DECIDED_STATES = (CaseState.ACTIVE.value, CaseState.STOPPED.value)


def show_printed(page: Page, printed: Printed, parent: QWidget) -> PdfPreviewDialog:
    """Preview ``printed``; its 另存为 writes the file through the audited service, as ``page``'s write."""
    from app.views.pdf_preview import preview

    for warning in printed.warnings:
        page.show_status(warning)
    dialog: PdfPreviewDialog | None = None

    def saved(path: Path) -> None:
        page.show_status(QCoreApplication.translate("PrintButton", "Saved {path}").format(path=path))
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.saved.emit(str(path))

    def failed(path: Path, error: UserError) -> None:
        page.show_refused(error)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.save_failed(path, error)

    def save(path: Path) -> None:
        page.write(
            lambda uow: printing.save(uow, page.actor, printed, path),
            saved,
            on_error=lambda error: failed(path, error),
        )

    dialog = preview(printed.pdf, printed.title, printed.filename, parent, save=save)
    return dialog


class PrintButton(QToolButton):
    """A menu of what can be printed for the shown case; village cadres print the notice only.

    The documents are built by ``page``'s reads, so that refusals show on the page.
    """

    printed = Signal(object)  # the Printed document, once its preview is open

    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._snapshot: CaseSnapshot | None = None
        self.setText(self.tr("&Print"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.setEnabled(False)
        self.preview: PdfPreviewDialog | None = None

    def set_case(self, snap: CaseSnapshot) -> None:
        from app.printing.catalog import FORMS

        self._snapshot = snap
        self.menu_.clear()
        role = self._page.actor.role
        may_print_forms = role in printing.FORM_ROLES or role is Role.ADMIN
        if snap.state in NOTICE_STATES:
            action = self.menu_.addAction(
                self.tr("Preliminary notice for {village}").format(village=snap.village)
            )
            action.triggered.connect(self.print_notice)
            self.menu_.addSeparator()
        for key in EARLY_FORMS if snap.state not in DECIDED_STATES else tuple(FORMS):
            action = QAction(FORMS[key], self.menu_)
            action.setEnabled(may_print_forms)
            if not may_print_forms:
                action.setToolTip(self.tr("Forms show ID numbers: village cadres print notices only."))
            action.triggered.connect(lambda _checked=False, k=key: self.print_form(k))
            self.menu_.addAction(action)
        self.menu_.setToolTipsVisible(True)
        self.setEnabled(True)

    @Slot()
    def print_notice(self) -> None:
        from app.printing.catalog import NoticeKind

        snap, page, today = self._snapshot, self._page, clock.today()
        assert snap is not None
        page.show_status(self.tr("Preparing the document…"))
        page.read(
            lambda uow: printing.notice(uow, page.actor, snap.village_code, NoticeKind.PRELIMINARY, today),
            self._on_printed,
        )

    def print_form(self, key: str) -> None:
        snap, page, today = self._snapshot, self._page, clock.today()
        assert snap is not None
        page.show_status(self.tr("Preparing the document…"))
        page.read(lambda uow: printing.form(uow, page.actor, snap.case_number, key, today), self._on_printed)

    @Slot(object)
    def _on_printed(self, printed: Printed) -> None:
        self.preview = show_printed(self._page, printed, self.window())
        self.printed.emit(printed)
