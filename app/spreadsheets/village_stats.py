"""本乡镇统计 as xlsx (by village and category, with totals)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from app.fileio import write_atomically
from app.spreadsheets import safe

if TYPE_CHECKING:
    from app.documents.reports import TownshipStats

HEADERS = ("村（社区）", "类别", "户数", "保障人数", "月发放金额（元）")
WIDTHS = (16, 12, 9, 10, 16)


def write_village_stats(out: Path, stats: TownshipStats) -> Path:
    """One sheet: a title, the date, a row per village and category, subtotals by category, the total."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "本乡镇统计"
    safe.append(ws, [f"{stats.unit}城乡低保、特困供养在保对象统计表"])
    safe.append(ws, [f"统计日期：{stats.on:%Y-%m-%d}"])
    safe.append(ws, list(HEADERS))
    last = get_column_letter(len(HEADERS))
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"].font = Font(bold=True, size=15)
    ws["A1"].alignment = Alignment(horizontal="center")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    money = "#,##0.00"
    for r in stats.rows:
        safe.append(ws, [r.village, r.category, r.households, r.persons, Decimal(r.monthly_fen) / 100])
        ws.cell(ws.max_row, 5).number_format = money
    for cat, households, persons, fen in stats.by_category():
        safe.append(ws, ["小计", cat, households, persons, Decimal(fen) / 100])
        ws.cell(ws.max_row, 5).number_format = money
    safe.append(ws, ["合计", "", stats.households, stats.persons, Decimal(stats.monthly_fen) / 100])
    ws.cell(ws.max_row, 5).number_format = money
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A4"
    return write_atomically(out, safe.saver(wb))
