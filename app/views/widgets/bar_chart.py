"""A small horizontal bar chart drawn with QPainter: categories, one or two series, labels and a legend."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = ("#3f72af", "#e08a2c", "#5b9a68", "#b3261e")
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei")
MARGIN = 8
MAX_BAR = 18.0  # px: thicker bars look like blocks


@dataclass(frozen=True)
class Series:
    """One set of values, one per category; ``color`` None takes the palette's next colour."""

    name: str
    values: tuple[float, ...]
    color: str | None = None


@dataclass(frozen=True)
class Bar:
    """A drawn bar: which category and series, its value and where it is (widget coordinates)."""

    category: int
    series: int
    value: float
    rect: QRectF


def default_value_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def nice_step(top: float, ticks: int = 4, minimum: float = 1.0) -> float:
    """A round step (1, 2 or 5 × 10ⁿ, at least ``minimum``) splitting 0…``top`` into about ``ticks``."""
    raw = max(top, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if raw <= m * power)
    return float(max(step, minimum))


class BarChart(QWidget):
    """Grouped horizontal bars, one band per category; hover shows a tooltip, a click emits the category."""

    bar_clicked = Signal(int)  # category index

    def __init__(
        self,
        title: str = "",
        parent: QWidget | None = None,
        *,
        value_text: Callable[[float], str] = default_value_text,
    ) -> None:
        super().__init__(parent)
        self._title = ""
        self._value_text = value_text
        self._categories: list[str] = []
        self._series: list[Series] = []
        self._hover: tuple[int, int] | None = None
        self.empty_text = self.tr("No data")
        font = QFont(self.font())
        font.setFamilies([font.family(), *CJK_FAMILIES])
        self.setFont(font)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_title(title)

    # ---------------------------------------------------------------- data

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def title(self) -> str:
        return self._title

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        """Show ``series`` (each with one value per category) over ``categories``, top to bottom."""
        for s in series:
            if len(s.values) != len(categories):
                raise ValueError(
                    f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories"
                )
        self._categories = list(categories)
        self._series = [
            s if s.color else Series(s.name, s.values, PALETTE[i % len(PALETTE)])
            for i, s in enumerate(series)
        ]
        self._hover = None
        self.setAccessibleDescription(self._summary())
        self.updateGeometry()
        self.update()

    def categories(self) -> list[str]:
        return list(self._categories)

    def series(self) -> list[Series]:
        return list(self._series)

    def _summary(self) -> str:
        parts = []
        for i, category in enumerate(self._categories):
            values = "，".join(f"{s.name} {self._value_text(s.values[i])}" for s in self._series)
            parts.append(f"{category}：{values}")
        return "；".join(parts)

    # ---------------------------------------------------------------- geometry

    def sizeHint(self) -> QSize:
        bands = max(len(self._categories), 4)
        band = max(self._min_band(), 6.0 + 10 * max(len(self._series), 1))
        return QSize(440, int(self._plot_top() + bands * band + self._axis_h()))

    def minimumSizeHint(self) -> QSize:
        bands = max(len(self._categories), 1)
        return QSize(260, int(self._plot_top() + bands * self._min_band() + self._axis_h()))

    def _min_band(self) -> float:
        """Each category's band must hold its label."""
        return self._line_h() + 4

    def _line_h(self) -> float:
        return float(self.fontMetrics().height())

    def _plot_top(self) -> float:
        top = float(MARGIN)
        if self._title:
            top += self._line_h() * 1.3 + 4
        if self._series:
            top += self._line_h() + 6
        return top

    def _axis_h(self) -> float:
        return self._line_h() + 4 + MARGIN

    def _scale_top(self) -> float:
        top = max((v for s in self._series for v in s.values), default=0.0)
        step = nice_step(top)
        return max(step * math.ceil(top / step), step) if top > 0 else 1.0

    def _plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        label_w = max((metrics.horizontalAdvance(c) for c in self._categories), default=0) + 10
        widest = max(
            (metrics.horizontalAdvance(self._value_text(v)) for s in self._series for v in s.values),
            default=0,
        )
        left = MARGIN + label_w
        right = self.width() - MARGIN - widest - 6
        return QRectF(
            left,
            self._plot_top(),
            max(right - left, 10.0),
            max(self.height() - self._plot_top() - self._axis_h(), 10.0),
        )

    def bars(self) -> list[Bar]:
        """Every bar with its rectangle at the widget's current size (zero values have zero width)."""
        if not self._categories or not self._series:
            return []
        plot, top = self._plot_rect(), self._scale_top()
        band = plot.height() / len(self._categories)
        thickness = min(band * 0.78 / len(self._series), MAX_BAR)
        group = thickness * len(self._series)
        found = []
        for c in range(len(self._categories)):
            y = plot.top() + c * band + (band - group) / 2
            for s, series in enumerate(self._series):
                value = series.values[c]
                width = plot.width() * max(value, 0.0) / top
                found.append(Bar(c, s, value, QRectF(plot.left(), y + s * thickness, width, thickness - 1)))
        return found

    def bar_at(self, pos: QPointF) -> Bar | None:
        """The bar under ``pos``; a short bar is hit anywhere along its row of the band."""
        plot = self._plot_rect()
        for bar in self.bars():
            row = QRectF(plot.left(), bar.rect.top(), max(bar.rect.width(), 24.0), bar.rect.height())
            if row.contains(pos):
                return bar
        return None

    def tooltip_for(self, bar: Bar) -> str:
        lines = [self._categories[bar.category]]
        for s, series in enumerate(self._series):
            text = f"{series.name}：{self._value_text(series.values[bar.category])}"
            lines.append(f"<b>{text}</b>" if s == bar.series else text)
        return "<br>".join(lines)

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text_color)
        muted.setAlpha(140)
        y = float(MARGIN)
        if self._title:
            bold = QFont(self.font())
            bold.setBold(True)
            bold.setPointSizeF(bold.pointSizeF() * 1.1)
            painter.setFont(bold)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(MARGIN, y, self.width() - 2 * MARGIN, self._line_h() * 1.3),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._title,
            )
            painter.setFont(self.font())
            y += self._line_h() * 1.3 + 4
        if not self._categories or not self._series:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self._paint_legend(painter, y, text_color)
        self._paint_axis(painter, muted)
        self._paint_bars(painter, text_color)

    def _paint_legend(self, painter: QPainter, y: float, pen: QColor) -> None:
        metrics = self.fontMetrics()
        x = float(MARGIN)
        swatch = self._line_h() * 0.7
        for series in self._series:
            painter.fillRect(
                QRectF(x, y + (self._line_h() - swatch) / 2, swatch, swatch),
                QColor(series.color or PALETTE[0]),
            )
            x += swatch + 5
            painter.setPen(pen)
            painter.drawText(QPointF(x, y + metrics.ascent()), series.name)
            x += metrics.horizontalAdvance(series.name) + 16

    def _paint_axis(self, painter: QPainter, muted: QColor) -> None:
        plot, top = self._plot_rect(), self._scale_top()
        step = nice_step(top)
        grid = QColor(muted)
        grid.setAlpha(45)
        metrics = self.fontMetrics()
        ticks = round(top / step)
        for i in range(ticks + 1):
            value = step * i
            x = plot.left() + plot.width() * value / top
            painter.setPen(grid)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            label = self._value_text(value)
            painter.setPen(muted)
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x - width / 2, plot.bottom() + 2 + metrics.ascent()), label)

    def _paint_bars(self, painter: QPainter, pen: QColor) -> None:
        metrics = self.fontMetrics()
        plot = self._plot_rect()
        band = plot.height() / len(self._categories)
        painter.setPen(pen)
        for c, category in enumerate(self._categories):
            rect = QRectF(MARGIN, plot.top() + c * band, plot.left() - MARGIN - 8, band)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, category)
        for bar in self.bars():
            color = QColor(self._series[bar.series].color or PALETTE[0])
            if self._hover == (bar.category, bar.series):
                color = color.darker(125)
            painter.fillRect(bar.rect, color)
            label = self._value_text(bar.value)
            painter.setPen(pen)
            baseline = bar.rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(bar.rect.right() + 4, baseline), label)

    # ---------------------------------------------------------------- interaction

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(QPointF(event.pos()))
            if bar is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(bar), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        hover = (bar.category, bar.series) if bar else None
        if hover != self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if bar else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(bar.category)
        super().mouseReleaseEvent(event)
