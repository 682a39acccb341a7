"""Signing in unlocks an encrypted database; the recovery key is shown once and resets a forgotten
administrator password from the sign-in."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.demo.run import DEMO_PASSWORD
from app.models.db import Database
from app.paths import DataPaths
from app.views.login_dialog import LoginDialog
from app.views.opening import DatabaseHolder
from app.views.setup.recovery_dialogs import RecoverPasswordDialog, RecoveryKeyDialog


def sign_in_window(qtbot: QtBot, paths: DataPaths) -> tuple[LoginDialog, DatabaseHolder]:
    holder = DatabaseHolder(paths=paths)
    dialog = LoginDialog(holder)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.hint_checked):
        dialog.show()
    return dialog, holder


def sign_in(qtbot: QtBot, dialog: LoginDialog, username: str, password: str, ok: bool) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(dialog.signed_in if ok else dialog.refused, timeout=15000):
        dialog.sign_in_button.click()


def test_the_password_unlocks_the_database(qtbot: QtBot, encrypted_demo: tuple[DataPaths, str]) -> None:
    dialog, holder = sign_in_window(qtbot, encrypted_demo[0])
    assert dialog.demo_hint.isVisible() and "clerk" in dialog.demo_hint.text()  # read from the key slots
    assert holder.database is None  # nothing unlocked for the hint
    assert dialog.recover_link.isVisibleTo(dialog)
    sign_in(qtbot, dialog, "clerk", "wrong-password", ok=False)
    assert "用户名或密码错误" in dialog.error_label.text()
    assert holder.database is None
    sign_in(qtbot, dialog, "clerk", DEMO_PASSWORD, ok=True)
    db = holder.database
    assert db is not None and db.key is not None
    assert dialog.signed_in_as is not None and dialog.signed_in_as.actor.username == "clerk"
    db.dispose()


def test_no_recovery_link_on_a_plain_database(qtbot: QtBot, gui_db: Database) -> None:
    dialog = LoginDialog(gui_db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.hint_checked):
        dialog.show()
    assert not dialog.recover_link.isVisibleTo(dialog)


def test_the_recovery_key_sets_a_new_admin_password(
    qtbot: QtBot, encrypted_demo: tuple[DataPaths, str]
) -> None:
    paths, recovery_key = encrypted_demo
    dialog, holder = sign_in_window(qtbot, paths)
    dialog.recover_link.linkActivated.emit("#")
    recover = dialog.recover_dialog
    assert isinstance(recover, RecoverPasswordDialog) and recover.isVisible()
    shown = recover.key_edit.contentsRect().width() - 8  # QLineEdit's own text margins
    widest = "-".join(["WMWM"] * 8)  # the widest letters of the key's alphabet: the whole key in sight
    assert recover.key_edit.fontMetrics().horizontalAdvance(widest) < shown
    recover.key_edit.setText("0000-0000-0000-0000-0000-0000-0000-0000")
    recover.new_edit.setText("new-admin-pw-1")
    recover.again_edit.setText("new-admin-pw-1")
    with qtbot.waitSignal(recover.refused, timeout=15000):
        recover.ok_button.click()
    assert "恢复密钥不对" in recover.error_label.text()
    recover.key_edit.setText(recovery_key.lower())
    with qtbot.waitSignal(recover.recovered, timeout=15000):
        recover.ok_button.click()
    assert dialog.username_edit.text() == "admin"
    sign_in(qtbot, dialog, "admin", DEMO_PASSWORD, ok=False)
    sign_in(qtbot, dialog, "admin", "new-admin-pw-1", ok=True)
    assert holder.database is not None
    holder.database.dispose()


def test_the_recovery_key_dialog_closes_only_once_the_key_is_kept(qtbot: QtBot) -> None:
    key = "7KQ2-M9XD-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
    dialog = RecoveryKeyDialog(key, "三封寺镇")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.key_label.text() == key
    assert not dialog.done_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()  # Esc does not lose the key unseen
    dialog.kept.setChecked(True)
    assert dialog.done_button.isEnabled()
    assert key in dialog.document().toPlainText() and "三封寺镇" in dialog.document().toPlainText()
    with qtbot.waitSignal(dialog.accepted):
        dialog.done_button.click()
