"""The bank roster (发放名册) as xlsx: title, the columns of domain.md §2, totals and signature lines.

Written with openpyxl's write-only mode so a county's 50,000 lines stream straight to the file. ID
numbers and account numbers are text cells (never numbers: Excel would round them); amounts are yuan
with two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from app.documents.roster import COLUMNS, HEADERS, SIGNATURES, Roster
from app.domain.money import yuan_value
from app.fileio import write_atomically
from app.spreadsheets import safe

_GUESSED = ("f", "e")  # the types openpyxl guesses for text starting with = or an error code


def write_roster(out: Path, roster: Roster) -> Path:
    """Write ``roster`` to ``out`` (a 发放名册 sheet and a 乡镇汇总 sheet), whole or not at all."""
    return write_atomically(out, lambda path: _write(path, roster))


def _write(path: Path, roster: Roster) -> None:
    # Made and saved inside the writer: a write-only workbook never saved leaves lxml generators
    # that complain when they are collected.
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("发放名册")
    lean = _lean_rows(ws)
    _layout(ws, len(COLUMNS))
    _write_lines(ws, roster, lean)
    summary = wb.create_sheet("乡镇汇总")
    _write_townships(summary, roster)
    wb.save(path)


def _layout(ws: Any, columns: int) -> None:
    from openpyxl.utils import get_column_letter

    for index, (_name, width) in enumerate(COLUMNS[:columns], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(columns)
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _styled(ws: Any, **style: Any) -> Any:
    """A cell with a fixed style whose style id is looked up once (it is reused for every row)."""
    cell = _fixed_style_cell()(ws, row=1, column=1)
    for key, value in style.items():
        setattr(cell, key, value)
    return cell


def _fixed_style_cell() -> Any:
    from openpyxl.cell.cell import Cell

    class FixedStyleCell(Cell):  # type: ignore[misc]  # openpyxl is untyped
        __slots__ = ("_style_id",)

        @property
        def style_id(self) -> int:
            if not hasattr(self, "_style_id"):
                self._style_id = Cell.style_id.fget(self)
            return int(self._style_id)

    return FixedStyleCell


def _lean_rows(ws: Any) -> bool:
    """Give this write-only sheet a leaner row converter than openpyxl's.

    openpyxl turns each appended value into a cell by trying to assign it and catching the error when
    it is a cell already (formatting the cell's repr into the message), then makes a fresh cell after
    every styled one. Here styled cells are recognised up front and the one plain cell is reused: the
    same XML is written, a 50,000-line roster about a fifth faster (bench/bench_roster.py).
    """
    from openpyxl.cell.cell import Cell

    if not hasattr(ws, "_values_to_row"):  # another openpyxl: keep its own converter
        return False
    plain = Cell(ws, row=1, column=1)

    def values_to_row(values: Iterable[Any], row_idx: int) -> Iterator[Any]:
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                cell = plain
                cell.value = value
            if cell.data_type in _GUESSED:  # text kept as text (app/spreadsheets/safe.py)
                cell.data_type = "s"
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row
    return True


def _write_lines(ws: Any, roster: Roster, lean: bool = False) -> None:
    from openpyxl.styles import Alignment, Font

    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    title = _styled(ws, font=Font(bold=True, size=16), alignment=Alignment(horizontal="center"))
    title.value = roster.title
    safe.append(ws, [title])
    safe.append(ws, [roster.subtitle])
    bold = Font(bold=True)
    header = []
    for name in HEADERS:
        cell = _styled(ws, font=bold, alignment=center)
        cell.value = name
        header.append(cell)
    safe.append(ws, header)
    # One styled cell per styled column, given each row's value just before the row is appended:
    # openpyxl writes an appended row at once, so reusing the cells is safe and saves a cell per value.
    id_cell, account_cell = _styled(ws, number_format="@"), _styled(ws, number_format="@")
    base_cell, topup_cell, total_cell = (_styled(ws, number_format="0.00") for _ in range(3))
    month = roster.month
    append = ws.append if lean else partial(safe.append, ws)  # the lean converter keeps text as text
    for line in roster.lines:
        id_cell.value = line.id_number
        account_cell.value = line.account_no or None
        base_cell.value = Decimal(line.base_fen) / 100
        topup_cell.value = Decimal(line.topup_fen) / 100
        total_cell.value = Decimal(line.total_fen) / 100
        append(
            [
                line.seq,
                line.township,
                line.village,
                line.head_name,
                id_cell,
                line.persons,
                line.category,
                base_cell,
                topup_cell,
                total_cell,
                line.bank_name or None,
                account_cell if line.account_no else None,
                month,
                line.remark or None,
            ]
        )
    totals = [_styled(ws, font=bold) for _ in range(4)]
    totals[0].value = "合计"
    totals[1].value = f"{roster.households}户"
    money = [_styled(ws, font=bold, number_format="0.00") for _ in range(3)]
    for cell, attr in zip(money, ("base_fen", "topup_fen", "total_fen"), strict=True):
        cell.value = yuan_value(roster.total(attr))
    totals[2].value = roster.persons
    safe.append(ws, [totals[0], None, None, totals[1], None, totals[2], None, *money])
    safe.append(ws, [])
    safe.append(ws, [SIGNATURES])
    safe.append(ws, [f"制表日期：{roster.prepared_on:%Y-%m-%d}"])


def _write_townships(ws: Any, roster: Roster) -> None:
    from openpyxl.styles import Font

    for letter, width in zip("ABCDE", (16, 10, 10, 14, 10), strict=True):
        ws.column_dimensions[letter].width = width
    safe.append(ws, [roster.title.replace("发放名册", "发放汇总")])
    safe.append(ws, ["乡镇", "户数", "人数", "金额（元）"])
    for name, households, persons, fen in roster.townships:
        safe.append(ws, [name, households, persons, _money(ws, fen)])
    total = _money(ws, roster.total(), bold=True)
    label = _styled(ws, font=Font(bold=True))
    label.value = "合计"
    safe.append(ws, [label, roster.households, roster.persons, total])


def _money(ws: Any, fen: int, bold: bool = False) -> Any:
    from openpyxl.styles import Font

    cell = _styled(ws, number_format="0.00", font=Font(bold=bold))
    cell.value = yuan_value(fen)
    return cell
