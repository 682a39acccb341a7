"""The 家庭 tab: the household's own facts (address, housing, bank account, notes)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QWidget

from app.domain.codes import HousingType, UrbanRural
from app.services.households import edit
from app.services.households.edit import HouseholdFields, HouseholdFile
from app.views.households.tabs.common import FileTab
from app.views.workspace import Workspace


class FactsTab(FileTab):
    """Address, urban or rural, phone, housing, bank account and notes, saved together."""

    CONCERNS = frozenset({"household", "area"})

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        self.address_edit = QLineEdit()
        self.address_edit.setMaxLength(200)
        self.urban_combo = QComboBox()
        for value in UrbanRural:
            self.urban_combo.addItem(value.label, value.value)
        self.phone_edit = QLineEdit()
        self.housing_combo = QComboBox()
        self.housing_combo.addItem(self.tr("(not recorded)"), None)
        for kind in HousingType:
            self.housing_combo.addItem(kind.label, kind.value)
        self.area_edit = QLineEdit()
        self.bank_edit = QLineEdit()
        self.account_edit = QLineEdit()
        self.holder_edit = QLineEdit()
        self.notes_edit = QLineEdit()
        self.save_household_button = QPushButton(self.tr("&Save household"))
        self.save_household_button.clicked.connect(self.save_household)
        form = QFormLayout(self)
        form.addRow(self.tr("&Address:"), self.address_edit)
        form.addRow(self.tr("&Urban or rural:"), self.urban_combo)
        form.addRow(self.tr("&Phone:"), self.phone_edit)
        form.addRow(self.tr("&Housing:"), self.housing_combo)
        form.addRow(self.tr("Housing area (m²):"), self.area_edit)
        form.addRow(self.tr("&Bank:"), self.bank_edit)
        form.addRow(self.tr("Account &number:"), self.account_edit)
        form.addRow(self.tr("Account &holder:"), self.holder_edit)
        form.addRow(self.tr("N&otes:"), self.notes_edit)
        form.addRow(self.save_household_button)
        form.addRow(self.refused)
        self.add_editors(
            self.address_edit,
            self.urban_combo,
            self.phone_edit,
            self.housing_combo,
            self.area_edit,
            self.bank_edit,
            self.account_edit,
            self.holder_edit,
            self.notes_edit,
            self.save_household_button,
        )

    def show_file(self, file: HouseholdFile) -> None:
        f = file.fields
        self.address_edit.setText(f.address)
        self.urban_combo.setCurrentIndex(self.urban_combo.findData(f.urban_rural.value))
        self.phone_edit.setText(f.phone)
        self.housing_combo.setCurrentIndex(
            self.housing_combo.findData(f.housing_type.value) if f.housing_type else 0
        )
        self.area_edit.setText(f.housing_area)
        self.bank_edit.setText(f.bank_name)
        self.account_edit.setText(f.account_no)
        self.holder_edit.setText(f.account_holder)
        self.notes_edit.setText(f.notes)

    @Slot()
    def save_household(self) -> None:
        housing = self.housing_combo.currentData()
        fields = HouseholdFields(
            address=self.address_edit.text(),
            urban_rural=UrbanRural(self.urban_combo.currentData()),
            phone=self.phone_edit.text(),
            housing_type=HousingType(housing) if housing else None,
            housing_area=self.area_edit.text(),
            bank_name=self.bank_edit.text(),
            account_no=self.account_edit.text(),
            account_holder=self.holder_edit.text(),
            notes=self.notes_edit.text(),
        )
        actor, hh = self.actor, self.household_id
        self.request(lambda uow: edit.update_household(uow, actor, hh, fields))
