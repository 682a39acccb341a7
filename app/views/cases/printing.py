"""打印: the case's pre-filled forms and its village's 公示, built off the GUI thread, shown in a preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.domain.codes import Role
from app.domain.workflow import CaseState
from app.errors import UserError
from app.models.db import Database
from app.services.cases.workspace import CaseSnapshot
from app.services.context import Actor
from app.views import tasks

if TYPE_CHECKING:  # printing loads on first use: it is not needed to start the app
    from app.printing.output import Printed

# Forms that make sense at each point of the procedure (all of them once the case is decided).
EARLY_FORMS = ("application", "consent", "investigation", "appraisal", "assessment", "summary")
NOTICE_STATES = (CaseState.PRELIMINARY.value, CaseState.NOTICE.value, CaseState.OBJECTION.value)


class PrintButton(QToolButton):
    """A menu of what can be printed for the shown case; village cadres print the notice only."""

    status_message = Signal(str)
    printed = Signal(object)  # the Printed document, once its preview is open

    def __init__(
        self, db: Database, actor: Actor, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self._snapshot: CaseSnapshot | None = None
        self.setText(self.tr("&Print"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.setEnabled(False)
        self.preview: QWidget | None = None

    def set_case(self, snap: CaseSnapshot) -> None:
        from app.printing.catalog import FORMS
        from app.services.cases.printing import FORM_ROLES

        self._snapshot = snap
        self.menu_.clear()
        may_print_forms = self._actor.role in FORM_ROLES or self._actor.role is Role.ADMIN
        if snap.state in NOTICE_STATES:
            action = self.menu_.addAction(
                self.tr("Preliminary notice for {village}").format(village=snap.village)
            )
            action.triggered.connect(self.print_notice)
            self.menu_.addSeparator()
        for key in EARLY_FORMS if snap.state not in ("active", "stopped") else tuple(FORMS):
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
        snap, actor, db, today = self._snapshot, self._actor, self._db, self._today()
        assert snap is not None

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> Printed:
            from app.printing.catalog import NoticeKind
            from app.services.cases import printing

            with db.uow(actor.username) as uow:
                return printing.notice(uow, actor, snap.village_code, NoticeKind.PRELIMINARY, today)

        self._start(work)

    def print_form(self, key: str) -> None:
        snap, actor, db, today = self._snapshot, self._actor, self._db, self._today()
        assert snap is not None

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> Printed:
            from app.services.cases import printing

            with db.uow(actor.username) as uow:
                return printing.form(uow, actor, snap.case_number, key, today)

        self._start(work)

    def _start(self, work: tasks.Work[Printed]) -> None:
        self.status_message.emit(self.tr("Preparing the document…"))
        tasks.run(work, on_result=self._on_printed, on_error=self._on_failed)

    @Slot(object)
    def _on_printed(self, printed: Printed) -> None:
        from app.views.pdf_preview import preview

        for warning in printed.warnings:
            self.status_message.emit(warning)
        self.preview = preview(printed.pdf, printed.title, printed.filename, self.window())
        self.printed.emit(printed)

    @Slot(object)
    def _on_failed(self, error: UserError) -> None:
        self.status_message.emit(str(error))
