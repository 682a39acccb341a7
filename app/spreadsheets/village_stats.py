"""本乡镇统计 as xlsx (by village and category, with totals), and writing any file all-or-nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError

if TYPE_CHECKING:
    from app.services.reports.township import TownshipStats

HEADERS = ("村（社区）", "类别", "户数", "保障人数", "月发放金额（元）")
WIDTHS = (16, 12, 9, 10, 16)


def save_atomically(
    out: Path, write: Callable[[Path], Any], cancelled: Callable[[], bool] | None = None
) -> Path:
    """Write through ``write(tmp)`` beside ``out``, then move it into place; a failure leaves no half file.

    ``cancelled()`` is asked once the file is written: when true, the file is dropped and ``out``
    stays as it was (the caller raises its own cancellation).
    """
    out = Path(out).expanduser()
    if not out.parent.is_dir():
        raise UserError(f"文件夹不存在：{out.parent}")
    fd, name = tempfile.mkstemp(prefix=".jiuzhu-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        if cancelled is not None and cancelled():
            tmp.unlink(missing_ok=True)
            return out
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入文件 {out}：{exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def write_village_stats(out: Path, stats: TownshipStats) -> Path:
    """One sheet: a title, the date, a row per village and category, subtotals by category, the total."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "本乡镇统计"
    ws.append([f"{stats.unit}城乡低保、特困供养在保对象统计表"])
    ws.append([f"统计日期：{stats.on:%Y-%m-%d}"])
    ws.append(list(HEADERS))
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
        ws.append([r.village, r.category, r.households, r.persons, Decimal(r.monthly_fen) / 100])
        ws.cell(ws.max_row, 5).number_format = money
    for cat, households, persons, fen in stats.by_category():
        ws.append(["小计", cat, households, persons, Decimal(fen) / 100])
        ws.cell(ws.max_row, 5).number_format = money
    ws.append(["合计", "", stats.households, stats.persons, Decimal(stats.monthly_fen) / 100])
    ws.cell(ws.max_row, 5).number_format = money
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A4"
    return save_atomically(out, wb.save)
