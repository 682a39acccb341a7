"""A finished document (bytes, pages, title, warnings) and writing it to disk without half-written files."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import UserError


@dataclass
class Document:
    """A built PDF: its bytes, page count, title, and characters the font could not show."""

    pdf: bytes
    pages: int
    title: str
    missing_chars: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Printed:
    """A document ready to preview, print or save, with a suggested file name and warnings for the user."""

    pdf: bytes
    pages: int
    title: str
    filename: str
    warnings: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Document, filename: str, extra: tuple[str, ...] = ()) -> Printed:
        warnings = list(extra)
        if doc.missing_chars:
            warnings.append(f"字体中缺少以下字符，打印时可能显示为空白：{''.join(doc.missing_chars)}")
        return cls(doc.pdf, doc.pages, doc.title, filename, tuple(warnings))


def write_pdf(printed: Printed, out: Path) -> Path:
    """Write the PDF next to ``out`` and move it into place, so a failure leaves no half-written file."""
    out = out.expanduser()
    if not out.parent.is_dir():
        raise UserError(f"文件夹不存在：{out.parent}")
    fd, tmp = tempfile.mkstemp(prefix=".jiuzhu-", suffix=".pdf", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(printed.pdf)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"无法写入文件 {out}：{exc.strerror or exc}") from exc
    return out
