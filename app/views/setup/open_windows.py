"""The windows a signed-in user has open, which of them hold input not yet saved, and closing them.

A window may say for itself whether it holds unsaved input (``has_unsaved_input()``); otherwise a text
the user typed and that no load or save has replaced since counts: a line edit Qt marks as modified, a
text area whose document is modified. Search and filter boxes (those with a clear button) and
passwords do not count.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from app.views.setup.screen_lock import EXEMPT
from app.views.task_progress import TaskProgressDialog


def session_windows(main: QWidget) -> list[QWidget]:
    """The visible windows of the session, ``main`` first; menus, tooltips and progress dialogs left out
    (a progress dialog goes with its task; closing it would cancel the work)."""
    others = [
        window
        for window in QApplication.topLevelWidgets()
        if window is not main
        and window.isVisible()
        and not window.property(EXEMPT)
        and not isinstance(window, TaskProgressDialog)
        and window.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
    ]
    return [main, *others]


def _edited(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return (
            widget.isModified()
            and not widget.isReadOnly()
            and widget.echoMode() == QLineEdit.EchoMode.Normal
            and not widget.isClearButtonEnabled()
            and bool(widget.text().strip())
        )
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return (
            not widget.isReadOnly() and widget.document().isModified() and bool(widget.toPlainText().strip())
        )
    return False


def unsaved_input(window: QWidget) -> bool:
    """Whether ``window`` holds input the user typed that has not been saved."""
    declared = getattr(window, "has_unsaved_input", None)
    if callable(declared):
        return bool(declared())
    return any(_edited(child) for child in window.findChildren(QWidget) if child.window() is window)


def with_unsaved_input(windows: list[QWidget]) -> list[QWidget]:
    return [window for window in windows if unsaved_input(window)]


def close_others(main: QWidget) -> None:
    """Close every window of the session but ``main`` (a modal one leaves its own event loop)."""
    for window in session_windows(main)[1:]:
        window.close()
        if window.isVisible():  # it refused (work of its own still running): it goes anyway
            window.hide()
        if window.parentWidget() is None:
            window.deleteLater()
