"""`run_gui`'s first seconds: the sign-in drawn before the database is open, then the session."""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from app import log
from app.errors import UserError
from app.views.login_dialog import LoginDialog
from app.views.opening import DatabaseHolder

if TYPE_CHECKING:
    from app.models.db import Database
    from app.paths import DataPaths
    from app.views.setup.session import DesktopSession


AUTO_BACKUP_DELAY_MS = 20_000  # the day's backup starts once the clerk is at work, not during the opening


def _preload_main_window() -> None:
    """Import the main window's modules (about 0.4 s) off the GUI thread; widgets are made later."""
    try:
        importlib.import_module("app.views.setup.session")
        importlib.import_module("app.views.main_window")
    except Exception:  # the GUI thread's own import reports any real problem
        log.gui.debug("preloading the main window failed", exc_info=True)


class Startup(QObject):
    """`run_gui`'s first seconds: the sign-in drawn at once, the session once the database is open.

    Quitting the sign-in before the database is open ends the app (code 0); a database that cannot be
    opened is explained and ends it with code 1.
    """

    def __init__(
        self, qapp: QApplication, holder: DatabaseHolder, paths: DataPaths, first_user: str = ""
    ) -> None:
        super().__init__()
        self.qapp = qapp
        self.holder = holder
        self.paths = paths
        self.first_user = first_user
        self.login: LoginDialog | None = None
        self.session: DesktopSession | None = None
        qapp.setQuitOnLastWindowClosed(False)  # signing out closes every window: the session quits
        holder.opened.connect(self._on_opened)
        holder.failed.connect(self._on_failed)

    def show_login(self) -> None:
        login = LoginDialog(self.holder)
        if self.first_user:  # just set up: the administrator first
            login.username_edit.setText(self.first_user)
            login.password_edit.setFocus()
        login.rejected.connect(self._on_quit_early)
        self.login = login
        login.show()
        if self.holder.encrypted:  # nothing opens before the password: the typing time is free
            self._preload()

    @Slot()
    def _on_quit_early(self) -> None:
        if self.session is None:
            self.qapp.exit(0)

    @Slot(object)
    def _on_opened(self, db: Database) -> None:
        from app.views.setup.session import DesktopSession

        login = self.login
        if login is None:
            return
        self.session = DesktopSession(db, self.paths, first_user=self.first_user)
        self.session.finished.connect(self.qapp.exit)
        login.rejected.disconnect(self._on_quit_early)
        self.session.start(login)
        if self.holder.local:  # not while the main window is being made: it waits its turn
            QTimer.singleShot(AUTO_BACKUP_DELAY_MS, lambda: start_auto_backup(self.paths, db))
        if not self.holder.encrypted:
            self._preload()

    def _preload(self) -> None:
        threading.Thread(target=_preload_main_window, name="preload", daemon=True).start()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self.login is not None:
            self.login.rejected.disconnect(self._on_quit_early)
            self.login.hide()
        text = QCoreApplication.translate("App", "The database cannot be opened:\n{error}")
        QMessageBox.critical(None, QCoreApplication.translate("App", "Jiuzhu"), text.format(error=message))
        self.qapp.exit(1)


def start_auto_backup(paths: DataPaths, db: Database) -> None:
    """Today's automatic backup into the data folder (the first start of a day), on a read thread: SQLite's
    backup API copies a consistent snapshot while writes go on (WAL), and the sign-in never waits for it.
    Started once the database is open (an encrypted one: once the first sign-in unlocked it)."""
    from app import clock
    from app.views import tasks

    today = clock.today()

    def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> object:
        from app.services.setup.auto_backup import auto_backup  # here: the sign-in imports no model

        return auto_backup(paths, today, key=db.key)

    def failed(error: UserError) -> None:
        log.gui.warning("the automatic backup failed: %s", error)

    tasks.run(work, on_error=failed, pool=tasks.read_pool())
