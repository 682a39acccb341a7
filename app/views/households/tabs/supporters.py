"""The 赡养人 tab: legal supporters outside the household, their income and the support they pay."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPushButton, QWidget

from app.domain import idcard
from app.domain.money import yuan
from app.services.households import items
from app.services.households.edit import HouseholdFile, SupporterData
from app.views.households.tabs.common import FileTab, fill, list_layout, make_table, selected_row
from app.views.widgets.forms import MoneyEdit
from app.views.workspace import Workspace


class SupportersTab(FileTab):
    """Supporters added and removed one row at a time; ID numbers masked for those who see them masked."""

    CONCERNS = frozenset({"supporter"})

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        self.masks_id_numbers = ws.signed_in.masks_id_numbers
        self.item_ids: list[str] = []
        self.supporters_table = make_table(
            [
                self.tr("Name"),
                self.tr("Relation"),
                self.tr("ID number"),
                self.tr("Annual income (yuan)"),
                self.tr("Support paid (yuan)"),
                self.tr("Able to support"),
            ]
        )
        self.supporter_name_edit = QLineEdit()
        self.supporter_id_edit = QLineEdit()
        self.supporter_relation_edit = QLineEdit()
        self.supporter_income_edit = MoneyEdit()
        self.supporter_paid_edit = MoneyEdit()
        self.supporter_able_check = QCheckBox(self.tr("Able to support"))
        self.supporter_able_check.setChecked(True)
        self.add_supporter_button = QPushButton(self.tr("Add su&pporter"))
        self.remove_supporter_button = QPushButton(self.tr("Remove supporter"))
        self.add_supporter_button.clicked.connect(self.add_supporter)
        self.remove_supporter_button.clicked.connect(self.remove_supporter)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.supporter_name_edit)
        form.addRow(self.tr("ID number:"), self.supporter_id_edit)
        form.addRow(self.tr("Relation:"), self.supporter_relation_edit)
        form.addRow(self.tr("Annual income (yuan):"), self.supporter_income_edit)
        form.addRow(self.tr("Support paid a year (yuan):"), self.supporter_paid_edit)
        form.addRow(self.supporter_able_check)
        list_layout(
            self, self.supporters_table, form, self.add_supporter_button, self.remove_supporter_button
        )
        self.add_editors(
            self.add_supporter_button,
            self.remove_supporter_button,
            self.supporter_name_edit,
            self.supporter_id_edit,
            self.supporter_relation_edit,
            self.supporter_income_edit,
            self.supporter_paid_edit,
            self.supporter_able_check,
        )

    def show_file(self, file: HouseholdFile) -> None:
        yes, no = self.tr("Yes"), self.tr("No")
        mask = self.masks_id_numbers
        self.item_ids = [s.item_id for s in file.supporters]
        fill(
            self.supporters_table,
            [
                [
                    s.name,
                    s.relation,
                    idcard.mask(s.id_number) if mask and s.id_number else s.id_number,
                    yuan(s.annual_income_fen),
                    yuan(s.support_paid_fen),
                    yes if s.able_to_support else no,
                ]
                for s in file.supporters
            ],
        )

    @Slot()
    def add_supporter(self) -> None:
        data = SupporterData(
            name=self.supporter_name_edit.text(),
            id_number=self.supporter_id_edit.text(),
            relation=self.supporter_relation_edit.text(),
            annual_income_fen=self.supporter_income_edit.fen() or 0,
            support_paid_fen=self.supporter_paid_edit.fen() or 0,
            able_to_support=self.supporter_able_check.isChecked(),
        )
        actor, hh = self.actor, self.household_id
        self.request(
            lambda uow: items.add_supporter(uow, actor, hh, data),
            (
                self.supporter_name_edit,
                self.supporter_id_edit,
                self.supporter_relation_edit,
                self.supporter_income_edit,
                self.supporter_paid_edit,
            ),
        )

    @Slot()
    def remove_supporter(self) -> None:
        row = selected_row(self.supporters_table)
        if row is None:
            self.refuse(self.tr("Select a row first."))
            return
        item, actor = self.item_ids[row], self.actor
        self.request(lambda uow: items.remove_supporter(uow, actor, item))
