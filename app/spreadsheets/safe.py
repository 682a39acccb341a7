"""No live formula in any spreadsheet Jiuzhu writes: every text value is written as text, as typed.

openpyxl makes a formula of any ``str`` that starts with ``=`` (and an error cell of ``#N/A`` and the
like). A ledger's address or a bank's remark may hold such text — typed by mistake, or planted to run
when an office opens the export (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). Every writer under
app/spreadsheets appends its rows through :func:`append` (and sets single cells through :func:`put`), so
such text lands in a plain string cell (``t="s"``/``inlineStr``, no ``<f>`` element) and shows exactly
as typed. Values starting with ``+ - @``, a tab or CR are strings in xlsx already: Excel does not
evaluate a stored string cell. Normal (not write-only) workbooks are swept once more by :func:`saver`
before they are saved, so a cell set any other way is caught too.

Jiuzhu writes no CSV. Should one be added, :func:`csv_text` prefixes a leading ``= + - @``, tab or CR
with an apostrophe, as OWASP's CSV-injection guidance asks (a CSV has no cell types to rely on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _live(cell: Any) -> bool:
    """True when a string value was given a formula or error type by openpyxl's guessing."""
    return cell.data_type in ("f", "e") and isinstance(cell._value, str)


def _as_text(cell: Any) -> Any:
    if _live(cell):
        cell.data_type = "s"
    return cell


def text_cell(ws: Any, value: Any) -> Any:
    """A cell of ``ws`` holding ``value``; a str is a plain string cell whatever it starts with."""
    from openpyxl.cell.cell import Cell

    return _as_text(Cell(ws, row=1, column=1, value=value))


def needs_guard(value: Any) -> bool:
    from openpyxl.cell.cell import ERROR_CODES

    return isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES)


def safe_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """``values`` ready for ``ws.append``: risky text wrapped in string cells, cells given as text."""
    from openpyxl.cell.cell import Cell

    out: list[Any] = []
    for value in values:
        if isinstance(value, Cell):
            out.append(_as_text(value))
        elif needs_guard(value):
            out.append(text_cell(ws, value))
        else:
            out.append(value)
    return out


def append(ws: Any, values: Iterable[Any]) -> None:
    """``ws.append(values)`` with every text value written as text (works in write-only mode too)."""
    ws.append(safe_row(ws, values))


def set_text(cell: Any, value: Any) -> Any:
    """``cell.value = value`` keeping a str as text; returns the cell."""
    cell.value = value
    return _as_text(cell)


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """``ws.cell(row, column, value)`` on a normal worksheet, text kept as text."""
    return set_text(ws.cell(row=row, column=column), value)


def defuse(wb: Any) -> int:
    """Turn every formula-looking str cell of a normal workbook back into text; return how many."""
    changed = 0
    for ws in wb.worksheets:
        for cell in getattr(ws, "_cells", {}).values():
            if _live(cell):
                cell.data_type = "s"
                changed += 1
    return changed


def saver(wb: Any) -> Callable[[Path], None]:
    """The function that saves ``wb`` to a path (for write_atomically), after a last sweep."""

    def save(path: Path) -> None:
        if not getattr(wb, "write_only", False):
            defuse(wb)
        wb.save(path)

    return save


def csv_text(value: Any) -> Any:
    """A value for a CSV file: text starting with ``= + - @``, tab or CR gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value
