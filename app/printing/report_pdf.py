"""The monthly statistics report (月报) as a printable PDF: A4 landscape, the table by category with its
two header rows (repeated should it run over), 分类施保 by group, charts, and the signature lines.

The figures are those of ``app.services.reports.monthly`` — the same the xlsx shows (same columns).
The year summary's PDF is in ``report_pdf_year`` and re-exported here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app import clock
from app.documents.reports import MONTH_COLUMNS
from app.domain.money import yuan
from app.printing.catalog import Paper
from app.printing.fonts import FontSet
from app.printing.layout import Styles, header_lines, list_style, page_spec, para, render, styles, wrap_lines
from app.printing.output import Document
from app.printing.report_pdf_linshi import linshi_table, linshi_text
from app.printing.report_pdf_parts import bar_chart, info_line, percent, pie_chart, signature_block
from app.printing.report_pdf_year import build_year_summary, year_summary_pdf

if TYPE_CHECKING:  # the report data is built by the services; this module only lays it out
    from app.documents.reports import CategoryRow, MonthlyReport

__all__ = ["build_monthly_report", "build_year_summary", "monthly_report_pdf", "year_summary_pdf"]

LEADING = 1.25
PAD = 6.0


def report_title(report: MonthlyReport) -> str:
    year, mon = int(report.month[:4]), int(report.month[5:])
    return f"{report.county}{year}年{mon}月城乡低保、特困供养统计月报"


def cell_text(row: CategoryRow, attr: str) -> str:
    if attr.startswith("labour."):
        return str(row.labour[attr.split(".", 1)[1]])
    value = getattr(row, attr)
    return yuan(value) if attr.endswith("_fen") else str(value)


def _widths(body: list[list[str]], heads: list[str], font: str, size: float, width: float) -> list[float]:
    """Each column wants its widest figure and its header's longest part (up to six characters); the
    spare width is shared out in proportion."""
    need = []
    for c, head in enumerate(heads):
        figures = max(stringWidth(r[c], font, size) for r in body)
        words = min(max(stringWidth(part, font, size) for part in header_lines(head)), size * 6)
        need.append(max(figures, words, size * 2) + PAD)
    total = sum(need)
    return [w * width / total for w in need]


def _main_table(report: MonthlyReport, font: str, size: float, width: float) -> Table:
    rows = [*report.rows, report.total]
    body = [[r.category, *(cell_text(r, attr) for _g, _n, attr in MONTH_COLUMNS)] for r in rows]
    widths = _widths(body, ["类别", *(name for _g, name, _a in MONTH_COLUMNS)], font, size, width)

    def fit(text: str, col: int, span: int = 1) -> str:
        room = sum(widths[col : col + span]) - PAD
        if stringWidth(text, font, size) <= room:
            return text
        return "\n".join(wrap_lines(part, font, size, room) for part in header_lines(text))

    groups: list[str] = [fit("类别", 0)]
    names: list[str] = [""]
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = [((0, 0), (0, 1))]
    col = 1
    while col <= len(MONTH_COLUMNS):
        group = MONTH_COLUMNS[col - 1][0]
        if group is None:
            groups.append(fit(MONTH_COLUMNS[col - 1][1], col))
            names.append("")
            spans.append(((col, 0), (col, 1)))
            col += 1
            continue
        end = col
        while end + 1 <= len(MONTH_COLUMNS) and MONTH_COLUMNS[end][0] == group:
            end += 1
        groups.append(fit(group, col, end - col + 1))
        groups += [""] * (end - col)
        names += [fit(name, c) for c, (_g, name, _a) in enumerate(MONTH_COLUMNS[col - 1 : end], start=col)]
        if end > col:
            spans.append(((col, 0), (end, 0)))
        col = end + 1
    table = Table([groups, names, *body], colWidths=widths, repeatRows=2)
    style = list_style(font, size, LEADING, header_rows=2, total_row=True, side_pad=3)
    style += [
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        *(("SPAN", a, b) for a, b in spans),
    ]
    table.setStyle(TableStyle(style))
    return table


def _topup_table(report: MonthlyReport, font: str, size: float, width: float) -> Table:
    rows = [["分类施保类别", "人数", "金额（元）"]]
    rows += [[label, str(persons), yuan(fen)] for label, persons, fen in report.topups]
    if not report.topups:
        rows.append(["本月无分类施保", "", ""])
    persons = sum(p for _, p, _ in report.topups)
    rows.append(["合计", str(persons), yuan(sum(f for _, _, f in report.topups))])
    table = Table(rows, colWidths=[width * 0.42, width * 0.22, width * 0.36], repeatRows=1)
    style = list_style(font, size, LEADING, total_row=True)
    style += [("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    table.setStyle(TableStyle(style))
    return table


def _charts(report: MonthlyReport, font: str, size: float, width: float) -> Table:
    """分类施保 table and three charts side by side: households and persons, spending, top-ups."""
    height = 62 * mm
    cells = [width * 0.22, width * 0.27, width * 0.25, width * 0.26]
    names = [r.category for r in report.rows]
    people = bar_chart(
        "保障户数和人数",
        names,
        [("户数", [r.households for r in report.rows]), ("人数", [r.persons for r in report.rows])],
        font,
        cells[1] - 8,
        height,
        empty="本月无保障对象",
    )
    spending = pie_chart(
        "支出构成（按类别）",
        [(r.category, r.total_fen) for r in report.rows],
        font,
        cells[2] - 8,
        height,
        empty="本月无支出",
    )
    topups = bar_chart(
        "分类施保金额（元）",
        [label for label, _, _ in report.topups],
        [("金额", [fen / 100 for _, _, fen in report.topups])],
        font,
        cells[3] - 8,
        height,
        empty="本月无分类施保",
    )
    table = Table(
        [[_topup_table(report, font, size, cells[0] - 8), people, spending, topups]], colWidths=cells
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _linshi(report: MonthlyReport, st: Styles, width: float, size: float) -> list[Flowable]:
    """The 临时救助 table by township and category of need (only when the month has some)."""
    if not report.linshi:
        return []
    title = "临时救助（本月确认，按乡镇、救助类型）"
    return [Spacer(1, 3 * mm), linshi_table(title, report.linshi, st, width * 0.75, size)]


def build_monthly_report(
    report: MonthlyReport, fonts: FontSet, *, prepared_on: date | None = None
) -> Document:
    """The month's report on A4 landscape (a page or two); ``prepared_on`` is the 制表日期 (today)."""
    paper = Paper.A4_LANDSCAPE
    spec = page_spec(paper)
    st = styles(fonts, spec)
    size = st.base * 0.7
    title = report_title(report)
    fields = [f"填报单位：{report.office}", f"统计月份：{report.month}", f"数据来源：{report.source_label}"]
    total = report.total
    note = (
        f"说明：人员构成、劳动能力按在册保障对象统计（共{total.members}人）；年龄按{report.month}月末计算。"
        f"本月支出{yuan(total.total_fen)}元，其中分类施保金{yuan(total.topup_fen)}元"
        f"（占{percent(total.topup_fen / total.total_fen if total.total_fen else 0.0)}），"
        f"人均补助{yuan(total.per_capita_fen)}元。"
    )
    if not report.linshi:
        note += "本月无确认的临时救助。"
    story: list[Flowable] = [
        para(title, st.subtitle),
        info_line(fields, st),
        Spacer(1, 2 * mm),
        _main_table(report, st.font, size, spec.width),
        Spacer(1, 1.5 * mm),
        para(note, st.small),
        Spacer(1, 3 * mm),
        _charts(report, st.font, size, spec.width),
        *_linshi(report, st, spec.width, size),
        KeepTogether(signature_block(st, spec.width, prepared_on or clock.today())),
    ]
    labels = [r.category for r in report.rows] + [label for label, _, _ in report.topups]
    check = title + "".join(fields) + note + "".join(labels) + linshi_text(report.linshi)
    return render(story, paper, fonts, title, footer=title, check_text=check)


def monthly_report_pdf(report: MonthlyReport, fonts: FontSet, *, prepared_on: date | None = None) -> bytes:
    """The month's report as PDF bytes (see ``build_monthly_report``)."""
    return build_monthly_report(report, fonts, prepared_on=prepared_on).pdf
