"""导入比对名单: choose the kind and the file; the import runs off the GUI thread behind a progress dialog.

Stop (or any refusal) writes nothing: the work checks the stop flag once the list is matched and
leaves its unit of work uncommitted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.db import Database
from app.services.context import Actor
from app.services.matching import lists as matching
from app.services.matching.lists import KIND_LABELS, MatchImport
from app.views import tasks

LIST_FILTER = "Excel / CSV (*.xlsx *.xlsm *.csv)"


class ImportListDialog(QDialog):
    """Choose the kind of list, the file and (optionally) where it came from."""

    def __init__(self, parent: QWidget | None = None, kind: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a matching list"))
        self.kind_combo = QComboBox()
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        if kind:
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("An .xlsx or .csv file with an ID number column"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("Optional, e.g. the county funeral home"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("&Kind of list:"), self.kind_combo)
        form.addRow(self.tr("&File:"), path_row)
        form.addRow(self.tr("&Source:"), self.source_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    @Slot()
    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the list"), "", LIST_FILTER)
        if path:
            self.path_edit.setText(path)

    @Slot()
    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.path_edit.text().strip())
        )

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def source(self) -> str:
        return self.source_edit.text().strip()


class ListImport(QObject):
    """One import of a list: the work on the database thread and its progress dialog with Stop."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent)
        self._db, self._actor, self._parent = db, actor, parent
        self.stop = threading.Event()
        self.progress_dialog: QProgressDialog | None = None

    def start(
        self,
        kind: str,
        path: Path,
        source: str,
        on_result: Callable[[MatchImport], object],
        on_error: Callable[[UserError], object],
    ) -> tasks.TaskHandle[MatchImport]:
        db, actor, stop = self._db, self._actor, self.stop
        stopped = self.tr("The import was stopped; nothing was written.")

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> MatchImport:
            with db.uow(actor.username) as uow:
                result = matching.import_list(
                    uow, actor, kind, path, source=source, progress=lambda text: progress(1, 1, text)
                )
                if stop.is_set():
                    raise UserError(stopped)
                uow.commit()
            return result

        dialog = self.progress_dialog = QProgressDialog(
            self.tr("Matching {file} against the households receiving assistance…").format(file=path.name),
            self.tr("&Stop"),
            0,
            0,
            self._parent,
        )
        dialog.setWindowTitle(self.tr("Import a matching list"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.stop.set)
        dialog.show()
        handle = tasks.run(work, on_result=on_result, on_error=on_error)
        handle.progress.connect(self._on_progress)
        handle.finished.connect(self._on_finished)
        return handle

    def summary(self, result: MatchImport) -> str:
        return self.tr(
            "{list}: {rows} rows read ({unreadable} unreadable); {matched} matches, "
            "{new} new flags, {already} already flagged."
        ).format(
            list=KIND_LABELS.get(result.kind, result.kind),
            rows=result.rows,
            unreadable=result.unreadable,
            matched=result.matched,
            new=result.new_flags,
            already=result.already,
        )

    @Slot(int, int, str)
    def _on_progress(self, _done: int, _total: int, text: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(text)

    @Slot()
    def _on_finished(self) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.canceled.disconnect()  # hiding must not count as Stop
            dialog.hide()
            dialog.deleteLater()
