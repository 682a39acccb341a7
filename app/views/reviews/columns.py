"""The columns of a list of reviews due, shared by 工作台 and 动态管理."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.money import yuan
from app.services.cases.worklist import ReviewLine
from app.views.tablemodels.rows import ColumnSpec, days_tone, name_column
from app.views.widgets.forms import calendar_days_text, show_date


def review_columns(*, case_number: bool, township: bool = False) -> list[ColumnSpec[ReviewLine]]:
    """Time left, due date, head, (township,) village, programme, monthly amount (and the case number)."""
    columns: list[ColumnSpec[ReviewLine]] = [
        ColumnSpec(
            QCoreApplication.translate("ReviewColumns", "Time left"),
            lambda r: calendar_days_text(r.days),
            tone=lambda r: days_tone(r.days, 7),
        ),
        ColumnSpec(QCoreApplication.translate("ReviewColumns", "Due"), lambda r: show_date(r.due_on)),
        name_column(QCoreApplication.translate("ReviewColumns", "Head of household"), lambda r: r.head_name),
        *(
            [ColumnSpec(QCoreApplication.translate("ReviewColumns", "Township"), lambda r: r.township)]
            if township
            else []
        ),
        ColumnSpec(QCoreApplication.translate("ReviewColumns", "Village"), lambda r: r.village),
        ColumnSpec(QCoreApplication.translate("ReviewColumns", "Programme"), lambda r: r.program_label),
        ColumnSpec(
            QCoreApplication.translate("ReviewColumns", "Monthly amount (yuan)"),
            lambda r: yuan(r.monthly_fen),
            right=True,
        ),
    ]
    if case_number:
        columns.append(
            ColumnSpec(QCoreApplication.translate("ReviewColumns", "Case number"), lambda r: r.case_number)
        )
    return columns
