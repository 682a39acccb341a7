"""First run on an empty data folder: set up a station (joining its county or standalone) or a county master.

The setup itself (`app.services.setup.first_run.set_up`) runs off the GUI thread behind a progress dialog; a
refusal is shown on the page of the field at fault, and the service leaves nothing half-created.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget, QWizard

from app import log
from app.errors import UserError
from app.paths import DataPaths
from app.services.setup import first_run
from app.services.setup.first_run import SetupRequest, SetupResult
from app.views import tasks
from app.views.setup.first_run_pages import AdminPage, CountyPage, JoinPage, KindPage, SetupPage, StationPage
from app.views.widgets.screen import fit_to_screen

DEMO_HOUSEHOLDS = 3000  # as `jiuzhu demo`


class PageId(IntEnum):
    KIND = 0
    JOIN = 1
    STATION = 2
    COUNTY = 3
    ADMIN = 4


class FirstRunWizard(QWizard):
    """Asks what to set up, then creates it; ``created`` holds the `SetupResult` once accepted."""

    setup_done = Signal(object)  # SetupResult
    setup_failed = Signal(str)

    def __init__(
        self, paths: DataPaths, parent: QWidget | None = None, *, demo_households: int = DEMO_HOUSEHOLDS
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.demo_households = demo_households
        self.created: SetupResult | None = None
        self.busy = False
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Jiuzhu: first-run setup"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Set up"))
        self.setMinimumWidth(560)
        self.kind_page = KindPage()
        self.join_page = JoinPage()
        self.station_page = StationPage()
        self.county_page = CountyPage()
        self.admin_page = AdminPage()
        pages = (self.kind_page, self.join_page, self.station_page, self.county_page, self.admin_page)
        for page_id, page in zip(PageId, pages, strict=True):
            self.setPage(page_id, page)
        self.currentIdChanged.connect(self._on_page_changed)
        fit_to_screen(self)

    def nextId(self) -> int:
        current = self.currentId()
        if current == PageId.KIND:
            mode = self.kind_page.mode()
            if mode == first_run.JOIN:
                return PageId.JOIN
            return PageId.COUNTY if mode == first_run.COUNTY else PageId.STATION
        if current in (PageId.JOIN, PageId.STATION, PageId.COUNTY):
            return PageId.ADMIN
        return -1

    @Slot(int)
    def _on_page_changed(self, page_id: int) -> None:
        if page_id != PageId.ADMIN:
            return
        mode = self.kind_page.mode()
        county = self.county_page.county_edit.text().strip()
        self.admin_page.allow_demo(
            mode == first_run.STATION
            or (mode == first_run.COUNTY and bool(first_run.known_townships(county)))
        )

    def request(self) -> SetupRequest:
        """What the pages hold, as the service's request (the pages have validated it)."""
        mode = self.kind_page.mode()
        demo = self.demo_households if self.admin_page.demo_check.isChecked() else 0
        password = self.admin_page.password()
        if mode == first_run.JOIN:
            return SetupRequest(
                mode,
                password,
                provision_file=self.join_page.provision_file(),
                provision_secret=self.join_page.secret_edit.text(),
            )
        page = self.county_page if mode == first_run.COUNTY else self.station_page
        return SetupRequest(mode, password, code=page.code(), name=page.name(), demo_households=demo)

    def validateCurrentPage(self) -> bool:
        if self.currentId() != PageId.ADMIN:
            return super().validateCurrentPage()
        if self.created is not None:
            return True
        if not self.busy and self.admin_page.check():
            self._start(self.request())
        return False

    # ---------------------------------------------------------------- the work

    def _start(self, request: SetupRequest) -> None:
        paths = self.paths
        self._set_busy(True)
        self.progress = QProgressDialog(self.tr("Setting up…"), "", 0, 0, self)
        self.progress.setWindowTitle(self.windowTitle())
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        log.gui.info("first-run setup (%s) in %s", request.mode, paths.root)
        tasks.run(
            lambda progress, cancel: first_run.set_up(paths, request, progress),
            on_result=self._on_done,
            on_error=self._on_failed,
            on_progress=self._on_progress,
        )

    def _step_text(self, step: str) -> str:
        texts = {
            first_run.STEP_PROVISION: self.tr("Opening the provisioning file…"),
            first_run.STEP_DATABASE: self.tr("Creating the database…"),
            first_run.STEP_INSTALLATION: self.tr("Setting up the installation and the administrator…"),
            first_run.STEP_JOIN: self.tr("Joining the county's sync…"),
            first_run.STEP_DEMO: self.tr("Filling in demo data (this takes a while)…"),
        }
        return texts.get(step, self.tr("Setting up…"))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, step: str) -> None:
        progress = self.progress
        if progress is None:
            return
        progress.setMaximum(total)
        if step:
            progress.setLabelText(self._step_text(step))
        # Last: a modal progress dialog handles events in setValue, and the setup's end may be one of
        # them (it closes the dialog).
        progress.setValue(done)

    @Slot(object)
    def _on_done(self, result: SetupResult) -> None:
        self._close_progress()
        self.created = result
        self._set_busy(False)
        log.gui.info("first-run setup made %s %s", result.kind, result.code)
        self.setup_done.emit(result)
        self.accept()

    @Slot(object)
    def _on_failed(self, error: UserError) -> None:
        self._close_progress()
        self._set_busy(False)
        target = self._page_for(error.field)
        while self.currentId() != target and self.currentId() != PageId.KIND:
            self.back()
        page = self.currentPage()
        if isinstance(page, SetupPage):
            page.show_error(str(error), error.field)
        self.setup_failed.emit(str(error))

    def _page_for(self, field: str | None) -> PageId:
        mode = self.kind_page.mode()
        where = {
            first_run.FIELD_PROVISION: PageId.JOIN,
            first_run.FIELD_SECRET: PageId.JOIN,
            first_run.FIELD_TOWNSHIP: PageId.STATION,
            first_run.FIELD_COUNTY: PageId.COUNTY if mode == first_run.COUNTY else PageId.STATION,
        }
        return where.get(field or "", PageId.ADMIN)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)

    # ---------------------------------------------------------------- no closing mid-setup

    def done(self, result: int) -> None:
        if self.busy:
            return
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)
