"""GUI fixtures: Chinese translators, UI settings in a temporary folder, signed-in users, drained tasks."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from app.demo.run import DEMO_PASSWORD
from app.models.db import Database
from app.views import tasks
from app.views.app import create_application
from app.views.login_dialog import sign_in
from app.views.signed_in import SignedIn


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot pass size hints to a window manager it lacks.
    for item in items:
        if "tests/gui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """The application exactly as `jiuzhu gui` sets it up: names, font and zh_CN translators."""
    return create_application()


@pytest.fixture(autouse=True)
def _gui_environment(qapp: QApplication, tmp_path: Path) -> None:
    """Every GUI test gets the translated application; QSettings go to the test's own folder."""
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "ui-settings"))


@pytest.fixture
def gui_db(demo_db: Database) -> Iterator[Database]:
    """The demo station; queued work is drained before the database is closed."""
    yield demo_db
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def signed_in(db: Database, username: str) -> SignedIn:
    return sign_in(db, username, DEMO_PASSWORD)


@pytest.fixture
def clerk(gui_db: Database) -> SignedIn:
    return signed_in(gui_db, "clerk")


@pytest.fixture
def cadre(gui_db: Database) -> SignedIn:
    return signed_in(gui_db, "cadre")


@pytest.fixture
def head(gui_db: Database) -> SignedIn:
    return signed_in(gui_db, "head")


@pytest.fixture
def gc_kept_off() -> Iterator[None]:
    """For a test that runs `run_gui` to its end: quitting its event loop turns automatic collection back
    on (gc_guard), which the other GUI tests expect off."""
    collecting = gc.isenabled()
    yield
    if not collecting:
        gc.disable()
