"""公示: choose a village, the kind of notice, the paper and the day; build it off the GUI thread; preview.

Also: print a kind of notice for every village at once (one file per village into a folder, or one PDF),
and see the notices up now with their end dates, recording where, when and by whom each was posted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import UserError
from app.printing.catalog import NoticeKind, Paper
from app.printing.output import Printed
from app.services.cases import notice_batch, postings, printing
from app.services.cases.postings import PostedNotice, PostingRecord
from app.views.cases.notices_posted import PostedNoticesBox
from app.views.cases.posting_dialog import PostingDialog
from app.views.cases.printing import show_printed
from app.views.ops import Job
from app.views.page import Page
from app.views.pdf_preview import PdfPreviewDialog
from app.views.workspace import Workspace


class NoticesPage(Page):
    """Print the village's 公示: 初审公示, 拟批准公示, 长期公示 or 停发公示 (a cadre: own village only)."""

    CONCERNS = frozenset({"area", "public_notice", "notice_posting"})
    printed = Signal(object)  # the Printed document, once built
    batch_saved = Signal(object)  # the paths written by a print for all villages
    postings_shown = Signal(object)  # the selected notice's posting records, once read

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.preview_dialog: PdfPreviewDialog | None = None
        self.posting_dialog: PostingDialog | None = None
        self._pending = 0

        self.village_combo = QComboBox()
        self.kind_combo = QComboBox()
        for kind in NoticeKind:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.setCurrentIndex(list(NoticeKind).index(NoticeKind.STANDING))
        self.paper_combo = QComboBox()
        for paper in Paper:
            self.paper_combo.addItem(paper.label, paper)
        self.date_edit = QDateEdit(QDate(clock.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.build_button = QPushButton(self.tr("&Build and preview"))
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.batch_combo = QComboBox()
        self.batch_combo.addItem(self.tr("one file per village, into a folder"), "each")
        self.batch_combo.addItem(self.tr("all villages in one PDF"), "one")
        self.batch_button = QPushButton(self.tr("Print for &all villages…"))
        self.batch_button.clicked.connect(self._choose_batch_target)
        self.posted = PostedNoticesBox()
        self.posted.record_button.clicked.connect(self.record_posting)
        self.posted.table.itemSelectionChanged.connect(self._on_notice_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Village:"), self.village_combo)
        form.addRow(self.tr("&Kind of notice:"), self.kind_combo)
        form.addRow(self.tr("&Paper:"), self.paper_combo)
        form.addRow(self.tr("&Date:"), self.date_edit)
        title = QLabel(self.tr("Public notices for the village board"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        hint = QLabel(
            self.tr(
                "Notices show only the name, household size, category and amount: never ID numbers, "
                "accounts, phones, health or disability details."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.build_button)
        buttons.addStretch(1)
        buttons.addWidget(self.batch_combo)
        buttons.addWidget(self.batch_button)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.posted, 1)
        layout.addWidget(self.refused)

    def load(self) -> None:
        """The villages this user may print notices for and the notices up now (the services decide)."""
        self._pending = 2
        self.read(lambda uow: printing.notice_villages(uow, self.actor), self._on_villages, key="villages")
        self.read(lambda uow: postings.running(uow, self.actor), self._on_running, key="running")

    def _one_loaded(self) -> None:
        self._pending -= 1
        if self._pending <= 0:
            self.loaded.emit()

    @Slot(object)
    def _on_running(self, notices: list[PostedNotice]) -> None:
        chosen = self.posted.selected()
        self.posted.show_notices(notices)
        ids = [n.notice_id for n in notices]
        if chosen is not None and chosen.notice_id in ids:  # keep the choice and its postings up to date
            self.posted.table.selectRow(ids.index(chosen.notice_id))
            self._on_notice_selected()
        self._one_loaded()

    @Slot(object)
    def _on_villages(self, villages: list[tuple[str, str]]) -> None:
        chosen = self.village_combo.currentData()
        self.village_combo.clear()
        for code, name in villages:
            self.village_combo.addItem(name, code)
        if chosen is not None and self.village_combo.findData(chosen) >= 0:
            self.village_combo.setCurrentIndex(self.village_combo.findData(chosen))
        self._one_loaded()

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.build_button.setEnabled(not busy)
        self.batch_button.setEnabled(not busy)

    @Slot()
    def build(self) -> None:
        village = self.village_combo.currentData()
        if not village:
            self.show_refused(UserError(self.tr("Choose a village first.")))
            return
        kind, paper, on = self._choices()
        self.clear_refused()
        self.status.setText(self.tr("Building the notice…"))
        self.read(
            lambda uow: printing.notice(uow, self.actor, village, kind, on, paper),
            self._on_printed,
            on_error=self._on_refused,
        )

    def _choices(self) -> tuple[NoticeKind, Paper, date]:
        kind = NoticeKind(self.kind_combo.currentData())  # Qt hands an enum back as its plain value
        paper = Paper(self.paper_combo.currentData())
        qd = self.date_edit.date()
        return kind, paper, date(qd.year(), qd.month(), qd.day())

    @Slot()
    def _choose_batch_target(self) -> None:
        if self.batch_combo.currentData() == "each":
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to write the notices to"))
            if folder:
                self.print_all_to_folder(Path(folder))
            return
        kind, _paper, on = self._choices()
        name = f"{kind.label}_{on:%Y%m%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the notices as"), name, "PDF (*.pdf)")
        if path:
            self.print_all_to_file(Path(path if path.lower().endswith(".pdf") else f"{path}.pdf"))

    def print_all_to_folder(self, folder: Path) -> None:
        """Every village's notice with something to post, one PDF each into ``folder`` (all or none)."""
        kind, paper, on = self._choices()
        actor, job = self.actor, Job()
        self.clear_refused()
        self.write(
            lambda uow: notice_batch.save_each(
                uow,
                actor,
                notice_batch.each_village(
                    uow, actor, kind, on, paper, progress=job.progress, cancel=job.cancelled
                ),
                folder,
            ),
            self._on_batch_saved,
            on_error=self._on_refused,
            label=self.tr("Printing the notices of all villages…"),
            job=job,
        )

    def print_all_to_file(self, path: Path) -> None:
        """Every village's notice with something to post in one PDF, each village from a new page."""
        kind, paper, on = self._choices()
        actor, job = self.actor, Job()
        self.clear_refused()
        self.write(
            lambda uow: [
                printing.save(
                    uow,
                    actor,
                    notice_batch.one_file(
                        uow, actor, kind, on, paper, progress=job.progress, cancel=job.cancelled
                    ),
                    path,
                )
            ],
            self._on_batch_saved,
            on_error=self._on_refused,
            label=self.tr("Printing the notices of all villages…"),
            job=job,
        )

    @Slot(object)
    def _on_batch_saved(self, paths: list[Path]) -> None:
        folder = paths[0].parent if paths else ""
        self.status.setText(self.tr("%n file(s) written to {folder}.", "", len(paths)).format(folder=folder))
        self.show_status(self.status.text())
        self.batch_saved.emit(paths)

    @Slot()
    def _on_notice_selected(self) -> None:
        notice = self.posted.selected()
        if notice is None:
            return
        self.read(
            lambda uow: postings.postings_of(uow, self.actor, notice.notice_id),
            self._on_postings,
            key="postings",
        )

    @Slot(object)
    def _on_postings(self, records: list[PostingRecord]) -> None:
        self.posted.show_postings(records)
        self.postings_shown.emit(records)

    @Slot()
    def record_posting(self) -> None:
        notice = self.posted.selected()
        if notice is None:
            self.show_refused(UserError(self.tr("Select a notice in the list first.")))
            return
        self.clear_refused()
        self.posting_dialog = PostingDialog(self.ws, notice, self)
        self.posting_dialog.open()

    @Slot(object)
    def _on_printed(self, doc: Printed) -> None:
        self.status.setText(" ".join([self.tr("%n page(s).", "", doc.pages), *doc.warnings]))
        self.printed.emit(doc)
        self.preview_dialog = show_printed(self, doc, self)

    def _on_refused(self, error: UserError) -> None:
        self.status.clear()
        self.show_refused(error)
