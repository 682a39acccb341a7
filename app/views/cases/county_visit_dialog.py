"""Record the county's own home visit (入户核查) of a case sent up: date, two staff, findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.views.widgets.forms import DateEdit, ErrorLabel


@dataclass(frozen=True)
class VisitInput:
    on: date
    staff: list[str]
    findings: str
    eligible: bool | None


class CountyVisitDialog(QDialog):
    """Emits ``submitted`` with a ``VisitInput``; the page saves it off the GUI thread."""

    submitted = Signal(object)

    def __init__(self, title: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("County home visit: {case}").format(case=title))
        self.date_edit = DateEdit(today)
        self.staff_edits = [QLineEdit(), QLineEdit()]
        self.staff_edits[0].setPlaceholderText(self.tr("first member of staff"))
        self.staff_edits[1].setPlaceholderText(self.tr("second member of staff"))
        self.findings_edit = QPlainTextEdit()
        self.findings_edit.setTabChangesFocus(True)
        self.findings_edit.setFixedHeight(100)
        self.eligible_combo = QComboBox()
        self.eligible_combo.addItem(self.tr("Meets the conditions"), True)
        self.eligible_combo.addItem(self.tr("Does not meet the conditions"), False)
        self.eligible_combo.addItem(self.tr("Not concluded"), None)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Staff:"), self.staff_edits[0])
        form.addRow("", self.staff_edits[1])
        form.addRow(self.tr("&Findings:"), self.findings_edit)
        form.addRow(self.tr("&Conclusion:"), self.eligible_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.resize(460, 360)

    def value(self) -> VisitInput:
        return VisitInput(
            self.date_edit.value(),
            [e.text().strip() for e in self.staff_edits if e.text().strip()],
            self.findings_edit.toPlainText().strip(),
            self.eligible_combo.currentData(),
        )

    @Slot()
    def _on_ok(self) -> None:
        self.error.clear_error()
        self.buttons.setEnabled(False)
        self.submitted.emit(self.value())

    def on_failed(self, message: str) -> None:
        """The service refused the visit: say why and keep what was typed."""
        self.error.show_error(message)
        self.buttons.setEnabled(True)
