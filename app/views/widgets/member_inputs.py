"""The inputs of a household member used by intake and by the household editor, and the live ID fill."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from app import clock
from app.domain import idcard, relations
from app.domain.codes import Health, Sex
from app.errors import UserError
from app.views.widgets.forms import DateEdit

# The relations clerks pick most, first; the full GB/T 4761 list follows.
COMMON_RELATIONS = ("02", "01", "12", "11", "20", "30", "51", "52", "41", "42", "38", "28")


class MemberInputs:
    """Name, ID number, relation, sex, birth date and health editors (the caller lays them out)."""

    def __init__(self) -> None:
        self.name_edit = QLineEdit()
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(24)
        self.relation_combo = QComboBox()
        for code in COMMON_RELATIONS + tuple(c for c in relations.RELATIONS if c not in COMMON_RELATIONS):
            self.relation_combo.addItem(relations.relation_name(code), code)
        self.sex_combo = QComboBox()
        for sex in Sex:
            self.sex_combo.addItem(sex.label, sex.value)
        self.birth_edit = DateEdit()
        self.health_combo = QComboBox()
        for health in Health:
            self.health_combo.addItem(health.label, health.value)

    def reset(self) -> None:
        """Back to a new member's state (sex, birth date and health as a fresh form shows them)."""
        self.sex_combo.setCurrentIndex(0)
        self.birth_edit.set_value(clock.today())
        self.health_combo.setCurrentIndex(0)

    def fill_from_id(self, text: str) -> str | None:
        """Set sex and birth date from a valid ID number; else the problem (when it looks complete)."""
        try:
            info = idcard.parse(text)
        except UserError as exc:
            return exc.message if len(text.strip()) >= 15 else ""
        for widget in (self.sex_combo, self.birth_edit):
            widget.blockSignals(True)
        self.sex_combo.setCurrentIndex(self.sex_combo.findData(info.sex.value))
        self.birth_edit.set_value(info.birth_date)
        for widget in (self.sex_combo, self.birth_edit):
            widget.blockSignals(False)
        return None
