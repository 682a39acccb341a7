"""A line of grey text in an empty table saying what will appear there, instead of a blank grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView


class EmptyHint(QObject):
    """Paints ``text`` on ``view``'s viewport while its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view)
        self.view, self.text = view, text
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.is_shown():
            viewport = self.view.viewport()
            painter = QPainter(viewport)
            painter.setPen(viewport.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            rect = viewport.rect().adjusted(16, 16, -16, -16)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(rect, int(flags), self.text)
            painter.end()
        return False

    def is_shown(self) -> bool:
        model = self.view.model()
        return model is None or model.rowCount() == 0
