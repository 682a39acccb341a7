"""Lay out a 公示 (初审, 拟批准, 长期公示, 停发; domain.md §1.4) over as many pages as needed."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from app.domain.money import yuan
from app.printing.catalog import Paper
from app.printing.fonts import FontSet
from app.printing.layout import (
    SectionStart,
    issuer_block,
    list_style,
    page_spec,
    para,
    render,
    styles,
    title,
    wrap_lines,
)
from app.printing.notice_data import NoticeData, notice_texts
from app.printing.output import Document

HEADERS = ("序号", "村组", "户主或申请人", "保障人数", "类别/档次", "月保障金额（元）", "备注")
# Share of the table width per column; 备注 takes what is left.
_COLUMNS = (0.06, 0.16, 0.15, 0.10, 0.14, 0.15, 0.24)
LEADING = 1.3


def _rows(data: NoticeData, font: str, size: float, widths: list[float]) -> list[list[str]]:
    """Header, data and totals rows as text, wrapped with newlines to their column widths."""
    pad = 6.0

    def fit(text: str, col: int) -> str:
        return wrap_lines(text, font, size, widths[col] - pad)

    def fit_header(text: str, col: int) -> str:
        if "（" in text and stringWidth(text, font, size) > widths[col] - pad:
            text = text.replace("（", "\n（")
        return fit(text, col)

    rows: list[list[str]] = [[fit_header(h, i) for i, h in enumerate(HEADERS)]]
    for r in data.rows:
        amount = "" if r.monthly_fen is None else yuan(r.monthly_fen)
        rows.append(
            [
                str(r.seq),
                fit(r.place, 1),
                fit(r.name, 2),
                str(r.persons),
                fit(r.category, 4),
                amount,
                fit(r.remark, 6),
            ]
        )
    total = yuan(data.total_fen)
    rows.append(["合计", "", f"{data.households}户", str(data.persons), "", total, ""])
    return rows


def _table(rows: list[list[str]], heights: list[float], widths: list[float], font: str, size: float) -> Table:
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    style = list_style(font, size, LEADING, total_row=rows[-1][0] == "合计", rule=0.6)
    style += [
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (5, 1), (5, -1), "RIGHT"),
        ("ALIGN", (6, 1), (6, -1), "LEFT"),
    ]
    table.setStyle(TableStyle(style))
    return table


def paginate(heights: Sequence[float], first: float, other: float, tail: float, keep: int = 3) -> list[range]:
    """Split table rows 1.. (row 0 is the header, repeated on each page) into pages.

    ``first``/``other`` are the heights free on the first and later pages; ``tail`` is what must follow
    the last row on its page (the issuer, date and seal). If the tail does not fit after the last row,
    or the last page would hold fewer than ``keep`` rows (the totals row alone), the last ``keep`` rows
    go to the last page together, so the seal never stands on a page without the list's end.
    """
    header, fuzz = heights[0], 1.0
    pages: list[range] = []
    start, used, room = 1, header, first
    for i in range(1, len(heights)):
        if used + heights[i] > room - fuzz and i > start:
            pages.append(range(start, i))
            start, used, room = i, header, other
        used += heights[i]
    pages.append(range(start, len(heights)))
    if used + tail > room - fuzz or (len(pages) > 1 and len(pages[-1]) < keep):
        cut = max(1, len(heights) - keep)
        kept = [range(p.start, min(p.stop, cut)) for p in pages]
        pages = [p for p in kept if len(p)] + [range(cut, len(heights))]
    return pages


def build_notice(data: NoticeData, fonts: FontSet, paper: Paper = Paper.A4) -> Document:
    """The notice as a PDF: title, text, the table over as many pages as needed, issuer, seal and date."""
    story, check = _story(data, fonts, paper)
    return render(story, paper, fonts, notice_texts(data).title, check_text=check)


def build_notices(notices: Sequence[NoticeData], fonts: FontSet, paper: Paper, name: str) -> Document:
    """Several notices (one per village) in one PDF, each from a new page with its own page numbers."""
    story: list[Flowable] = []
    checks: list[str] = []
    for n, data in enumerate(notices):
        part, check = _story(data, fonts, paper)
        if n:
            story.append(PageBreak())
        story += [SectionStart(), *part]
        checks.append(check)
    return render(story, paper, fonts, name, check_text="\n".join(checks))


def _story(data: NoticeData, fonts: FontSet, paper: Paper) -> tuple[list[Flowable], str]:
    """The flowables of one notice and the text its font must be able to show.

    Row heights are computed here (lines × leading + padding, as ReportLab would), so the pages are
    laid out up front: ReportLab never has to measure or split the long table, and the seal block
    always shares its page with the end of the list.
    """
    spec = page_spec(paper)
    st = styles(fonts, spec)
    texts = notice_texts(data)
    size = st.base * 0.95
    widths = [spec.width * share for share in _COLUMNS]
    rows = _rows(data, st.font, size, widths)
    heights = [(max(cell.count("\n") for cell in row) + 1) * size * LEADING + 7 for row in rows]
    head: list[Flowable] = [title(texts.title, st)]
    head += [para(p, st.body) for p in texts.paragraphs]
    head.append(Spacer(1, st.base * 0.6))
    used = sum(f.wrap(spec.width, spec.height)[1] + f.getSpaceAfter() for f in head)
    sign: list[Flowable] = [Spacer(1, 4 * mm), issuer_block(texts.issuer, texts.date_line, st)]
    tail = sum(f.wrap(spec.width, spec.height)[1] for f in sign)
    story = head
    for n, page in enumerate(paginate(heights, spec.height - used, spec.height, tail)):
        if n:
            story.append(PageBreak())
        story.append(
            _table(
                [rows[0], *rows[page.start : page.stop]],
                [heights[0], *heights[page.start : page.stop]],
                widths,
                st.font,
                size,
            )
        )
    story += sign
    return story, texts.all_text(data.rows)
