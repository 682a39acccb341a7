"""The intake wizard's household and members pages; ID numbers fill sex and birth date, flag mismatches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from app import clock
from app.domain import idcard, relations
from app.domain.codes import DisabilityCategory, Health, HousingType, Sex, UrbanRural
from app.services.intake.household import MemberInput
from app.views.intake.draft import IntakeDraft
from app.views.tablemodels.rows import TONES, ColumnSpec, RowsTableModel
from app.views.widgets.forms import ErrorLabel, fit_columns, label_grid, show_date, work_table
from app.views.widgets.member_inputs import MemberInputs

# The relations clerks pick most, first; then the whole GB/T 4761 list.


class HouseholdPage(QWizardPage):
    """Where the household lives (the 入户调查表's heading)."""

    def __init__(self, draft: IntakeDraft) -> None:
        super().__init__()
        self.draft = draft
        self.setTitle(self.tr("The household"))
        self.setSubTitle(self.tr("Where the household is registered and lives."))
        self.village_combo = QComboBox()
        self.village_combo.setMinimumWidth(240)
        self.village_combo.setPlaceholderText(self.tr("(choose the village)"))
        self.village_hint = QLabel(self.tr("Choose the village where the household is registered."))
        self.village_hint.setStyleSheet("color: #b00020;")
        self.urban_combo = QComboBox()
        for value in UrbanRural:
            self.urban_combo.addItem(value.label, value.value)
        self.urban_combo.setCurrentIndex(1)
        self.address_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.housing_combo = QComboBox()
        self.housing_combo.addItem(self.tr("(not recorded)"), None)
        for kind in HousingType:
            self.housing_combo.addItem(kind.label, kind.value)
        form = QFormLayout(self)
        form.addRow(self.tr("&Village:"), self.village_combo)
        form.addRow("", self.village_hint)
        form.addRow(self.tr("&Urban or rural:"), self.urban_combo)
        form.addRow(self.tr("&Address:"), self.address_edit)
        form.addRow(self.tr("&Phone:"), self.phone_edit)
        form.addRow(self.tr("&Housing:"), self.housing_combo)
        self.village_combo.currentIndexChanged.connect(self._on_village_changed)

    def set_villages(self, villages: list[tuple[str, str]]) -> None:
        """The villages in scope; none is chosen: the clerk picks the household's (forms start undecided)."""
        for code, name in villages:
            self.village_combo.addItem(name, code)
        self.village_combo.setCurrentIndex(-1)
        self.village_hint.setVisible(True)
        self.completeChanged.emit()

    @Slot(int)
    def _on_village_changed(self, index: int) -> None:
        self.village_hint.setVisible(index < 0)
        if index >= 0:
            urban = self.village_combo.currentText().endswith("社区")  # 社区 urban, 村 rural: a default only
            self.urban_combo.setCurrentIndex(0 if urban else 1)
        self.completeChanged.emit()

    def village_code(self) -> str:
        return str(self.village_combo.currentData() or "")

    def urban_rural(self) -> UrbanRural:
        return UrbanRural(self.urban_combo.currentData())

    def isComplete(self) -> bool:
        return bool(self.village_code())

    def validatePage(self) -> bool:
        draft = self.draft
        draft.village_code, draft.village_name = self.village_code(), self.village_combo.currentText()
        draft.urban_rural = self.urban_rural()
        draft.address, draft.phone = self.address_edit.text().strip(), self.phone_edit.text().strip()
        draft.housing_type = self.housing_combo.currentData()
        return True


@dataclass(frozen=True)
class MemberRow:
    member: MemberInput
    notes: str


class MembersPage(QWizardPage):
    """Members as on the paper form; the list below shows each with what does not fit."""

    def __init__(self, draft: IntakeDraft) -> None:
        super().__init__()
        self.draft = draft
        self.setTitle(self.tr("Household members"))
        self.setSubTitle(
            self.tr("Everyone living together, head first. The ID number fills in sex and date of birth.")
        )
        self.inputs = MemberInputs()
        self.name_edit, self.id_edit = self.inputs.name_edit, self.inputs.id_edit
        self.relation_combo, self.sex_combo = self.inputs.relation_combo, self.inputs.sex_combo
        self.birth_edit, self.health_combo = self.inputs.birth_edit, self.inputs.health_combo
        self.disability_combo = QComboBox()
        self.disability_combo.addItem(self.tr("none"), None)
        for category in DisabilityCategory:
            self.disability_combo.addItem(category.label, category.value)
        self.grade_spin = QSpinBox()
        self.grade_spin.setRange(1, 4)
        self.grade_spin.setPrefix(self.tr("grade "))
        self.grade_spin.setEnabled(False)
        self.student_check = QCheckBox(self.tr("St&udent"))
        self.add_button = QPushButton(self.tr("&Add member"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.flags = QLabel()
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet(f"color: {TONES['soon']};")
        self.error = ErrorLabel()

        fields = (
            (self.tr("Na&me:"), self.name_edit),
            (self.tr("&ID number:"), self.id_edit),
            (self.tr("Relation to &head:"), self.relation_combo),
            (self.tr("&Sex:"), self.sex_combo),
            (self.tr("Date of bir&th:"), self.birth_edit),
            (self.tr("H&ealth:"), self.health_combo),
            (self.tr("&Disability:"), self.disability_combo),
        )
        grid = label_grid(fields)
        extra = QHBoxLayout()
        extra.addWidget(self.grade_spin)
        extra.addWidget(self.student_check)
        extra.addStretch(1)
        grid.addLayout(extra, 3, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.model = RowsTableModel[MemberRow](
            [
                ColumnSpec(self.tr("Name"), lambda r: r.member.name),
                ColumnSpec(self.tr("ID number"), lambda r: r.member.id_number),
                ColumnSpec(self.tr("Relation"), lambda r: relations.relation_name(r.member.relation_code)),
                ColumnSpec(self.tr("Sex"), lambda r: r.member.sex.label if r.member.sex else ""),
                ColumnSpec(self.tr("Born"), lambda r: show_date(r.member.birth_date)),
                ColumnSpec(self.tr("Health"), lambda r: r.member.health.label),
                ColumnSpec(self.tr("Check"), lambda r: r.notes, tone=lambda r: "soon" if r.notes else None),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(
            self.table,
            {0: "欧阳小明明", 1: "43062319850305211X", 2: "养子或继子", 3: "性别", 4: "2026年12月31日"},
        )

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.flags)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.id_edit.textChanged.connect(self._on_id_changed)
        for signal in (self.sex_combo.currentIndexChanged, self.relation_combo.currentIndexChanged):
            signal.connect(self._show_flags)
        self.birth_edit.dateChanged.connect(self._show_flags)
        self.disability_combo.currentIndexChanged.connect(
            lambda _i: self.grade_spin.setEnabled(self.disability_combo.currentData() is not None)
        )
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        self.id_edit.returnPressed.connect(self.add_member)

    def initializePage(self) -> None:
        draft = self.draft
        if draft.known is None and draft.looked_up and not draft.members and not self.id_edit.text():
            self.prefill_applicant(draft.looked_up)
        self._refresh()

    def prefill_applicant(self, id_number: str) -> None:
        """The applicant found to be new is the first member (by default the head)."""
        self.id_edit.setText(id_number)
        self.relation_combo.setCurrentIndex(0)

    # ---------------------------------------------------------------- live checks

    @Slot(str)
    def _on_id_changed(self, text: str) -> None:
        problem = self.inputs.fill_from_id(text)
        if problem is None:
            self.error.clear_error()
        else:
            self.error.show_error(problem)
        self._show_flags()

    def _head_birth(self) -> date | None:
        for m in self.draft.members:
            if relations.is_head(m.relation_code) and idcard.is_valid(m.id_number):
                return idcard.parse(m.id_number).birth_date
        return None

    def _problems(self, member: MemberInput) -> list[idcard.Inconsistency]:
        head_birth = self._head_birth()
        return idcard.inconsistencies(
            member.id_number,
            sex=member.sex,
            birth_date=member.birth_date,
            relation_code=member.relation_code,
            head_birth_date=None if relations.is_head(member.relation_code) else head_birth,
            on=clock.today(),
        )

    def current_member(self) -> MemberInput:
        category = self.disability_combo.currentData()
        return MemberInput(
            name=self.name_edit.text().strip(),
            id_number=self.id_edit.text().strip().upper(),
            relation_code=self.relation_combo.currentData(),
            sex=Sex(self.sex_combo.currentData()),
            birth_date=self.birth_edit.value(),
            health=Health(self.health_combo.currentData()),
            disability_category=DisabilityCategory(category) if category else None,
            disability_grade=self.grade_spin.value() if category else None,
            is_student=self.student_check.isChecked(),
        )

    @Slot()
    def _show_flags(self) -> None:
        if not self.id_edit.text().strip():
            self.flags.clear()
            return
        found = [p.message for p in self._problems(self.current_member()) if p.field != idcard.FIELD]
        self.flags.setText("；".join(found))

    # ---------------------------------------------------------------- the list

    @Slot()
    def add_member(self) -> None:
        member = self.current_member()
        if not member.name:
            self.error.show_error(self.tr("Type the member's name."))
            self.name_edit.setFocus()
            return
        hard = [p for p in self._problems(member) if p.field in (idcard.FIELD, "性别", "出生日期")]
        if hard:
            self.error.show_error(hard[0].message)
            return
        members = self.draft.members
        number = idcard.normalize(member.id_number)
        if any(idcard.normalize(m.id_number) == number for m in members):
            self.error.show_error(self.tr("This ID number is already in the list."))
            return
        members.append(member)
        self._refresh()
        for edit in (self.name_edit, self.id_edit):
            edit.clear()
        self.inputs.reset()  # the last member's sex and birth date must not stay for the next
        self.relation_combo.setCurrentIndex(self.relation_combo.findData("12" if len(members) == 1 else "20"))
        self.student_check.setChecked(False)
        self.disability_combo.setCurrentIndex(0)
        self.flags.clear()
        self.error.clear_error()
        self.name_edit.setFocus()

    @Slot()
    def remove_member(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            del self.draft.members[rows[0].row()]
            self._refresh()

    def _refresh(self) -> None:
        rows = []
        for m in self.draft.members:
            notes = [p.message for p in self._problems(m) if p.field == "与户主关系"]
            rows.append(MemberRow(m, "；".join(notes)))
        self.model.set_rows(rows)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.draft.members)

    def validatePage(self) -> bool:
        heads = sum(relations.is_head(m.relation_code) for m in self.draft.members)
        if heads != 1:
            self.error.show_error(self.tr("Exactly one member must be the head of household (户主 or 本人)."))
            return False
        return True
