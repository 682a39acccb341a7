"""The add/edit form for one 保障标准: year, area, 城/乡, programme, amount in yuan, start date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import UrbanRural
from app.errors import UserError
from app.services.setup.standards import PROGRAMS, UNITS, StandardInput, StandardRow
from app.views.widgets.forms import SPIN_WIDTH, DateEdit, ErrorLabel, MoneyEdit, ok_cancel
from app.views.widgets.screen import fit_to_screen


class StandardDialog(QDialog):
    """Collects one standard; ``submitted(StandardInput)`` asks the editor to save it.

    The dialog stays open until the editor calls ``done_ok()`` (saved) or ``show_error()`` (the
    service refused, and says why): nothing typed is lost on a refusal.
    """

    submitted = Signal(object)

    def __init__(
        self,
        areas: list[tuple[str, str]],
        today: date,
        row: StandardRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._id = row.id if row else None
        self.setWindowTitle(self.tr("Edit the standard") if row else self.tr("New standard"))
        self.setMinimumWidth(420)

        self.area_combo = QComboBox()
        for code, name in areas:
            self.area_combo.addItem(name, code)
        self.urban_rural_combo = QComboBox()
        for ur in UrbanRural:
            self.urban_rural_combo.addItem(ur.label, ur.value)
        self.program_combo = QComboBox()
        for program in PROGRAMS:
            self.program_combo.addItem(program.label, program.value)
        self.amount_edit = MoneyEdit()
        self.unit_combo = QComboBox()
        for unit, label in UNITS.items():
            self.unit_combo.addItem(label, unit)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_edit)
        amount_row.addWidget(self.unit_combo)
        amount_row.addStretch(1)
        start = date(today.year + 1, 1, 1) if row is None else row.effective_from
        self.effective_edit = DateEdit(start)
        self.year_spin = QSpinBox()
        self.year_spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(start.year)
        self.effective_edit.dateChanged.connect(self._on_date_changed)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.note_edit.setPlaceholderText(self.tr("e.g. the document that set it"))

        form = QFormLayout()
        form.addRow(self.tr("&Area:"), self.area_combo)
        form.addRow(self.tr("&Urban/rural:"), self.urban_rural_combo)
        form.addRow(self.tr("&Programme:"), self.program_combo)
        amount_label = QLabel(self.tr("A&mount (yuan):"))
        amount_label.setBuddy(self.amount_edit)
        form.addRow(amount_label, amount_row)
        form.addRow(self.tr("In &force from:"), self.effective_edit)
        form.addRow(self.tr("&Year:"), self.year_spin)
        form.addRow(self.tr("&Note:"), self.note_edit)
        if row is not None:
            self._fill(row)

        self.error = ErrorLabel()
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Save"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_to_screen(self)

    def _fill(self, row: StandardRow) -> None:
        for combo, value in (
            (self.area_combo, row.area_code),
            (self.urban_rural_combo, row.urban_rural),
            (self.program_combo, row.program),
            (self.unit_combo, row.unit),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.amount_edit.set_fen(row.amount_fen)
        self.year_spin.setValue(row.year)
        self.note_edit.setText(row.note)

    @Slot()
    def _on_date_changed(self) -> None:
        self.year_spin.setValue(self.effective_edit.value().year)

    def value(self) -> StandardInput:
        """What was entered; UserError when the amount is missing or not an amount."""
        fen = self.amount_edit.fen()
        if fen is None:
            raise UserError(self.tr("Enter the amount of the standard."), field=self.tr("Amount"))
        return StandardInput(
            year=self.year_spin.value(),
            area_code=str(self.area_combo.currentData()),
            program=str(self.program_combo.currentData()),
            urban_rural=str(self.urban_rural_combo.currentData()),
            amount_fen=fen,
            unit=str(self.unit_combo.currentData()),
            effective_from=self.effective_edit.value(),
            note=self.note_edit.text().strip(),
            id=self._id,
        )

    @Slot()
    def _on_ok(self) -> None:
        try:
            data = self.value()
        except UserError as error:
            self.show_error(str(error))
            return
        self.error.clear_error()
        self.ok_button.setEnabled(False)
        self.submitted.emit(data)

    def show_error(self, message: str) -> None:
        self.error.show_error(message)
        self.ok_button.setEnabled(True)

    def done_ok(self) -> None:
        self.accept()
