"""Read another department's list or a bank's return file (xlsx or csv) and find its columns by their titles.

Titles are matched tolerantly (full-width, spaces, units, 「身份证号码」 or 「公民身份号码」…), below any
title rows. A file without a recognisable header still works when one column plainly holds ID numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.spreadsheets import cells
from app.spreadsheets.headers import normal

HEADER_SCAN_ROWS = 30
_ID_LIKE = re.compile(r"\d{15}|\d{17}[\dXx]")


@dataclass(frozen=True)
class FieldSpec:
    """A column to find: its key, the label shown in messages, exact titles and title fragments."""

    key: str
    label: str
    names: tuple[str, ...]
    fragments: tuple[str, ...] = ()

    def matches(self, title: str) -> bool:
        return bool(title) and (title in self.names or any(f in title for f in self.fragments))


ID_FIELD = FieldSpec(
    "id_number",
    "身份证号",
    ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号", "居民身份证号码"),
    ("身份证", "身份号码", "证件号"),
)
NAME_FIELD = FieldSpec("name", "姓名", ("姓名", "户名", "名称", "户主姓名"), ("姓名",))


@dataclass
class Table:
    """The rows of one sheet below its header; ``mapping`` is field key → 0-based column."""

    file: str
    sheet: str
    header_row: int  # 1-based; 0 when the columns were recognised by their contents
    titles: list[str]
    mapping: dict[str, int]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (row number, values)

    def value(self, row: Sequence[Any], key: str) -> Any:
        col = self.mapping.get(key)
        return row[col] if col is not None and col < len(row) else None

    def row_data(self, row: Sequence[Any]) -> dict[str, str]:
        """The row as {column title: text}, empty cells left out."""
        out: dict[str, str] = {}
        for col, value in enumerate(row):
            text = cells.text(value)
            if text:
                title = self.titles[col] if col < len(self.titles) and self.titles[col] else f"第{col + 1}列"
                out[title] = text
        return out


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"文件 {name} 的文字编码无法识别（应为UTF-8或GBK的CSV文件）")


def _csv_rows(path: Path) -> list[tuple[Any, ...]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    text = _decode(data, path.name)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    return [tuple(row) for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]


def _sheets(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    if path.suffix.lower() in (".csv", ".txt"):
        return [(path.stem, _csv_rows(path))]
    from app.spreadsheets.workbook import open_workbook, read_rows, sheet_names

    with open_workbook(path) as wb:
        return [(name, read_rows(wb, name)) for name in sheet_names(wb)]


def _find_header(
    rows: list[tuple[Any, ...]], fields: Sequence[FieldSpec], required: Sequence[str]
) -> int | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        titles = [normal(v) for v in row]
        found = {f.key for f in fields for t in titles if f.matches(t)}
        if all(key in found for key in required):
            return index
    return None


def _map(titles: list[str], fields: Sequence[FieldSpec]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for f in fields:  # exact titles first, then fragments, the leftmost column winning
        for exact in (True, False):
            for col, title in enumerate(titles):
                hit = (title in f.names) if exact else f.matches(title)
                if hit and f.key not in mapping and col not in mapping.values():
                    mapping[f.key] = col
    return mapping


def looks_like_id(value: Any) -> bool:
    return bool(_ID_LIKE.fullmatch(cells.text(value).replace(" ", "")))


def _guess(rows: list[tuple[Any, ...]], test: Callable[[Any], bool]) -> int | None:
    sample = rows[:200]
    width = max((len(r) for r in sample), default=0)
    for col in range(width):
        values = [r[col] for r in sample if col < len(r) and not cells.is_blank(r[col])]
        if values and sum(map(test, values)) >= max(1, len(values) * 0.6):
            return col
    return None


def read_table(
    path: Path,
    fields: Sequence[FieldSpec],
    required: Sequence[str],
    *,
    what: str,
    guess: dict[str, Callable[[Any], bool]] | None = None,
) -> Table:
    """The first sheet whose header names every ``required`` field (or whose columns can be guessed)."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    sheets = _sheets(path)
    for sheet, rows in sheets:
        at = _find_header(rows, fields, required)
        if at is None:
            continue
        titles = ["".join(cells.text(v).split()) for v in rows[at]]
        table = Table(path.name, sheet, at + 1, titles, _map([normal(v) for v in rows[at]], fields))
        table.rows = [(at + 2 + i, row) for i, row in enumerate(rows[at + 1 :])]
        return table
    if guess and set(guess) >= set(required):
        for sheet, rows in sheets:
            mapping = {key: col for key, test in guess.items() if (col := _guess(rows, test)) is not None}
            if all(key in mapping for key in required):
                table = Table(path.name, sheet, 0, [], mapping)
                table.rows = [(i + 1, row) for i, row in enumerate(rows)]
                return table
    labels = "、".join(f.label for f in fields if f.key in required)
    raise UserError(
        f"{what} {path.name} 中找不到“{labels}”列；请确认表头（前{HEADER_SCAN_ROWS}行内）写有这些列名"
    )
