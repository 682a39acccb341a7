"""用户管理's dialogs: add a user with an initial password, give a user a new one."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.codes import AreaLevel, Role
from app.errors import UserError
from app.services.setup import accounts
from app.services.setup.accounts import Account, AreaChoice
from app.views.page import OpDialog
from app.views.setup.password_dialogs import password_edit
from app.views.widgets.forms import ok_cancel
from app.views.workspace import Workspace

STATION_ROLES = (Role.TOWNSHIP_CLERK, Role.TOWNSHIP_HEAD, Role.VILLAGE_CADRE, Role.ADMIN)
COUNTY_ROLES = (Role.COUNTY_STAFF, Role.COUNTY_HEAD, Role.ADMIN)


class AddUserDialog(OpDialog):
    """Name, user name, role, area (a village for a 村干部) and an initial password, typed twice."""

    added = Signal(object)  # Account
    areas_loaded = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.setWindowTitle(self.tr("Add user"))
        self.setMinimumWidth(460)
        self.choices: list[AreaChoice] = []
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(40)
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(40)
        self.username_edit.setPlaceholderText(self.tr("letters and digits, e.g. wangli"))
        self.role_combo = QComboBox()
        for role in COUNTY_ROLES if ws.is_county else STATION_ROLES:
            self.role_combo.addItem(role.label, role.value)
        self.role_combo.currentIndexChanged.connect(self._fill_areas)
        self.area_combo = QComboBox()
        self.password_edit, self.again_edit = password_edit(), password_edit()
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&User name:"), self.username_edit)
        form.addRow(self.tr("&Role:"), self.role_combo)
        form.addRow(self.tr("A&rea:"), self.area_combo)
        form.addRow(self.tr("Initial &password:"), self.password_edit)
        form.addRow(self.tr("Re&peat it:"), self.again_edit)
        note = QLabel(
            self.tr("Tell the user the initial password in person; he chooses his own at the first sign-in.")
        )
        note.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, self.tr("&Add user"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.refused)
        layout.addWidget(buttons)
        self.read(lambda uow: accounts.area_choices(uow, self.actor), self._on_areas)

    @Slot(object)
    def _on_areas(self, choices: list[AreaChoice]) -> None:
        self.choices = choices
        self._fill_areas()
        self.areas_loaded.emit()

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    @Slot()
    def _fill_areas(self) -> None:
        """The areas of the chosen role's level: the villages for a 村干部, the office for the others."""
        own = AreaLevel.COUNTY if self.ws.is_county else AreaLevel.TOWNSHIP
        level = accounts.ROLE_LEVEL.get(self.role(), own)
        self.area_combo.clear()
        for choice in self.choices:
            if choice.level is level:
                self.area_combo.addItem(f"{choice.name}（{choice.code}）", choice.code)

    @Slot()
    def _on_ok(self) -> None:
        actor, role = self.actor, self.role()
        username, name = self.username_edit.text(), self.name_edit.text()
        area = str(self.area_combo.currentData() or "")
        password, again = self.password_edit.text(), self.again_edit.text()

        self.ok_button.setEnabled(False)
        self.write(
            lambda uow: accounts.add_user(
                uow,
                actor,
                username=username,
                display_name=name,
                role=role,
                area_code=area,
                password=password,
                again=again,
            ),
            self._on_added,
        )

    def show_refused(self, error: UserError) -> None:
        self.ok_button.setEnabled(True)
        super().show_refused(error)

    @Slot(object)
    def _on_added(self, account: Account) -> None:
        self.added.emit(account)
        self.accept()


class ResetPasswordDialog(OpDialog):
    """A new password for a user who forgot his (he changes it at his next sign-in); also unlocks him."""

    def __init__(self, ws: Workspace, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.account = account
        self.setWindowTitle(self.tr("Reset password"))
        self.setMinimumWidth(420)
        self.password_edit, self.again_edit = password_edit(), password_edit()
        form = QFormLayout()
        form.addRow(self.tr("User:"), QLabel(f"{account.display_name}（{account.username}）"))
        form.addRow(self.tr("New &password:"), self.password_edit)
        form.addRow(self.tr("Re&peat it:"), self.again_edit)
        buttons, self.ok_button = ok_cancel(self, self.tr("&Set password"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addWidget(buttons)

    @Slot()
    def _on_ok(self) -> None:
        actor, username = self.actor, self.account.username
        password, again = self.password_edit.text(), self.again_edit.text()

        self.ok_button.setEnabled(False)
        self.write(
            lambda uow: accounts.reset_password(uow, actor, username, password, again),
            lambda _none: self.accept(),
        )

    def show_refused(self, error: UserError) -> None:
        self.ok_button.setEnabled(True)
        super().show_refused(error)
