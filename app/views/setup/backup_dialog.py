"""文件 → 备份: copy the whole database to a folder, best a USB stick kept away from this PC."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
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

from app.services.setup import backup
from app.services.setup.backup import BackupFile, BackupForm
from app.views.page import OpDialog
from app.views.widgets.forms import show_date
from app.views.workspace import Workspace


class BackupDialog(OpDialog):
    """Says what will be copied and when a copy last left this PC; 备份 writes the file into the folder.

    ``form_loaded`` once the installation's figures are shown, ``backed_up(BackupFile)`` once the copy
    is written and its audit record committed.
    """

    form_loaded = Signal()
    backed_up = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        if ws.paths is None:
            raise ValueError("a backup needs the data folder")
        self._paths = ws.paths
        self.setWindowTitle(self.tr("Back up the database"))
        intro = QLabel(
            self.tr(
                "A backup is a copy of the whole database: every household, case and account. Write it to a "
                "USB stick or another disk and keep that away from this computer, in a locked drawer: a "
                "copy left on the same PC is lost with it. The copy holds personal data; never hand it on."
            )
        )
        intro.setWordWrap(True)
        self.encrypted_label = QLabel(
            self.tr(
                "The backup is encrypted like the database: it opens only with a password of this "
                "installation or its recovery key. Keep the administrator's password and the recovery key "
                "safe: without them the backup cannot be restored on a new computer either."
            )
        )
        self.encrypted_label.setWordWrap(True)
        self.encrypted_label.setVisible(ws.db.key is not None)
        self.installation_label = QLabel()
        self.contents_label = QLabel()
        self.last_label = QLabel()
        self.last_label.setWordWrap(True)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("the USB stick, e.g. E:\\"))
        self.folder_edit.textChanged.connect(self._update_button)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("This installation:"), self.installation_label)
        form.addRow(self.tr("Contents:"), self.contents_label)
        form.addRow(self.tr("Last copy off this PC:"), self.last_label)
        folder_label = QLabel(self.tr("Write to &folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, row)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = self.buttons.addButton(
            self.tr("&Back up"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.start_backup)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.encrypted_label)
        layout.addLayout(form)
        layout.addWidget(self.done_label)
        layout.addWidget(self.refused)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self._form: BackupForm | None = None
        self._update_button()
        self.read(lambda uow: backup.backup_form(uow, self.actor), self._on_form)

    @Slot(object)
    def _on_form(self, form: BackupForm) -> None:
        self._form = form
        self.installation_label.setText(form.installation)
        self.contents_label.setText(
            self.tr("{households} households, {persons} persons").format(
                households=form.households, persons=form.persons
            )
        )
        self.last_label.setText(show_date(form.last_offsite) if form.last_offsite else self.tr("never yet"))
        self._update_button()
        self.form_loaded.emit()

    @Slot()
    def _update_button(self) -> None:
        self.backup_button.setEnabled(
            self._form is not None and bool(self.folder_edit.text().strip()) and not self.busy
        )

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self._update_button()

    @Slot()
    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Write the backup to"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    @Slot()
    def start_backup(self) -> None:
        """Copy the database into the folder (a new file named by the time: nothing is overwritten)."""
        text = self.folder_edit.text().strip()
        if not text:
            return
        folder, paths, key = Path(text), self._paths, self.ws.db.key
        self.clear_refused()
        self.done_label.hide()
        self.write(
            lambda uow: backup.backup(uow, self.actor, paths, folder, key),
            self._on_done,
            label=self.tr("Backing up the database…"),
        )

    @Slot(object)
    def _on_done(self, done: BackupFile) -> None:
        text = self.tr("Backed up to {file} ({households} households, {persons} persons).").format(
            file=done.path, households=done.households, persons=done.persons
        )
        if not done.offsite:
            advice = self.tr(
                "The folder lies inside the data folder: this copy does not count as a copy off the PC."
            )
            text = self.tr("{reminder} {advice}").format(reminder=text, advice=advice)
        self.done_label.setText(text)
        self.done_label.show()
        if done.offsite and self._form is not None:
            self.last_label.setText(self.tr("today"))
        self.backed_up.emit(done)
