"""The 成员 tab: add a member (the ID number fills sex and birth), update one, mark one as moved out."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain import idcard, relations
from app.domain.codes import Health, Sex
from app.services.households import edit
from app.services.households.edit import HouseholdFile, MemberView
from app.services.intake.household import MemberInput
from app.views.households.tabs.common import FileTab, fill, label_of, make_table, selected_row
from app.views.tablemodels.rows import TONES
from app.views.widgets.forms import label_grid, show_date
from app.views.widgets.member_inputs import MemberInputs
from app.views.workspace import Workspace


class MembersTab(FileTab):
    """The people of the household; inconsistencies of a typed ID number are flagged as typed."""

    CONCERNS = frozenset({"person", "household"})

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        self.masks_id_numbers = ws.signed_in.masks_id_numbers
        self.members: list[MemberView] = []
        self.members_table = make_table(
            [
                self.tr("Name"),
                self.tr("Relation to head"),
                self.tr("Sex"),
                self.tr("Date of birth"),
                self.tr("ID number"),
                self.tr("Lives in the household"),
            ]
        )
        self.members_table.itemSelectionChanged.connect(self._member_selected)
        self.inputs = MemberInputs()
        self.name_edit, self.id_edit = self.inputs.name_edit, self.inputs.id_edit
        self.relation_combo, self.sex_combo = self.inputs.relation_combo, self.inputs.sex_combo
        self.birth_edit, self.health_combo = self.inputs.birth_edit, self.inputs.health_combo
        self.relation_combo.setCurrentIndex(self.relation_combo.findData("20"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Why the member no longer lives in the household"))
        self.flags = QLabel()
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet(f"color: {TONES['soon']};")
        self.add_member_button = QPushButton(self.tr("&Add member"))
        self.update_member_button = QPushButton(self.tr("&Update selected"))
        self.remove_member_button = QPushButton(self.tr("Mo&ved out"))
        fields = (
            (self.tr("Na&me:"), self.name_edit),
            (self.tr("&ID number:"), self.id_edit),
            (self.tr("Relation to &head:"), self.relation_combo),
            (self.tr("&Sex:"), self.sex_combo),
            (self.tr("Date of bir&th:"), self.birth_edit),
            (self.tr("H&ealth:"), self.health_combo),
            (self.tr("&Reason moved out:"), self.reason_edit),
        )
        grid = label_grid(fields)
        buttons = QHBoxLayout()
        for button in (self.add_member_button, self.update_member_button, self.remove_member_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.members_table, 1)
        layout.addLayout(grid)
        layout.addWidget(self.flags)
        layout.addLayout(buttons)
        layout.addWidget(self.refused)
        self.id_edit.textChanged.connect(self._on_id_changed)
        self.sex_combo.currentIndexChanged.connect(self._show_flags)
        self.relation_combo.currentIndexChanged.connect(self._show_flags)
        self.birth_edit.dateChanged.connect(self._show_flags)
        self.add_member_button.clicked.connect(self.add_member)
        self.update_member_button.clicked.connect(self.update_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self.add_editors(*(widget for _text, widget in fields))
        self.add_editors(self.add_member_button, self.update_member_button, self.remove_member_button)

    def show_file(self, file: HouseholdFile) -> None:
        self.members = list(file.members)
        yes, no = self.tr("Yes"), self.tr("No")
        fill(
            self.members_table,
            [
                [
                    m.name,
                    relations.relation_name(m.relation_code)
                    if relations.is_known(m.relation_code)
                    else m.relation_code,
                    label_of(Sex, m.sex),
                    show_date(m.birth_date),
                    idcard.mask(m.id_number) if self.masks_id_numbers else m.id_number,
                    yes if m.is_member else f"{no}（{m.not_member_reason}）",
                ]
                for m in self.members
            ],
        )

    def current_member(self) -> MemberInput:
        return MemberInput(
            name=self.name_edit.text().strip(),
            id_number=self.id_edit.text().strip().upper(),
            relation_code=self.relation_combo.currentData(),
            sex=Sex(self.sex_combo.currentData()),
            birth_date=self.birth_edit.value(),
            health=Health(self.health_combo.currentData()),
        )

    @Slot(str)
    def _on_id_changed(self, text: str) -> None:
        problem = self.inputs.fill_from_id(text)
        if problem is not None:
            self.flags.setText(problem)
            return
        self._show_flags()

    @Slot()
    def _show_flags(self) -> None:
        if not self.id_edit.text().strip():
            self.flags.clear()
            return
        member = self.current_member()
        head_birth = None
        if not relations.is_head(member.relation_code):
            head_birth = next(
                (m.birth_date for m in self.members if m.is_member and relations.is_head(m.relation_code)),
                None,
            )
        found = idcard.inconsistencies(
            member.id_number,
            sex=member.sex,
            birth_date=member.birth_date,
            relation_code=member.relation_code,
            head_birth_date=head_birth,
        )
        self.flags.setText("；".join(p.message for p in found))

    def _selected_member(self) -> MemberView | None:
        row = selected_row(self.members_table)
        return None if row is None or row >= len(self.members) else self.members[row]

    @Slot()
    def _member_selected(self) -> None:
        member = self._selected_member()
        if member is None or self.masks_id_numbers:
            return
        self.name_edit.setText(member.name)
        self.id_edit.setText(member.id_number)
        self.relation_combo.setCurrentIndex(self.relation_combo.findData(member.relation_code))
        self.health_combo.setCurrentIndex(max(0, self.health_combo.findData(member.health)))

    @Slot()
    def add_member(self) -> None:
        member, actor, hh = self.current_member(), self.actor, self.household_id
        self.request(
            lambda uow: edit.add_member(uow, actor, hh, member),
            (self.name_edit, self.id_edit),
        )

    @Slot()
    def update_member(self) -> None:
        selected = self._selected_member()
        if selected is None:
            self.refuse(self.tr("Select the member to update."))
            return
        member, actor = self.current_member(), self.actor
        self.request(lambda uow: edit.update_member(uow, actor, selected.person_id, member))

    @Slot()
    def remove_member(self) -> None:
        selected = self._selected_member()
        if selected is None:
            self.refuse(self.tr("Select the member who moved out."))
            return
        reason, actor = self.reason_edit.text(), self.actor
        self.request(
            lambda uow: edit.remove_member(uow, actor, selected.person_id, reason),
            (self.reason_edit,),
        )
