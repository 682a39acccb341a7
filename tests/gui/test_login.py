"""Sign-in dialog: demo hint, success, wrong password, empty fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo.run import DEMO_PASSWORD
from app.domain.codes import Role
from app.errors import UserError
from app.models.db import Database
from app.models.user import User
from app.services.setup import auth
from app.views.login_dialog import LoginDialog


def make_dialog(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.hint_checked):
        dialog.show()
    return dialog


def test_demo_accounts_are_hinted(qtbot: QtBot, gui_db: Database) -> None:
    dialog = make_dialog(qtbot, gui_db)
    assert dialog.demo_hint.isVisible()
    assert "clerk" in dialog.demo_hint.text()
    assert DEMO_PASSWORD in dialog.demo_hint.text()
    assert dialog.windowTitle() == "救助通：登录"


def test_no_hint_outside_a_demo(qtbot: QtBot, station: Database) -> None:
    dialog = make_dialog(qtbot, station)
    assert not dialog.demo_hint.isVisible()


def test_clerk_signs_in(qtbot: QtBot, gui_db: Database) -> None:
    dialog = make_dialog(qtbot, gui_db)
    qtbot.keyClicks(dialog.username_edit, "clerk")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.signed_in) as blocker:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    result = blocker.args[0]
    assert result.actor.username == "clerk"
    assert result.actor.role is Role.TOWNSHIP_CLERK
    assert result.installation_name == "三封寺镇"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.signed_in_as == result


def test_wrong_password_is_refused_in_chinese(qtbot: QtBot, gui_db: Database) -> None:
    dialog = make_dialog(qtbot, gui_db)
    qtbot.keyClicks(dialog.username_edit, "clerk")
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    with qtbot.waitSignal(dialog.refused):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "用户名或密码错误"
    assert dialog.password_edit.text() == ""
    assert dialog.sign_in_button.isEnabled()
    assert dialog.isVisible()
    assert dialog.signed_in_as is None


def test_empty_fields_are_asked_for(qtbot: QtBot, gui_db: Database) -> None:
    dialog = make_dialog(qtbot, gui_db)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "请输入用户名和密码。"


def test_only_accounts_that_exist_are_hinted(gui_db: Database) -> None:
    assert auth.existing_accounts(gui_db, ["nobody", "cadre", "clerk"]) == ["cadre", "clerk"]


def test_a_failed_sign_in_is_counted_although_it_is_refused(gui_db: Database) -> None:
    with pytest.raises(UserError, match="用户名或密码错误"):
        auth.sign_in(gui_db, "clerk", "wrong-password")
    with gui_db.uow("test") as uow:
        user = uow.session.execute(select(User).where(User.username == "clerk")).scalar_one()
        assert user.failed_attempts == 1
