"""Choosing a password: forced at sign-in after an initial or reset one, or by choice (Ctrl+Shift+P)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import UserError
from app.models.db import Database
from app.services.setup import accounts, auth
from app.views import tasks
from app.views.page import OpDialog
from app.views.signed_in import SignedIn
from app.views.widgets.forms import ErrorLabel, ok_cancel
from app.views.workspace import Workspace


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def change_at_sign_in(db: Database, username: str, current: str, new: str, again: str) -> SignedIn:
    user = auth.change_password_at_sign_in(db, username, current, new, again)
    return SignedIn(user.actor, user.installation_name, user.installation_kind)


class ForcedPasswordDialog(QDialog):
    """Shown by the sign-in when the password was set by the administrator: the main window opens only
    once the user has chosen his own. Cancel goes back to the sign-in."""

    changed = Signal(object)  # SignedIn
    refused = Signal(str)

    def __init__(self, db: Database, username: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._username, self._current = db, username, current
        self.setWindowTitle(self.tr("Choose your own password"))
        self.setMinimumWidth(440)
        note = QLabel(
            self.tr(
                "Your password was set by the administrator. Choose a new password that only you know "
                "before you start work."
            )
        )
        note.setWordWrap(True)
        self.new_edit, self.again_edit = password_edit(), password_edit()
        form = QFormLayout()
        form.addRow(self.tr("&New password:"), self.new_edit)
        form.addRow(self.tr("&Repeat it:"), self.again_edit)
        self.error_label = ErrorLabel()
        buttons, self.ok_button = ok_cancel(self, self.tr("&Save and sign in"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.new_edit.setFocus()

    @Slot()
    def _on_ok(self) -> None:
        new, again = self.new_edit.text(), self.again_edit.text()
        if not new:
            self.error_label.show_error(self.tr("Please enter the new password twice."))
            return
        self.ok_button.setEnabled(False)
        db, username, current = self._db, self._username, self._current
        tasks.run(
            lambda progress, cancel: change_at_sign_in(db, username, current, new, again),
            on_result=self._on_changed,
            on_error=self._on_refused,
        )

    @Slot(object)
    def _on_changed(self, who: SignedIn) -> None:
        self._current = ""
        self.changed.emit(who)
        self.accept()

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.ok_button.setEnabled(True)
        self.new_edit.clear()
        self.again_edit.clear()
        self.new_edit.setFocus()
        self.error_label.show_error(str(error))
        self.refused.emit(str(error))


class ChangePasswordDialog(OpDialog):
    """文件 → 修改密码 (Ctrl+Shift+P): the current password, then the new one twice."""

    changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(420)
        self.current_edit, self.new_edit, self.again_edit = password_edit(), password_edit(), password_edit()
        form = QFormLayout()
        form.addRow(self.tr("&Current password:"), self.current_edit)
        form.addRow(self.tr("&New password:"), self.new_edit)
        form.addRow(self.tr("&Repeat it:"), self.again_edit)
        buttons, self.ok_button = ok_cancel(self, self.tr("Save &password"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Signed in as {user}").format(user=ws.actor.display_name)))
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addWidget(buttons)
        self.current_edit.setFocus()

    @Slot()
    def _on_ok(self) -> None:
        current, new, again = self.current_edit.text(), self.new_edit.text(), self.again_edit.text()
        actor = self.actor
        self.ok_button.setEnabled(False)
        self.write(lambda uow: accounts.change_own_password(uow, actor, current, new, again), self._on_done)

    def show_refused(self, error: UserError) -> None:
        self.ok_button.setEnabled(True)
        super().show_refused(error)

    @Slot(object)
    def _on_done(self, _result: object) -> None:
        self.changed.emit()
        self.accept()
