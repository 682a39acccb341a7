"""The sign-in shown over a locked screen: the same user continues, another user may take over."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import UserError
from app.failures import environment_failure
from app.models.db import Database
from app.views import tasks
from app.views.login_dialog import LoginDialog, sign_in
from app.views.signed_in import SignedIn


def check_at_lock(db: Database, username: str, password: str) -> SignedIn:
    """Sign in while the session's work may still be writing: a busy database is a message, not a crash."""
    try:
        return sign_in(db, username, password)
    except UserError:
        raise
    except Exception as exc:
        failure = environment_failure(exc)
        if failure is None:
            raise
        raise UserError(failure) from None


class LockDialog(LoginDialog):
    """Only signing in leaves it (Esc and the close button do nothing); the password is checked on a read
    thread, so a long import or export that keeps the writer busy does not keep the user out."""

    def __init__(self, db: Database, locked_by: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.locked_by = locked_by
        self.setWindowTitle(self.tr("Jiuzhu: locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        actor = locked_by.actor
        self.note = QLabel(
            self.tr(
                "The screen is locked. {user} is signed in: enter the password to continue. "
                "Another user may sign in instead; {user}'s windows are then closed."
            ).format(user=actor.display_name)
        )
        self.note.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.note)
        self.quit_button.hide()
        self.username_edit.setText(actor.username)
        self.password_edit.setFocus()

    def reject(self) -> None:
        """Esc, or closing the window: the lock stays."""

    def _check_password(self, username: str, password: str) -> None:
        db = self._db.database  # open: the session that locked runs on it
        assert db is not None
        tasks.run(
            lambda progress, cancel: check_at_lock(db, username, password),
            on_result=self._on_signed_in,
            on_error=self._on_refused,
            pool=tasks.read_pool(),
        )
