"""公示: choose a village, the kind of notice, the paper and the day; build it off the GUI thread; preview."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import UserError
from app.models.db import Database
from app.printing.catalog import NoticeKind, Paper
from app.printing.output import Printed
from app.services.cases import printing
from app.services.households import registry
from app.views import tasks
from app.views.pdf_preview import PdfPreviewDialog, preview
from app.views.signed_in import SignedIn


class NoticesPage(QWidget):
    """Print the village's 公示: 初审公示, 拟批准公示, 长期公示 or 停发公示 (a cadre: own village only)."""

    printed = Signal(object)  # the Printed document, once built
    refused = Signal(str)

    def __init__(self, db: Database, signed_in: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._signed_in = signed_in
        self._loaded = False
        self.preview_dialog: PdfPreviewDialog | None = None
        self._task: tasks.TaskHandle[Any] | None = None

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
        layout.addWidget(self.build_button)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self._load_villages()

    def _load_villages(self) -> None:
        db, actor = self._db, self._signed_in.actor
        user = actor.username

        def work(_progress: Any, _cancel: Any) -> list[tuple[str, str]]:
            with db.uow(user) as uow:
                return registry.villages(uow, actor)

        tasks.run(work, self._on_villages, self._on_refused)

    @Slot(object)
    def _on_villages(self, villages: list[tuple[str, str]]) -> None:
        self.village_combo.clear()
        for code, name in villages:
            self.village_combo.addItem(name, code)

    @Slot()
    def build(self) -> None:
        village = self.village_combo.currentData()
        if not village:
            self._on_refused(UserError(self.tr("Choose a village first.")))
            return
        kind = NoticeKind(self.kind_combo.currentData())  # Qt hands an enum back as its plain value
        paper = Paper(self.paper_combo.currentData())
        qd = self.date_edit.date()
        on = date(qd.year(), qd.month(), qd.day())
        db, actor = self._db, self._signed_in.actor

        def work(_progress: Any, _cancel: Any) -> Printed:
            with db.uow(actor.username) as uow:
                result = printing.notice(uow, actor, village, kind, on, paper)
                uow.commit()  # printing is audited
                return result

        self.build_button.setEnabled(False)
        self.status.setText(self.tr("Building the notice…"))
        self._task = tasks.run(work, self._on_printed, self._on_refused)
        self._task.finished.connect(lambda: self.build_button.setEnabled(True))

    @Slot(object)
    def _on_printed(self, doc: Printed) -> None:
        self.status.setText(" ".join([self.tr("%n page(s).", "", doc.pages), *doc.warnings]))
        self.printed.emit(doc)
        self.preview_dialog = preview(doc.pdf, doc.title, doc.filename, self)

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.status.setText(f'<span style="color:#b00020">{error}</span>')
        self.refused.emit(str(error))
