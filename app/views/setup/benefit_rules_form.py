"""The benefit-rule form: 补差 or 分档 (and the tiers), 分类施保 per group, rounding, floor and ages."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QRegularExpression, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.benefit import BenefitRules, Tier, TopupGroup, TopupRule
from app.domain.money import Rounding, fen_to_yuan, yuan_to_fen
from app.errors import UserError
from app.views.widgets.forms import SPIN_WIDTH, MoneyEdit

_NUMBER = QRegularExpression(r"^\d{0,7}([.]\d{0,2})?$")


def _number_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setValidator(QRegularExpressionValidator(_NUMBER, edit))
    edit.setMaximumWidth(120)
    return edit


class BenefitRulesForm(QWidget):
    """Shows a ``BenefitRules`` and builds a new one from what is entered (``rules()``)."""

    NAME, MAX_PER_CAPITA, AMOUNT = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Gap to the standard"), "gap")
        self.mode_combo.addItem(self.tr("Tiers"), "tier")

        self.tier_table = QTableWidget(0, 3)
        self.tier_table.setHorizontalHeaderLabels(
            [self.tr("Tier"), self.tr("Income a head up to (yuan)"), self.tr("Amount a person (yuan)")]
        )
        self.tier_table.verticalHeader().setVisible(False)
        self.tier_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tier_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_tier_button = QPushButton(self.tr("Add a &tier"))
        self.add_tier_button.clicked.connect(self.add_tier)
        self.remove_tier_button = QPushButton(self.tr("Remove the tier"))
        self.remove_tier_button.clicked.connect(self._on_remove_tier)
        tier_buttons = QHBoxLayout()
        tier_buttons.addWidget(self.add_tier_button)
        tier_buttons.addWidget(self.remove_tier_button)
        tier_buttons.addStretch(1)
        tier_box = QGroupBox(self.tr("Tiers (used when the calculation is by tiers)"))
        tier_layout = QVBoxLayout(tier_box)
        tier_layout.addWidget(self.tier_table)
        tier_layout.addLayout(tier_buttons)
        tier_layout.addWidget(QLabel(self.tr("Leave the income limit of the last tier empty for no limit.")))

        self.topup_modes: dict[TopupGroup, QComboBox] = {}
        self.topup_values: dict[TopupGroup, QLineEdit] = {}
        topup_box = QGroupBox(self.tr("Extra support for groups"))
        grid = QGridLayout(topup_box)
        for row, group in enumerate(TopupGroup):
            mode = QComboBox()
            mode.addItem(self.tr("None"), "")
            mode.addItem(self.tr("Fixed yuan a month"), "fixed")
            mode.addItem(self.tr("Percent of the standard"), "percent")
            value = _number_edit()
            mode.currentIndexChanged.connect(lambda _i, m=mode, v=value: v.setEnabled(bool(m.currentData())))
            value.setEnabled(False)
            grid.addWidget(QLabel(group.label), row, 0)
            grid.addWidget(mode, row, 1)
            grid.addWidget(value, row, 2)
            self.topup_modes[group], self.topup_values[group] = mode, value
        self.combine_combo = QComboBox()
        self.combine_combo.addItem(self.tr("The highest one"), "max")
        self.combine_combo.addItem(self.tr("All added up"), "sum")
        grid.addWidget(QLabel(self.tr("A person in several groups gets:")), len(TopupGroup), 0)
        grid.addWidget(self.combine_combo, len(TopupGroup), 1, 1, 2)

        self.rounding_combo = QComboBox()
        for rounding in Rounding:
            self.rounding_combo.addItem(rounding.label, rounding.value)
        self.min_payment_edit = MoneyEdit()
        self.elderly_spin = QSpinBox()
        self.elderly_spin.setRange(50, 100)
        self.minor_spin = QSpinBox()
        self.minor_spin.setRange(1, 18)
        for spin in (self.elderly_spin, self.minor_spin):
            spin.setMaximumWidth(SPIN_WIDTH)  # two digits, not a stretch across the form
        self.edge_edit = _number_edit()
        general = QFormLayout()
        general.addRow(self.tr("&Calculation:"), self.mode_combo)
        general.addRow(self.tr("&Rounding:"), self.rounding_combo)
        general.addRow(self.tr("Minimum &payment (yuan):"), self.min_payment_edit)
        general.addRow(self.tr("E&lderly from age:"), self.elderly_spin)
        general.addRow(self.tr("M&inor under age:"), self.minor_spin)
        general.addRow(self.tr("Near-dibao &multiple of the standard:"), self.edge_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(general)
        layout.addWidget(tier_box)
        layout.addWidget(topup_box)
        self.set_rules(BenefitRules())

    # ---------------------------------------------------------------- show

    def set_rules(self, rules: BenefitRules) -> None:
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(rules.calc_mode)))
        self.rounding_combo.setCurrentIndex(max(0, self.rounding_combo.findData(rules.rounding.value)))
        self.combine_combo.setCurrentIndex(max(0, self.combine_combo.findData(rules.topup_combine)))
        self.min_payment_edit.set_fen(rules.min_payment_fen)
        self.elderly_spin.setValue(rules.elderly_age)
        self.minor_spin.setValue(rules.minor_age)
        self.edge_edit.setText(str(rules.edge_multiplier))
        self.tier_table.setRowCount(0)
        for tier in rules.tiers:
            self.add_tier(tier)
        by_group = {r.group: r for r in rules.topups}
        for group in TopupGroup:
            rule = by_group.get(group)
            mode, value = self.topup_modes[group], self.topup_values[group]
            mode.setCurrentIndex(mode.findData(rule.mode if rule else ""))
            if rule is None:
                value.clear()
            elif rule.mode == "fixed":
                value.setText(fen_to_yuan(int(rule.value)))
            else:
                value.setText(str(rule.value))

    @Slot()
    def add_tier(self, tier: Tier | None = None) -> None:
        row = self.tier_table.rowCount()
        self.tier_table.insertRow(row)
        if not isinstance(tier, Tier):  # the button's clicked(bool) passes a bool
            tier = None
        texts = (
            tier.name if tier else "",
            fen_to_yuan(tier.max_per_capita_fen) if tier and tier.max_per_capita_fen is not None else "",
            fen_to_yuan(tier.amount_per_person_fen) if tier else "",
        )
        for column, text in enumerate(texts):
            self.tier_table.setItem(row, column, QTableWidgetItem(text))

    @Slot()
    def _on_remove_tier(self) -> None:
        row = self.tier_table.currentRow()
        if row >= 0:
            self.tier_table.removeRow(row)

    # ---------------------------------------------------------------- read

    def _cell(self, row: int, column: int) -> str:
        item = self.tier_table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _tiers(self) -> tuple[Tier, ...]:
        tiers = []
        for row in range(self.tier_table.rowCount()):
            name, limit, amount = (self._cell(row, c) for c in range(3))
            if not (name or limit or amount):
                continue
            if not amount:
                raise UserError(self.tr("Enter the amount a person of tier {row}.").format(row=row + 1))
            tiers.append(Tier(name, yuan_to_fen(amount), yuan_to_fen(limit) if limit else None))
        return tuple(tiers)

    def _topups(self) -> tuple[TopupRule, ...]:
        rules = []
        for group in TopupGroup:
            mode = str(self.topup_modes[group].currentData())
            if not mode:
                continue
            text = self.topup_values[group].text().strip()
            if not text:
                raise UserError(self.tr("Enter the extra support for {group}.").format(group=group.label))
            value = Decimal(yuan_to_fen(text)) if mode == "fixed" else Decimal(text)
            rules.append(TopupRule(group, mode, value))
        return tuple(rules)

    def rules(self) -> BenefitRules:
        """The rules as entered; UserError (from the domain's own checks too) when they cannot be."""
        try:
            edge = Decimal(self.edge_edit.text().strip() or "1.5")
        except InvalidOperation as exc:
            raise UserError(self.tr("The near-dibao multiple is not a number.")) from exc
        return BenefitRules(
            calc_mode=str(self.mode_combo.currentData()),
            tiers=self._tiers(),
            topups=self._topups(),
            topup_combine=str(self.combine_combo.currentData()),
            rounding=Rounding(self.rounding_combo.currentData()),
            min_payment_fen=self.min_payment_edit.fen() or 0,
            edge_multiplier=edge,
            elderly_age=self.elderly_spin.value(),
            minor_age=self.minor_spin.value(),
        )
