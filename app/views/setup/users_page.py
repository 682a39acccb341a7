"""设置 → 用户管理: the administrator's list of accounts, and what he may do to each."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.setup import accounts
from app.services.setup.accounts import Account
from app.views.page import Page
from app.views.setup.user_dialogs import AddUserDialog, ResetPasswordDialog
from app.views.workspace import Workspace


class UsersPage(Page):
    """One row per account; 添加, 重置密码, 停用 / 启用 and 解除锁定 act on the selected row."""

    CONCERNS = frozenset({"app_user", "setting"})
    done = Signal(str)  # what was done, also on the status bar

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.rows: list[Account] = []
        self.dialog: QWidget | None = None
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Area"),
                self.tr("Office"),
                self.tr("State"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("&Add user…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.toggle_button = QPushButton(self.tr("&Disable"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        self.recovery_button = QPushButton(self.tr("New re&covery key…"))
        self.recovery_button.setToolTip(
            self.tr(
                "Make a new recovery key for this computer's encrypted database (the old one stops working)"
            )
        )
        self.recovery_button.clicked.connect(self.new_recovery_key)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.toggle_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.recovery_button)

        self.min_length = QSpinBox()
        self.min_length.setRange(*accounts.PASSWORD_LENGTH_RANGE)
        self.min_length.setSuffix(self.tr(" characters"))
        self.save_length_button = QPushButton(self.tr("Sa&ve"))
        self.save_length_button.clicked.connect(self.save_min_length)
        rule = QHBoxLayout()
        length_label = QLabel(self.tr("New passwords at &least:"))
        length_label.setBuddy(self.min_length)
        rule.addWidget(length_label)
        rule.addWidget(self.min_length)
        rule.addWidget(self.save_length_button)
        rule.addStretch(1)

        note = QLabel(
            self.tr(
                "A new user, or one whose password was reset, chooses his own password the first time he "
                "signs in. A disabled user cannot sign in; what he signed stays his. Every change is "
                "recorded in the audit log. Accounts of another office (received with its data, without "
                "passwords) are shown read-only: only that office manages them."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(rule)
        layout.addWidget(note)
        layout.addWidget(self.refused)
        self._update_buttons()

    def load(self) -> None:
        actor = self.actor
        self.read(lambda uow: accounts.password_min_length(uow, actor), self.min_length.setValue)
        self.read(lambda uow: accounts.list_users(uow, actor), self._on_loaded)

    @Slot()
    def new_recovery_key(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from app.services.setup import recovery

        answer = QMessageBox.question(
            self,
            self.tr("New recovery key"),
            self.tr(
                "A new recovery key replaces the old one, which stops working at once. Make a new one "
                "if the old one is lost or may have been seen. Continue?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.actor
        self.write(lambda uow: recovery.new_recovery_key(uow, actor), self._show_recovery_key)

    def _show_recovery_key(self, key: str) -> None:
        from app.views.setup.recovery_dialogs import RecoveryKeyDialog

        dialog = RecoveryKeyDialog(key, self.ws.signed_in.installation_name, self)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def save_min_length(self) -> None:
        actor, length = self.actor, self.min_length.value()
        message = self.tr("New passwords must have at least {n} characters.").format(n=length)
        self.write(
            lambda uow: accounts.set_password_min_length(uow, actor, length),
            lambda _none: self._report(message),
        )

    @Slot(object)
    def _on_loaded(self, rows: list[Account]) -> None:
        chosen = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, account in enumerate(rows):
            values = (
                account.username,
                account.display_name,
                account.role.label,
                account.area_name,
                account.office
                if account.own
                else self.tr("{office} (another office)").format(office=account.office),
                self.state_text(account),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, account.username)
                self.table.setItem(i, column, item)
            if chosen is not None and (account.username, account.own) == (chosen.username, chosen.own):
                self.table.selectRow(i)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self._update_buttons()
        self.loaded.emit()

    def state_text(self, account: Account) -> str:
        if not account.own:
            return self.tr("Read-only") if account.active else self.tr("Disabled (read-only)")
        if not account.active:
            return self.tr("Disabled")
        if account.locked:
            return self.tr("Locked (too many wrong passwords)")
        if account.must_change_password:
            return self.tr("Enabled, must choose a new password")
        return self.tr("Enabled")

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select(self, username: str) -> None:
        for i, account in enumerate(self.rows):
            if account.username == username and account.own:
                self.table.selectRow(i)

    @Slot()
    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.reset_button, self.toggle_button, self.unlock_button):
            button.setEnabled(account is not None and account.own)  # another office's: read-only
        if account is not None:
            self.toggle_button.setText(self.tr("&Enable") if not account.active else self.tr("&Disable"))
            self.unlock_button.setEnabled(account.own and account.locked)

    @Slot()
    def add_user(self) -> None:
        dialog = AddUserDialog(self.ws, self)
        dialog.added.connect(
            lambda account: self._report(self.tr("Added {user}.").format(user=account.username))
        )
        self._open(dialog)

    @Slot(object)
    def _on_added(self, account: Account) -> None:
        self._report(self.tr("Added {user}.").format(user=account.username))

    @Slot()
    def reset_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = ResetPasswordDialog(self.ws, account, self)
        dialog.accepted.connect(
            lambda: self._report(self.tr("New password set for {user}.").format(user=account.username))
        )
        self._open(dialog)

    @Slot()
    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        enable, actor = not account.active, self.actor
        message = (self.tr("{user} may sign in again.") if enable else self.tr("{user} is disabled.")).format(
            user=account.username
        )
        self.write(
            lambda uow: accounts.set_active(uow, actor, account.username, enable),
            lambda _none: self._report(message),
        )

    @Slot()
    def unlock(self) -> None:
        account, actor = self.selected(), self.actor
        if account is None:
            return
        message = self.tr("{user} is unlocked.").format(user=account.username)
        self.write(
            lambda uow: accounts.unlock(uow, actor, account.username), lambda _none: self._report(message)
        )

    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()

    def _report(self, message: str) -> None:
        self.show_status(message)
        self.done.emit(message)
