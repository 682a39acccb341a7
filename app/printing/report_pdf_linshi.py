"""The 临时救助 table of the statistics report PDFs: 人次 and 金额 by township and category of need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from app.documents.reports import LINSHI_HEADERS, LINSHI_KINDS, linshi_total
from app.domain.money import yuan
from app.printing.layout import Styles, list_style, para, wrap_lines

if TYPE_CHECKING:
    from app.documents.reports import LinshiRow

LEADING = 1.25


def linshi_text(rows: list[LinshiRow]) -> str:
    """Every word the table shows (for the font check)."""
    return "".join(LINSHI_HEADERS) + "".join(r.township for r in rows) + "合计本期无临时救助"


def linshi_table(title: str, rows: list[LinshiRow], st: Styles, width: float, size: float) -> Flowable:
    """The title line and the table (with its 合计 row), kept together on one page."""
    shares = (0.2, 0.12, 0.15, 0.12, 0.15, 0.11, 0.15)
    widths = [width * s for s in shares]
    body = [[wrap_lines(h, st.font, size, w - 6) for h, w in zip(LINSHI_HEADERS, widths, strict=True)]]
    for r in [*rows, linshi_total(rows)]:
        line = [r.township]
        for kind in LINSHI_KINDS:
            line += [str(r.times.get(kind, 0)), yuan(r.fen.get(kind, 0))]
        body.append([*line, str(r.total_times), yuan(r.total_fen)])
    if not rows:
        body.insert(1, ["本期无临时救助", "", "", "", "", "", ""])
    table = Table(body, colWidths=widths, repeatRows=1)
    style = list_style(st.font, size, LEADING, total_row=True, pad=2.5)
    style += [("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    table.setStyle(TableStyle(style))
    return KeepTogether([para(title, st.plain), table])
