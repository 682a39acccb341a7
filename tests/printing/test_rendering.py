"""Page 1 of every document through QtPdf (offscreen): it renders ink, and every character has a glyph."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import text

from app.domain.calendar import DayKind
from app.models.case import Decision
from app.models.db import Database
from app.printing import fonts
from app.printing.catalog import FORMS, NoticeKind, Paper
from app.printing.notice_data import assemble
from app.printing.notices import build_notice
from app.services.cases import printing
from app.services.context import system_actor
from tests.conftest import DEMO_TODAY
from tests.printing.conftest import pdf_rows, pdf_text

NOTICES = {
    f"notice-{kind.value}-{paper.value}": (kind, paper)
    for kind in NoticeKind
    for paper in (Paper.A4, Paper.A3)
} | {"notice-standing-a4-landscape": (NoticeKind.STANDING, Paper.A4_LANDSCAPE)}
DOCUMENTS = sorted(NOTICES) + [f"form-{name}" for name in FORMS]


def clean(printed: printing.Printed) -> bytes:
    assert printed.warnings == (), printed.warnings  # e.g. characters the font lacks
    return printed.pdf


@pytest.fixture(scope="module")
def documents(print_db: Database) -> Iterator[dict[str, bytes]]:
    """Every notice kind and every form from the demo file (a reduction decision added for 减发)."""
    admin = system_actor("430623")
    found: dict[str, bytes] = {}
    with print_db.uow("t") as uow:
        s = uow.session
        where: dict[NoticeKind, tuple[str, date]] = {}
        for kind in (NoticeKind.PRELIMINARY, NoticeKind.APPROVED):
            sql = "SELECT village_code, starts_on FROM public_notice WHERE kind=:k ORDER BY starts_on DESC"
            village, on = s.execute(text(sql), {"k": kind.value}).first()
            where[kind] = (village, date.fromisoformat(str(on)))
        sql = "SELECT h.village_code, d.decided_on FROM decision d JOIN case_file c ON c.id=d.case_id "
        sql += "JOIN household h ON h.id=c.household_id WHERE d.kind='stop' ORDER BY 2 DESC"
        village, on = s.execute(text(sql)).first()
        where[NoticeKind.STOP] = (village, date.fromisoformat(str(on)))
        village = s.execute(
            text("SELECT h.village_code FROM benefit b JOIN household h ON h.id=b.household_id LIMIT 1")
        ).scalar_one()
        where[NoticeKind.STANDING] = (village, DEMO_TODAY)
        for name, (kind, paper) in NOTICES.items():
            found[name] = clean(printing.notice(uow, admin, where[kind][0], kind, where[kind][1], paper))
        numbers = dict(s.execute(text("SELECT state, min(case_number) FROM case_file GROUP BY state")).all())
        case_id, amount = s.execute(
            text("SELECT case_id, amount_fen FROM decision WHERE kind='approve' AND amount_fen > 10000")
        ).first()
        s.add(
            Decision(
                case_id=case_id,
                kind="adjust",
                decided_on=DEMO_TODAY,
                decided_by="county",
                amount_fen=amount - 5000,
                start_month="2026-12",
                reason="收入增加",
                legal_basis="《最低生活保障审核确认办法》第三十二条",
            )
        )
        s.flush()
        reduced = s.execute(
            text("SELECT case_number FROM case_file WHERE id=:i"), {"i": case_id}
        ).scalar_one()
        states = {"refusal": "refused", "stop": "stopped", "application": "notice", "consent": "notice"}
        for name in FORMS:
            number = reduced if name == "reduce" else numbers[states.get(name, "active")]
            found[f"form-{name}"] = clean(printing.form(uow, admin, number, name, DEMO_TODAY))
    yield found


def render_first_page(qapp: QApplication, pdf: bytes, width: int = 420) -> QImage:
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    assert doc.status() is QPdfDocument.Status.Ready and doc.pageCount() >= 1
    points = doc.pagePointSize(0)
    image = doc.render(0, QSize(width, round(width * points.height() / points.width())))
    doc.close()
    return image


def ink(image: QImage, top: float = 0.0, bottom: float = 1.0) -> float:
    """Share of pixels in the band that are not near white."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    y0, y1 = int(gray.height() * top), int(gray.height() * bottom)
    dark = total = 0
    for y in range(y0, y1, 2):
        for x in range(0, gray.width(), 2):
            total += 1
            dark += gray.pixelColor(x, y).value() < 200
    return dark / total


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_one_renders_with_ink_in_the_title_and_the_body(
    qapp: QApplication, documents: dict[str, bytes], name: str
) -> None:
    image = render_first_page(qapp, documents[name])
    assert not image.isNull()
    assert ink(image, 0.03, 0.12) > 0.004, "no title drawn"
    assert ink(image, 0.12, 0.9) > 0.01, "no body drawn"


def without_glyph(pdf: bytes) -> list[str]:
    """Characters of the document's text that the embedded font has no glyph for (drawn as blanks)."""
    cmap = pdfmetrics.getFont(fonts.load().body).face.charToGlyph
    shown = {ch for ch in pdf_text(pdf) if not ch.isspace()}
    assert len(shown) > 10
    # ReportLab writes a character the font lacks as glyph 0, which reads back as U+0000.
    return sorted(ch for ch in shown if ord(ch) not in cmap or ch in "\x00\ufffd")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_character_has_a_glyph_in_the_embedded_font(documents: dict[str, bytes], name: str) -> None:
    assert without_glyph(documents[name]) == []


def test_the_glyph_check_catches_a_missing_character() -> None:
    from tests.printing.test_builders import OFFICE, candidates

    rare = "\U0002a6a5"
    data = assemble(
        NoticeKind.STANDING, OFFICE, "x", candidates(2, f"王{rare}"), DEMO_TODAY, None, 7, DayKind.CALENDAR
    )
    doc = build_notice(data, fonts.load())
    assert doc.missing_chars == [rare]
    assert without_glyph(doc.pdf) != []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_line_starts_with_closing_punctuation(documents: dict[str, bytes], name: str) -> None:
    starts = [row[0] for page in pdf_rows(documents[name]) for row in page if row]
    assert [line for line in starts if line[0] in "，。、；：！？）》」"] == []
