"""The desktop session: sign-out returns to the sign-in, the idle lock covers every window until the same
user signs in again, and another user taking over closes the first user's windows only when told to."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.demo.run import DEMO_PASSWORD
from app.models.db import Database
from app.paths import DataPaths
from app.services import settings
from app.views import ops, tasks
from app.views.households.household_dialog import HouseholdDialog
from app.views.login_dialog import LoginDialog
from app.views.main_window import MainWindow, Section
from app.views.setup.lock_dialog import LockDialog
from app.views.setup.session import DesktopSession, Leaving
from app.views.signed_in import SignedIn

WAIT = 20_000


class Session(DesktopSession):
    """The session with its question answered by the test (and recorded)."""

    def __init__(self, db: Database, paths: DataPaths) -> None:
        super().__init__(db, paths)
        self.answers: list[bool] = []
        self.asked: list[tuple[Leaving, int]] = []

    def ask_discard(
        self, why: Leaving, windows: int, user: SignedIn, successor: SignedIn | None = None
    ) -> bool:
        self.asked.append((why, windows))
        return self.answers.pop(0)


@pytest.fixture
def session(qtbot: QtBot, gui_db: Database, demo_paths: DataPaths) -> Iterator[Session]:
    session = Session(gui_db, demo_paths)
    quits: list[int] = []
    session.finished.connect(quits.append)
    session.start()
    yield session
    if session.screen_lock is not None and session.screen_lock.is_locked:
        session.screen_lock.unlock()
    session._close_session()
    for dialog in (session.login, session.lock_dialog):
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.deleteLater()
    assert tasks.wait_all()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def sign_in(qtbot: QtBot, session: Session, dialog: LoginDialog, username: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.sign_in_button.click()


def signed_in_as(qtbot: QtBot, session: Session, username: str) -> MainWindow:
    login = session.login
    assert login is not None and login.isVisible()
    with qtbot.waitSignal(session.signed_in, timeout=WAIT):
        sign_in(qtbot, session, login, username)
    window = session.window
    assert window is not None and window.isVisible()
    assert window.signed_in.actor.username == username
    return window


def wait_for_lock_settings(qtbot: QtBot, session: Session) -> None:
    timeout = session.lock_timeout
    assert timeout is not None
    qtbot.waitUntil(lambda: not timeout.busy, timeout=WAIT)


def lock_soon(qtbot: QtBot, session: Session) -> LockDialog:
    """Let the idle countdown run out quickly (as if the minutes had passed) and wait for the lock."""
    wait_for_lock_settings(qtbot, session)
    lock = session.screen_lock
    assert lock is not None
    with qtbot.waitSignal(session.locked, timeout=WAIT):
        lock.set_interval_ms(30)
        lock.start()
    dialog = session.lock_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def open_household(qtbot: QtBot, window: MainWindow) -> HouseholdDialog:
    registry = window.registry
    with qtbot.waitSignal(registry.results_shown, timeout=WAIT):
        window.show_section(Section.REGISTRY)
    with qtbot.waitSignal(registry.detail_shown, timeout=WAIT):
        registry._open_household(registry.model.index(0, 0))
    dialog = registry.detail_dialog
    qtbot.waitExposed(dialog)
    return dialog


def typed_wizard(qtbot: QtBot, window: MainWindow) -> QWidget:
    """The new-application wizard with an ID number typed into it (input not saved)."""
    wizard = window.cases.new_application()
    assert wizard is not None
    qtbot.waitExposed(wizard)
    qtbot.keyClicks(wizard.lookup_page.id_edit, "43062319580314")
    return wizard


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_ctrl_l_signs_out_to_the_sign_in_and_another_user_signs_in(qtbot: QtBot, session: Session) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    qtbot.waitActive(window)
    with qtbot.waitSignal(session.signed_out, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.window is None and session.asked == []  # nothing typed: nothing to ask
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the window is gone, the program is not
    assert session.login is not None and session.login.isVisible()
    assert visible_windows() == [session.login]

    head = signed_in_as(qtbot, session, "head")
    assert head.user_label.text().startswith(head.signed_in.actor.display_name)


def test_signing_out_asks_before_input_is_thrown_away(qtbot: QtBot, session: Session) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    wizard = typed_wizard(qtbot, window)

    session.answers = [False]  # keep it
    window.sign_out_action.trigger()
    assert session.asked == [(Leaving.SIGN_OUT, 1)]
    assert session.window is window and wizard.isVisible()
    assert wizard.lookup_page.id_edit.text() == "43062319580314"

    session.answers = [True]  # discard it
    with qtbot.waitSignal(session.signed_out, timeout=WAIT):
        window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard))
    assert session.login is not None and visible_windows() == [session.login]


def test_the_idle_lock_covers_every_window_until_the_same_user_signs_in(
    qtbot: QtBot, session: Session
) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    household = open_household(qtbot, window)
    head_name = household.members_table.item(0, 0).text()
    id_number = household.members_table.item(0, 4).text()
    assert head_name in household.windowTitle() and len(id_number) == 18

    lock_dialog = lock_soon(qtbot, session)
    lock = session.screen_lock
    assert lock is not None and lock.is_locked
    covers = lock.covers()
    shown = [w for w in visible_windows() if w is not lock_dialog]
    assert set(shown) == {window, household}
    for shown_window in shown:
        cover = covers[shown_window]
        assert cover.isVisible() and cover.geometry() == shown_window.rect()
        # What the window shows is exactly the cover: nothing of the household shows through.
        assert shown_window.grab().toImage() == cover.grab().toImage()
        assert head_name not in shown_window.windowTitle()
    lock_text = " ".join(w.text() for w in lock_dialog.findChildren(QWidget) if hasattr(w, "text"))
    assert head_name not in lock_text and id_number not in lock_text

    # Nothing can be typed behind the lock, and a window that opens now is covered at once.
    search = window.registry.search_edit
    before = search.text()
    qtbot.keyClicks(search, "zs")
    assert search.text() == before
    message = QMessageBox(QMessageBox.Icon.Information, "提示", f"{head_name} {id_number}", parent=window)
    message.show()
    qtbot.waitUntil(lambda: message in lock.covers())
    assert message.grab().toImage() == lock.covers()[message].grab().toImage()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lock_dialog)  # the lock takes the input
    message.close()

    with qtbot.waitSignal(session.unlocked, timeout=WAIT):
        sign_in(qtbot, session, lock_dialog, "clerk")
    assert lock.covers() == {} and not lock.is_locked
    assert session.window is window and household.isVisible()
    assert head_name in household.windowTitle()
    assert household.grab().toImage() != window.grab().toImage()
    qtbot.keyClicks(search, "zs")
    assert search.text() == before + "zs"


def test_a_wrong_password_keeps_the_lock(qtbot: QtBot, session: Session) -> None:
    signed_in_as(qtbot, session, "clerk")
    dialog = lock_soon(qtbot, session)
    dialog.password_edit.setText("not-the-password")
    with qtbot.waitSignal(dialog.refused, timeout=WAIT):
        dialog.sign_in_button.click()
    assert session.is_locked and dialog.isVisible() and dialog.error_label.text()
    dialog.reject()  # Esc and the close button do not leave the lock
    assert dialog.isVisible() and session.is_locked


def test_the_lock_neither_waits_for_nor_cancels_running_work(qtbot: QtBot, session: Session) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    wait_for_lock_settings(qtbot, session)
    gate = threading.Event()
    done: list[str] = []

    def long_write(uow: object) -> str:
        settings.put(uow.session, "local.test_marker", 1)  # type: ignore[attr-defined]  # holds the writer
        gate.wait(WAIT / 1000)
        return "written"

    task = ops.write_op(window.settings_page, long_write, done.append, label="正在写入…")
    dialog = lock_soon(qtbot, session)
    assert not task.is_finished  # the work ran on while the screen locked

    with qtbot.waitSignal(session.unlocked, timeout=WAIT):  # the password check does not wait for it
        sign_in(qtbot, session, dialog, "clerk")
    assert not task.is_finished
    gate.set()
    qtbot.waitUntil(lambda: task.is_finished, timeout=WAIT)
    assert done == ["written"]
    with session.db.uow("test") as uow:
        assert settings.get(uow.session, "local.test_marker") == 1


def test_another_user_at_the_lock_closes_the_first_users_windows_only_if_told_to(
    qtbot: QtBot, session: Session
) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    wizard = typed_wizard(qtbot, window)
    first = lock_soon(qtbot, session)

    session.answers = [False]  # keep the clerk's input: the lock comes back
    sign_in(qtbot, session, first, "head")
    qtbot.waitUntil(lambda: session.lock_dialog not in (None, first), timeout=WAIT)
    assert session.lock_dialog is not None and session.lock_dialog.isVisible()
    assert session.asked == [(Leaving.SWITCH, 1)]
    assert session.is_locked and session.window is window
    assert wizard in session.screen_lock.covers()  # type: ignore[union-attr]
    assert wizard.lookup_page.id_edit.text() == "43062319580314"

    session.answers = [True]
    again = session.lock_dialog
    assert again is not None and again is not first
    with qtbot.waitSignal(session.signed_in, timeout=WAIT) as blocker:
        sign_in(qtbot, session, again, "head")
    assert blocker.args[0].actor.username == "head"
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) and not shiboken6.isValid(wizard))
    head_window = session.window
    assert head_window is not None and head_window.isVisible() and not session.is_locked
    assert visible_windows() == [head_window]


def test_input_restarts_the_countdown_and_the_lock_stops_it(qtbot: QtBot, session: Session) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    wait_for_lock_settings(qtbot, session)
    lock = session.screen_lock
    assert lock is not None and lock.counting
    assert lock.interval_ms == 10 * 60_000  # the default: 10 minutes
    lock.stop()
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.nav, key)
    assert lock.counting
    lock.stop()
    qtbot.mouseMove(window.nav, QPoint(5, 5))
    qtbot.waitUntil(lambda: lock.counting)

    window.lock_action.trigger()  # 文件 → 锁定屏幕
    assert session.is_locked and not lock.counting


def test_the_lock_time_set_in_settings_applies_at_once(
    qtbot: QtBot, session: Session, gui_db: Database
) -> None:
    window = signed_in_as(qtbot, session, "head")
    wait_for_lock_settings(qtbot, session)
    page = window.settings_page
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.show_section(Section.SETTINGS)
    assert page.lock_minutes.value() == 10 and page.save_lock_button.isEnabled()
    page.lock_minutes.setValue(3)
    timeout = session.lock_timeout
    assert timeout is not None
    with qtbot.waitSignal(timeout.loaded, timeout=WAIT) as blocker:
        page.save_lock_button.click()
    assert blocker.args[0] == 3 and session.screen_lock.interval_ms == 3 * 60_000  # type: ignore[union-attr]
    with gui_db.uow("test") as uow:
        assert settings.lock_minutes(uow.session) == 3


def test_quitting_with_unsaved_input_asks_first(qtbot: QtBot, session: Session) -> None:
    window = signed_in_as(qtbot, session, "clerk")
    wizard = typed_wizard(qtbot, window)
    finished: list[int] = []
    session.finished.connect(finished.append)
    session.answers = [False]
    assert not window.close()
    assert session.asked == [(Leaving.QUIT, 1)] and window.isVisible() and wizard.isVisible()
    assert finished == []
    session.answers = [True]
    assert window.close()
    assert finished == [0] and session.window is None
