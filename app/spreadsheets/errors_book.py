"""The errors workbook: each problem with sheet, row, column and reason, beside a copy of the original row."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.fileio import require_folder, write_atomically
from app.spreadsheets import safe
from app.spreadsheets.model import Problem, Severity, SheetData

FIXED = ("工作表", "行号", "列", "类别", "原因")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _title(base: str, used: set[str]) -> str:
    title = _BAD_TITLE.sub("_", base)[:28] or "错误"
    candidate, n = title, 1
    while candidate in used:
        n += 1
        candidate = f"{title[:26]}_{n}"
    used.add(candidate)
    return candidate


def _copy(value: Any) -> Any:
    """The original cell as it was, but text for long numbers so nothing more is lost in the copy."""
    if isinstance(value, float) and abs(value) >= 1e11:
        return f"{value:.5E}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**11:
        return str(value)
    if isinstance(value, datetime | date) or value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def write_errors(
    out: Path, problems: Sequence[Problem], sheets: Iterable[SheetData], summary: Sequence[str] = ()
) -> None:
    """One sheet per ledger sheet with problems (its own header copied), plus a summary sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    out = require_folder(out)
    by_sheet = {s.name: s for s in sheets}
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "汇总"
    for line in summary or ["没有发现问题"]:
        safe.append(first, [line])
    first.column_dimensions["A"].width = 100
    used = {"汇总"}
    bold = Font(bold=True)
    red = PatternFill("solid", fgColor="FFF2CC")
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    groups: dict[str, list[Problem]] = {}
    for p in sorted(problems, key=lambda p: (p.sheet, p.row, order[p.severity])):
        groups.setdefault(p.sheet, []).append(p)
    for sheet_name, group in groups.items():
        data = by_sheet.get(sheet_name)
        labels = list(data.labels) if data else []
        ws = wb.create_sheet(_title(f"问题-{sheet_name}" if sheet_name else "问题", used))
        safe.append(ws, [*FIXED, "", *labels])
        for c in ws[1]:
            c.font = bold
        for p in group:
            original = data.raw.get(p.row, ()) if data else ()
            safe.append(
                ws, [p.sheet, p.row or None, p.column, p.severity.label, p.reason, "", *map(_copy, original)]
            )
            if p.severity is Severity.ERROR:
                ws.cell(ws.max_row, 5).fill = red
        for col, width in zip("ABCDE", (12, 6, 16, 6, 60), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
    write_atomically(out, safe.saver(wb))
