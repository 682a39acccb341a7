"""Pieces the statistics report PDFs share: bar, line and pie charts (reportlab.graphics) with Chinese
labels, number formats, and the 制表/审核/审批 lines with the date."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.printing.layout import Styles, para

SIGNERS = ("制表", "审核", "审批")
PALETTE = (
    colors.HexColor("#4472C4"),
    colors.HexColor("#ED7D31"),
    colors.HexColor("#70AD47"),
    colors.HexColor("#FFC000"),
    colors.HexColor("#5B9BD5"),
    colors.HexColor("#A5A5A5"),
)
TITLE_SIZE = 9.5
LABEL_SIZE = 7.0
Series = Sequence[tuple[str, Sequence[float]]]


def percent(share: float) -> str:
    return f"{share:.1%}"


def date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def whole(value: float) -> str:
    """An axis or bar label: a whole number with thousands separators."""
    return f"{value:,.0f}"


def info_line(fields: Sequence[str], st: Styles) -> Table:
    """填报单位、统计月份 … on one line, spaced apart (a paragraph would run them together)."""
    table = Table([list(fields)], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.font, st.base * 0.85),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor("#444444")),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), st.base * 2.5),
            ]
        )
    )
    return table


def signature_block(st: Styles, width: float, prepared_on: date) -> list[Flowable]:
    """制表：　审核：　审批： with room to sign, and the date the report was made, below them."""
    dated = para(f"制表日期：{date_cn(prepared_on)}", st.plain)
    table = Table(
        [[para(f"{role}：", st.plain) for role in SIGNERS], [dated, "", ""]],
        colWidths=[width / 3] * 3,
        rowHeights=[st.base * 3, None],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return [Spacer(1, 4 * mm), table]


def _frame(title: str, font: str, width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(
        String(
            width / 2, height - TITLE_SIZE - 2, title, fontName=font, fontSize=TITLE_SIZE, textAnchor="middle"
        )
    )
    return drawing


def _message(text: str, font: str, width: float, height: float) -> String:
    return String(width / 2, height / 2, text, fontName=font, fontSize=LABEL_SIZE + 1, textAnchor="middle")


def _legend(drawing: Drawing, chart: Any, names: Sequence[str], font: str, width: float) -> None:
    """The series' colours and names in one row, centred under the category names."""
    legend = Legend()
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name) for i, name in enumerate(names)]
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.boxAnchor = "s"
    legend.dx = legend.dy = 7
    legend.deltax = max(stringWidth(n, font, LABEL_SIZE) for n in names) + 22
    legend.x, legend.y = width / 2, 3
    below = chart.getBounds()[1] - 3  # the lowest category name
    legend.y += below - legend.getBounds()[3]
    drawing.add(legend)


def _scale(top: float) -> tuple[float, float]:
    """(step, maximum) of a value axis: five or so steps of 1, 2 or 5 × 10ⁿ (never below 1, so counts
    are never labelled 0.2, 0.4 …), with room above the tallest value for its label."""
    rough = max(top * 1.15 / 5, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return step, step * max(math.ceil(top * 1.15 / step), 1)


def _value_axis(axis: Any, top: float, font: str, fmt: Callable[[float], str]) -> None:
    axis.valueStep, axis.valueMax = _scale(top)
    axis.valueMin = 0
    axis.labels.fontName, axis.labels.fontSize = font, LABEL_SIZE
    axis.labelTextFormat = fmt
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#DDDDDD")


def _plot_box(
    categories: Sequence[str],
    series: Series,
    font: str,
    width: float,
    height: float,
    fmt: Callable[[float], str],
) -> tuple[float, float, float, float, bool]:
    """(x, y, width, height) of the plot — room at the left for the value labels, below for the category
    names and the legend — and whether the category names are slanted to fit their slots."""
    top = max((v for _, values in series for v in values), default=0.0)
    left = stringWidth(fmt(_scale(top)[1]), font, LABEL_SIZE) + 10
    plot_width = width - left - 8
    widest = max((stringWidth(c, font, LABEL_SIZE) for c in categories), default=0.0)
    slanted = bool(categories) and widest > plot_width / len(categories) - 3
    bottom = (widest * 0.5 + 14 if slanted else 16) + (16 if len(series) > 1 else 0)
    return left, bottom, plot_width, height - bottom - TITLE_SIZE - 14, slanted


def _category_axis(axis: object, categories: Sequence[str], font: str, slanted: bool) -> None:
    axis.categoryNames = list(categories)  # type: ignore[attr-defined]
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName, labels.fontSize = font, LABEL_SIZE
    if slanted:  # long names (重度残疾人, 重病患者) in narrow slots: slanted, ending under their slot
        labels.angle, labels.boxAnchor, labels.dx, labels.dy = 30, "ne", 4, -2
    else:
        labels.dy = -2


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Series,
    font: str,
    width: float,
    height: float,
    *,
    fmt: Callable[[float], str] = whole,
    values_on_bars: bool = True,
    empty: str = "",
) -> Drawing:
    """Grouped bars, one colour per series, the values written over them; ``empty`` (if given) is
    written instead when there is no value above 0."""
    drawing = _frame(title, font, width, height)
    if empty and not any(v > 0 for _, values in series for v in values):
        drawing.add(_message(empty, font, width, height))
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height, slanted = _plot_box(
        categories, series, font, width, height, fmt
    )
    chart.data = [list(values) for _, values in series]
    _category_axis(chart.categoryAxis, categories, font, slanted)
    _value_axis(chart.valueAxis, max((v for _, vs in series for v in vs), default=0.0), font, fmt)
    chart.groupSpacing = 6
    chart.barSpacing = 1
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    if values_on_bars:
        chart.barLabelFormat = fmt
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = LABEL_SIZE - 1
        chart.barLabels.nudge = 5
    drawing.add(chart)
    if len(series) > 1:
        _legend(drawing, chart, [name for name, _ in series], font, width)
    return drawing


def line_chart(
    title: str,
    categories: Sequence[str],
    series: Series,
    font: str,
    width: float,
    height: float,
    *,
    fmt: Callable[[float], str] = whole,
) -> Drawing:
    """One line per series with a dot at each value (months along the bottom)."""
    drawing = _frame(title, font, width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height, slanted = _plot_box(
        categories, series, font, width, height, fmt
    )
    chart.data = [list(values) for _, values in series]
    _category_axis(chart.categoryAxis, categories, font, slanted)
    _value_axis(chart.valueAxis, max((v for _, vs in series for v in vs), default=0.0), font, fmt)
    for i in range(len(series)):
        chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeWidth = 1.5
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3)
    drawing.add(chart)
    if len(series) > 1:
        _legend(drawing, chart, [name for name, _ in series], font, width)
    return drawing


def pie_chart(
    title: str,
    slices: Sequence[tuple[str, float]],
    font: str,
    width: float,
    height: float,
    *,
    empty: str,
    caption: str = "",
) -> Drawing:
    """A pie with each slice labelled by its name and share, ``caption`` under it; ``empty`` is written
    instead when all are 0."""
    drawing = _frame(title, font, width, height)
    if caption:
        drawing.add(String(width / 2, 3, caption, fontName=font, fontSize=LABEL_SIZE, textAnchor="middle"))
    shown = [(name, value) for name, value in slices if value > 0]
    total = sum(value for _, value in shown)
    if total <= 0:
        drawing.add(
            String(width / 2, height / 2, empty, fontName=font, fontSize=LABEL_SIZE + 1, textAnchor="middle")
        )
        return drawing
    pie = Pie()
    low = 14 if caption else 0
    size = min(width * 0.5, height - TITLE_SIZE - 40 - low)
    pie.x, pie.y = (width - size) / 2, low + (height - low - TITLE_SIZE - 8 - size) / 2
    pie.width = pie.height = size
    pie.data = [value for _, value in shown]
    pie.labels = [f"{name} {percent(value / total)}" for name, value in shown]
    pie.simpleLabels = False
    pie.sideLabels = True
    pie.slices.fontName = font
    pie.slices.fontSize = LABEL_SIZE
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    pie.slices.label_pointer_piePad = 3
    for i in range(len(shown)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    drawing.add(pie)
    return drawing
