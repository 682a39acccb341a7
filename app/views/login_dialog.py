"""Sign-in: user name and password, checked off the GUI thread (argon2 takes a while by design)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
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
from app.models.db import Database
from app.services.setup import auth
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.widgets.screen import fit_to_screen

DEMO_USERS = ("clerk", "head", "cadre", "county", "countyhead")


def sign_in(db: Database, username: str, password: str) -> SignedIn:
    """Check the password (the service counts a failure even when sign-in is refused)."""
    user = auth.sign_in(db, username, password)
    return SignedIn(user.actor, user.installation_name, user.installation_kind)


def demo_users(db: Database) -> list[str]:
    """The demo accounts present in this installation (none outside a demo)."""
    return auth.existing_accounts(db, DEMO_USERS)


class LoginDialog(QDialog):
    """Asks for user name and password; ``signed_in_as`` holds the result once accepted."""

    signed_in = Signal(object)
    refused = Signal(str)
    hint_checked = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.signed_in_as: SignedIn | None = None
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
        layout.addWidget(buttons)
        self.username_edit.setFocus()
        tasks.run(
            lambda progress, cancel: demo_users(db),
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
    def _on_sign_in_clicked(self) -> None:
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self._show_error(self.tr("Please enter your user name and password."))
            return
        self._set_busy(True)
        db = self._db
        tasks.run(
            lambda progress, cancel: sign_in(db, username, password),
            on_result=self._on_signed_in,
            on_error=self._on_refused,
        )

    @Slot(object)
    def _on_signed_in(self, result: SignedIn) -> None:
        self.signed_in_as = result
        self.signed_in.emit(result)
        self.accept()

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
