"""Windows and dialogs sized to the screen's available area: every one fits a 1366×768 laptop."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window: borders, and the title bar above.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen's area left by the taskbar, on the widget's screen (or the primary one)."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def largest_size(widget: QWidget | None = None) -> QSize:
    """The largest window, frame included, that the available area holds."""
    area = available_area(widget)
    return QSize(max(area.width() - FRAME_WIDTH, 320), max(area.height() - FRAME_HEIGHT, 240))


def fit_to_screen(widget: QWidget, width: int = 0, height: int = 0) -> QSize:
    """Size a top-level window or dialog to ``width`` × ``height`` (else what its layout asks for),
    no larger than the screen's available area, and keep it on the screen; returns the size given.

    Call it once the dialog's layout is set (its size hint is then known).
    """
    largest = largest_size(widget)
    hint = widget.sizeHint()
    wanted_w = width or max(hint.width(), widget.minimumWidth())
    wanted_h = height or max(hint.height(), widget.minimumHeight())
    size = QSize(min(wanted_w, largest.width()), min(wanted_h, largest.height()))
    if widget.minimumWidth() > size.width() or widget.minimumHeight() > size.height():
        widget.setMinimumSize(
            min(widget.minimumWidth(), size.width()), min(widget.minimumHeight(), size.height())
        )
    widget.resize(size)
    area = available_area(widget)
    if widget.isVisible() and not area.contains(widget.frameGeometry()):
        x = min(max(widget.x(), area.left()), area.right() - size.width() - FRAME_WIDTH // 2)
        y = min(max(widget.y(), area.top()), area.bottom() - size.height() - FRAME_HEIGHT)
        widget.move(max(x, area.left()), max(y, area.top()))
    return size
