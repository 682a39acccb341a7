"""Open a ledger workbook read-only, or refuse it with a clear reason (encrypted, old .xls, damaged)."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.errors import UserError

log = logging.getLogger("jiuzhu.spreadsheets")

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, .et, or an encrypted .xlsx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_ROWS_LIMIT = 1_048_576
_CHUNK = 1 << 20


def _refuse_unreadable(path: Path) -> None:
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    if path.is_dir():
        raise UserError(f"{path} 是文件夹，不是Excel文件")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head == _CFB_MAGIC:
                body = head + fh.read()
                if _ENCRYPTED in body:
                    raise UserError(
                        f"文件 {path.name} 设置了打开密码，无法读取；请在Excel或WPS中打开、取消密码"
                        "（文件→信息→保护工作簿→用密码加密，清空密码）并保存后再导入"
                    )
                raise UserError(
                    f"文件 {path.name} 是旧版Excel（.xls）或WPS格式；请在Excel或WPS中“另存为”"
                    "Excel工作簿（.xlsx）后再导入"
                )
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    if not zipfile.is_zipfile(path):
        raise UserError(f"文件 {path.name} 不是Excel工作簿（.xlsx），或者已经损坏，无法读取")


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """The workbook opened read-only with formula results; always closed afterwards."""
    from openpyxl import load_workbook

    path = Path(path)
    _refuse_unreadable(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # any damage inside the zip: report it, it is the file's fault
        log.warning("cannot open %s: %r", path, exc)
        raise UserError(f"文件 {path.name} 已损坏或不是有效的Excel工作簿，无法读取（{exc}）") from exc
    try:
        yield wb
    finally:
        wb.close()


def sheet_names(wb: Any) -> list[str]:
    return [ws.title for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"] or [
        ws.title for ws in wb.worksheets
    ]


def read_rows(wb: Any, name: str) -> list[tuple[Any, ...]]:
    """Every row of a sheet as values (the file's stated dimensions are not trusted)."""
    ws = wb[name]
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    try:
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    except Exception as exc:  # damaged sheet XML
        log.warning("cannot read sheet %s: %r", name, exc)
        raise UserError(f"工作表“{name}”已损坏，无法读取（{exc}）") from exc
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    if len(rows) >= _ROWS_LIMIT:
        raise UserError(f"工作表“{name}”的行数超过Excel上限，文件可能已损坏")
    return rows


def _has_formula(source: Any) -> bool:
    """May the sheet's XML hold a formula? A byte scan, as most ledgers hold none: every formula ends in
    ``</f>`` (or ``</x:f>``), or refers to a shared one that does; a false alarm only costs the full scan."""
    tail = b""
    while chunk := source.read(_CHUNK):
        if b"f>" in tail + chunk[:1] or b"f>" in chunk:
            return True
        tail = chunk[-1:]
    return False


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _uncomputed(source: Any) -> set[tuple[int, int]]:
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.functions import iterparse  # defusedxml's when installed, as openpyxl reads

    found: set[tuple[int, int]] = set()
    row = col = 0
    for event, element in iterparse(source, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row = int(element.get("r") or row + 1)
                col = 0
            continue
        if name == "c":
            ref = element.get("r")
            row, col = coordinate_to_tuple(ref) if ref else (row, col + 1)
            children = {_local(child.tag): child for child in element}
            value = children.get("v")
            cached = value is not None and (bool(value.text) or element.get("t") == "str")
            if "f" in children and not cached:
                found.add((row, col - 1))
            element.clear()
        elif name == "row":
            element.clear()
    return found


def uncomputed_formulas(wb: Any, name: str) -> set[tuple[int, int]]:
    """(row, 0-based column) of every formula saved without its result: the file was written by a
    program and never opened in Excel, so the value a clerk sees in Excel is not in the file.

    An empty result Excel calculated (``t="str"`` with an empty value) is a result, not a missing one.
    """
    ws = wb[name]
    source = getattr(ws, "_get_source", None)  # openpyxl's read-only sheet (pinned to 3.1)
    if source is None:
        return set()
    try:
        with source() as fh:
            if not _has_formula(fh):
                return set()
        with source() as fh:
            return _uncomputed(fh)
    except Exception as exc:  # damaged sheet XML: read_rows has already said so, or will
        log.warning("cannot scan formulas of sheet %s: %r", name, exc)
        raise UserError(f"工作表“{name}”已损坏，无法读取（{exc}）") from exc
