"""Sign-in: user name and password, checked off the GUI thread (argon2 takes a while by design)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import app as app_package
from app.errors import UserError
from app.views import tasks
from app.views.opening import DatabaseHolder
from app.views.signed_in import SignedIn
from app.views.widgets.screen import fit_to_screen

if TYPE_CHECKING:
    from app.models.db import Database

DEMO_USERS = ("clerk", "head", "cadre", "county", "countyhead")


def sign_in(db: Database | DatabaseHolder, username: str, password: str) -> SignedIn:
    """Check the password (the service counts a failure even when sign-in is refused); given the holder
    of a database not yet open, the password first unlocks it (an encrypted database)."""
    from app.services.setup import auth

    if isinstance(db, DatabaseHolder):
        db = db.unlock(username, password)
    user = auth.sign_in(db, username, password)
    return SignedIn(user.actor, user.installation_name, user.installation_kind, user.must_change_password)


def demo_users(db: Database | DatabaseHolder) -> list[str]:
    """The demo accounts present in this installation (none outside a demo)."""
    from app.services.setup import auth

    if isinstance(db, DatabaseHolder):
        return db.demo_accounts(DEMO_USERS)
    return auth.existing_accounts(db, DEMO_USERS)


class LoginDialog(QDialog):
    """Asks for user name and password; ``signed_in_as`` holds the result once accepted.

    Given a `DatabaseHolder` that has not opened its database yet, the window is drawn first and the
    database is opened behind it (app/views/opening.py): nothing here imports SQLAlchemy.
    """

    signed_in = Signal(object)
    refused = Signal(str)
    hint_checked = Signal()
    asked_new_password = Signal(object)  # the ForcedPasswordDialog, open over the sign-in

    def __init__(self, db: Database | DatabaseHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db if isinstance(db, DatabaseHolder) else DatabaseHolder(db)
        self._hint_started = False
        self.signed_in_as: SignedIn | None = None
        self.forced_change: QDialog | None = None
        self.setWindowTitle(self.tr("Jiuzhu: sign in"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("Jiuzhu social assistance"))
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        title.setFont(title_font)
        version = QLabel(self.tr("Version {version}").format(version=app_package.__version__))
        version.setEnabled(False)

        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(40)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.demo_hint = QLabel()
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_hint.hide()

        forgotten = self.tr("Forgotten the administrator password?")  # outside the f-string: lupdate sees it
        self.recover_link = QLabel(f"<a href='#'>{forgotten}</a>")
        self.recover_link.linkActivated.connect(self._on_recover)
        self.recover_link.setVisible(self._db.encrypted)
        self.recover_dialog: QDialog | None = None

        buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(version)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.recover_link)
        layout.addWidget(buttons)
        self.username_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._hint_started:  # after the first paint: this may open the database
            self._hint_started = True
            QTimer.singleShot(0, self._check_demo_hint)

    @Slot()
    def _check_demo_hint(self) -> None:
        holder = self._db
        tasks.run(
            lambda progress, cancel: demo_users(holder),
            on_result=self._on_demo_users,
            on_error=self._on_hint_failed,
        )
        fit_to_screen(self)

    @Slot(object)
    def _on_demo_users(self, users: list[str]) -> None:
        if users:
            from app.demo.run import DEMO_PASSWORD

            self.demo_hint.setText(
                self.tr("Demo accounts: {users} (password {password})").format(
                    users=self.tr(", ").join(users), password=DEMO_PASSWORD
                )
            )
            self.demo_hint.show()
        self.hint_checked.emit()

    @Slot(object)
    def _on_hint_failed(self, error: UserError) -> None:
        self.hint_checked.emit()

    @Slot()
    def _on_recover(self) -> None:
        """The recovery key gives an administrator a new password (encrypted installations only)."""
        from app.views.setup.recovery_dialogs import RecoverPasswordDialog

        paths = self._db.paths
        assert paths is not None
        dialog = RecoverPasswordDialog(paths, self)
        dialog.recovered.connect(self._on_recovered)
        self.recover_dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_recovered(self, username: str) -> None:
        self.username_edit.setText(username)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._show_error(self.tr("A new password was set for {user}: sign in with it.").format(user=username))

    @Slot()
    def _on_sign_in_clicked(self) -> None:
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self._show_error(self.tr("Please enter your user name and password."))
            return
        self._set_busy(True)
        self._check_password(username, password)

    def _check_password(self, username: str, password: str) -> None:
        """Off the GUI thread: on the database thread, behind the opening of the database if it runs."""
        holder = self._db
        tasks.run(
            lambda progress, cancel: sign_in(holder, username, password),
            on_result=self._on_signed_in,
            on_error=self._on_refused,
        )

    @Slot(object)
    def _on_signed_in(self, result: SignedIn) -> None:
        if result.must_change_password:
            self._ask_new_password(result)
            return
        self.signed_in_as = result
        self.signed_in.emit(result)
        self.accept()

    def _ask_new_password(self, result: SignedIn) -> None:
        """An initial or reset password: the user chooses his own before the window opens."""
        from app.views.setup.password_dialogs import ForcedPasswordDialog
        from app.views.setup.screen_lock import exempt

        db = self._db.database  # open: the password was just checked in it
        assert db is not None
        dialog = ForcedPasswordDialog(db, result.actor.username, self.password_edit.text(), self)
        exempt(dialog)  # asked over the screen lock too, when the lock's sign-in leads here
        self.password_edit.clear()
        dialog.changed.connect(self._on_signed_in)
        dialog.rejected.connect(self._on_new_password_declined)
        self.forced_change = dialog
        dialog.open()
        self.asked_new_password.emit(dialog)

    @Slot()
    def _on_new_password_declined(self) -> None:
        self._set_busy(False)
        self.password_edit.setFocus()
        self._show_error(self.tr("You must choose a new password before you can sign in."))

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._show_error(str(error))
        self.refused.emit(str(error))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username_edit, self.password_edit, self.sign_in_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("&Sign in"))
