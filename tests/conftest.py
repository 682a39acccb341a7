"""Shared fixtures: temporary data folders through the same override a user has, offscreen Qt."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# Every GUI test runs on a 1366×768 screen, the smallest the program must fit (tests/gui/test_screen_fit.py).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).parent / 'gui' / 'screen-1366x768.json'}"
    )

from app import clock, log
from app.demo.run import DEMO_PASSWORD
from app.models.db import Database
from app.paths import DataPaths
from app.services.setup.installation import initialise, new_keys, open_database, open_unlocked
from app.views import gc_guard

ADMIN_PASSWORD = "adminpass"
DEMO_TODAY = date(2026, 11, 20)
DEMO_HOUSEHOLDS = 120

# No test reads the wall clock: "today" is pinned for the whole run, in this process and (through the
# environment) in every CLI subprocess. A test that needs another day pins it with ``clock.pin``; the
# autouse fixture below puts the day back. tests/unit/test_clock.py checks that nothing else reads the
# real date.
os.environ[clock.ENV_VAR] = DEMO_TODAY.isoformat()
# The command line unlocks encrypted installations as their administrator: the tests' installations all
# give admin the demo's password. Set here (not only per test) for session fixtures and CLI subprocesses;
# a test of unlocking itself clears or changes these.
_CLI_PASSWORD_FILE = os.path.join(tempfile.mkdtemp(prefix="jiuzhu-tests-"), "admin-password.txt")
with open(_CLI_PASSWORD_FILE, "w", encoding="utf-8") as _secret:
    _secret.write(f"{DEMO_PASSWORD}\n")
os.environ["JIUZHU_USER"] = "admin"
os.environ["JIUZHU_PASSWORD_FILE"] = _CLI_PASSWORD_FILE
clock.pin(DEMO_TODAY)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolate_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test may touch the developer's own data folder or settings."""
    monkeypatch.setenv("JIUZHU_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv(clock.ENV_VAR, DEMO_TODAY.isoformat())
    monkeypatch.setenv("JIUZHU_USER", "admin")
    monkeypatch.setenv("JIUZHU_PASSWORD_FILE", _CLI_PASSWORD_FILE)
    clock.pin(DEMO_TODAY)
    yield
    clock.pin(DEMO_TODAY)
    log.shutdown()
    # Once the Qt application exists, cyclic garbage is collected on this (the GUI) thread only; tests
    # that run no event loop get their turn here.
    gc_guard.collect_if_due()


def open_installation(paths: DataPaths) -> Database:
    """A test installation's database: one made by the command line is encrypted, and its admin has the
    demo's password (see above); one made by the services directly is plain."""
    from app.services.setup import installation

    if installation.is_encrypted(paths):
        return installation.open_unlocked(paths, "admin", DEMO_PASSWORD)
    return open_database(paths)


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def station(paths: DataPaths) -> Iterator[Database]:
    """An initialised township station (三封寺镇) with only its admin account."""
    db = open_database(paths, create=True)
    initialise(db, kind="station", code="430623101", admin_password=ADMIN_PASSWORD)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small deterministic demo station, built once per run and copied per test."""
    from app.demo.run import run_demo

    root = tmp_path_factory.mktemp("demo-template")
    run_demo(DataPaths(root), None, households=DEMO_HOUSEHOLDS, seed=3, today=DEMO_TODAY)
    log.shutdown()
    return root


ENCRYPTED_HOUSEHOLDS = 40  # households of the encrypted demo


@pytest.fixture(scope="session")
def encrypted_demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A small demo station encrypted as `jiuzhu demo` makes it, built once: (its folder, recovery key)."""
    from app.demo.run import run_demo

    root = tmp_path_factory.mktemp("encrypted-demo-template")
    key, recovery = new_keys(DataPaths(root), demo=True)
    run_demo(DataPaths(root), None, households=ENCRYPTED_HOUSEHOLDS, seed=3, today=DEMO_TODAY, key=key)
    log.shutdown()
    return root, recovery


@pytest.fixture
def encrypted_demo(tmp_path: Path, encrypted_demo_template: tuple[Path, str]) -> tuple[DataPaths, str]:
    """A copy of the encrypted demo for one test: (its paths, its recovery key)."""
    target = tmp_path / "encrypted-demo"
    shutil.copytree(encrypted_demo_template[0], target)
    return DataPaths(target), encrypted_demo_template[1]


@pytest.fixture
def demo_paths(tmp_path: Path, demo_template: Path) -> DataPaths:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return DataPaths(target)


@pytest.fixture
def demo_db(demo_paths: DataPaths) -> Iterator[Database]:
    db = open_database(demo_paths)
    yield db
    db.dispose()


@pytest.fixture
def encrypted_template(encrypted_demo_template: tuple[Path, str]) -> tuple[Path, str]:
    return encrypted_demo_template


@pytest.fixture
def enc_paths(tmp_path: Path, encrypted_demo_template: tuple[Path, str]) -> DataPaths:
    shutil.copytree(encrypted_demo_template[0], tmp_path / "enc")
    return DataPaths(tmp_path / "enc")


@pytest.fixture
def enc_db(enc_paths: DataPaths) -> Iterator[Database]:
    db = open_unlocked(enc_paths, "admin", DEMO_PASSWORD)
    yield db
    db.dispose()
