"""Record a notice's posting: the day, the place, who put it up, and the photo of the board."""

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

from app import clock
from app.errors import UserError
from app.services.cases import postings
from app.services.cases.postings import PostedNotice
from app.views.page import OpDialog
from app.views.widgets.forms import DateEdit
from app.views.workspace import Workspace


class PostingDialog(OpDialog):
    """Saves the posting record through the service as the signed-in user; ``posting_saved`` then."""

    posting_saved = Signal(object)  # the PostingRecord

    def __init__(self, ws: Workspace, notice: PostedNotice, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.notice = notice
        self.photo: Path | None = None
        self.setWindowTitle(
            self.tr("Posting of the {kind} of {village}").format(kind=notice.kind, village=notice.village)
        )
        self.date_edit = DateEdit(min(clock.today(), notice.ends_on))
        self.place_edit = QLineEdit(self.tr("village notice board"))
        self.place_edit.setMaxLength(100)
        self.by_edit = QLineEdit()
        self.by_edit.setMaxLength(40)
        self.by_edit.setPlaceholderText(self.tr("who put the notice up"))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.photo_label = QLabel(self.tr("(no photo chosen)"))
        self.photo_button = QPushButton(self.tr("C&hoose photo…"))
        self.photo_button.clicked.connect(self._choose_photo)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label, 1)
        photo_row.addWidget(self.photo_button)
        form = QFormLayout()
        period = f"{notice.starts_on:%Y-%m-%d} — {notice.ends_on:%Y-%m-%d}"
        form.addRow(self.tr("Notice period:"), QLabel(period))
        form.addRow(self.tr("&Posted on:"), self.date_edit)
        form.addRow(self.tr("P&lace:"), self.place_edit)
        form.addRow(self.tr("Posted &by:"), self.by_edit)
        form.addRow(self.tr("Photo:"), photo_row)
        form.addRow(self.tr("&Note:"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(480, 300)

    @Slot()
    def _choose_photo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Photo of the posted notice"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        if name:
            self.set_photo(Path(name))

    def set_photo(self, path: Path) -> None:
        self.photo = path
        self.photo_label.setText(path.name)

    @Slot()
    def save(self) -> None:
        if self.photo is None:
            self.show_refused(UserError(self.tr("Choose the photo of the posted notice."), field="照片"))
            return
        self.clear_refused()
        paths = self.ws.paths
        if paths is None:
            self.show_refused(UserError(self.tr("The data folder is not known: photos cannot be kept.")))
            return
        actor, notice_id, photo = self.actor, self.notice.notice_id, self.photo
        posted_on, place = self.date_edit.value(), self.place_edit.text()
        by, note = self.by_edit.text(), self.note_edit.text()
        self.write(
            lambda uow: postings.record(
                uow,
                actor,
                paths,
                notice_id=notice_id,
                posted_on=posted_on,
                place=place,
                posted_by=by,
                photo=photo,
                note=note,
            ),
            self._on_saved,
        )

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.buttons.setEnabled(not busy)

    @Slot(object)
    def _on_saved(self, record: object) -> None:
        self.posting_saved.emit(record)
        self.accept()
