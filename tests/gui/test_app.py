"""Start-up: translators, a missing database explained in Chinese, the crash dialog, lazy imports."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.demo.run import DEMO_PASSWORD
from app.paths import DataPaths
from app.views import app as gui_app
from app.views import crash_dialog


def test_chinese_translators_are_installed(qapp: QCoreApplication) -> None:
    assert QCoreApplication.translate("MainWindow", "Household files") == "家庭档案"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own buttons, too


@pytest.mark.usefixtures("gc_kept_off")
def test_a_database_that_cannot_be_opened_is_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(tmp_path / "broken")
    paths.root.mkdir()
    paths.database.write_bytes(b"this is not a database" * 100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert gui_app.run_gui(paths, None) == 1
    assert len(shown) == 1
    assert shown[0].startswith("无法打开数据库")


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[crash_dialog.CrashReporter]:
    yield crash_dialog.CrashReporter(tmp_path / "logs" / "jiuzhu.log")


def test_crash_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot: QtBot, reporter: crash_dialog.CrashReporter
) -> None:
    def fail() -> None:
        try:
            raise RuntimeError("worker bug")
        except RuntimeError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    details = dialog.details.toPlainText()
    assert "RuntimeError: worker bug" in details
    assert "Thread-" in details
    dialog.copy_details()
    assert "worker bug" in QGuiApplication.clipboard().text()
    assert str(reporter.log_path) in "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_second_crash_is_added_to_the_open_dialog(
    qtbot: QtBot, reporter: crash_dialog.CrashReporter
) -> None:
    def shown(message: str) -> bool:
        return reporter.dialog is not None and message in reporter.dialog.details.toPlainText()

    for message in ("first", "second"):
        reporter.excepthook(ValueError, ValueError(message), None)
        qtbot.waitUntil(lambda m=message: shown(m))  # type: ignore[misc]
    assert reporter.dialog is not None
    qtbot.addWidget(reporter.dialog)
    assert "first" in reporter.dialog.details.toPlainText()


def test_start_up_imports_no_printing_or_spreadsheets() -> None:
    code = (
        "import sys; import app.views.app, app.views.main_window, app.views.login_dialog; "
        "bad = [m for m in ('reportlab', 'openpyxl') if m in sys.modules]; print(bad); sys.exit(bool(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# The sign-in window is drawn before SQLAlchemy is imported; a password typed at once (before the
# database is open) signs in once it is. Run as `jiuzhu gui` in a fresh process on a demo copy.
_START_UP = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.views.login_dialog import LoginDialog

data_dir, password = sys.argv[1:3]

def main_window_up():
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "MainWindow" and widget.isVisible():
            print("main window for", widget.signed_in.actor.username, flush=True)
            os._exit(0)

original = LoginDialog.showEvent
def showEvent(self, event):
    original(self, event)
    if not hasattr(LoginDialog, "seen"):
        LoginDialog.seen = True
        print("sign-in shown; sqlalchemy imported:", "sqlalchemy" in sys.modules, flush=True)
        self.username_edit.setText("clerk")
        self.password_edit.setText(password)
        self.sign_in_button.click()
        poll = QTimer(QApplication.instance())
        poll.timeout.connect(main_window_up)
        poll.start(10)
LoginDialog.showEvent = showEvent
from app.main import main
sys.exit(main(["--data-dir", data_dir, "gui"]))
"""


def test_the_sign_in_is_drawn_before_the_database_is_opened(demo_paths: DataPaths) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _START_UP, str(demo_paths.root), DEMO_PASSWORD],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines == ["sign-in shown; sqlalchemy imported: False", "main window for clerk"], done.stderr
