"""The crash hook: any uncaught exception is logged and shown in a dialog built on the GUI thread."""

from __future__ import annotations

import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

import app as app_package
from app import log
from app.views.widgets.screen import fit_to_screen


class CrashDialog(QDialog):
    """Says what happened in plain words; the details are selectable and one click copies them."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Jiuzhu: unexpected error"))
        fit_to_screen(self, 720, 480)
        intro = QLabel(
            self.tr(
                "Sorry, Jiuzhu met an unexpected error. The work you saved before is safe.\n"
                "Please copy the details below and send them to your system administrator."
            )
        )
        intro.setWordWrap(True)
        where = QLabel(
            self.tr("Log file: {path}").format(path=log_path) if log_path else self.tr("No log file.")
        )
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox()
        copy = buttons.addButton(self.tr("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = buttons.addButton(self.tr("&Quit Jiuzhu"), QDialogButtonBox.ButtonRole.DestructiveRole)
        keep = buttons.addButton(self.tr("C&ontinue"), QDialogButtonBox.ButtonRole.AcceptRole)
        keep.setDefault(True)
        copy.clicked.connect(self.copy_details)
        quit_button.clicked.connect(self._quit)
        keep.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(where)
        layout.addWidget(buttons)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())

    @Slot()
    def _quit(self) -> None:
        self.reject()
        QCoreApplication.exit(1)


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The text a bug report needs: versions, the traceback and the last log lines."""
    lines = [
        f"Jiuzhu {app_package.__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"Thread: {threading.current_thread().name}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
        "Recent log:",
        log.ring.text(),
    ]
    return log.mask("\n".join(lines))  # an ID number or account in an error message is not shown


class CrashReporter(QObject):
    """Receives reports from any thread and shows them on the GUI thread, one dialog at a time."""

    report = Signal(str)

    def __init__(self, log_path: Path | None) -> None:
        super().__init__()
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.exit(130)
            return
        log.gui.error("uncaught exception", exc_info=(exc_type, exc, tb))
        self.report.emit(crash_report(exc_type, exc, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.details.appendPlainText("\n" + "=" * 60 + "\n" + details)
            return
        self.dialog = CrashDialog(details, self.log_path, QApplication.activeWindow())
        self.dialog.open()


_installed: list[tuple[CrashReporter, object, object]] = []


def install(log_path: Path | None) -> CrashReporter:
    """Route uncaught exceptions (GUI thread, worker threads, Python threads) to the crash dialog."""
    reporter = CrashReporter(log_path)
    _installed.append((reporter, sys.excepthook, threading.excepthook))
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    return reporter


def uninstall() -> None:
    """Put back the hooks that were there before ``install``."""
    if _installed:
        _reporter, previous, previous_thread = _installed.pop()
        sys.excepthook = previous  # type: ignore[assignment]
        threading.excepthook = previous_thread  # type: ignore[assignment]
