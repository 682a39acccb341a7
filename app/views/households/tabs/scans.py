"""The 附件 tab: scans and photos of signed forms kept with the file, added and opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLineEdit, QPushButton, QWidget

from app.paths import DataPaths
from app.services.households import attachments, items
from app.services.households.edit import AttachmentView, HouseholdFile
from app.views.households.tabs.common import FileTab, fill, list_layout, make_table, selected_row
from app.views.workspace import Workspace


class ScansTab(FileTab):
    """Adding a scan is an edit; opening one is reading, which everyone who sees the file may do."""

    CONCERNS = frozenset({"attachment"})

    opened = Signal(str)  # the private copy of a scan handed to the system's viewer

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        assert ws.paths is not None, "scans are kept in the data folder"
        self.paths: DataPaths = ws.paths
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
        actor, hh, paths = self.actor, self.household_id, self.paths
        self.request(lambda uow: items.add_attachment(uow, actor, paths, hh, str(file), kind))

    @Slot()
    def open_attachment(self) -> None:
        row = selected_row(self.attachments_table)
        if row is None or row >= len(self.attachments):
            self.refuse(self.tr("Select a row first."))
            return
        actor, paths, attachment_id = self.actor, self.paths, self.attachments[row].attachment_id
        self.read(lambda uow: attachments.copy_for_viewing(uow, actor, paths, attachment_id), self._show)

    @Slot(object)
    def _show(self, copy: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        self.opened.emit(str(copy))
