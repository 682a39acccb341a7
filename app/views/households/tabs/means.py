"""The 收入 and 财产 tabs: the household's incomes and assets, added and removed one row at a time."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from app.domain.codes import AssetKind, IncomeKind
from app.domain.money import yuan
from app.services.households import items
from app.services.households.edit import AssetData, HouseholdFile, IncomeData
from app.views.households.tabs.common import FileTab, fill, label_of, list_layout, make_table, selected_row
from app.views.widgets.forms import SPIN_WIDTH, MoneyEdit
from app.views.workspace import Workspace


class IncomesTab(FileTab):
    """Incomes by kind, of a member or of the whole household, with the months they cover."""

    CONCERNS = frozenset({"income_item", "person"})

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        self.item_ids: list[str] = []
        self.incomes_table = make_table(
            [self.tr("Kind"), self.tr("Member"), self.tr("Amount (yuan)"), self.tr("Months"), self.tr("Note")]
        )
        self.income_kind_combo = QComboBox()
        for kind in IncomeKind:
            self.income_kind_combo.addItem(kind.label, kind.value)
        self.income_member_combo = QComboBox()
        self.income_amount_edit = MoneyEdit()
        self.income_months_spin = QSpinBox()
        self.income_months_spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.income_months_spin.setRange(1, 12)
        self.income_months_spin.setValue(12)
        self.income_note_edit = QLineEdit()
        self.add_income_button = QPushButton(self.tr("Add &income"))
        self.remove_income_button = QPushButton(self.tr("Remove income"))
        self.add_income_button.clicked.connect(self.add_income)
        self.remove_income_button.clicked.connect(self.remove_income)
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.income_kind_combo)
        form.addRow(self.tr("Member:"), self.income_member_combo)
        form.addRow(self.tr("Amount (yuan):"), self.income_amount_edit)
        form.addRow(self.tr("Months covered:"), self.income_months_spin)
        form.addRow(self.tr("Note:"), self.income_note_edit)
        list_layout(self, self.incomes_table, form, self.add_income_button, self.remove_income_button)
        self.add_editors(
            self.add_income_button,
            self.remove_income_button,
            self.income_kind_combo,
            self.income_member_combo,
            self.income_amount_edit,
            self.income_months_spin,
            self.income_note_edit,
        )

    def show_file(self, file: HouseholdFile) -> None:
        names = {m.person_id: m.name for m in file.members}
        self.income_member_combo.clear()
        self.income_member_combo.addItem(self.tr("(whole household)"), None)
        for m in file.members:
            if m.is_member:
                self.income_member_combo.addItem(m.name, m.person_id)
        self.item_ids = [i.item_id for i in file.incomes]
        fill(
            self.incomes_table,
            [
                [
                    label_of(IncomeKind, i.kind),
                    names.get(i.person_id or "", ""),
                    yuan(i.amount_fen),
                    str(i.period_months),
                    i.reason,
                ]
                for i in file.incomes
            ],
        )

    @Slot()
    def add_income(self) -> None:
        fen = self.income_amount_edit.fen()
        if fen is None:
            self.refuse(self.tr("Type the amount."))
            return
        data = IncomeData(
            kind=IncomeKind(self.income_kind_combo.currentData()),
            amount_fen=fen,
            period_months=self.income_months_spin.value(),
            person_id=self.income_member_combo.currentData(),
            reason=self.income_note_edit.text().strip(),
        )
        actor, hh = self.actor, self.household_id
        self.request(
            lambda uow: items.add_income(uow, actor, hh, data),
            (self.income_amount_edit, self.income_note_edit),
        )

    @Slot()
    def remove_income(self) -> None:
        row = selected_row(self.incomes_table)
        if row is None:
            self.refuse(self.tr("Select a row first."))
            return
        item, actor = self.item_ids[row], self.actor
        self.request(lambda uow: items.remove_income(uow, actor, item))


class AssetsTab(FileTab):
    """Assets by kind with quantity and value; exempt ones are marked."""

    CONCERNS = frozenset({"asset_item"})

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, household_id, parent)
        self.item_ids: list[str] = []
        self.assets_table = make_table(
            [
                self.tr("Kind"),
                self.tr("Description"),
                self.tr("Quantity"),
                self.tr("Value (yuan)"),
                self.tr("Exempt"),
            ]
        )
        self.asset_kind_combo = QComboBox()
        for kind in AssetKind:
            self.asset_kind_combo.addItem(kind.label, kind.value)
        self.asset_description_edit = QLineEdit()
        self.asset_quantity_spin = QSpinBox()
        self.asset_quantity_spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.asset_quantity_spin.setRange(1, 9999)
        self.asset_value_edit = MoneyEdit()
        self.add_asset_button = QPushButton(self.tr("Add &asset"))
        self.remove_asset_button = QPushButton(self.tr("Remove asset"))
        self.add_asset_button.clicked.connect(self.add_asset)
        self.remove_asset_button.clicked.connect(self.remove_asset)
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.asset_kind_combo)
        form.addRow(self.tr("Description:"), self.asset_description_edit)
        form.addRow(self.tr("Quantity:"), self.asset_quantity_spin)
        form.addRow(self.tr("Value (yuan):"), self.asset_value_edit)
        list_layout(self, self.assets_table, form, self.add_asset_button, self.remove_asset_button)
        self.add_editors(
            self.add_asset_button,
            self.remove_asset_button,
            self.asset_kind_combo,
            self.asset_description_edit,
            self.asset_quantity_spin,
            self.asset_value_edit,
        )

    def show_file(self, file: HouseholdFile) -> None:
        yes = self.tr("Yes")
        self.item_ids = [a.item_id for a in file.assets]
        fill(
            self.assets_table,
            [
                [
                    label_of(AssetKind, a.kind),
                    a.description,
                    str(a.quantity),
                    yuan(a.value_fen),
                    yes if a.exempt else "",
                ]
                for a in file.assets
            ],
        )

    @Slot()
    def add_asset(self) -> None:
        data = AssetData(
            kind=AssetKind(self.asset_kind_combo.currentData()),
            description=self.asset_description_edit.text(),
            quantity=self.asset_quantity_spin.value(),
            value_fen=self.asset_value_edit.fen() or 0,
        )
        actor, hh = self.actor, self.household_id
        self.request(
            lambda uow: items.add_asset(uow, actor, hh, data),
            (self.asset_description_edit, self.asset_value_edit),
        )

    @Slot()
    def remove_asset(self) -> None:
        row = selected_row(self.assets_table)
        if row is None:
            self.refuse(self.tr("Select a row first."))
            return
        item, actor = self.item_ids[row], self.actor
        self.request(lambda uow: items.remove_asset(uow, actor, item))
