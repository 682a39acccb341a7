"""Editing a household's file: its facts, members, incomes, assets, supporters and scanned forms.

Every change goes through ``app.services.household_edit`` on the database thread and is written at
once (one transaction per action); the file is then read again. A village cadre sees it read-only.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import idcard, relations
from app.domain.codes import AssetKind, Health, HousingType, IncomeKind, Sex, UrbanRural
from app.errors import UserError
from app.models.db import Database, UnitOfWork
from app.paths import DataPaths
from app.services import household_edit, household_items
from app.services.context import Actor
from app.services.household_edit import AssetData, HouseholdFields, HouseholdFile, IncomeData, SupporterData
from app.services.households import MemberInput
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import TONES
from app.views.widgets.forms import ErrorLabel, MoneyEdit, money_text, show_date
from app.views.widgets.member_inputs import MemberInputs

Change = Callable[[UnitOfWork, Actor], object]


def _label(enum: Any, code: str | None) -> str:
    if code is None:
        return ""
    return enum(code).label if code in {m.value for m in enum} else code


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


def _selected(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class HouseholdEditor(QDialog):
    """The household file, tab by tab; each change is saved through the service off the GUI thread."""

    saved = Signal(str)  # household id, after each change written
    loaded = Signal()  # the file was (re)read
    refused = Signal(str)  # a change was refused; the message is shown on the dialog

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        paths: DataPaths,
        household_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.signed_in = signed_in
        self.actor = signed_in.actor
        self.paths = paths
        self.household_id = household_id
        self.file: HouseholdFile | None = None
        self._editors: list[QWidget] = []
        self._clear_after_save: tuple[QLineEdit, ...] = ()
        self.setWindowTitle(self.tr("Edit household file"))
        self.resize(900, 620)

        self.heading = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet(f"color: {TONES['soon']};")
        self.read_only_label.hide()
        self.error = ErrorLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._household_tab(), self.tr("Household"))
        self.tabs.addTab(self._members_tab(), self.tr("Members"))
        self.tabs.addTab(self._incomes_tab(), self.tr("Incomes"))
        self.tabs.addTab(self._assets_tab(), self.tr("Assets"))
        self.tabs.addTab(self._supporters_tab(), self.tr("Supporters"))
        self.tabs.addTab(self._attachments_tab(), self.tr("Attachments"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._set_editable(False)
        self.reload()

    # ---------------------------------------------------------------- tabs

    def _editable(self, *widgets: QWidget) -> None:
        self._editors.extend(widgets)

    def _household_tab(self) -> QWidget:
        page = QWidget()
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
        form = QFormLayout(page)
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
        self._editable(
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
        return page

    def _members_tab(self) -> QWidget:
        page = QWidget()
        self.members_table = _table(
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
        grid = QGridLayout()
        fields = (
            (self.tr("Na&me:"), self.name_edit),
            (self.tr("&ID number:"), self.id_edit),
            (self.tr("Relation to &head:"), self.relation_combo),
            (self.tr("&Sex:"), self.sex_combo),
            (self.tr("Date of bir&th:"), self.birth_edit),
            (self.tr("H&ealth:"), self.health_combo),
            (self.tr("&Reason moved out:"), self.reason_edit),
        )
        for i, (text, widget) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        buttons = QHBoxLayout()
        for button in (self.add_member_button, self.update_member_button, self.remove_member_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.members_table, 1)
        layout.addLayout(grid)
        layout.addWidget(self.flags)
        layout.addLayout(buttons)
        self.id_edit.textChanged.connect(self._on_id_changed)
        self.sex_combo.currentIndexChanged.connect(self._show_flags)
        self.relation_combo.currentIndexChanged.connect(self._show_flags)
        self.birth_edit.dateChanged.connect(self._show_flags)
        self.add_member_button.clicked.connect(self.add_member)
        self.update_member_button.clicked.connect(self.update_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self._editable(
            self.name_edit,
            self.id_edit,
            self.relation_combo,
            self.sex_combo,
            self.birth_edit,
            self.health_combo,
            self.reason_edit,
            self.add_member_button,
            self.update_member_button,
            self.remove_member_button,
        )
        return page

    def _incomes_tab(self) -> QWidget:
        page = QWidget()
        self.incomes_table = _table(
            [self.tr("Kind"), self.tr("Member"), self.tr("Amount (yuan)"), self.tr("Months"), self.tr("Note")]
        )
        self.income_kind_combo = QComboBox()
        for kind in IncomeKind:
            self.income_kind_combo.addItem(kind.label, kind.value)
        self.income_member_combo = QComboBox()
        self.income_amount_edit = MoneyEdit()
        self.income_months_spin = QSpinBox()
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
        return self._list_page(
            page,
            self.incomes_table,
            form,
            self.add_income_button,
            self.remove_income_button,
            self.income_kind_combo,
            self.income_member_combo,
            self.income_amount_edit,
            self.income_months_spin,
            self.income_note_edit,
        )

    def _assets_tab(self) -> QWidget:
        page = QWidget()
        self.assets_table = _table(
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
        return self._list_page(
            page,
            self.assets_table,
            form,
            self.add_asset_button,
            self.remove_asset_button,
            self.asset_kind_combo,
            self.asset_description_edit,
            self.asset_quantity_spin,
            self.asset_value_edit,
        )

    def _supporters_tab(self) -> QWidget:
        page = QWidget()
        self.supporters_table = _table(
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
        return self._list_page(
            page,
            self.supporters_table,
            form,
            self.add_supporter_button,
            self.remove_supporter_button,
            self.supporter_name_edit,
            self.supporter_id_edit,
            self.supporter_relation_edit,
            self.supporter_income_edit,
            self.supporter_paid_edit,
            self.supporter_able_check,
        )

    def _attachments_tab(self) -> QWidget:
        page = QWidget()
        self.attachments_table = _table(
            [self.tr("Kind"), self.tr("File"), self.tr("Size (KB)"), self.tr("Note")]
        )
        self.attachments_table.doubleClicked.connect(lambda _i: self.open_attachment())
        self.attachment_kind_edit = QLineEdit()
        self.attachment_kind_edit.setPlaceholderText(self.tr("e.g. signed authorisation"))
        self.add_attachment_button = QPushButton(self.tr("Add &scan…"))
        self.open_attachment_button = QPushButton(self.tr("&Open"))
        self.add_attachment_button.clicked.connect(self._choose_attachment)
        self.open_attachment_button.clicked.connect(self.open_attachment)
        form = QFormLayout()
        form.addRow(self.tr("Kind of form:"), self.attachment_kind_edit)
        self._list_page(
            page,
            self.attachments_table,
            form,
            self.add_attachment_button,
            self.open_attachment_button,
            self.attachment_kind_edit,
        )
        self._editors.remove(self.open_attachment_button)  # opening is reading: everyone may
        return page

    def _list_page(
        self,
        page: QWidget,
        table: QTableWidget,
        form: QFormLayout,
        add: QPushButton,
        remove: QPushButton,
        *inputs: QWidget,
    ) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._editable(add, remove, *inputs)
        return page

    # ---------------------------------------------------------------- loading

    def reload(self) -> None:
        db, actor, hh = self.db, self.actor, self.household_id

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> HouseholdFile:
            with db.uow(actor.username) as uow:
                return household_edit.load(uow, actor, hh)

        tasks.run(work, self._show_file, self._on_load_error)

    @Slot(object)
    def _on_load_error(self, error: UserError) -> None:
        self.error.show_error(error.message)
        self.loaded.emit()

    @Slot(object)
    def _show_file(self, file: HouseholdFile) -> None:
        self.file = file
        self.heading.setText(
            self.tr("Household of {head}, {village}").format(head=file.head_name, village=file.village)
        )
        if not file.editable:
            self.read_only_label.setText(self.tr("Read-only: {reason}").format(reason=file.read_only_reason))
        self.read_only_label.setVisible(not file.editable)
        self._set_editable(file.editable)
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
        mask = self.signed_in.masks_id_numbers
        yes, no = self.tr("Yes"), self.tr("No")
        _fill(
            self.members_table,
            [
                [
                    m.name,
                    relations.relation_name(m.relation_code)
                    if relations.is_known(m.relation_code)
                    else m.relation_code,
                    _label(Sex, m.sex),
                    show_date(m.birth_date),
                    idcard.mask(m.id_number) if mask else m.id_number,
                    yes if m.is_member else f"{no}（{m.not_member_reason}）",
                ]
                for m in file.members
            ],
        )
        names = {m.person_id: m.name for m in file.members}
        self.income_member_combo.clear()
        self.income_member_combo.addItem(self.tr("(whole household)"), None)
        for m in file.members:
            if m.is_member:
                self.income_member_combo.addItem(m.name, m.person_id)
        _fill(
            self.incomes_table,
            [
                [
                    _label(IncomeKind, i.kind),
                    names.get(i.person_id or "", ""),
                    money_text(i.amount_fen),
                    str(i.period_months),
                    i.reason,
                ]
                for i in file.incomes
            ],
        )
        _fill(
            self.assets_table,
            [
                [
                    _label(AssetKind, a.kind),
                    a.description,
                    str(a.quantity),
                    money_text(a.value_fen),
                    yes if a.exempt else "",
                ]
                for a in file.assets
            ],
        )
        _fill(
            self.supporters_table,
            [
                [
                    s.name,
                    s.relation,
                    idcard.mask(s.id_number) if mask and s.id_number else s.id_number,
                    money_text(s.annual_income_fen),
                    money_text(s.support_paid_fen),
                    yes if s.able_to_support else no,
                ]
                for s in file.supporters
            ],
        )
        _fill(
            self.attachments_table,
            [[a.kind, a.filename, f"{(a.size + 1023) // 1024}", a.note] for a in file.attachments],
        )
        self.loaded.emit()

    def _set_editable(self, editable: bool) -> None:
        for widget in self._editors:
            widget.setEnabled(editable)

    # ---------------------------------------------------------------- saving

    def _apply(self, change: Change, clear: tuple[QLineEdit, ...] = ()) -> None:
        """Write one change through the service on the database thread, then read the file again.

        ``clear``: inputs emptied once the change is written (kept as typed when it is refused).
        """
        self._clear_after_save = clear
        db, actor = self.db, self.actor
        self.error.clear_error()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> None:
            with db.uow(actor.username) as uow:
                change(uow, actor)
                uow.commit()

        tasks.run(work, self._on_saved, self._on_refused)

    @Slot(object)
    def _on_saved(self, _result: object) -> None:
        for edit in self._clear_after_save:
            edit.clear()
        self._clear_after_save = ()
        self.saved.emit(self.household_id)
        self.reload()

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.refused.emit(str(error))

    def _refuse(self, message: str) -> None:
        self.error.show_error(message)
        self.refused.emit(message)

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
        hh = self.household_id
        self._apply(lambda uow, actor: household_edit.update_household(uow, actor, hh, fields))

    # members

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
        if self.file is not None and not relations.is_head(member.relation_code):
            head_birth = next(
                (
                    m.birth_date
                    for m in self.file.members
                    if m.is_member and relations.is_head(m.relation_code)
                ),
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

    def _selected_member(self) -> household_edit.MemberView | None:
        row = _selected(self.members_table)
        if row is None or self.file is None:
            return None
        return self.file.members[row]

    @Slot()
    def _member_selected(self) -> None:
        member = self._selected_member()
        if member is None or self.signed_in.masks_id_numbers:
            return
        self.name_edit.setText(member.name)
        self.id_edit.setText(member.id_number)
        self.relation_combo.setCurrentIndex(self.relation_combo.findData(member.relation_code))
        self.health_combo.setCurrentIndex(max(0, self.health_combo.findData(member.health)))

    @Slot()
    def add_member(self) -> None:
        member = self.current_member()
        hh = self.household_id
        self._apply(
            lambda uow, actor: household_edit.add_member(uow, actor, hh, member),
            (self.name_edit, self.id_edit),
        )

    @Slot()
    def update_member(self) -> None:
        selected = self._selected_member()
        if selected is None:
            self._refuse(self.tr("Select the member to update."))
            return
        member = self.current_member()
        self._apply(lambda uow, actor: household_edit.update_member(uow, actor, selected.person_id, member))

    @Slot()
    def remove_member(self) -> None:
        selected = self._selected_member()
        if selected is None:
            self._refuse(self.tr("Select the member who moved out."))
            return
        reason = self.reason_edit.text()
        self._apply(
            lambda uow, actor: household_edit.remove_member(uow, actor, selected.person_id, reason),
            (self.reason_edit,),
        )

    # incomes, assets, supporters

    def _selected_id(self, table: QTableWidget, ids: list[str]) -> str | None:
        row = _selected(table)
        if row is None:
            self._refuse(self.tr("Select a row first."))
            return None
        return ids[row]

    @Slot()
    def add_income(self) -> None:
        fen = self.income_amount_edit.fen()
        if fen is None:
            self._refuse(self.tr("Type the amount."))
            return
        data = IncomeData(
            kind=IncomeKind(self.income_kind_combo.currentData()),
            amount_fen=fen,
            period_months=self.income_months_spin.value(),
            person_id=self.income_member_combo.currentData(),
            reason=self.income_note_edit.text().strip(),
        )
        hh = self.household_id
        self._apply(
            lambda uow, actor: household_items.add_income(uow, actor, hh, data),
            (self.income_amount_edit, self.income_note_edit),
        )

    @Slot()
    def remove_income(self) -> None:
        ids = [i.item_id for i in self.file.incomes] if self.file else []
        item = self._selected_id(self.incomes_table, ids)
        if item is not None:
            self._apply(lambda uow, actor: household_items.remove_income(uow, actor, item))

    @Slot()
    def add_asset(self) -> None:
        data = AssetData(
            kind=AssetKind(self.asset_kind_combo.currentData()),
            description=self.asset_description_edit.text(),
            quantity=self.asset_quantity_spin.value(),
            value_fen=self.asset_value_edit.fen() or 0,
        )
        hh = self.household_id
        self._apply(
            lambda uow, actor: household_items.add_asset(uow, actor, hh, data),
            (self.asset_description_edit, self.asset_value_edit),
        )

    @Slot()
    def remove_asset(self) -> None:
        ids = [a.item_id for a in self.file.assets] if self.file else []
        item = self._selected_id(self.assets_table, ids)
        if item is not None:
            self._apply(lambda uow, actor: household_items.remove_asset(uow, actor, item))

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
        hh = self.household_id
        self._apply(
            lambda uow, actor: household_items.add_supporter(uow, actor, hh, data),
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
        ids = [s.item_id for s in self.file.supporters] if self.file else []
        item = self._selected_id(self.supporters_table, ids)
        if item is not None:
            self._apply(lambda uow, actor: household_items.remove_supporter(uow, actor, item))

    # attachments

    @Slot()
    def _choose_attachment(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a scan"), "", self.tr("Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)")
        )
        if name:
            self.add_attachment_file(Path(name))

    def add_attachment_file(self, file: Path) -> None:
        kind = self.attachment_kind_edit.text().strip() or self.tr("scan")
        hh, paths = self.household_id, self.paths
        self._apply(lambda uow, actor: household_items.add_attachment(uow, actor, paths, hh, str(file), kind))

    @Slot()
    def open_attachment(self) -> None:
        row = _selected(self.attachments_table)
        if row is None or self.file is None:
            self._refuse(self.tr("Select a row first."))
            return
        attachment = self.file.attachments[row]
        blob = Path(household_items.attachment_path(self.paths, attachment.sha256))
        if not blob.exists():
            self._refuse(self.tr("The file of this scan is missing from the data folder."))
            return
        # The blob is named by its hash; a copy under its own name lets the viewer know its type.
        copy = Path(tempfile.mkdtemp(prefix="jiuzhu-")) / attachment.filename
        shutil.copyfile(blob, copy)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))


def open_household_editor(
    db: Database, signed_in: SignedIn, paths: DataPaths, household_id: str, parent: QWidget | None = None
) -> HouseholdEditor:
    """Show the editor (non-modal) and return it; connect to its ``saved(str)`` to refresh."""
    editor = HouseholdEditor(db, signed_in, paths, household_id, parent)
    editor.show()
    return editor
