"""文件 → 备份… and 文件 → 恢复…: the two actions and the dialogs they open (kept out of the main window)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.views.setup.backup_dialog import BackupDialog
from app.views.setup.restore_dialog import RestoreDialog
from app.views.workspace import Workspace


class BackupActions(QObject):
    """Owns the actions; ``restore_requested(Path)`` when the user confirmed a restore in the dialog.

    Without the data folder (a bare window in tests) both actions are disabled.
    """

    restore_requested = Signal(object)
    backed_up = Signal(object)  # BackupFile

    def __init__(self, ws: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self.ws = ws
        self.window = window
        self.backup_dialog: BackupDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.backup_action = QAction(self.tr("&Back up…"), window)
        self.backup_action.triggered.connect(self.open_backup)
        self.restore_action = QAction(self.tr("&Restore from backup…"), window)
        self.restore_action.triggered.connect(self.open_restore)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(ws.paths is not None)

    @Slot()
    def open_backup(self) -> BackupDialog:
        dialog = BackupDialog(self.ws, self.window)
        dialog.backed_up.connect(self.backed_up)
        dialog.finished.connect(dialog.deleteLater)
        self.backup_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def open_restore(self) -> RestoreDialog:
        dialog = RestoreDialog(self.ws, self.window)
        dialog.restore_confirmed.connect(self.restore_requested)
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog
