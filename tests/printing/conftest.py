"""Printing fixtures: one demo station per module (printing only reads), text extraction, actors."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

from app.domain.codes import Role
from app.models.db import Database
from app.paths import DataPaths
from app.services.context import Actor, system_actor
from app.services.setup.installation import open_database

OFFICE_PHONE = "0730-4211234"  # what the demo sets (app.demo.run.seed_reference)
HOTLINE = "12349"


@pytest.fixture(scope="module")
def print_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A copy of the demo station shared by a module's read-only tests."""
    target = tmp_path_factory.mktemp("printing") / "demo"
    shutil.copytree(demo_template, target)
    db = open_database(DataPaths(target))
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def admin() -> Actor:
    return system_actor("430623")


def cadre(village: str) -> Actor:
    return Actor("cadre", "李春生（村干部）", Role.VILLAGE_CADRE, village)


def pdf_text(pdf: bytes) -> str:
    """The text of every page, as a reader's copy-and-paste would give it."""
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf))


def pdf_pages(pdf: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(pdf))
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def compact(text: str) -> str:
    """Text without whitespace: table cells and wrapped lines compare reliably."""
    return "".join(text.split())


def pdf_rows(pdf: bytes, pages: list[int] | None = None) -> list[list[list[str]]]:
    """Per page (all, or the 0-based ``pages``), the text lines grouped into rows by their height on
    the page, cells left to right."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    found_pages: list[list[list[str]]] = []
    for page in extract_pages(io.BytesIO(pdf), page_numbers=pages, laparams=LAParams(char_margin=0.8)):
        found: list[tuple[float, float, str]] = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine) and line.get_text().strip():
                    found.append((round((line.y0 + line.y1) / 2), line.x0, line.get_text().strip()))
        rows: dict[float, list[tuple[float, str]]] = {}
        for y, x, text in found:
            key = next((k for k in rows if abs(k - y) <= 2), y)
            rows.setdefault(key, []).append((x, text))
        found_pages.append([[t for _, t in sorted(cells)] for _, cells in sorted(rows.items(), reverse=True)])
    return found_pages


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """The application as `jiuzhu gui` sets it up (zh_CN translators), as in the GUI tests."""
    from app.views.app import create_application

    return create_application()
