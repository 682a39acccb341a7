"""The intake wizard's income and assets page, with the per-capita income and the amount computed live."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.codes import AssetKind, IncomeKind
from app.domain.money import yuan
from app.errors import UserError
from app.services.intake.household import IncomeInput
from app.services.intake.window import AssetInput
from app.views.intake.draft import IntakeDraft
from app.views.intake.estimate import EstimateText
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.widgets.forms import ErrorLabel, MoneyEdit, fit_columns, stretch_column, work_table


class MeansPage(QWizardPage):
    """Income lines (amount over a number of months) and assets; the estimate updates on every change."""

    def __init__(self, draft: IntakeDraft) -> None:
        super().__init__()
        self.draft = draft
        self.estimate_text = EstimateText(self)
        self.setTitle(self.tr("Income and assets"))
        self.setSubTitle(
            self.tr(
                "Income over the period the county counts (often 12 months); the estimate follows the rules."
            )
        )
        self.member_combo = QComboBox()
        self.kind_combo = QComboBox()
        for kind in IncomeKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.amount_edit = MoneyEdit()
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, 36)
        self.months_spin.setValue(12)
        self.months_spin.setSuffix(self.tr(" months"))
        self.add_income_button = QPushButton(self.tr("&Add income"))
        self.remove_income_button = QPushButton(self.tr("Remove the chosen income"))
        self.incomes = RowsTableModel[IncomeInput](
            [
                ColumnSpec(self.tr("Member"), self._member_name),
                ColumnSpec(self.tr("Income kind"), lambda i: i.kind.label),
                ColumnSpec(self.tr("Amount (yuan)"), lambda i: yuan(i.amount_fen), right=True),
                ColumnSpec(self.tr("Months"), lambda i: str(i.period_months), right=True),
            ],
            self,
        )
        self.income_table = work_table()
        self.income_table.setModel(self.incomes)
        fit_columns(self.income_table, {0: "欧阳小明明", 2: "123,456.00", 3: "月数"})
        stretch_column(self.income_table, 1)

        self.asset_kind_combo = QComboBox()
        for asset in AssetKind:
            self.asset_kind_combo.addItem(asset.label, asset.value)
        self.asset_text_edit = QLineEdit()
        self.asset_text_edit.setPlaceholderText(self.tr("what, where, how many"))
        self.asset_value_edit = MoneyEdit()
        self.asset_exempt_check = QCheckBox(self.tr("E&xempt"))
        self.add_asset_button = QPushButton(self.tr("Add a&sset"))
        self.assets = RowsTableModel[AssetInput](
            [
                ColumnSpec(self.tr("Asset kind"), lambda a: a.kind.label),
                ColumnSpec(self.tr("Description"), lambda a: a.description),
                ColumnSpec(self.tr("Value (yuan)"), lambda a: yuan(a.value_fen), right=True),
                ColumnSpec(self.tr("Exempt"), lambda a: self.tr("yes") if a.exempt else ""),
            ],
            self,
        )
        self.asset_table = work_table()
        self.asset_table.setModel(self.assets)
        fit_columns(self.asset_table, {0: "大型农机具", 2: "1,234,567.00", 3: "豁免"})
        stretch_column(self.asset_table, 1)

        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.estimate.setTextFormat(Qt.TextFormat.RichText)
        self.estimate.setMinimumWidth(280)
        self.error = ErrorLabel()
        self._layout()
        self.add_income_button.clicked.connect(self.add_income)
        self.amount_edit.returnPressed.connect(self.add_income)
        self.remove_income_button.clicked.connect(self.remove_income)
        self.add_asset_button.clicked.connect(self.add_asset)
        self.asset_value_edit.returnPressed.connect(self.add_asset)

    def _layout(self) -> None:
        income_row = QHBoxLayout()
        for text, widget in (
            (self.tr("&Member:"), self.member_combo),
            (self.tr("&Kind:"), self.kind_combo),
            (self.tr("Amount (&Y):"), self.amount_edit),
            (self.tr("&Over:"), self.months_spin),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            income_row.addWidget(label)
            income_row.addWidget(widget)
        income_row.addWidget(self.add_income_button)
        income_row.addStretch(1)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_income_button)
        asset_row = QHBoxLayout()
        asset_fields: tuple[tuple[str, QWidget], ...] = (
            (self.tr("Asse&t:"), self.asset_kind_combo),
            (self.tr("&Description:"), self.asset_text_edit),
            (self.tr("&Value:"), self.asset_value_edit),
        )
        for text, field in asset_fields:
            label = QLabel(text)
            label.setBuddy(field)
            asset_row.addWidget(label)
            asset_row.addWidget(field, 1 if field is self.asset_text_edit else 0)
        asset_row.addWidget(self.asset_exempt_check)
        asset_row.addWidget(self.add_asset_button)
        left = QVBoxLayout()
        left.addLayout(income_row)
        left.addWidget(self.income_table, 3)
        left.addLayout(remove_row)
        left.addLayout(asset_row)
        left.addWidget(self.asset_table, 2)
        left.addWidget(self.error)
        box = QGroupBox(self.tr("Estimate"))
        QVBoxLayout(box).addWidget(self.estimate, 1, Qt.AlignmentFlag.AlignTop)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(box, 1)

    def _member_name(self, income: IncomeInput) -> str:
        members = self.draft.members
        if income.member_index is None or income.member_index >= len(members):
            return self.tr("household")
        return members[income.member_index].name

    # ---------------------------------------------------------------- editing

    def initializePage(self) -> None:
        self.members_changed()

    def members_changed(self) -> None:
        """Members were added or removed: offer them for income lines and recompute."""
        self.member_combo.clear()
        self.member_combo.addItem(self.tr("whole household"), None)
        for index, member in enumerate(self.draft.members):
            self.member_combo.addItem(member.name, index)
        self.incomes.set_rows(self.draft.incomes)
        self.assets.set_rows(self.draft.assets)
        self.recompute()

    @Slot()
    def add_income(self) -> None:
        try:
            fen = self.amount_edit.fen()
            if not fen:
                raise UserError(self.tr("Type the amount in yuan."))
            income = IncomeInput(
                IncomeKind(self.kind_combo.currentData()),
                fen,
                self.months_spin.value(),
                self.member_combo.currentData(),
            )
        except UserError as exc:
            self.error.show_error(str(exc))
            return
        self.error.clear_error()
        self.draft.incomes.append(income)
        self.incomes.set_rows(self.draft.incomes)
        self.amount_edit.clear()
        self.recompute()
        self.kind_combo.setFocus()

    @Slot()
    def remove_income(self) -> None:
        rows = self.income_table.selectionModel().selectedRows()
        if rows:
            del self.draft.incomes[rows[0].row()]
            self.incomes.set_rows(self.draft.incomes)
            self.recompute()

    @Slot()
    def add_asset(self) -> None:
        try:
            value = self.asset_value_edit.fen() or 0
        except UserError as exc:
            self.error.show_error(str(exc))
            return
        asset = AssetInput(
            AssetKind(self.asset_kind_combo.currentData()),
            self.asset_text_edit.text().strip(),
            value,
            exempt=self.asset_exempt_check.isChecked(),
        )
        self.draft.assets.append(asset)
        self.assets.set_rows(self.draft.assets)
        self.asset_text_edit.clear()
        self.asset_value_edit.clear()
        self.asset_exempt_check.setChecked(False)
        self.asset_kind_combo.setFocus()

    # ---------------------------------------------------------------- the estimate

    def recompute(self) -> None:
        """Per-capita income and the monthly amount by the shared calculation, or why there is none."""
        self.estimate.setText(self.estimate_text.for_draft(self.draft))
