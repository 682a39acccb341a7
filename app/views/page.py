"""The base of every section, tab and working dialog: lazy first load, busy state, refusals, refresh.

A page says which tables it shows (``CONCERNS``) and how to load them (``load``); the base loads it the
first time it is shown, again when a write anywhere announces a change to one of those tables (at once
if it is visible, else when it is next shown), and when the user presses F5 (the main window's Refresh).
Its ``read`` and ``write`` run operations (``app.views.ops``) as the signed-in user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from app.errors import UserError
from app.models.db import UnitOfWork
from app.services.context import Actor
from app.views import ops, tasks
from app.views.widgets.forms import ErrorLabel
from app.views.workspace import Workspace

T = TypeVar("T")


class OpHostMixin:
    """``set_busy`` / ``show_refused`` and the two operation shortcuts, for a page or a dialog."""

    ws: Workspace
    refused: ErrorLabel
    _busy: int = 0

    @property
    def actor(self) -> Actor:
        return self.ws.actor

    def read(
        self, fn: Callable[[UnitOfWork], T], on_done: Callable[[T], object], **options: Any
    ) -> tasks.TaskHandle[T]:
        return ops.read_op(self, fn, on_done, **options)

    def write(
        self, fn: Callable[[UnitOfWork], T], on_done: Callable[[T], object] | None = None, **options: Any
    ) -> tasks.TaskHandle[T]:
        return ops.write_op(self, fn, on_done, **options)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def set_busy(self, busy: bool) -> None:
        was = self.busy
        self._busy = max(0, self._busy + (1 if busy else -1))
        if self.busy != was:
            self.busy_changed(self.busy)

    def busy_changed(self, busy: bool) -> None:
        """Show the busy state (a busy cursor by default; pages may also disable their buttons)."""
        widget = self if isinstance(self, QWidget) else None
        if widget is not None:
            if busy:
                widget.setCursor(Qt.CursorShape.BusyCursor)
            else:
                widget.unsetCursor()

    def show_refused(self, error: UserError) -> None:
        self.refused.show_error(str(error))

    def clear_refused(self) -> None:
        self.refused.clear_error()


class Page(OpHostMixin, QWidget):
    """Subclasses set ``CONCERNS``, build their widgets (placing ``self.refused``) and implement ``load``."""

    CONCERNS: ClassVar[frozenset[str]] = frozenset()

    status_message = Signal(str)
    loaded = Signal()  # a load finished and its rows are on screen (tests wait on it)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.refused = ErrorLabel()
        self._stale = True
        ops.changes().changed.connect(self._on_changes)

    def load(self) -> None:
        """Start the reads that fill the page (called on first show, on F5 and after changes)."""

    @Slot()
    def refresh(self) -> None:
        self._stale = False
        self.clear_refused()
        self.load()

    def mark_stale(self) -> None:
        """Reload now if the page is on screen, else the next time it is shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    @Slot(object)
    def _on_changes(self, what: ops.Changes) -> None:
        if what.touches(self.CONCERNS):
            self.mark_stale()

    def show_refused(self, error: UserError) -> None:
        super().show_refused(error)
        self.status_message.emit(str(error))

    def show_status(self, message: str) -> None:
        self.status_message.emit(message)


class OpDialog(OpHostMixin, QDialog):
    """A dialog that runs operations of its own (its errors show on its own ``refused`` line)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.refused = ErrorLabel()
