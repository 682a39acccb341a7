"""Read a ledger file: every sheet with a recognisable header, into households and problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app import clock
from app.errors import UserError
from app.spreadsheets import headers, layout, workbook
from app.spreadsheets.headers import Header
from app.spreadsheets.model import LedgerRead, Problem, Severity

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SheetGuess:
    """What the mapping step shows for one sheet: the header found and the guessed columns."""

    sheet: str
    header: Header | None
    preview: list[tuple[object, ...]]  # the first data rows, as read

    @property
    def mapping(self) -> dict[str, str]:
        return headers.mapping_labels(self.header) if self.header else {}


def guess(path: Path, sheet: str | None = None, preview_rows: int = 20) -> list[SheetGuess]:
    """The header and guessed column mapping of each sheet, with a few rows to preview."""
    out = []
    with workbook.open_workbook(path) as wb:
        for name in _chosen_sheets(wb, sheet):
            rows = workbook.read_rows(wb, name)
            header = headers.find_header(rows)
            start = header.first_data_row - 1 if header else 0
            out.append(SheetGuess(name, header, [tuple(r) for r in rows[start : start + preview_rows]]))
    return out


def _chosen_sheets(wb: Any, sheet: str | None) -> list[str]:
    names = workbook.sheet_names(wb)
    if sheet is None:
        return names
    all_names = [ws.title for ws in wb.worksheets]
    if sheet not in all_names:
        raise UserError(f"工作簿中没有名为“{sheet}”的工作表（现有：{'、'.join(all_names)}）", field="--sheet")
    return [sheet]


def _ticker(
    name: str, progress: Progress | None, cancel: Callable[[], bool] | None
) -> Callable[[int, int], None]:
    def tick(done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise UserError("已取消导入，未写入任何数据")
        if progress is not None:
            progress(done, total, f"检查工作表“{name}”第{done}行")

    return tick


def _header(rows: list[tuple[object, ...]], mapping: dict[str, str] | None, strict: bool) -> Header | None:
    """The guessed header, or the one holding the clerk's chosen columns (a sheet without them is skipped)."""
    header = headers.find_header(rows)
    if not mapping:
        return header
    try:
        if header is None or not _has_labels(header, mapping):
            header = headers.locate(rows, mapping)
        return headers.apply_mapping(header, mapping)
    except UserError:
        if strict:
            raise
        return None


def _has_labels(header: Header, mapping: dict[str, str]) -> bool:
    present = set(header.labels) | {lab.replace("/", "") for lab in header.labels}
    return all(headers.normal(label) in present for label in mapping.values() if label)


def read_ledger(
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> LedgerRead:
    """Households and problems of every ledger sheet (or only ``sheet``), not yet compared with the file.

    Args:
        mapping: field → column label chosen in the mapping step; applied to every sheet (else guessed).
    """
    today = today or clock.today()
    result = LedgerRead([], [], [])
    with workbook.open_workbook(path) as wb:
        names = _chosen_sheets(wb, sheet)
        for index, name in enumerate(names):
            if cancel is not None and cancel():
                raise UserError("已取消导入，未写入任何数据")
            if progress:
                progress(index, len(names), f"读取工作表“{name}”")
            rows = workbook.read_rows(wb, name)
            header = _header(rows, mapping, strict=sheet is not None)
            if header is None:
                if sheet is not None:
                    raise UserError(
                        f"工作表“{name}”中找不到表头：需要有“姓名”（或“户主姓名”）和“身份证号”等列",
                        field="--sheet",
                    )
                if rows:
                    result.problems.append(
                        Problem(name, 0, "", "找不到表头（姓名、身份证号等列），整张表未导入", Severity.INFO)
                    )
                continue
            uncomputed = workbook.uncomputed_formulas(wb, name)
            read = layout.read_sheet(name, rows, header, today, _ticker(name, progress, cancel), uncomputed)
            result.households.extend(read.households)
            result.problems.extend(read.problems)
            result.sheets.append(read.data)
    if not result.sheets:
        raise UserError(f"文件 {Path(path).name} 中没有可识别的台账：找不到含“姓名”和“身份证号”列的表头")
    layout.check_duplicates(result.households, result.problems)
    return result
