"""Write a list as the screen shows it: a title, the filter, the column headers, one row per line.

Every cell is text as on screen (ID numbers too, never a number), so nothing is a live formula: text
starting with = + - @ is stored as a string.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.documents.shown_list import ShownList

MAX_WIDTH = 40


def write_shown_list(path: Path, shown: ShownList) -> None:
    """Write ``shown`` to ``path`` (xlsx) with a write-only workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(shown.title[:31] or "列表")
    for index, header in enumerate(shown.headers, start=1):
        longest = max([len(header), *(len(row[index - 1]) for row in shown.rows[:200] if index <= len(row))])
        ws.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, longest * 2 + 2)
    header_row = 3 if shown.filters else 2
    ws.freeze_panes = f"A{header_row + 1}"

    def text_cell(value: str, **style: Any) -> Any:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # never a formula, whatever the text begins with
        cell.number_format = "@"
        for key, v in style.items():
            setattr(cell, key, v)
        return cell

    ws.append([text_cell(shown.title, font=Font(bold=True, size=14))])
    if shown.filters:
        ws.append([text_cell(shown.filters)])
    ws.append([text_cell(h, font=Font(bold=True)) for h in shown.headers])
    for row in shown.rows:
        ws.append([text_cell(value) if value else None for value in row])
    wb.save(path)
