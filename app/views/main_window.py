"""The main window: section navigation on the left, the section's page on the right, the user below."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

import app as app_package
from app.domain.codes import Role
from app.models.db import Database
from app.paths import DataPaths
from app.views.cases.cases_page import CasesPage
from app.views.cases.notices_page import NoticesPage
from app.views.cases.workbench import WorkbenchPage
from app.views.households.registry_page import RegistryPage
from app.views.page import Page
from app.views.reports.reports_page import ReportsPage
from app.views.reviews.reviews_page import ReviewsPage
from app.views.section_tabs import SectionTabs
from app.views.setup.backup_actions import BackupActions
from app.views.setup.settings_page import SettingsPage
from app.views.setup.standards_editor import StandardsEditor
from app.views.setup.users_page import UsersPage
from app.views.signed_in import SignedIn
from app.views.sync.page import SyncPage
from app.views.ui_state import ui_settings
from app.views.widgets.placeholder import PlaceholderPage
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.views.county_pages import CountyPages
    from app.views.sync.stations_page import StationsPage

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
STATUS_MS = 6000


class Section(IntEnum):
    WORKBENCH = 0
    REGISTRY = 1
    CASES = 2
    NOTICES = 3
    DYNAMIC = 4
    SYNC = 5
    REPORTS = 6
    SETTINGS = 7


class MainWindow(QMainWindow):
    """Holds one page per section; Ctrl+1…Ctrl+8 switch sections, Ctrl+F searches the registry, F5
    refreshes what is on screen. Every page works with the one ``Workspace`` the window builds.

    Signing out (Ctrl+L) and locking are asked of the session (``app.views.setup.session``), which may
    also set ``confirm_close``: closing the window then goes ahead only when it returns True.
    """

    sign_out_requested = Signal()
    lock_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        parent: QWidget | None = None,
        *,
        paths: DataPaths | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed_in = signed_in
        self._db = db
        self.ws = Workspace(db, signed_in, paths)
        self.confirm_close: Callable[[], bool] | None = None
        self.ledger_wizard: QWidget | None = None
        self.password_dialog: QWidget | None = None
        self.setWindowTitle(
            self.tr("Jiuzhu: {installation}").format(installation=signed_in.installation_name)
        )
        self.is_county = self.ws.is_county
        self.workbench = WorkbenchPage(self.ws)
        self.dashboard = self.workbench.dashboard
        self.registry = RegistryPage(self.ws)
        self.cases = CasesPage(self.ws)
        self.reviews = ReviewsPage(self.ws)
        self.notices = NoticesPage(self.ws)
        self.settings_page = SettingsPage(self.ws)
        self.standards = StandardsEditor(self.ws)
        # 用户管理 is the administrator's (the service refuses anyone else); the others change their own
        # password from the user menu.
        self.users = UsersPage(self.ws) if signed_in.actor.role is Role.ADMIN else None
        self.reports = ReportsPage(self.ws)
        # Bundles and keys live in the data folder: without it (a bare window in tests) 同步 says what it is.
        self.sync_page = SyncPage(self.ws) if paths is not None else None
        self.county: CountyPages | None = None
        self.stations: StationsPage | None = None  # 同步 → 工作站, at the county
        if self.is_county:  # the county's own pages are not even imported on a station
            from app.views.county_pages import CountyPages
            from app.views.sync.stations_page import StationsPage

            self.county = CountyPages(self.ws)
            self.stations = StationsPage(self.ws) if paths is not None else None
        self.sections = self._assemble()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(112)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 9px 12px; }")
        self.stack = QStackedWidget()
        for section in Section:
            item = QListWidgetItem(self.section_title(section))
            item.setToolTip(
                self.tr("{title} (Ctrl+{number})").format(
                    title=self.section_title(section), number=section + 1
                )
            )
            self.nav.addItem(item)
            self.stack.addWidget(self._page_for(section))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self.user_label = QToolButton()  # the user menu: change password, sign out, lock
        self.user_label.setText(self._user_text())
        self.user_label.setAutoRaise(True)
        self.user_label.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        user_menu = QMenu(self.user_label)
        user_menu.addActions([self.change_password_action, self.sign_out_action, self.lock_action])
        self.user_label.setMenu(user_menu)
        self.statusBar().addPermanentWidget(self.user_label)
        self._connect_pages()
        self.show_section(Section.WORKBENCH)
        self._restore_geometry()

    # ---------------------------------------------------------------- sections

    def section_title(self, section: Section) -> str:
        titles = {
            Section.WORKBENCH: self.tr("Workbench"),
            Section.REGISTRY: self.tr("Household files"),
            Section.CASES: self.tr("Applications"),
            Section.NOTICES: self.tr("Public notices"),
            Section.DYNAMIC: self.tr("Dynamic management"),
            Section.SYNC: self.tr("Sync"),
            Section.REPORTS: self.tr("Reports"),
            Section.SETTINGS: self.tr("Settings"),
        }
        return titles[section]

    def _assemble(self) -> dict[Section, QWidget]:
        """One page per section; on the county master several sections hold the county's own tabs."""
        tabs: list[tuple[QWidget, str]] = [
            (self.settings_page, self.tr("&General")),
            (self.standards, self.tr("Assistance &standards")),
        ]
        if self.users is not None:
            tabs.append((self.users, self.tr("&Users")))
        settings_tabs = SectionTabs(*tabs)
        pages: dict[Section, QWidget] = {
            Section.WORKBENCH: self.workbench,
            Section.REGISTRY: self.registry,
            Section.CASES: self.cases,
            Section.NOTICES: self.notices,
            Section.DYNAMIC: self.reviews,
            Section.REPORTS: self.reports,
            Section.SETTINGS: settings_tabs,
        }
        if self.sync_page is not None:
            pages[Section.SYNC] = self.sync_page
        else:
            pages[Section.SYNC] = PlaceholderPage(
                self.section_title(Section.SYNC),
                self.tr(
                    "Export the bundle for the county and import its decisions and standards, by USB stick."
                ),
            )
        if self.sync_page is not None and self.stations is not None:
            pages[Section.SYNC] = SectionTabs(
                (self.sync_page, self.tr("&Bundles")), (self.stations, self.tr("&Stations"))
            )
        county = self.county
        if county is not None:
            pages[Section.WORKBENCH] = SectionTabs(
                (county.dashboard, self.tr("&Townships")), (self.workbench, self.tr("&Today's work"))
            )
            pages[Section.CASES] = SectionTabs(
                (county.approvals, self.tr("&Awaiting decision")), (self.cases, self.tr("All &cases"))
            )
            pages[Section.DYNAMIC] = SectionTabs(
                (county.proposals, self.tr("&Adjustments proposed")),
                (self.reviews, self.tr("&Reviews")),
                (county.matching, self.tr("Data &matching")),
            )
        return pages

    def _page_for(self, section: Section) -> QWidget:
        return self.sections[section]

    def current_section(self) -> Section:
        return Section(self.stack.currentIndex())

    def show_section(self, section: Section) -> None:
        self.nav.setCurrentRow(section)

    def show_page(self, page: QWidget) -> None:
        """Show ``page``: its section, and its tab where the section has several."""
        for section, holder in self.sections.items():
            if holder is page or (isinstance(holder, SectionTabs) and holder.indexOf(page) >= 0):
                self.show_section(section)
                if isinstance(holder, SectionTabs):
                    holder.setCurrentWidget(page)
                return

    def _connect_pages(self) -> None:
        for section in self.sections.values():
            for page in self._pages_in(section):
                page.status_message.connect(self.show_message)
        if self.county is not None:
            self.county.connect(self)
        self.workbench.open_case.connect(self.open_case)
        self.workbench.open_review.connect(self.open_review)
        self.reviews.open_case.connect(self.open_case)
        self.registry.open_case.connect(self.open_case)
        self.registry.print_case.connect(self.print_case)
        self.registry.new_application.connect(self.new_application_for)
        self.cases.workspace.open_review.connect(self.open_review)

    @staticmethod
    def _pages_in(widget: QWidget | None) -> list[Page]:
        """The pages a section holds: itself, its tabs, and pages inside them."""
        if widget is None:
            return []
        found = [widget] if isinstance(widget, Page) else []
        return found + widget.findChildren(Page)

    def pages_on_screen(self) -> list[Page]:
        """The pages the user sees now (a section's page, or the current tab's)."""
        return [page for page in self._pages_in(self.stack.currentWidget()) if page.isVisible()]

    @Slot()
    def refresh(self) -> None:
        """F5: reload what is on screen (the pages reload themselves when data changes)."""
        for page in self.pages_on_screen():
            page.refresh()

    @Slot(str)
    def open_case(self, case_id: str) -> None:
        """Show a case in 申请办理 (from the workbench, a review, the approval queue or a matching flag)."""
        self.show_page(self.cases)
        self.cases.open_case(case_id)

    @Slot(str)
    def print_case(self, case_id: str) -> None:
        """A case's print menu (申请书, 审批表, 低保证…), from its household's window."""
        self.show_page(self.cases)
        self.cases.print_case(case_id)

    @Slot(str)
    def new_application_for(self, id_number: str) -> None:
        """新申请 for a household on file (from its window): the wizard looks its head up."""
        self.show_page(self.cases)
        self.cases.new_application(id_number)

    @Slot(str)
    def open_review(self, case_id: str) -> None:
        self.show_page(self.reviews)
        self.reviews.open_review(case_id)

    @Slot(str)
    def show_township(self, code: str) -> None:
        """The households of one township (double-clicked on the county's dashboard)."""
        self.show_section(Section.REGISTRY)
        self.registry.show_area(code)

    @Slot()
    def focus_registry_search(self) -> None:
        self.show_section(Section.REGISTRY)
        self.registry.focus_search()

    # ---------------------------------------------------------------- actions and menus

    def _build_actions(self) -> None:
        self.section_actions: list[QAction] = []
        for section in Section:
            action = QAction(self.section_title(section), self)
            action.setShortcut(QKeySequence(f"Ctrl+{section + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=section: self.show_section(s))
            self.addAction(action)
            self.section_actions.append(action)
        self.find_action = QAction(self.tr("&Find household"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_registry_search)
        self.addAction(self.find_action)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.find_action)
        file_menu.addSeparator()
        self.import_ledger_action = file_menu.addAction(self.tr("&Import Excel ledger…"))
        self.import_ledger_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_I))
        self.import_ledger_action.triggered.connect(self.import_ledger)
        self.export_ledger_action = file_menu.addAction(self.tr("&Export Excel ledger…"))
        self.export_ledger_action.triggered.connect(self.export_ledger)
        file_menu.addSeparator()
        self.change_password_action = file_menu.addAction(self.tr("Change &password…"))
        self.change_password_action.setShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_P)
        )
        self.change_password_action.triggered.connect(self.change_password)
        self.backups = BackupActions(self.ws, self)
        file_menu.addActions([self.backups.backup_action, self.backups.restore_action])
        self.workbench.backup_reminder.backup_requested.connect(self.backups.open_backup)
        file_menu.addSeparator()
        self.sign_out_action = file_menu.addAction(self.tr("Sign &out / switch user"))
        self.sign_out_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.lock_action = file_menu.addAction(self.tr("&Lock screen"))
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_L))
        self.lock_action.triggered.connect(self.lock_requested)
        quit_action = file_menu.addAction(self.tr("E&xit"))
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        view_menu = self.menuBar().addMenu(self.tr("&Go"))
        for action in self.section_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("&About Jiuzhu"))
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)

    @Slot()
    def change_password(self) -> None:
        from app.views.setup.password_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda: self.show_message(self.tr("Your password has been changed.")))
        self.password_dialog = dialog
        dialog.open()

    def import_ledger(self) -> None:
        from app.views.intake.ledger_wizard import open_ledger_import

        self.ledger_wizard = open_ledger_import(self.ws, self)

    def export_ledger(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Excel ledger"), self.tr("ledger.xlsx"), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.registry.export_ledger(Path(path))  # the registry page reports it on the status bar

    def about_text(self) -> str:
        from app.views import input_method

        return self.tr(
            "<h3>Jiuzhu {version}</h3><p>Offline casework for township social-assistance offices: "
            "minimum living allowance, support for people in extreme poverty and temporary assistance.</p>"
        ).format(version=app_package.__version__) + input_method.about_text(input_method.session_check())

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Jiuzhu"), self.about_text())

    def _user_text(self) -> str:
        actor = self.signed_in.actor
        return self.tr("{user} | {role} | {installation}").format(
            user=actor.display_name, role=actor.role.label, installation=self.signed_in.installation_name
        )

    @Slot(str)
    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    # ---------------------------------------------------------------- UI state

    def _restore_geometry(self) -> None:
        settings = ui_settings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = settings.value(STATE_KEY)
            if isinstance(state, QByteArray):
                self.restoreState(state)
            if not self.isMaximized():  # saved on a larger screen: fit this one
                fit_to_screen(self, self.width(), self.height())
        else:
            fit_to_screen(self, 1366, 768)  # the whole of a laptop screen

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close is not None and not self.confirm_close():
            event.ignore()
            return
        settings = ui_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        self.registry.cancel_work()
        super().closeEvent(event)
        self.closed.emit()
