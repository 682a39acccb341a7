"""The ledger import's tables: problems by sheet, row, column and reason; the changes it makes."""

from __future__ import annotations

from typing import Any

from app.spreadsheets.model import Problem, Severity
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel

_TONES = {Severity.ERROR: "overdue", Severity.WARNING: "soon", Severity.INFO: "muted"}


def _tone(problem: Problem) -> str | None:
    return _TONES.get(problem.severity)


class ProblemsModel(RowsTableModel[Problem]):
    """One row per problem, located as the clerk finds it in Excel; errors red, warnings amber."""

    SHEET, ROW, COLUMN, KIND, REASON = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                ColumnSpec(self.tr("Sheet"), lambda p: p.sheet),
                ColumnSpec(self.tr("Row"), lambda p: str(p.row) if p.row else "", right=True),
                ColumnSpec(self.tr("Column"), lambda p: p.column),
                ColumnSpec(self.tr("Kind of problem"), lambda p: p.severity.label, tone=_tone),
                ColumnSpec(self.tr("Reason"), lambda p: p.reason, tone=_tone, tooltip=str),
            ],
            parent,
        )

    def errors(self) -> list[Problem]:
        return [p for p in self.rows() if p.severity is Severity.ERROR]


class ChangesModel(RowsTableModel[str]):
    """One row per change the import makes (or would make): “新建：张三户…”, “更新：…”."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([ColumnSpec(self.tr("Change"), lambda line: line)], parent)
