"""Operations and the page base: reads and writes off the GUI thread as the signed-in user, commits,
refusals to the page, the app-wide changes signal, lazy loading and refreshing after a change."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QVBoxLayout
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.errors import UserError
from app.models.db import Database, UnitOfWork
from app.models.settings import Setting
from app.services import settings
from app.views import ops, tasks
from app.views.page import Page
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace

KEY = "office.phone"


def phone(uow: UnitOfWork) -> str:
    return str(settings.get(uow.session, KEY))


class PhonePage(Page):
    """A page that shows one setting and refreshes when the setting table changes."""

    CONCERNS = frozenset({"setting"})

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self.loads = 0
        self.shown: str | None = None
        QVBoxLayout(self).addWidget(self.refused)

    def load(self) -> None:
        self.read(phone, self._on_loaded)

    def _on_loaded(self, value: str) -> None:
        self.loads += 1
        self.shown = value
        self.loaded.emit()


def workspace(db: Database, who: SignedIn) -> Workspace:
    return Workspace(db, who)


def test_a_read_runs_off_the_gui_thread_as_the_signed_in_user(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn
) -> None:
    page = PhonePage(workspace(gui_db, clerk))
    qtbot.addWidget(page)
    seen: list[tuple[str, bool]] = []

    def who(uow: UnitOfWork) -> str:
        seen.append((uow.actor, threading.current_thread() is threading.main_thread()))
        return uow.actor

    handle = ops.read_op(page, who, lambda _v: None)
    with qtbot.waitSignal(handle.finished):
        pass
    assert seen == [("clerk", False)]


def test_the_page_loads_on_first_show_only(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    page = PhonePage(workspace(gui_db, clerk))
    qtbot.addWidget(page)
    assert page.loads == 0  # nothing is read before the page is shown
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.shown == "0730-4211234"
    page.hide()
    page.show()
    assert tasks.wait_all()
    assert page.loads == 1


def test_a_write_commits_and_every_concerned_page_refreshes(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn
) -> None:
    ws = workspace(gui_db, clerk)
    writer, shown, hidden = PhonePage(ws), PhonePage(ws), PhonePage(ws)
    for page in (writer, shown, hidden):
        qtbot.addWidget(page)
    with qtbot.waitSignal(shown.loaded):
        shown.show()
    announced: list[ops.Changes] = []
    ops.changes().changed.connect(announced.append)

    def put(uow: UnitOfWork) -> str:
        settings.put(uow.session, KEY, "0730-1234567")
        return "ok"

    with qtbot.waitSignal(shown.loaded):
        writer.write(put)
    assert shown.shown == "0730-1234567"
    assert announced and announced[-1].touches({"setting"})
    assert hidden.loads == 0  # not on screen: it loads when it is shown
    with qtbot.waitSignal(hidden.loaded):
        hidden.show()
    assert hidden.shown == "0730-1234567"
    with gui_db.uow("test") as uow:  # committed, and audited as the clerk
        value = uow.session.execute(select(Setting.value).where(Setting.key == KEY)).scalar_one()
        assert "0730-1234567" in value


def test_a_refused_write_reaches_the_page_and_writes_nothing(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn
) -> None:
    page = PhonePage(workspace(gui_db, clerk))
    qtbot.addWidget(page)
    page.show()
    assert tasks.wait_all()
    with gui_db.uow("test") as uow:
        before = uow.session.execute(select(func.count()).select_from(Setting)).scalar_one()

    def refuse(uow: UnitOfWork) -> None:
        settings.put(uow.session, KEY, "written before the refusal")
        raise UserError("办公电话格式不对", field="电话")

    with qtbot.waitSignal(page.status_message) as blocker:
        handle = page.write(refuse)
    assert "办公电话格式不对" in blocker.args[0]
    assert page.refused.isVisible() and "电话" in page.refused.text()
    qtbot.waitUntil(lambda: handle.is_finished)
    assert not page.busy
    with gui_db.uow("test") as uow:
        assert uow.session.execute(select(func.count()).select_from(Setting)).scalar_one() == before
        assert settings.get(uow.session, KEY) == "0730-4211234"


def test_a_newer_read_with_the_same_key_supersedes_the_older(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn
) -> None:
    page = PhonePage(workspace(gui_db, clerk))
    qtbot.addWidget(page)
    gate = threading.Event()
    results: list[str] = []

    def slow(uow: UnitOfWork) -> str:
        gate.wait(5)
        return "old"

    first = ops.read_op(page, slow, results.append, key="search")
    second = ops.read_op(page, lambda uow: "new", results.append, key="search")
    with qtbot.waitSignal(second.finished):
        pass
    gate.set()
    qtbot.waitUntil(lambda: first.is_finished)
    assert tasks.wait_all()
    assert results == ["new"]


def test_a_read_does_not_wait_behind_a_write(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    page = PhonePage(workspace(gui_db, clerk))
    qtbot.addWidget(page)
    gate = threading.Event()

    def long_write(uow: UnitOfWork) -> None:
        settings.put(uow.session, KEY, "0730-7654321")
        gate.wait(10)

    writing = page.write(long_write)
    with qtbot.waitSignal(page.read(phone, lambda _v: None).succeeded) as blocker:
        pass
    assert blocker.args == ["0730-4211234"]  # the committed value, read while the write still runs
    assert not writing.is_finished
    gate.set()
    with qtbot.waitSignal(writing.finished):
        pass
