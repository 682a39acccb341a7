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
