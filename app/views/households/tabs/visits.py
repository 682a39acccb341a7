"""The 走访记录 tab: every visit to the household (investigations and reviews), and recording an 入户走访."""

from __future__ import annotations

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from app import clock
from app.services.households import visits
from app.services.households.visits import HouseholdVisits, VisitRow, VisitTarget
from app.views.households.tabs.common import FileTab, fill, list_layout, make_table
from app.views.tablemodels.rows import TONES
from app.views.widgets.forms import DateEdit, show_date
from app.views.workspace import Workspace


class VisitsTab(FileTab):
    """Visits newest first; a new one goes under the case the service picks (shown above the form)."""

    CONCERNS = frozenset({"investigation", "review", "case_file"})

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        self.rows: list[VisitRow] = []
        self.target = VisitTarget(None, "", "")
        self.visits_table = make_table(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Staff"),
                self.tr("Case number"),
                self.tr("Findings or outcome"),
            ]
        )
        self.target_label = QLabel()
        self.target_label.setWordWrap(True)
        self.visit_date_edit = DateEdit()
        today = clock.today()
        self.visit_date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.visit_staff_edit = QLineEdit()
        self.visit_staff_edit.setMaxLength(200)
        self.visit_staff_edit.setPlaceholderText(self.tr("At least two names, separated by 、"))
        self.visit_findings_edit = QLineEdit()
        self.visit_findings_edit.setMaxLength(visits.MAX_FINDINGS)
        self.visit_findings_edit.setPlaceholderText(self.tr("What was seen and heard at the home"))
        self.record_visit_button = QPushButton(self.tr("&Record home visit"))
        self.record_visit_button.clicked.connect(self.record_visit)
        form = QFormLayout()
        form.addRow(self.target_label)
        form.addRow(self.tr("Visit &date:"), self.visit_date_edit)
        form.addRow(self.tr("S&taff:"), self.visit_staff_edit)
        form.addRow(self.tr("&Findings:"), self.visit_findings_edit)
        list_layout(self, self.visits_table, form, self.record_visit_button)
        self.add_editors(self.visit_date_edit, self.visit_staff_edit, self.visit_findings_edit)

    def load(self) -> None:
        actor, household_id = self.actor, self.household_id
        self.read(lambda uow: visits.household_visits(uow, actor, household_id), self._on_visits)

    @Slot(object)
    def _on_visits(self, found: HouseholdVisits) -> None:
        self.show_visits(found.rows, found.target)
        self.set_editable(not found.read_only_reason)
        self.loaded.emit()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.record_visit_button.setEnabled(editable and self.target.case_id is not None)

    def show_visits(self, rows: list[VisitRow], target: VisitTarget) -> None:
        self.rows, self.target = rows, target
        fill(
            self.visits_table,
            [[show_date(r.on), r.kind, r.staff, r.case_number, r.findings] for r in rows],
        )
        if target.case_id is None:
            self.target_label.setText(target.reason)
            self.target_label.setStyleSheet(f"color: {TONES['soon']};")
        else:
            self.target_label.setText(
                self.tr("A new visit is recorded under case {number}.").format(number=target.case_number)
            )
            self.target_label.setStyleSheet("")
        self.set_editable(self.editable)

    @Slot()
    def record_visit(self) -> None:
        actor, hh = self.actor, self.household_id
        on = self.visit_date_edit.value()
        staff = visits.split_staff(self.visit_staff_edit.text())
        findings = self.visit_findings_edit.text()
        self.request(
            lambda uow: visits.record_visit(uow, actor, hh, on, staff, findings),
            (self.visit_findings_edit,),
        )
