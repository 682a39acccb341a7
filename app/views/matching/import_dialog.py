"""导入比对名单: choose the kind and the file (the page runs the import, behind a progress dialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.matching.lists import KIND_LABELS
from app.views.widgets.forms import ok_cancel
from app.views.widgets.screen import fit_to_screen

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
        self.buttons, _ok = ok_cancel(self, self.tr("&Import"))
        self.path_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()
        fit_to_screen(self)

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
