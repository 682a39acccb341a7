"""设置 → 用户管理: the administrator adds a 乡镇负责人 and a 村干部; each signs in, must choose his own
password first, then works: the head signs the 初审意见, the cadre sees only his village."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.codes import Role
from app.domain.workflow import Action
from app.models.db import Database
from app.models.household import Household
from app.paths import DataPaths
from app.services.cases.workspace import INVESTIGATION
from app.services.setup import accounts, auth
from app.views.main_window import MainWindow, Section
from app.views.setup.password_dialogs import ChangePasswordDialog, ForcedPasswordDialog
from app.views.setup.user_dialogs import AddUserDialog, ResetPasswordDialog
from app.views.setup.users_page import UsersPage
from tests.gui.casework import first_village, new_case
from tests.gui.conftest import signed_in
from tests.gui.helpers import column_texts, type_with_input_method
from tests.gui.test_case_workspace import click_step, open_workspace, save
from tests.gui.test_session import WAIT, Session, signed_in_as
from tests.gui.test_session import session as session

INITIAL = "initial-pw-1"


def users_page(qtbot: QtBot, window: MainWindow) -> UsersPage:
    page = window.users
    assert page is not None
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.show_page(page)
    return page


def add_user(qtbot: QtBot, page: UsersPage, name: str, username: str, role: Role, area: str) -> None:
    page.add_button.click()
    dialog = page.dialog
    assert isinstance(dialog, AddUserDialog)
    qtbot.waitUntil(lambda: dialog.area_combo.count() > 0, timeout=WAIT)
    type_with_input_method(dialog.name_edit, name)
    qtbot.keyClicks(dialog.username_edit, username)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role.value))
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData(area))
    for edit in (dialog.password_edit, dialog.again_edit):
        assert edit.echoMode() is QLineEdit.EchoMode.Password
        qtbot.keyClicks(edit, INITIAL)
    with qtbot.waitSignals([dialog.added, page.loaded], timeout=WAIT):
        dialog.ok_button.click()


def sign_in_first_time(qtbot: QtBot, session: Session, username: str, new_password: str) -> MainWindow:
    """Sign in with the initial password: the window opens only after a new password is chosen."""
    login = session.login
    assert login is not None
    login.username_edit.setText(username)
    login.password_edit.setText(INITIAL)
    with qtbot.waitSignal(login.asked_new_password, timeout=WAIT) as asked:
        login.sign_in_button.click()
    forced = asked.args[0]
    assert isinstance(forced, ForcedPasswordDialog) and forced.isVisible() and session.window is None
    qtbot.keyClicks(forced.new_edit, new_password)
    qtbot.keyClicks(forced.again_edit, "not-the-same")
    with qtbot.waitSignal(forced.refused, timeout=WAIT) as refused:
        forced.ok_button.click()
    assert "不一致" in refused.args[0] and session.window is None
    qtbot.keyClicks(forced.new_edit, new_password)
    qtbot.keyClicks(forced.again_edit, new_password)
    with qtbot.waitSignal(session.signed_in, timeout=WAIT):
        forced.ok_button.click()
    window = session.window
    assert window is not None and window.signed_in.actor.username == username
    return window


@pytest.fixture
def admin_window(qtbot: QtBot, session: Session) -> Iterator[MainWindow]:
    yield signed_in_as(qtbot, session, "admin")


def test_the_admin_sets_up_a_head_and_a_cadre_who_then_work(
    qtbot: QtBot, session: Session, admin_window: MainWindow, gui_db: Database, demo_paths: DataPaths
) -> None:
    page = users_page(qtbot, admin_window)
    assert {"admin", "clerk", "head", "cadre"} <= set(column_texts(page.table, 0))
    village, village_name = first_village(gui_db)
    add_user(qtbot, page, "刘振国", "liuzg", Role.TOWNSHIP_HEAD, "430623101000")
    add_user(qtbot, page, "陈国庆", "chengq", Role.VILLAGE_CADRE, village)
    rows = {row[0]: row for row in zip(*(column_texts(page.table, c) for c in range(6)), strict=True)}
    assert rows["liuzg"][1:4] == ("刘振国", "乡镇负责人", "三封寺镇")
    assert rows["chengq"][2:4] == ("村干部", village_name)
    assert "新密码" in rows["chengq"][5]

    # The head signs in, must choose his own password, and signs the 初审意见 of a case at that step.
    session.sign_out()
    head_window = sign_in_first_time(qtbot, session, "liuzg", "liu-own-pw-1")
    head = head_window.signed_in
    assert head.actor.role is Role.TOWNSHIP_HEAD and not head.must_change_password
    clerk_in = signed_in(gui_db, "clerk")
    case = new_case(gui_db, clerk_in)
    clerk_ws = open_workspace(qtbot, gui_db, clerk_in, case.case_id)
    save(qtbot, clerk_ws, click_step(clerk_ws, Action.ACCEPT))
    dialog = click_step(clerk_ws, INVESTIGATION)
    type_with_input_method(dialog.staff_edits[0], "邓娟")
    type_with_input_method(dialog.staff_edits[1], "谭晓军")
    type_with_input_method(dialog.findings_edit, "实地查看住房，核实收入")
    dialog.eligible_combo.setCurrentIndex(dialog.eligible_combo.findData(True))
    save(qtbot, clerk_ws, dialog)
    head_ws = open_workspace(qtbot, gui_db, head, case.case_id)
    dialog = click_step(head_ws, Action.RECORD_OPINION)
    assert any("刘振国" in label.text() for label in dialog.findChildren(QLabel))  # the signer
    assert dialog.reason_edit is not None
    type_with_input_method(dialog.reason_edit, "经入户调查符合条件，拟同意")
    save(qtbot, head_ws, dialog)
    assert "乡镇初审" in head_ws.facts.text()
    opinion = [e for e in head_ws.timeline.rows() if e.title == "初审意见"]
    assert opinion and "刘振国" in str(opinion[0])
    clerk_ws.close()
    head_ws.close()

    # The cadre signs in, chooses his password, and sees only his village's households.
    session.sign_out()
    cadre_window = sign_in_first_time(qtbot, session, "chengq", "chen-own-pw-1")
    assert cadre_window.users is None  # 用户管理 is the administrator's
    registry = cadre_window.registry
    with qtbot.waitSignal(registry.loaded, timeout=WAIT):
        cadre_window.show_section(Section.REGISTRY)
    qtbot.waitUntil(lambda: registry.model.total > 0, timeout=WAIT)
    with gui_db.uow("test") as uow:
        expected = uow.session.execute(select(Household.id).where(Household.village_code == village)).all()
    assert registry.model.total == len(expected)
    shown = {registry.model.row_at(r).village_code for r in range(registry.model.rowCount())}
    assert shown == {village}


def test_reset_disable_enable_and_unlock_from_the_page(
    qtbot: QtBot, admin_window: MainWindow, gui_db: Database
) -> None:
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(Exception, match="用户名或密码错误"):
            auth.sign_in(gui_db, "clerk", "wrong-password")
    page = users_page(qtbot, admin_window)
    page.select("clerk")
    assert page.selected() is not None and page.selected().locked  # type: ignore[union-attr]
    assert page.unlock_button.isEnabled()
    with qtbot.waitSignal(page.done, timeout=WAIT):
        page.unlock_button.click()
    qtbot.waitUntil(lambda: not page.unlock_button.isEnabled(), timeout=WAIT)

    page.select("cadre")
    assert page.toggle_button.text() == "停用(&D)"
    with qtbot.waitSignals([page.done, page.loaded], timeout=WAIT):
        page.toggle_button.click()
    page.select("cadre")
    assert page.selected().active is False  # type: ignore[union-attr]
    assert page.toggle_button.text() == "启用(&E)"
    with pytest.raises(Exception, match="用户名或密码错误"):
        auth.sign_in(gui_db, "cadre", "jiuzhu2026")
    with qtbot.waitSignals([page.done, page.loaded], timeout=WAIT):
        page.toggle_button.click()
    assert auth.sign_in(gui_db, "cadre", "jiuzhu2026").actor.username == "cadre"

    page.select("admin")
    with qtbot.waitSignal(page.status_message, timeout=WAIT) as refused:
        page.toggle_button.click()  # not the administrator's own account
    assert "自己" in refused.args[0] and page.refused.isVisible()

    page.select("head")
    page.reset_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ResetPasswordDialog)
    qtbot.keyClicks(dialog.password_edit, "short")
    qtbot.keyClicks(dialog.again_edit, "short")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "8个字符" in dialog.refused.text(), timeout=WAIT)
    dialog.password_edit.clear()
    dialog.again_edit.clear()
    qtbot.keyClicks(dialog.password_edit, "reset-pw-1")
    qtbot.keyClicks(dialog.again_edit, "reset-pw-1")
    with qtbot.waitSignal(page.done, timeout=WAIT):
        dialog.ok_button.click()
    assert auth.sign_in(gui_db, "head", "reset-pw-1").must_change_password


def test_anyone_changes_his_own_password_with_ctrl_shift_p(qtbot: QtBot, session: Session) -> None:
    window = signed_in_as(qtbot, session, "cadre")
    assert window.change_password_action.shortcut().toString() == "Ctrl+Shift+P"
    assert window.change_password_action in window.user_label.menu().actions()
    window.change_password_action.trigger()
    dialog = window.password_dialog
    assert isinstance(dialog, ChangePasswordDialog)
    qtbot.keyClicks(dialog.current_edit, "wrong-password")
    qtbot.keyClicks(dialog.new_edit, "cadre-pw-2")
    qtbot.keyClicks(dialog.again_edit, "cadre-pw-2")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "当前密码不正确" in dialog.refused.text(), timeout=WAIT)
    dialog.current_edit.clear()
    qtbot.keyClicks(dialog.current_edit, "jiuzhu2026")
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        dialog.ok_button.click()
    assert auth.sign_in(session.db, "cadre", "cadre-pw-2").actor.username == "cadre"


def test_the_office_sets_its_minimum_password_length(
    qtbot: QtBot, admin_window: MainWindow, gui_db: Database
) -> None:
    page = users_page(qtbot, admin_window)
    qtbot.waitUntil(lambda: page.min_length.value() == 8, timeout=WAIT)
    page.min_length.setValue(10)
    with qtbot.waitSignals([page.done, page.loaded], timeout=WAIT):
        page.save_length_button.click()
    assert page.min_length.value() == 10
    with gui_db.uow("admin") as uow, pytest.raises(Exception, match="10个字符"):
        auth.check_new_password(uow.session, "nine-char")


def test_every_accounts_dialog_fits_a_1366_by_768_screen(
    qtbot: QtBot, admin_window: MainWindow, gui_db: Database
) -> None:
    page = users_page(qtbot, admin_window)
    page.select("head")
    account = page.selected()
    assert account is not None
    dialogs = [
        AddUserDialog(admin_window.ws),
        ResetPasswordDialog(admin_window.ws, account),
        ChangePasswordDialog(admin_window.ws),
        ForcedPasswordDialog(gui_db, "head", "jiuzhu2026"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        size = dialog.sizeHint().expandedTo(dialog.minimumSize())
        assert size.width() <= 1366 and size.height() <= 768, type(dialog).__name__
        dialog.close()
    qtbot.waitUntil(lambda: dialogs[0].area_combo.count() > 0, timeout=WAIT)


def test_a_password_reset_while_signed_in_is_changed_at_the_lock(
    qtbot: QtBot, session: Session, gui_db: Database
) -> None:
    signed_in_as(qtbot, session, "clerk")
    admin = auth.sign_in(gui_db, "admin", "jiuzhu2026").actor
    with gui_db.uow("admin") as uow:
        accounts.reset_password(uow, admin, "clerk", INITIAL)
        uow.commit()
    session.lock()
    lock_dialog = session.lock_dialog
    assert lock_dialog is not None
    lock_dialog.password_edit.setText(INITIAL)
    with qtbot.waitSignal(lock_dialog.asked_new_password, timeout=WAIT) as asked:
        lock_dialog.sign_in_button.click()
    forced = asked.args[0]
    assert isinstance(forced, ForcedPasswordDialog)
    lock = session.screen_lock
    assert lock is not None and lock.is_locked and forced not in lock.covers()  # asked over the lock
    qtbot.keyClicks(forced.new_edit, "clerk-own-pw")
    qtbot.keyClicks(forced.again_edit, "clerk-own-pw")
    with qtbot.waitSignal(session.unlocked, timeout=WAIT):
        forced.ok_button.click()
    assert not auth.sign_in(gui_db, "clerk", "clerk-own-pw").must_change_password


def test_declining_the_new_password_goes_back_to_the_sign_in(
    qtbot: QtBot, session: Session, gui_db: Database
) -> None:
    admin = auth.sign_in(gui_db, "admin", "jiuzhu2026").actor
    with gui_db.uow("admin") as uow:
        accounts.reset_password(uow, admin, "head", INITIAL)
        uow.commit()
    login = session.login
    assert login is not None
    login.username_edit.setText("head")
    login.password_edit.setText(INITIAL)
    with qtbot.waitSignal(login.asked_new_password, timeout=WAIT) as asked:
        login.sign_in_button.click()
    asked.args[0].reject()
    assert session.window is None and login.isVisible() and login.sign_in_button.isEnabled()
    assert "新密码" in login.error_label.text() and login.password_edit.text() == ""
    assert auth.sign_in(gui_db, "head", INITIAL).must_change_password  # nothing changed
