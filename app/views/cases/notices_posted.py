"""The notices now up on the village boards, with their end dates and whether their posting is recorded."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.cases.postings import PostedNotice, PostingRecord


class PostedNoticesBox(QGroupBox):
    """A short list (one row per stored notice running today) and the button to record a posting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Notices up now"))
        self.notices: list[PostedNotice] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Village"),
                self.tr("Notice"),
                self.tr("Programme"),
                self.tr("Ends on"),
                self.tr("Households"),
                self.tr("Posting recorded"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.record_button = QPushButton(self.tr("&Record posting…"))
        self.postings_label = QLabel()
        self.postings_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.postings_label, 1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_notices(self, notices: list[PostedNotice]) -> None:
        self.notices = notices
        self.table.setRowCount(len(notices))
        for row, n in enumerate(notices):
            recorded = self.tr("{n} time(s)").format(n=n.postings) if n.postings else self.tr("not yet")
            cells = [n.village, n.kind, n.program, f"{n.ends_on:%Y-%m-%d}", str(n.rows), recorded]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.record_button.setEnabled(bool(notices))
        self.postings_label.clear()

    def show_postings(self, records: list[PostingRecord]) -> None:
        """The selected notice's posting records, one a line."""
        if not records:
            self.postings_label.setText(self.tr("No posting recorded for this notice yet."))
            return
        lines = [
            self.tr("{day} at {place}, by {who} (recorded by {user}); photo {photo}").format(
                day=f"{r.posted_on:%Y-%m-%d}",
                place=r.place,
                who=r.posted_by,
                user=r.recorded_by,
                photo=r.photo_name,
            )
            for r in records
        ]
        self.postings_label.setText("\n".join(lines))

    def selected(self) -> PostedNotice | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.notices):
            return None
        return self.notices[rows[0].row()]
