"""Page formats, paragraph styles, the 「第x页 共y页」 canvas and the table helpers every document shares."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from app.printing import fonts as fontlib
from app.printing.catalog import Paper
from app.printing.fonts import FontSet
from app.printing.output import Document

log = logging.getLogger("jiuzhu.printing")

# ReportLab's CJK line breaking keeps 、。） off the start of a line but not the other full-width marks,
# so a line could begin with "，". Add them (idempotent; it only changes how CJK text wraps).
_CANNOT_START = "，；：！？》」』〉％"
for _module in (textsplit, rl_paragraph):
    _module.ALL_CANNOT_START += "".join(c for c in _CANNOT_START if c not in _module.ALL_CANNOT_START)

_word_split = rl_paragraph.wordSplit  # the single-font path of ReportLab's CJK wrapping
_cjk_split = rl_paragraph.cjkFragSplit  # the mixed-font path


def _starts_badly(texts: Sequence[str]) -> bool:
    return any(text[:1] in _CANNOT_START_ALL for text in texts[1:])


def _word_split_hanging_pairs(
    word: str, max_widths: Any, font_name: str, font_size: float, encoding: str = "utf8"
) -> Any:
    """ReportLab hangs one closing mark at the end of a line, never two: after 「（试行）》」 the 》 would
    start the next line. Narrow the lines a little until no line starts with a closing mark."""
    widths = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    lines = _word_split(word, widths, font_name, font_size, encoding)
    for _ in range(8):
        if not _starts_badly([str(text) for _space, text in lines]):
            break
        widths = [w - 2 for w in widths]
        lines = _word_split(word, widths, font_name, font_size, encoding)
    return lines


def _cjk_split_hanging_pairs(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
    """As ``_word_split_hanging_pairs``, for a paragraph of several fonts or styles."""
    widths = list(max_widths)
    result = _cjk_split(frags, widths, calc_bounds, encoding)
    for _ in range(8):
        texts = ["".join(str(getattr(w, "text", "")) for w in line.words) for line in result.lines]
        if not _starts_badly(texts):
            break
        widths = [w - 2 for w in widths]
        result = _cjk_split(frags, widths, calc_bounds, encoding)
    return result


_CANNOT_START_ALL = frozenset(rl_paragraph.ALL_CANNOT_START)
if rl_paragraph.wordSplit is textsplit.wordSplit:  # patched once, however often this module is reloaded
    rl_paragraph.wordSplit = _word_split_hanging_pairs
    rl_paragraph.cjkFragSplit = _cjk_split_hanging_pairs

GRID = colors.HexColor("#333333")
SHADE = colors.HexColor("#E8E8E8")


FOOTER = 6 * mm  # room below the frame for 「第x页 共y页」
FRAME_PADDING = 6.0  # ReportLab's Frame default, on each side


@dataclass(frozen=True)
class PageSpec:
    """Size, margins and the body font size of one paper format (A3 posters read from a distance)."""

    size: tuple[float, float]
    margin: float
    base: float

    @property
    def width(self) -> float:
        """Usable width inside the frame."""
        return self.size[0] - 2 * self.margin - 2 * FRAME_PADDING

    @property
    def height(self) -> float:
        """Usable height inside the frame (above the footer)."""
        return float(self.size[1] - 2 * self.margin - FOOTER - 2 * FRAME_PADDING)


def page_spec(paper: Paper) -> PageSpec:
    if paper is Paper.A3:
        return PageSpec(A3, 22 * mm, 15.0)
    if paper is Paper.A4_LANDSCAPE:
        return PageSpec(landscape(A4), 15 * mm, 11.0)
    return PageSpec(A4, 18 * mm, 10.5)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document (one font set, one paper)."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    plain: ParagraphStyle
    right: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    small: ParagraphStyle
    font: str
    heading_font: str
    base: float
    heading_bold: bool = False  # titles drawn emboldened (a 宋体 standing in for 小标宋)


def styles(fonts: FontSet, spec: PageSpec) -> Styles:
    b = spec.base

    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", fonts.body)
        kw.setdefault("leading", size * 1.55)
        return ParagraphStyle(name, fontSize=size, wordWrap="CJK", **kw)

    return Styles(
        title=style("title", b * 1.9, fontName=fonts.heading, alignment=TA_CENTER, spaceAfter=b * 0.9),
        subtitle=style("subtitle", b * 1.1, alignment=TA_CENTER, spaceAfter=b * 0.6),
        body=style("body", b * 1.1, firstLineIndent=b * 2.2, spaceAfter=b * 0.3, leading=b * 1.9),
        plain=style("plain", b, spaceAfter=b * 0.2),
        right=style("right", b * 1.1, alignment=TA_RIGHT, leading=b * 1.9),
        cell=style("cell", b * 0.95, alignment=TA_LEFT, leading=b * 1.3),
        cell_center=style("cellc", b * 0.95, alignment=TA_CENTER, leading=b * 1.3),
        small=style("small", b * 0.85, leading=b * 1.25, textColor=colors.HexColor("#444444")),
        font=fonts.body,
        heading_font=fonts.heading,
        base=b,
        heading_bold=fonts.heading_bold,
    )


def _numbered_canvas(font: str, size: float, footer: str, result: list[int]) -> type[canvas.Canvas]:
    class NumberedCanvas(canvas.Canvas):  # type: ignore[misc]  # reportlab is untyped
        """Holds each page until the end so the footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            sections = [int(state.get("_section", 0)) for state in self._pages]
            for index, state in enumerate(self._pages):
                self.__dict__.update(state)
                first = sections.index(sections[index])
                self._footer(index - first + 1, sections.count(sections[index]))
                super().showPage()
            total = len(self._pages)
            result.append(total)
            super().save()

        def _footer(self, number: int, total: int) -> None:
            width = self._pagesize[0]
            self.setFont(font, size)
            self.setFillColor(colors.black)
            text = f"第{number}页 共{total}页"
            if footer:
                text = f"{footer}    {text}"
            self.drawCentredString(width / 2, 9 * mm, text)

    return NumberedCanvas


class SectionStart(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A mark of no size: the pages from here on are numbered apart (several notices in one file)."""

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv._section = getattr(self.canv, "_section", 0) + 1


def render(
    story: list[Flowable], paper: Paper, fonts: FontSet, title: str, *, footer: str = "", check_text: str = ""
) -> Document:
    """Lay ``story`` out on ``paper`` with the page footer; return the PDF and its page count."""
    spec = page_spec(paper)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=spec.size,
        leftMargin=spec.margin,
        rightMargin=spec.margin,
        topMargin=spec.margin,
        bottomMargin=spec.margin + FOOTER,
        title=title,
        author="救助通",
        creator="救助通",
        invariant=True,
    )
    pages: list[int] = []
    doc.build(story, canvasmaker=_numbered_canvas(fonts.body, spec.base * 0.85, footer, pages))
    missing = fontlib.missing_chars(fonts.body, check_text) if check_text else []
    if missing:
        log.warning("font %s lacks glyphs for %s in %s", fonts.body, "".join(missing), title)
    return Document(buf.getvalue(), pages[0] if pages else 0, title, missing)


def wrap_lines(text: str, font: str, size: float, width: float) -> str:
    """Break ``text`` with newlines so each line fits ``width`` (CJK: any character may start a line,
    except closing punctuation, which hangs at the end of the line before)."""
    if not text or stringWidth(text, font, size) <= width:
        return text
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        used = 0.0
        for ch in para:
            w = stringWidth(ch, font, size)
            if line and used + w > width and ch not in rl_paragraph.ALL_CANNOT_START:
                lines.append(line)
                line, used = "", 0.0
            line += ch
            used += w
        lines.append(line)
    return "\n".join(lines)


def header_lines(text: str) -> list[str]:
    """A column header's lines: 「月收入（元）」 breaks before the unit, 4 characters or fewer stay whole."""
    if "（" in text and not text.startswith("（"):
        head, _, unit = text.partition("（")
        return [head, f"（{unit}"]
    if len(text) <= 4:
        return [text]
    half = (len(text) + 1) // 2
    return [text[:half], text[half:]]


def fit_header(text: str, width: float, font: str, size: float) -> str:
    """The header on one line if it fits the column, else broken as ``header_lines`` says."""
    return text if stringWidth(text, font, size) + 8 <= width else "\n".join(header_lines(text))


def auto_widths(
    rows: Sequence[Sequence[str]], font: str, size: float, width: float, keep: Sequence[int] = ()
) -> list[float]:
    """Column widths from the content: each wants its widest cell (at most 35% of the table) and its
    header on at most two lines; spare width is shared out, and a shortfall is taken from the columns
    not in ``keep`` (ID numbers are kept whole)."""
    pad = 8.0
    need = []
    for col in range(len(rows[0])):
        body = max((stringWidth(r[col], font, size) for r in rows[1:] if r[col]), default=0.0)
        head = max(stringWidth(part, font, size) for part in header_lines(rows[0][col]))
        need.append(max(min(body, width * 0.35), head, size * 2) + pad)
    total = sum(need)
    if total <= width:
        return [w * width / total for w in need]
    fixed = sum(need[i] for i in keep)
    scale = (width - fixed) / (total - fixed)
    return [w if i in keep else w * scale for i, w in enumerate(need)]


def grid(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    st: Styles,
    *,
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    shade: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    heights: Sequence[float | None] | None = None,
    header_rows: int = 0,
    center: bool = False,
    pad: float = 2.5,
) -> Table:
    """A ruled form table; strings become wrapping paragraphs so nothing runs out of its cell."""
    cell = st.cell_center if center else st.cell
    data = [[Paragraph(_escape(v), cell) if isinstance(v, str) else v for v in row] for row in rows]
    table = Table(data, colWidths=list(widths), rowHeights=heights, repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 0.5),
    ]
    commands += [("SPAN", a, b) for a, b in spans]
    commands += [("BACKGROUND", a, b, SHADE) for a, b in shade]
    table.setStyle(TableStyle(commands))
    return table


class Title(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A document's title, centred line by line; drawn emboldened (fill and stroke) when the font is a
    plain 宋体 standing in for the 小标宋 of official documents."""

    def __init__(self, text: str, style: ParagraphStyle, bold: bool) -> None:
        super().__init__()
        self.text, self.style, self.bold = text, style, bold
        self.lines: list[str] = [text]

    def wrap(self, width: float, _height: float) -> tuple[float, float]:
        st = self.style
        room = width - st.fontSize * 0.2
        self.lines = wrap_lines(self.text, st.fontName, st.fontSize, room).split("\n")
        if len(self.lines) > 1:  # balance the lines: 「…救助供养 / 对象长期公示」, not one character over
            even = stringWidth(self.text, st.fontName, st.fontSize) / len(self.lines) + st.fontSize
            self.lines = wrap_lines(self.text, st.fontName, st.fontSize, min(room, even)).split("\n")
        if len(self.lines) == 2:  # two lines: break between words (「…保障和 / 特困人员…」), not inside one
            self.lines = title_break(self.text, st.fontName, st.fontSize, room) or self.lines
        self.width, self.height = width, len(self.lines) * st.leading
        return width, self.height

    def getSpaceAfter(self) -> float:  # ReportLab's name
        return float(self.style.spaceAfter)

    def getPlainText(self) -> str:  # as a Paragraph answers
        return self.text

    def draw(self) -> None:
        st, canv = self.style, self.canv
        canv.saveState()
        canv.setFillColor(colors.black)
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(st.fontSize * 0.035)
        for n, line in enumerate(self.lines):
            text = canv.beginText()
            text.setFont(st.fontName, st.fontSize)
            text.setTextRenderMode(2 if self.bold else 0)
            x = (self.width - stringWidth(line, st.fontName, st.fontSize)) / 2
            text.setTextOrigin(x, self.height - (n + 1) * st.leading + (st.leading - st.fontSize) / 2 + 2)
            text.textOut(line)
            canv.drawText(text)
        canv.restoreState()


# Characters a title's line may end with: the end of a place name, a conjunction, a pause.
TITLE_BREAK_AFTER = frozenset("和及与、，村镇乡区县")


def title_break(text: str, font: str, size: float, room: float) -> list[str] | None:
    """The most even two lines of ``text`` broken after a word (TITLE_BREAK_AFTER) within ``room``,
    each line at least a third of the whole; None when there is no such break."""
    best: tuple[float, list[str]] | None = None
    whole = stringWidth(text, font, size)
    for at in range(1, len(text)):
        if text[at - 1] not in TITLE_BREAK_AFTER:
            continue
        first, second = text[:at], text[at:]
        widths = stringWidth(first, font, size), stringWidth(second, font, size)
        if max(widths) <= room and min(widths) >= whole / 3 and (best is None or max(widths) < best[0]):
            best = (max(widths), [first, second])
    return best[1] if best else None


def title(text: str, st: Styles) -> Title:
    """The document's title in the heading font (小标宋, or the 宋体 drawn bold)."""
    return Title(text, st.title, st.heading_bold)


SEAL = 42 * mm  # a 公章's diameter (the common 4.2 cm round seal)


class IssuerBlock(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The issuing body and the date under it, right of centre, and the seal's place over both: the
    stamp 「压」 the body's name and the date. The block is as tall as the seal, so it stays clear of
    the text and of any signature line above it."""

    def __init__(self, issuer: str, date_text: str, st: Styles) -> None:
        super().__init__()
        self.issuer, self.date_text, self.st = issuer, date_text, st

    def wrap(self, width: float, _height: float) -> tuple[float, float]:
        self.width, self.height = width, SEAL + 2 * mm
        return width, self.height

    def draw(self) -> None:
        st, canv = self.st, self.canv
        font, size = st.font, st.right.fontSize
        widest = max(stringWidth(self.issuer, font, size), stringWidth(self.date_text, font, size))
        # the date sits four characters in from the right edge (as GB/T 9704 sets it), the body centred
        # over it; the seal centred on the two lines and kept inside the margin
        centre = min(self.width - 4 * size - widest / 2, self.width - SEAL / 2)
        middle = self.height / 2
        canv.saveState()
        canv.setFont(font, size)
        canv.drawCentredString(centre, middle + size * 0.35, self.issuer)
        canv.drawCentredString(centre, middle - size * 1.35, self.date_text)
        canv.setStrokeColor(colors.HexColor("#BBBBBB"))
        canv.setLineWidth(0.5)
        canv.setDash(2, 2)
        canv.circle(centre, middle, SEAL / 2, stroke=1, fill=0)
        canv.setFillColor(colors.HexColor("#999999"))
        canv.setFont(font, st.small.fontSize)
        canv.drawCentredString(centre, middle + SEAL / 2 - st.small.fontSize * 2, "（盖章）")
        canv.restoreState()


def issuer_block(issuer: str, date_text: str, st: Styles) -> Flowable:
    """The issuing body and the date with the seal's place drawn over them (see ``IssuerBlock``)."""
    return IssuerBlock(issuer, date_text, st)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept)."""
    return Paragraph(_escape(text), style)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def list_style(
    font: str,
    size: float,
    leading: float,
    *,
    header_rows: int = 1,
    total_row: bool = False,
    rule: float = 0.5,
    pad: float = 3,
    side_pad: float | None = None,
) -> list[tuple[Any, ...]]:
    """The ruled list's style (notices, the roster, the reports): font, grid, shaded header and totals.

    Callers add their columns' alignments (and spans) to the list it returns.
    """
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size, size * leading),
        ("GRID", (0, 0), (-1, -1), rule, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
    ]
    if side_pad is not None:
        commands += [
            ("LEFTPADDING", (0, 0), (-1, -1), side_pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), side_pad),
        ]
    if total_row:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), SHADE))
    return commands
