"""Cells that cannot be taken as read: formulas saved without a result, Excel error values, and text
with invisible characters (removed with a warning, or refused where removing changes what was shown)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.spreadsheets import cells
from app.spreadsheets.model import Severity

UNCOMPUTED = "公式没有计算结果，请在Excel中打开并保存后再导入"
_EXCEL_ERRORS = frozenset(("#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!"))
Issue = tuple[str, str, Severity]  # (field, reason, severity), reported if its row turns out to be data


def clean_row(
    row: tuple[Any, ...], columns: Mapping[int, str], uncomputed: frozenset[int] = frozenset()
) -> tuple[tuple[Any, ...], list[Issue]]:
    """The row with its mapped cells made trustworthy, and what was wrong with them.

    Args:
        columns: 0-based column → the field read from it.
        uncomputed: the columns of this row holding a formula saved without its result.
    """
    issues: list[Issue] = [
        (columns[c], UNCOMPUTED, Severity.ERROR) for c in sorted(uncomputed) if c in columns
    ]
    texts = "".join([v for v in row if isinstance(v, str)])
    if "#" not in texts and not cells.INVISIBLE.search(texts):
        return row, issues
    out = list(row)
    for col, field in columns.items():
        value = out[col]
        if not isinstance(value, str):
            continue
        if value.strip() in _EXCEL_ERRORS:
            reason = f"单元格是Excel的错误值“{value.strip()}”（公式出错），请改正后再导入"
            issues.append((field, reason, Severity.ERROR))
            out[col] = None
            continue
        try:
            found = cells.invisible(value)
        except cells.CellError as exc:
            issues.append((field, str(exc), Severity.ERROR))
            out[col] = None
            continue
        if found:
            cleaned = cells.INVISIBLE.sub("", value)
            shown = cells.text(cleaned)
            out[col] = cleaned if shown else None
            what = f"已删除，按“{shown}”导入" if shown else "没有别的内容，看作空白"
            issues.append((field, f"含有看不见的字符（{'、'.join(found)}），{what}", Severity.WARNING))
    return tuple(out), issues
