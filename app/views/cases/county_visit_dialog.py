"""Record the county's own home visit (入户核查) of a case sent up: date, two staff, findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import UserError
from app.services.cases import county_review
from app.views.page import OpDialog
from app.views.widgets.forms import DateEdit
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace


@dataclass(frozen=True)
class VisitInput:
    on: date
    staff: list[str]
    findings: str
    eligible: bool | None


class CountyVisitDialog(OpDialog):
    """Records the visit through the services as the signed-in user; ``visit_saved`` once it is saved."""

    visit_saved = Signal()

    def __init__(self, ws: Workspace, case_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.case_id = case_id
        self.setWindowTitle(self.tr("County home visit: {case}").format(case=title))
        self.date_edit = DateEdit(clock.today())
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
        self.eligible_combo.setPlaceholderText(self.tr("(choose)"))
        self.eligible_combo.setCurrentIndex(-1)  # undecided until the officer chooses
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
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        fit_to_screen(self, 460, 360)

    def value(self) -> VisitInput:
        """The visit as typed; UserError while no conclusion is chosen."""
        if self.eligible_combo.currentIndex() < 0:
            raise UserError(
                self.tr("Choose the conclusion: meets the conditions, does not, or not concluded yet.")
            )
        return VisitInput(
            self.date_edit.value(),
            [e.text().strip() for e in self.staff_edits if e.text().strip()],
            self.findings_edit.toPlainText().strip(),
            self.eligible_combo.currentData(),
        )

    @Slot()
    def _on_ok(self) -> None:
        try:
            data = self.value()
        except UserError as exc:
            self.show_refused(exc)
            return
        self.clear_refused()
        case_id = self.case_id
        self.write(
            lambda uow: county_review.record_county_visit(
                uow, self.actor, case_id, data.on, data.staff, data.findings, data.eligible
            ),
            self._on_saved,
        )

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.buttons.setEnabled(not busy)

    @Slot(object)
    def _on_saved(self, _visit: object) -> None:
        self.visit_saved.emit()
        self.accept()
