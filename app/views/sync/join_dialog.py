"""加入县级同步: a station in use installs the county's provisioning file, with the passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.paths import DataPaths
from app.services.sync import stations
from app.sync.provision import JoinResult
from app.views.page import OpDialog
from app.views.widgets.path_field import PathField
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace


class JoinDialog(OpDialog):
    """``joined(JoinResult)`` once the file is installed and committed; a refusal keeps what was typed."""

    joined = Signal(object)

    def __init__(self, ws: Workspace, *, rejoin: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        if ws.paths is None:
            raise ValueError("joining needs the data folder")
        self._paths: DataPaths = ws.paths
        self.setWindowTitle(self.tr("Join the county's sync"))
        intro = QLabel(
            self.tr(
                "Choose the provisioning file the county civil affairs bureau made for this station "
                "(a .jzp file on a USB stick) and enter the passphrase the county told you separately. "
                "That passphrase is also this computer's sync passphrase from now on: it is asked each "
                "time a bundle is exported or imported."
            )
        )
        intro.setWordWrap(True)
        self.warning = QLabel(
            self.tr(
                "This station has already joined. Join again only with a new file the county made after "
                "re-provisioning this station (for example after a lost laptop's keys were revoked): it "
                "replaces this computer's sync keys."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #9a5b00;")
        self.warning.setVisible(rejoin)
        row = PathField(lambda: self.choose_file(), self.tr("e.g. E:\\jiuzhu-provision-430623101.jzp"))
        self.file_edit = row.edit
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Provisioning &file:"), row)
        form.addRow(self.tr("Pass&phrase:"), self.secret_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.join_button = self.buttons.addButton(self.tr("&Join"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.join_button.setDefault(True)
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        fit_to_screen(self)

    def choose_file(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Provisioning file"),
            "",
            self.tr("Jiuzhu provisioning files (*.jzp);;All files (*)"),
        )
        return Path(chosen) if chosen else None

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.join_button.setEnabled(not busy)

    @Slot()
    def join(self) -> None:
        """Install the file (the service checks the role, the file, the passphrase and the township)."""
        self.clear_refused()
        text = self.file_edit.text().strip()
        if not text or not Path(text).expanduser().is_file():
            self.show_refused(UserError(self.tr("Please choose the provisioning file.")))
            self.file_edit.setFocus()
            return
        secret = self.secret_edit.text()
        if not secret:
            self.show_refused(UserError(self.tr("Please enter the passphrase.")))
            self.secret_edit.setFocus()
            return
        file, paths = Path(text).expanduser(), self._paths
        self.write(
            lambda uow: stations.join(uow, self.actor, paths, file, lambda: secret),
            self._on_joined,
            label=self.tr("Joining…"),
        )

    @Slot(object)
    def _on_joined(self, result: JoinResult) -> None:
        self.secret_edit.clear()
        self.joined.emit(result)
        self.accept()
