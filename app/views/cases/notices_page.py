"""公示: choose a village, the kind of notice, the paper and the day; build it off the GUI thread; preview."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal, Slot
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
from app.printing.catalog import NoticeKind, Paper
from app.printing.output import Printed
from app.services.cases import printing
from app.views.cases.printing import show_printed
from app.views.page import Page
from app.views.pdf_preview import PdfPreviewDialog
from app.views.workspace import Workspace


class NoticesPage(Page):
    """Print the village's 公示: 初审公示, 拟批准公示, 长期公示 or 停发公示 (a cadre: own village only)."""

    CONCERNS = frozenset({"area"})
    printed = Signal(object)  # the Printed document, once built

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.preview_dialog: PdfPreviewDialog | None = None

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
        layout.addWidget(self.refused)
        layout.addStretch(1)

    def load(self) -> None:
        """The villages this user may print notices for (the service decides)."""
        self.read(lambda uow: printing.notice_villages(uow, self.actor), self._on_villages, key="villages")

    @Slot(object)
    def _on_villages(self, villages: list[tuple[str, str]]) -> None:
        chosen = self.village_combo.currentData()
        self.village_combo.clear()
        for code, name in villages:
            self.village_combo.addItem(name, code)
        if chosen is not None and self.village_combo.findData(chosen) >= 0:
            self.village_combo.setCurrentIndex(self.village_combo.findData(chosen))
        self.loaded.emit()

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.build_button.setEnabled(not busy)

    @Slot()
    def build(self) -> None:
        village = self.village_combo.currentData()
        if not village:
            self.show_refused(UserError(self.tr("Choose a village first.")))
            return
        kind = NoticeKind(self.kind_combo.currentData())  # Qt hands an enum back as its plain value
        paper = Paper(self.paper_combo.currentData())
        qd = self.date_edit.date()
        on = date(qd.year(), qd.month(), qd.day())
        self.clear_refused()
        self.status.setText(self.tr("Building the notice…"))
        self.read(
            lambda uow: printing.notice(uow, self.actor, village, kind, on, paper),
            self._on_printed,
            on_error=self._on_refused,
        )

    @Slot(object)
    def _on_printed(self, doc: Printed) -> None:
        self.status.setText(" ".join([self.tr("%n page(s).", "", doc.pages), *doc.warnings]))
        self.printed.emit(doc)
        self.preview_dialog = show_printed(self, doc, self)

    def _on_refused(self, error: UserError) -> None:
        self.status.clear()
        self.show_refused(error)
