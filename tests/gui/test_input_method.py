"""The input-method check: the session's request against the plugins Qt can load (fake plugin folders)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.models.db import Database
from app.views import input_method
from app.views.main_window import MainWindow
from app.views.signed_in import SignedIn

WHEEL = ("libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so")
FCITX5 = "libfcitx5platforminputcontextplugin.so"


def plugins(root: Path, *files: str) -> Path:
    """A fake platforminputcontexts folder with empty files under plugin names."""
    folder = root / "plugins" / input_method.SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        (folder / file).write_bytes(b"")
    return folder


def test_the_request_comes_from_qt_im_modules_then_qt_im_module_then_xmodifiers() -> None:
    env = {"QT_IM_MODULES": "wayland;Fcitx;ibus", "QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"}
    assert input_method.requested(env) == (("wayland", "fcitx", "ibus"), "QT_IM_MODULES")
    assert input_method.requested({"QT_IM_MODULE": "fcitx:param", "XMODIFIERS": "@im=ibus"}) == (
        ("fcitx",),
        "QT_IM_MODULE",
    )
    assert input_method.requested({"QT_IM_MODULE": " ", "XMODIFIERS": "@im=fcitx5"}) == (
        ("fcitx5",),
        "XMODIFIERS",
    )
    assert input_method.requested({"XMODIFIERS": "@im="}) == ((), "")
    assert input_method.requested({}) == ((), "")


def test_plugin_keys_come_from_the_file_names(tmp_path: Path) -> None:
    folder = plugins(tmp_path, *WHEEL, FCITX5, "libqtvirtualkeyboardplugin.so", "README.txt")
    assert input_method.plugin_keys([folder, tmp_path / "missing"]) == {
        "compose",
        "xim",
        "ibus",
        "fcitx5",
        "fcitx",
        "qtvirtualkeyboard",
    }
    fcitx4 = plugins(tmp_path / "four", "libfcitxplatforminputcontextplugin-qt6.so")
    assert input_method.plugin_keys([fcitx4]) == {"fcitx"}


def test_fcitx_without_its_plugin_is_reported(tmp_path: Path) -> None:
    wheel = plugins(tmp_path, *WHEEL)
    result = input_method.check({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}, [wheel])
    assert result is not None and not result.ok
    assert result.wanted == ("fcitx",) and result.available == ("compose", "ibus", "xim")
    assert "NO plugin" in result.summary


def test_fcitx_with_the_plugin_copied_in_is_fine(tmp_path: Path) -> None:
    wheel = plugins(tmp_path, *WHEEL, FCITX5)
    result = input_method.check({"QT_IM_MODULE": "fcitx"}, [wheel])
    assert result is not None and result.ok


def test_a_list_is_fine_when_one_of_it_can_be_loaded(tmp_path: Path) -> None:
    wheel = plugins(tmp_path, *WHEEL)
    result = input_method.check({"QT_IM_MODULES": "fcitx;ibus"}, [wheel])
    assert result is not None and result.ok
    assert input_method.check({"QT_IM_MODULES": "wayland;fcitx"}, [wheel]).ok  # type: ignore[union-attr]
    assert not input_method.check({"QT_IM_MODULES": "fcitx5;fcitx"}, [wheel]).ok  # type: ignore[union-attr]


def test_xmodifiers_alone_does_not_reach_qt_on_x11(tmp_path: Path) -> None:
    wheel = plugins(tmp_path, *WHEEL, FCITX5)
    x11 = input_method.check({"XMODIFIERS": "@im=fcitx", "XDG_SESSION_TYPE": "x11"}, [wheel])
    assert x11 is not None and not x11.ok and x11.unrequested
    assert "QT_IM_MODULE is not set" in x11.summary
    wayland = input_method.check({"XMODIFIERS": "@im=fcitx", "XDG_SESSION_TYPE": "wayland"}, [wheel])
    assert wayland is not None and wayland.ok


def test_no_request_no_report(tmp_path: Path) -> None:
    assert input_method.check({"LANG": "zh_CN.UTF-8"}, [plugins(tmp_path, *WHEEL)]) is None
    assert input_method.about_text(None) == ""


def test_the_real_wheel_has_ibus_but_not_fcitx(monkeypatch: pytest.MonkeyPatch) -> None:
    """PySide6's own plugin folder, as the bundle carries it."""
    monkeypatch.setenv("QT_IM_MODULE", "ibus")
    assert input_method.session_check().ok  # type: ignore[union-attr]
    monkeypatch.setenv("QT_IM_MODULE", "fcitx")
    result = input_method.session_check()
    assert result is not None and not result.ok and "ibus" in result.available


def test_a_missing_plugin_is_logged_at_start(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("QT_IM_MODULES", raising=False)
    monkeypatch.setenv("QT_IM_MODULE", "fcitx")
    with caplog.at_level(logging.INFO, logger="jiuzhu.gui"):
        input_method.log_at_start()
    assert [r.levelno for r in caplog.records if "input method fcitx" in r.message] == [logging.WARNING]


@pytest.fixture
def window(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> Iterator[MainWindow]:
    w = MainWindow(gui_db, clerk)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.dashboard.loaded):
        w.show()
    yield w


def test_the_about_box_says_when_chinese_cannot_be_typed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QT_IM_MODULES", raising=False)
    monkeypatch.setenv("QT_IM_MODULE", "fcitx")
    text = window.about_text()
    assert "fcitx" in text and "县" in text and "输入法" in text
    monkeypatch.setenv("QT_IM_MODULE", "ibus")
    assert "无法" not in window.about_text() and "ibus" in window.about_text()
    monkeypatch.delenv("QT_IM_MODULE")
    monkeypatch.delenv("XMODIFIERS", raising=False)
    assert "输入法" not in window.about_text()
