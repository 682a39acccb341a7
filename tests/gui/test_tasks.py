"""Background tasks: results, progress and errors arrive on the GUI thread; cancelled work stays quiet."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from app.errors import UserError
from app.views import tasks
from app.views.tasks import CancelFlag, Progress


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: list[object] = []
    worker_threads: list[threading.Thread] = []

    def work(progress: Progress, cancel: CancelFlag) -> int:
        worker_threads.append(threading.current_thread())
        for step in range(3):
            progress(step + 1, 3, f"step {step + 1}")
        return 42

    def on_progress(done: int, total: int, message: str) -> None:
        assert threading.current_thread() is threading.main_thread()
        seen.append((done, total, message))

    with qtbot.waitSignal(tasks.run(work, on_progress=on_progress).succeeded) as blocker:
        pass
    assert blocker.args == [42]
    assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert worker_threads[0] is not threading.main_thread()


def test_user_error_goes_to_on_error(qtbot: QtBot) -> None:
    errors: list[UserError] = []

    def work(progress: Progress, cancel: CancelFlag) -> None:
        raise UserError("没有这户")

    handle = tasks.run(work, on_error=errors.append)
    with qtbot.waitSignal(handle.finished):
        pass
    assert [str(e) for e in errors] == ["没有这户"]


def test_a_bug_goes_to_the_crash_hook(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: list[BaseException] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        hooked.append(exc)

    monkeypatch.setattr(sys, "excepthook", hook)

    def work(progress: Progress, cancel: CancelFlag) -> None:
        raise ZeroDivisionError("bug")

    handle = tasks.run(work, on_error=lambda e: pytest.fail("a bug is not a UserError"))
    with qtbot.waitSignal(handle.finished):
        pass
    assert len(hooked) == 1 and isinstance(hooked[0], ZeroDivisionError)


def test_cancelled_work_delivers_nothing(qtbot: QtBot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    results: list[object] = []

    def blocking(progress: Progress, cancel: CancelFlag) -> str:
        gate.wait(5)
        return "first"

    def polite(progress: Progress, cancel: CancelFlag) -> str:
        while not cancel:
            gate.wait(0.01)
        raise tasks.Cancelled

    running = tasks.run(polite, on_result=results.append, pool=pool)
    queued = tasks.run(blocking, on_result=results.append, pool=pool)
    with qtbot.waitSignal(queued.finished):
        queued.cancel()  # never started: taken off the queue
    with qtbot.waitSignal(running.finished):
        running.cancel()
    gate.set()
    assert pool.waitForDone(5000)
    assert results == []
    assert running.is_finished and queued.is_finished
