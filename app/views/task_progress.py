"""A window-modal progress dialog that follows a background task; its Cancel button cancels the task."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.views import tasks

SHOW_AFTER_MS = 400  # quick work finishes without the dialog flashing up


class TaskProgressDialog(QProgressDialog):
    """Shown when the task runs longer than ``SHOW_AFTER_MS``; hidden and deleted when it ends.

    The work sees the cancel as its ``CancelFlag``; after a cancel the task reports nothing (see
    ``tasks.TaskHandle``), so work that writes a file checks the flag before moving it into place.
    """

    def __init__(self, label: str, task: tasks.TaskHandle[Any], parent: QWidget | None = None) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.setCancelButtonText(self.tr("Cancel"))
        self.setWindowTitle(self.tr("Please wait"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._task = task
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_if_running)
        self._timer.start(SHOW_AFTER_MS)
        self.canceled.connect(self._on_canceled)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        if task.is_finished:
            self._on_finished()

    @Slot()
    def _show_if_running(self) -> None:
        if not self._task.is_finished:
            self.show()

    @Slot()
    def _on_canceled(self) -> None:
        if not self._task.is_finished:
            self._task.cancel()
            self.setLabelText(self.tr("Stopping…"))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total > 0 else 0)
        if message:
            self.setLabelText(message)

    @Slot()
    def _on_finished(self) -> None:
        self._timer.stop()
        self.canceled.disconnect(self._on_canceled)  # closing emits canceled: the task is over anyway
        self.hide()
        self.deleteLater()


def follow(task: tasks.TaskHandle[Any], label: str, parent: QWidget | None) -> TaskProgressDialog:
    """Attach a progress dialog to ``task`` (it shows itself if the task takes a while)."""
    return TaskProgressDialog(label, task, parent)
