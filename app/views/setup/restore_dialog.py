"""文件 → 恢复: choose a backup, see what it holds, read the warning, then ask the session to restore it.

The dialog only reads (the preview is the service's, which refuses another installation's backup, a
file that is not a whole Jiuzhu database, and anyone but the administrator). The restore itself
replaces the open database, so the session does it once the user's windows are closed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.setup import backup
from app.services.setup.backup_check import BackupPreview, Identity
from app.views.page import OpDialog
from app.views.workspace import Workspace


class RestoreDialog(OpDialog):
    """``preview_shown(BackupPreview)`` once a file is read; ``restore_confirmed(Path)`` on 恢复."""

    form_loaded = Signal()  # this installation is shown (or the refusal, for anyone but the administrator)
    preview_shown = Signal(object)
    restore_confirmed = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        if ws.paths is None:
            raise ValueError("a restore needs the data folder")
        self._paths = ws.paths
        self.preview: BackupPreview | None = None
        self.setWindowTitle(self.tr("Restore the database from a backup"))
        intro = QLabel(
            self.tr(
                "Restoring replaces this computer's whole database with the backup. Only a backup of this "
                "installation can be restored; choose the file to see what it holds."
            )
        )
        intro.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("a backup file (.zip, or .sqlite3 made before encryption)"))
        self.file_edit.editingFinished.connect(self.read_preview)
        self.file_edit.textChanged.connect(self._forget_preview)
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        top = QFormLayout()
        self.this_label = QLabel("—")
        top.addRow(self.tr("This installation:"), self.this_label)
        file_label = QLabel(self.tr("Backup &file:"))
        file_label.setBuddy(self.file_edit)
        top.addRow(file_label, row)
        self.fields = {key: QLabel() for key in ("installation", "data", "file", "contents", "revision")}
        top.addRow(self.refused)  # why a file is refused, just below it
        top.addRow(self.tr("Installation:"), self.fields["installation"])
        top.addRow(self.tr("Data as of:"), self.fields["data"])
        top.addRow(self.tr("File written:"), self.fields["file"])
        top.addRow(self.tr("Contents:"), self.fields["contents"])
        top.addRow(self.tr("Database version:"), self.fields["revision"])
        self.warning = QLabel(
            self.tr(
                "<b>Before you restore:</b> everything entered on this computer after the backup was made "
                "is lost (the database now in use is first copied into the data folder's backups). "
                "Accounts and passwords go back to the backup's. The sync keys are not in a backup: this "
                "computer keeps its own, but the backup's record of bundles sent and received goes back "
                "too. If the county re-keyed this station, or bundles were exchanged after the backup, ask "
                "the county to check the station's sync (it may need to be provisioned again). Everyone "
                "signs in again afterwards."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fff4e5; border: 1px solid #e0a040; padding: 8px; }")
        self.understood = QCheckBox(self.tr("I have read this and want to &replace the database"))
        self.understood.toggled.connect(self._update_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.understood)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(660)
        self._forget_preview()
        self.read(lambda uow: backup.this_installation(uow, self.actor), self._on_this_installation)

    @Slot(object)
    def _on_this_installation(self, who: Identity | None) -> None:
        self.this_label.setText(_describe(who) if who is not None else "—")
        self.form_loaded.emit()

    @Slot()
    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            self.file_edit.text(),
            self.tr("Jiuzhu backups (*.zip *.sqlite3 *.db);;All files (*)"),
        )
        if path:
            self.file_edit.setText(path)
            self.read_preview()

    @Slot()
    def read_preview(self) -> None:
        """Read the chosen file (off the GUI thread); a refused file says why on the dialog's error line."""
        text = self.file_edit.text().strip()
        if not text or self.preview is not None:
            return
        file, paths, key = Path(text), self._paths, self.ws.db.key
        self.clear_refused()
        self.read(
            lambda uow: backup.preview_restore(uow, self.actor, paths, file, key),
            self._on_preview,
            key="preview",
        )

    @Slot(object)
    def _on_preview(self, preview: BackupPreview) -> None:
        if str(preview.file) != self.file_edit.text().strip():
            return  # another file was chosen meanwhile
        self.preview = preview
        self.fields["installation"].setText(_describe(preview.identity))
        self.fields["data"].setText(_local(preview.last_change) if preview.last_change else "—")
        self.fields["file"].setText(_local(preview.file_time))
        self.fields["contents"].setText(
            self.tr("{households} households, {persons} persons, {cases} cases, {users} accounts").format(
                households=preview.households,
                persons=preview.persons,
                cases=preview.cases,
                users=preview.users,
            )
        )
        self.fields["revision"].setText(preview.revision)
        self.understood.setEnabled(True)
        self._update_button()
        self.preview_shown.emit(preview)

    def show_refused(self, error: UserError) -> None:
        self._forget_preview()
        super().show_refused(error)

    @Slot()
    def _forget_preview(self) -> None:
        self.preview = None
        for field in self.fields.values():
            field.setText("—")
        self.understood.setChecked(False)
        self.understood.setEnabled(False)
        self._update_button()

    @Slot()
    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.preview is not None and self.understood.isChecked())

    @Slot()
    def confirm(self) -> None:
        if self.preview is None or not self.understood.isChecked():
            return
        file = self.preview.file
        self.accept()
        self.restore_confirmed.emit(file)


def _describe(who: Identity) -> str:
    return f"{who.name}（{who.kind_label}，{who.code}）"


def _local(stamp: datetime) -> str:
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")
