"""A finished document (bytes, pages, title, warnings) and writing it to disk without half-written files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.fileio import write_atomically


@dataclass
class Document:
    """A built PDF: its bytes, page count, title, and characters the font could not show."""

    pdf: bytes
    pages: int
    title: str
    missing_chars: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Printed:
    """A document ready to preview, print or save, with a suggested file name and warnings for the user.

    ``kind``, ``area_code`` and ``households`` say what it shows, for the audit of saving it to a file.
    """

    pdf: bytes
    pages: int
    title: str
    filename: str
    warnings: tuple[str, ...] = ()
    kind: str = ""
    area_code: str = ""
    households: int = 0

    @classmethod
    def of(
        cls,
        doc: Document,
        filename: str,
        extra: tuple[str, ...] = (),
        *,
        kind: str = "",
        area_code: str = "",
        households: int = 0,
    ) -> Printed:
        warnings = list(extra)
        if doc.missing_chars:
            warnings.append(f"字体中缺少以下字符，打印时可能显示为空白：{''.join(doc.missing_chars)}")
        return cls(doc.pdf, doc.pages, doc.title, filename, tuple(warnings), kind, area_code, households)


def write_pdf(printed: Printed, out: Path) -> Path:
    """Write the PDF whole or not at all (beside ``out``, synced, then renamed over it)."""
    return write_atomically(out, printed.pdf)
