"""登记 / 重新配置乡镇工作站: the county registers a township and writes its provisioning file to a USB
folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import KeyStatus
from app.errors import UserError
from app.paths import DataPaths
from app.services.sync import stations
from app.services.sync.stations import ProvisionForm
from app.sync.keys import MIN_PASSPHRASE
from app.sync.provision import StationInfo
from app.views.page import OpDialog
from app.views.widgets.path_field import PathField
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace


@dataclass(frozen=True)
class Provisioned:
    """A station registered (or re-keyed) and the provisioning file written for it."""

    station: StationInfo
    file: Path


def provision_file_name(code: str) -> str:
    return f"jiuzhu-provision-{code}.jzp"


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ProvisionDialog(OpDialog):
    """Registers ``code`` anew (None: the user picks the township) and writes the file to a folder.

    The county's own sync passphrase is asked only while the county has no keys yet: the first
    registration makes them. ``provisioned(Provisioned)`` once the file is written and committed.
    """

    provisioned = Signal(object)
    form_loaded = Signal()

    def __init__(self, ws: Workspace, code: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        if ws.paths is None:
            raise ValueError("provisioning needs the data folder")
        self._paths: DataPaths = ws.paths
        self.fixed_code = code
        self.setWindowTitle(
            self.tr("Re-provision a township station") if code else self.tr("Register a township station")
        )
        intro = QLabel(
            self.tr(
                "The file carries the station's new keys, sealed with the passphrase below. Give the "
                "passphrase to the township separately (by telephone or in person), never with the file."
            )
        )
        intro.setWordWrap(True)
        self.township_combo = QComboBox()
        self.township_combo.setEditable(True)
        self.township_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        typed = self.township_combo.lineEdit()
        assert typed is not None
        typed.setPlaceholderText(self.tr("9-digit township code"))
        self.township_combo.setEnabled(code is None)
        if code is not None:
            self.township_combo.addItem(code, code)
        self.secret_edit, self.secret_again = _password(), _password()
        self.county_secret, self.county_again = _password(), _password()
        row = PathField(lambda: self.choose_folder(), self.tr("the USB stick, e.g. E:\\"))
        self.folder_edit = row.edit
        form = QFormLayout()
        form.addRow(self.tr("&Township:"), self.township_combo)
        form.addRow(self.tr("File &passphrase:"), self.secret_edit)
        form.addRow(self.tr("&Repeat it:"), self.secret_again)
        self.county_note = QLabel(
            self.tr(
                "The county has no sync keys yet: this first registration makes them. Choose the county's "
                "sync passphrase; it is asked whenever the county exports or imports bundles."
            )
        )
        self.county_note.setWordWrap(True)
        form.addRow(self.county_note)
        form.addRow(self.tr("&County's sync passphrase:"), self.county_secret)
        form.addRow(self.tr("R&epeat it:"), self.county_again)
        form.addRow(self.tr("Write to &folder:"), row)
        self._county_rows = (self.county_note, self.county_secret, self.county_again)
        self._form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = self.buttons.addButton(
            self.tr("&Write provisioning file"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write_button.setDefault(True)
        self.buttons.accepted.connect(self.provision)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self._show_county_rows(False)
        paths = self._paths
        self.read(lambda uow: stations.provision_form(uow, self.actor, paths), self._on_form)
        fit_to_screen(self)

    def _show_county_rows(self, shown: bool) -> None:
        for widget in self._county_rows:
            self._form.setRowVisible(widget, shown)

    @property
    def needs_county_secret(self) -> bool:
        return self.county_secret.isVisibleTo(self)

    @Slot(object)
    def _on_form(self, form: ProvisionForm) -> None:
        states = {
            None: self.tr("not registered"),
            KeyStatus.ACTIVE: self.tr("registered"),
            KeyStatus.REVOKED: self.tr("revoked"),
        }
        if self.fixed_code is None:
            self.township_combo.clear()
            for choice in form.townships:
                text = f"{choice.code} {choice.name}（{states.get(choice.status, '')}）"
                self.township_combo.addItem(text, choice.code)
            first_free = next((i for i, c in enumerate(form.townships) if c.status is None), 0)
            self.township_combo.setCurrentIndex(first_free if form.townships else -1)
        else:
            name = next((c.name for c in form.townships if c.code == self.fixed_code), "")
            self.township_combo.setItemText(0, f"{self.fixed_code} {name}".strip())
        self._show_county_rows(not form.county_keys)
        self.form_loaded.emit()

    def code(self) -> str:
        """The chosen township's code, or the digits typed."""
        index = self.township_combo.currentIndex()
        if index >= 0 and self.township_combo.currentText() == self.township_combo.itemText(index):
            return str(self.township_combo.itemData(index))
        return "".join(ch for ch in self.township_combo.currentText() if ch.isdigit())

    def choose_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to write the file to (USB stick)"))
        return Path(folder) if folder else None

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.write_button.setEnabled(not busy)

    def _refuse(self, message: str, widget: QWidget) -> None:
        self.show_refused(UserError(message))
        widget.setFocus()

    @Slot()
    def provision(self) -> None:
        """Check what was typed, then register and write the file (the service checks role and code)."""
        self.clear_refused()
        code = self.code()
        if len(code) != 9:
            self._refuse(self.tr("Choose the township, or type its 9-digit code."), self.township_combo)
            return
        secret = self.secret_edit.text()
        if len(secret) < MIN_PASSPHRASE:
            self._refuse(
                self.tr("The file passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE),
                self.secret_edit,
            )
            return
        if secret != self.secret_again.text():
            self._refuse(self.tr("The two file passphrases differ."), self.secret_again)
            return
        county_secret = self.county_secret.text()
        if self.needs_county_secret and len(county_secret) < MIN_PASSPHRASE:
            self._refuse(
                self.tr("The county's passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE),
                self.county_secret,
            )
            return
        if self.needs_county_secret and county_secret != self.county_again.text():
            self._refuse(self.tr("The two county passphrases differ."), self.county_again)
            return
        folder = self.folder_edit.text().strip()
        if not folder:
            self._refuse(self.tr("Choose the folder to write the file to."), self.folder_edit)
            return
        out, paths = Path(folder).expanduser() / provision_file_name(code), self._paths
        self.write(
            lambda uow: stations.add_station(
                uow, self.actor, paths, code, out, lambda: secret, lambda: county_secret
            ),
            lambda info: self._on_done(info, out),
            label=self.tr("Writing the provisioning file…"),
        )

    def _on_done(self, info: StationInfo, out: Path) -> None:
        for edit in (self.secret_edit, self.secret_again, self.county_secret, self.county_again):
            edit.clear()
        self.provisioned.emit(Provisioned(info, out))
        self.accept()
