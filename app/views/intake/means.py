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

from app.domain.benefit import BenefitResult
from app.domain.codes import AssetKind, IncomeKind
from app.domain.income import IncomeAssessment
from app.errors import UserError
from app.services.intake import window as worklist_intake
from app.services.intake.household import IncomeInput
from app.services.intake.window import AssetInput
from app.views.intake.pages import _wizard
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.widgets.forms import ErrorLabel, MoneyEdit, fit_columns, money_text, stretch_column, work_table


class MeansPage(QWizardPage):
    """Income lines (amount over a number of months) and assets; the estimate updates on every change."""

    def __init__(self) -> None:
        super().__init__()
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
                ColumnSpec(self.tr("Amount (yuan)"), lambda i: money_text(i.amount_fen), right=True),
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
                ColumnSpec(self.tr("Value (yuan)"), lambda a: money_text(a.value_fen), right=True),
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
        members = _wizard(self).members
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
        for index, member in enumerate(_wizard(self).members):
            self.member_combo.addItem(member.name, index)
        self.incomes.set_rows(_wizard(self).incomes)
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
        _wizard(self).incomes.append(income)
        self.incomes.set_rows(_wizard(self).incomes)
        self.amount_edit.clear()
        self.recompute()
        self.kind_combo.setFocus()

    @Slot()
    def remove_income(self) -> None:
        rows = self.income_table.selectionModel().selectedRows()
        if rows:
            del _wizard(self).incomes[rows[0].row()]
            self.incomes.set_rows(_wizard(self).incomes)
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
        _wizard(self).assets.append(asset)
        self.assets.set_rows(_wizard(self).assets)
        self.asset_text_edit.clear()
        self.asset_value_edit.clear()
        self.asset_exempt_check.setChecked(False)
        self.asset_kind_combo.setFocus()

    # ---------------------------------------------------------------- the estimate

    def _applicant_index(self) -> list[int] | None:
        """The single-person household's one covered member: the applicant."""
        wizard = _wizard(self)
        for index, member in enumerate(wizard.members):
            if member.id_number.upper() == wizard.looked_up:
                return [index]
        return None

    def recompute(self) -> None:
        self.estimate.setText(self.estimate_text())

    def estimate_text(self) -> str:
        """Per-capita income and the monthly amount by the shared calculation, or why there is none."""
        wizard = _wizard(self)
        if wizard is None or wizard.basis is None:
            return self.tr("Loading the standards…")
        program = wizard.application_page.program()
        single = wizard.application_page.single_check.isChecked() or program.value == "tekun"
        try:
            assessed, result = worklist_intake.draft_estimate(
                wizard.basis,
                program,
                wizard.urban_rural(),
                wizard.application_page.applied_edit.value(),
                wizard.members,
                wizard.incomes,
                self._applicant_index() if single else None,
                wizard.village_code(),
            )
        except UserError as exc:
            return exc.message
        return self.describe(assessed, result)

    def describe(self, assessed: IncomeAssessment, result: BenefitResult) -> str:
        """The estimate as the clerk reads it (also used for a household already on file)."""
        lines = [
            self.tr("Members living together: <b>{n}</b>").format(n=assessed.members),
            self.tr("Household income a month: <b>{amount}</b> yuan").format(
                amount=money_text(assessed.net_monthly_fen)
            ),
            self.tr("Per capita a month: <b>{amount}</b> yuan").format(
                amount=money_text(assessed.per_capita_fen)
            ),
            self.tr("Standard a month: {amount} yuan").format(amount=money_text(result.standard_fen)),
        ]
        if result.eligible:
            lines.append(
                self.tr("Estimated amount: <b>{amount}</b> yuan a month").format(
                    amount=money_text(result.total_fen)
                )
            )
        else:
            lines.append(self.tr("<b>Not eligible on these figures.</b>"))
        lines.append(f"<span style='color:#555'>{result.reason}</span>")
        return "<br>".join(lines)
