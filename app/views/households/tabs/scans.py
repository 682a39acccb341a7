"""The 附件 tab: scans and photos of signed forms kept with the file, added and opened."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLineEdit, QPushButton, QWidget

from app.paths import DataPaths
from app.services.households import items as household_items
from app.services.households.edit import AttachmentView, HouseholdFile
from app.views.households.tabs.common import FileTab, fill, list_layout, make_table, selected_row


class ScansTab(FileTab):
    """Adding a scan is an edit; opening one is reading, which everyone who sees the file may do."""

    def __init__(self, household_id: str, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.household_id = household_id
        self.paths = paths
        self.attachments: list[AttachmentView] = []
        self.attachments_table = make_table(
            [self.tr("Kind"), self.tr("File"), self.tr("Size (KB)"), self.tr("Note")]
        )
        self.attachments_table.doubleClicked.connect(lambda _i: self.open_attachment())
        self.attachment_kind_edit = QLineEdit()
        self.attachment_kind_edit.setPlaceholderText(self.tr("e.g. signed authorisation"))
        self.add_attachment_button = QPushButton(self.tr("Add &scan…"))
        self.open_attachment_button = QPushButton(self.tr("&Open"))
        self.add_attachment_button.clicked.connect(self._choose_attachment)
        self.open_attachment_button.clicked.connect(self.open_attachment)
        form = QFormLayout()
        form.addRow(self.tr("Kind of form:"), self.attachment_kind_edit)
        list_layout(
            self, self.attachments_table, form, self.add_attachment_button, self.open_attachment_button
        )
        self.add_editors(self.add_attachment_button, self.attachment_kind_edit)

    def show_file(self, file: HouseholdFile) -> None:
        self.attachments = list(file.attachments)
        fill(
            self.attachments_table,
            [[a.kind, a.filename, f"{(a.size + 1023) // 1024}", a.note] for a in self.attachments],
        )

    @Slot()
    def _choose_attachment(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a scan"), "", self.tr("Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)")
        )
        if name:
            self.add_attachment_file(Path(name))

    def add_attachment_file(self, file: Path) -> None:
        kind = self.attachment_kind_edit.text().strip() or self.tr("scan")
        hh, paths = self.household_id, self.paths
        self.request(
            lambda uow, actor: household_items.add_attachment(uow, actor, paths, hh, str(file), kind)
        )

    @Slot()
    def open_attachment(self) -> None:
        row = selected_row(self.attachments_table)
        if row is None or row >= len(self.attachments):
            self.refuse(self.tr("Select a row first."))
            return
        attachment = self.attachments[row]
        blob = Path(household_items.attachment_path(self.paths, attachment.sha256))
        if not blob.exists():
            self.refuse(self.tr("The file of this scan is missing from the data folder."))
            return
        # The blob is named by its hash; a copy under its own name lets the viewer know its type.
        copy = Path(tempfile.mkdtemp(prefix="jiuzhu-")) / attachment.filename
        shutil.copyfile(blob, copy)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
