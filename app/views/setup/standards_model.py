"""The standards table: one row per 保障标准, the one in force on top of its kind, old ones greyed."""

from __future__ import annotations

from typing import Any

from app.domain.money import yuan
from app.services.setup.standards import UNITS, StandardRow
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.widgets.forms import show_date

_TONES = {"current": "ok", "upcoming": "soon", "superseded": "muted"}


def _tone(row: StandardRow) -> str | None:
    return _TONES.get(row.state)


class StandardsModel(RowsTableModel[StandardRow]):
    """Year, area, 城/乡, program, amount and unit, the monthly equivalent, start date and state."""

    YEAR, AREA, URBAN_RURAL, PROGRAM, AMOUNT, UNIT, MONTHLY, EFFECTIVE, STATE, NOTE = range(10)

    def __init__(self, parent: Any = None) -> None:
        states = {
            "current": self.tr("In force"),
            "upcoming": self.tr("Not yet in force"),
            "superseded": self.tr("Replaced"),
        }
        super().__init__(
            [
                ColumnSpec(self.tr("Year"), lambda r: str(r.year)),
                ColumnSpec(self.tr("Area"), lambda r: r.area_name),
                ColumnSpec(self.tr("Urban/rural"), lambda r: r.urban_rural_label),
                ColumnSpec(self.tr("Programme"), lambda r: r.program_label),
                ColumnSpec(self.tr("Amount (yuan)"), lambda r: yuan(r.amount_fen), right=True, tone=_tone),
                ColumnSpec(self.tr("Unit"), lambda r: UNITS.get(r.unit, r.unit)),
                ColumnSpec(self.tr("A month (yuan)"), lambda r: yuan(r.monthly_fen), right=True),
                ColumnSpec(self.tr("In force from"), lambda r: show_date(r.effective_from)),
                ColumnSpec(self.tr("State"), lambda r: states.get(r.state, r.state), tone=_tone),
                ColumnSpec(self.tr("Note"), lambda r: r.note, tooltip=lambda r: r.note),
            ],
            parent,
        )

    def find(self, standard_id: str) -> int | None:
        """The row of a standard, or None when it is not listed."""
        return next((i for i, r in enumerate(self.rows()) if r.id == standard_id), None)
