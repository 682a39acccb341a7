"""The desktop between start and quit: sign in, the main window, sign out or switch user, the idle lock.

The session owns at most one main window. 文件 → 注销 / 切换用户 (Ctrl+L) closes the user's windows and
shows the sign-in again; after the idle minutes set in 设置 (or 文件 → 锁定屏幕) every window is covered
until someone signs in. The same user gets the windows back as they were; another user signing in
closes them first. Input typed but not saved is never thrown away silently: the session asks.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import log
from app.errors import UserError
from app.models.db import Database
from app.paths import DataPaths
from app.services import settings
from app.views import ops
from app.views.login_dialog import LoginDialog
from app.views.page import OpHostMixin
from app.views.setup import open_windows
from app.views.setup.lock_dialog import LockDialog
from app.views.setup.screen_lock import ScreenLock, exempt
from app.views.signed_in import SignedIn
from app.views.widgets.forms import ErrorLabel
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.views.main_window import MainWindow


class Leaving(Enum):
    """Why the user's windows would close: each asks its own question about unsaved input."""

    SIGN_OUT = "sign-out"
    SWITCH = "switch"
    QUIT = "quit"


class LockTimeout(OpHostMixin, QWidget):
    """Reads this computer's idle minutes for the lock, and again whenever a setting changes (never shown)."""

    loaded = Signal(int)

    def __init__(self, ws: Workspace, lock: ScreenLock) -> None:
        super().__init__()
        self.ws = ws
        self.refused = ErrorLabel(self)
        self._lock = lock
        ops.changes().changed.connect(self._on_changes)
        self.load()

    def load(self) -> None:
        self.read(lambda uow: settings.idle_lock_minutes(uow, self.actor), self._on_minutes)

    @Slot(object)
    def _on_minutes(self, minutes: int) -> None:
        self._lock.set_minutes(minutes)
        self.loaded.emit(minutes)

    @Slot(object)
    def _on_changes(self, what: ops.Changes) -> None:
        if what.touches({"setting"}):
            self.load()

    def show_refused(self, error: UserError) -> None:
        log.gui.warning("the idle minutes could not be read: %s", error)


class DesktopSession(QObject):
    """Sign-in, the user's main window, sign-out and the idle lock; ``finished`` when the user quits.

    ``ask_discard`` asks whether unsaved input may be thrown away; tests replace it.
    """

    signed_in = Signal(object)  # SignedIn: a main window is open for this user
    signed_out = Signal()  # back at the sign-in
    locked = Signal()
    unlocked = Signal()
    finished = Signal(int)  # the user quit: the exit code
    restored = Signal(bool)  # a restore was tried (True: done) and the sign-in is shown again

    def __init__(
        self, db: Database, paths: DataPaths | None, *, first_user: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.paths = paths
        self.first_user = first_user
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.lock_dialog: LockDialog | None = None
        self.screen_lock: ScreenLock | None = None
        self.lock_timeout: LockTimeout | None = None
        self.notice: QMessageBox | None = None

    def start(self, login: LoginDialog | None = None) -> None:
        """Show the sign-in, or take over the one already on screen (drawn before the database opened)."""
        if login is None:
            self._show_login(self.first_user)
        else:
            self._adopt_login(login)

    @property
    def user(self) -> SignedIn | None:
        return self.window.signed_in if self.window is not None else None

    @property
    def is_locked(self) -> bool:
        return self.screen_lock is not None and self.screen_lock.is_locked

    # -- signing in and out ----------------------------------------------------------------------

    def _show_login(self, username: str = "") -> None:
        login = LoginDialog(self.db)
        if username:
            login.username_edit.setText(username)
            login.password_edit.setFocus()
        self._adopt_login(login)
        login.show()

    def _adopt_login(self, login: LoginDialog) -> None:
        login.signed_in.connect(self._on_signed_in)
        login.rejected.connect(self._on_login_quit)
        self.login = login

    @Slot(object)
    def _on_signed_in(self, who: SignedIn) -> None:
        login, self.login = self.login, None
        if login is not None:
            login.deleteLater()
        self._open(who)

    @Slot()
    def _on_login_quit(self) -> None:
        login, self.login = self.login, None
        if login is not None:
            login.deleteLater()
        self.finished.emit(0)

    def _open(self, who: SignedIn) -> None:
        from app.views.main_window import MainWindow

        window = MainWindow(self.db, who, paths=self.paths)
        window.sign_out_requested.connect(self.sign_out)
        window.lock_requested.connect(self.lock)
        # queued: the restore closes the window (and the dialog that asked) once the dialog's slot is done
        window.backups.restore_requested.connect(self.restore, Qt.ConnectionType.QueuedConnection)
        window.closed.connect(self._on_window_closed)
        window.confirm_close = self._may_quit
        self.window = window
        self.screen_lock = ScreenLock(settings.DEFAULTS["local.lock_minutes"], self)
        self.screen_lock.idle.connect(self.lock)
        self.lock_timeout = LockTimeout(window.ws, self.screen_lock)
        window.show()
        self.screen_lock.start()
        log.gui.info("signed in: %s", who.actor.role.value)
        self.signed_in.emit(who)

    @Slot()
    def sign_out(self) -> None:
        """Close the user's windows (asking about unsaved input) and show the sign-in again."""
        user = self.user
        if user is None or self.is_locked or not self._may_discard(Leaving.SIGN_OUT, user):
            return
        self._close_session()
        self._show_login()
        self.signed_out.emit()

    def _may_quit(self) -> bool:
        """The main window is being closed by the user: not behind the lock, not without asking."""
        user = self.user
        return user is not None and not self.is_locked and self._may_discard(Leaving.QUIT, user)

    @Slot()
    def _on_window_closed(self) -> None:
        if self.window is not None:  # the user quit (a sign-out forgets the window before closing it)
            self._close_session()
            self.finished.emit(0)

    def _close_session(self) -> None:
        """Close every window of the signed-in user; work still running finishes on its own."""
        window, self.window = self.window, None
        if self.screen_lock is not None:
            self.screen_lock.dispose()
            self.screen_lock.deleteLater()
            self.screen_lock = None
        if self.lock_timeout is not None:
            self.lock_timeout.deleteLater()
            self.lock_timeout = None
        if window is None:
            return
        open_windows.close_others(window)
        window.confirm_close = None
        window.close()
        window.deleteLater()
        log.gui.info("signed out")

    @Slot(object)
    def restore(self, file: Path) -> None:
        """文件 → 恢复 confirmed: close the user's windows, replace the database, back to the sign-in."""
        user = self.user
        if user is None or self.paths is None or self.is_locked:
            return
        if not self._may_discard(Leaving.SIGN_OUT, user):
            return
        self._close_session()
        from app.views.setup.restore_flow import replace_database

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # the copy takes a moment on a big database
        try:
            outcome = replace_database(self.db, self.paths, file, user.actor)
        except UserError as exc:  # the database cannot be opened again: nothing more to do here
            QApplication.restoreOverrideCursor()
            QMessageBox.critical(None, self.tr("Restore"), str(exc))
            self.finished.emit(1)
            return
        QApplication.restoreOverrideCursor()
        self.db = outcome.db
        self._show_login()
        if outcome.error:
            text = self.tr("The backup was not restored; nothing was changed.") + "\n" + outcome.error
        else:
            text = self.tr("The database was restored from {file}. Please sign in again.").format(file=file)
            if outcome.safety is not None:
                text += "\n" + self.tr("The database it replaced was kept as {file}.").format(
                    file=outcome.safety
                )
        self.notice = QMessageBox(QMessageBox.Icon.Information, self.tr("Restore"), text, parent=self.login)
        self.notice.open()
        self.restored.emit(not outcome.error)

    # -- the lock --------------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Cover every window and ask for a password (the idle countdown ran out, or 锁定屏幕)."""
        user, lock = self.user, self.screen_lock
        if user is None or lock is None or lock.is_locked:
            return
        dialog = self._new_lock_dialog(user)
        lock.lock(dialog)
        dialog.show()
        dialog.activateWindow()
        log.gui.info("screen locked")
        self.locked.emit()

    def _new_lock_dialog(self, user: SignedIn) -> LockDialog:
        dialog = LockDialog(self.db, user)
        dialog.signed_in.connect(self._on_lock_signed_in)
        self.lock_dialog = dialog
        return dialog

    @Slot(object)
    def _on_lock_signed_in(self, who: SignedIn) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        user, lock = self.user, self.screen_lock
        if user is None or lock is None:
            return
        if who.actor.username == user.actor.username:
            lock.unlock()
            log.gui.info("screen unlocked")
            self.unlocked.emit()
            return
        if not self._may_discard(Leaving.SWITCH, user, who):
            again = self._new_lock_dialog(user)  # the first user's work stays, behind the lock
            lock.hand_over(again)
            again.show()
            again.activateWindow()
            return
        self._close_session()
        self._open(who)

    # -- unsaved input ---------------------------------------------------------------------------

    def _may_discard(self, why: Leaving, user: SignedIn, successor: SignedIn | None = None) -> bool:
        if self.window is None:
            return True
        unsaved = open_windows.with_unsaved_input(open_windows.session_windows(self.window))
        return not unsaved or self.ask_discard(why, len(unsaved), user, successor)

    def ask_discard(
        self, why: Leaving, windows: int, user: SignedIn, successor: SignedIn | None = None
    ) -> bool:
        """True when the user chooses to throw away the input in ``windows`` windows."""
        name = user.actor.display_name
        if why is Leaving.SWITCH:
            assert successor is not None
            text = self.tr(
                "{user} has left {n} window(s) with input that has not been saved. Signing in as {other} "
                "closes them and discards that input."
            ).format(user=name, n=windows, other=successor.actor.display_name)
            go, stay = self.tr("&Discard it and sign in"), self.tr("&Keep it (back to the lock)")
        elif why is Leaving.SIGN_OUT:
            text = self.tr(
                "{n} window(s) hold input that has not been saved. Discard it and sign out?"
            ).format(n=windows)
            go, stay = self.tr("&Discard and sign out"), self.tr("&Go back")
        else:
            text = self.tr("{n} window(s) hold input that has not been saved. Discard it and quit?").format(
                n=windows
            )
            go, stay = self.tr("&Discard and quit"), self.tr("&Go back")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Input not saved"), text)
        exempt(box)  # shown over the lock when another user signs in
        discard = box.addButton(go, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        chosen = box.clickedButton()
        box.deleteLater()
        return chosen is discard
