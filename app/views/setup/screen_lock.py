"""The idle lock: input anywhere in the app restarts a countdown; when it runs out, every window is covered.

One application event filter does both halves. Unlocked, it watches keyboard, mouse and input-method
events in every window and restarts the countdown on each (work running in the background is not
input: a long import does not keep the screen open, and the lock does not stop it). Locked, it covers
each top-level window with an opaque panel (and its title with a neutral one), covers any window that
opens later (a preview or a message that a finishing task shows), and swallows input meant for anything
but the lock dialog, so nothing can be read or typed behind the lock.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QVBoxLayout, QWidget

from app.views.widgets.forms import heading

EXEMPT = "jiuzhu_lock_exempt"  # a window the session shows over the lock (its own questions)
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
BLOCKED = ACTIVITY | {
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.ContextMenu,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
    QEvent.Type.HoverEnter,
    QEvent.Type.HoverMove,
    QEvent.Type.ToolTip,
    QEvent.Type.WhatsThis,
}


def exempt(window: QWidget) -> QWidget:
    """Mark ``window`` as the session's own (shown over the lock, not covered by it); returns it."""
    window.setProperty(EXEMPT, True)
    return window


def _is_popup(widget: QWidget) -> bool:
    return widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)


class Cover(QWidget):
    """An opaque panel over the whole of one window, which also stands in for the window's title."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#34404c"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
        self.setPalette(palette)
        title = heading(self.tr("Jiuzhu is locked"), 1.6)
        note = QLabel(self.tr("Sign in again to continue."))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (title, note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.window_ = window
        self.locked_title = self.tr("Jiuzhu (locked)")
        self.hidden_title = window.windowTitle()
        window.setWindowTitle(self.locked_title)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_:
            kind = event.type()
            if kind == QEvent.Type.Resize:
                self.setGeometry(self.window_.rect())
            elif kind == QEvent.Type.ChildAdded:
                QTimer.singleShot(0, self._stay_on_top)  # a child added later must not show above
            elif kind == QEvent.Type.WindowTitleChange and self.window_.windowTitle() != self.locked_title:
                self.hidden_title = self.window_.windowTitle()
                self.window_.setWindowTitle(self.locked_title)
        return False

    @Slot()
    def _stay_on_top(self) -> None:
        self.raise_()

    def remove(self) -> None:
        """Give the window back its content and its title."""
        self.window_.removeEventFilter(self)
        self.window_.setWindowTitle(self.hidden_title)
        self.hide()
        self.deleteLater()


class ScreenLock(QObject):
    """The countdown and the covers; ``idle`` asks the session to lock (it shows its sign-in, then calls
    ``lock`` with that dialog, the one window that still takes input)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._keep: QWidget | None = None
        self._covers: dict[QWidget, Cover] = {}
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    # -- the countdown ---------------------------------------------------------------------------

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)
        if self._timer.isActive():
            self._timer.start()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def counting(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start (or restart) the countdown; it does not run while the screen is locked."""
        if not self.is_locked:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    # -- locking ---------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._keep is not None

    def lock(self, keep: QWidget) -> None:
        """Cover every window but ``keep`` (the lock's sign-in), close menus and tooltips."""
        self._timer.stop()
        self._keep = keep
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self._cover(window)

    def hand_over(self, keep: QWidget) -> None:
        """Let ``keep`` take input instead (a new sign-in after a refused switch); the covers stay."""
        self._keep = keep

    def unlock(self) -> None:
        """Uncover every window and start counting again."""
        for cover in list(self._covers.values()):
            if shiboken6.isValid(cover):
                cover.remove()
        self._covers.clear()
        self._keep = None
        self._timer.start()

    def covers(self) -> dict[QWidget, Cover]:
        return dict(self._covers)

    def dispose(self) -> None:
        """Stop watching (the session signed out or the user quit)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        for cover in list(self._covers.values()):
            if shiboken6.isValid(cover):
                cover.remove()
        self._covers.clear()
        self._keep = None

    def _allowed(self, window: QWidget) -> bool:
        """The lock's own sign-in, the session's questions, and popups that belong to them."""
        if window is self._keep or window.property(EXEMPT):
            return True
        if _is_popup(window):
            owner = window.parentWidget()
            return owner is not None and self._allowed(owner.window())
        return False

    def _cover(self, window: QWidget) -> None:
        if not window.isWindow() or window in self._covers or self._allowed(window):
            return
        if _is_popup(window):
            window.close()  # a menu or a tooltip of a covered window
            return
        cover = Cover(window)
        cover.destroyed.connect(lambda _=None, w=window: self._covers.pop(w, None))
        self._covers[window] = cover
        if self._keep is not None and self._keep.isVisible():
            QTimer.singleShot(0, self._lift_keep)

    @Slot()
    def _lift_keep(self) -> None:
        """A window opened over the lock (a modal one would take the input): show the sign-in on top again."""
        keep = self._keep
        if keep is not None and keep.isVisible():
            keep.hide()
            keep.show()  # the newest modal window: it takes the input again
            keep.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._keep is None:
            if kind in ACTIVITY:
                self._timer.start()
            return False
        if not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.Show and watched.isWindow():
            self._cover(watched)
            return False
        closing = kind == QEvent.Type.Close and event.spontaneous()  # the title bar's close button
        if (kind in BLOCKED or closing) and not self._allowed(watched.window()):
            event.ignore()
            return True
        return False
