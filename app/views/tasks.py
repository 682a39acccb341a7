"""Run work off the GUI thread: a plain progress callback and cancel flag in, the result by signal out."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from app import log
from app.errors import UserError

T = TypeVar("T")
Progress = Callable[[int, int, str], None]


class CancelFlag:
    """Set by the GUI thread, polled by the work between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def __bool__(self) -> bool:
        return self._event.is_set()


class Cancelled(Exception):
    """Raised by work that noticed its cancel flag; the task then reports nothing."""


Work = Callable[[Progress, CancelFlag], T]
READ_THREADS = 2
_pool: QThreadPool | None = None
_read_pool: QThreadPool | None = None
_running: set[TaskHandle[Any]] = set()


def _new_pool(threads: int) -> QThreadPool:
    pool = QThreadPool(QCoreApplication.instance())
    pool.setMaxThreadCount(threads)
    pool.setExpiryTimeout(-1)
    return pool


def database_pool() -> QThreadPool:
    """The pool for writes: one thread, so there is one writer at a time (as in Anki)."""
    global _pool
    if _pool is None:
        _pool = _new_pool(1)
    return _pool


def read_pool() -> QThreadPool:
    """The pool for reads: their own threads and connections, so a read never waits behind a write."""
    global _read_pool
    if _read_pool is None:
        _read_pool = _new_pool(READ_THREADS)
    return _read_pool


class _Runnable(QRunnable):
    """Kept alive by its handle (no auto-delete), so cancelling can never touch a freed object."""

    def __init__(self, body: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._body = body

    def run(self) -> None:
        self._body()


class TaskHandle(QObject, Generic[T]):
    """A running task. Its public signals are emitted on the GUI thread; the work never sees widgets.

    ``succeeded(result)`` or ``failed(user_error)``, then ``finished()``. Only expected errors
    (``UserError``) reach ``failed``; any other exception is a bug and goes to ``sys.excepthook``
    (the crash dialog). After ``cancel()`` neither ``succeeded`` nor ``failed`` is emitted.
    """

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    _progress_from_worker = Signal(int, int, str)
    _done_from_worker = Signal(bool, object)

    def __init__(self, work: Work[T]) -> None:
        super().__init__()  # no parent: it must outlive any widget that is closed while it runs
        self.cancel_flag = CancelFlag()
        self.is_finished = False
        self._work = work
        self._runnable = _Runnable(self._run)
        self._pool: QThreadPool | None = None
        self._progress_from_worker.connect(self._on_progress)
        self._done_from_worker.connect(self._on_done)

    def start(self, pool: QThreadPool | None = None) -> TaskHandle[T]:
        self._pool = pool or database_pool()
        _running.add(self)
        self._pool.start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop; a task still waiting in the queue never starts."""
        self.cancel_flag.set()
        if self._pool is not None and not self.is_finished and self._pool.tryTake(self._runnable):
            self._finish()

    def _run(self) -> None:  # worker thread: no widgets, only the two relay signals
        def report(done: int, total: int, message: str = "") -> None:
            if not self.cancel_flag:
                self._progress_from_worker.emit(done, total, message)

        try:
            result = self._work(report, self.cancel_flag)
        except Cancelled:
            self._done_from_worker.emit(True, None)
        except BaseException as exc:
            self._done_from_worker.emit(False, exc)
        else:
            self._done_from_worker.emit(True, result)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.cancel_flag:
            self.progress.emit(done, total, message)

    @Slot(bool, object)
    def _on_done(self, ok: bool, value: object) -> None:
        try:
            if self.cancel_flag:
                return
            if ok:
                self.succeeded.emit(value)
            elif isinstance(value, UserError):
                log.gui.info("task refused: %s", value)
                self.failed.emit(value)
            else:
                assert isinstance(value, BaseException)
                sys.excepthook(type(value), value, value.__traceback__)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.is_finished = True
        _running.discard(self)
        self.finished.emit()


def run(
    work: Work[T],
    on_result: Callable[[T], object] | None = None,
    on_error: Callable[[UserError], object] | None = None,
    on_progress: Callable[[int, int, str], object] | None = None,
    pool: QThreadPool | None = None,
) -> TaskHandle[T]:
    """Start ``work(progress, cancel)`` on the database pool and wire the callbacks.

    ``on_error`` receives expected errors (``UserError``); any other exception is a bug and goes to
    ``sys.excepthook`` (the crash dialog), on the GUI thread. Pass bound methods of widgets: a
    closed widget's slots are disconnected, so a late result never reaches a deleted widget.
    """
    handle: TaskHandle[T] = TaskHandle(work)
    if on_result is not None:
        handle.succeeded.connect(on_result)
    if on_error is not None:
        handle.failed.connect(on_error)
    if on_progress is not None:
        handle.progress.connect(on_progress)
    return handle.start(pool)


def wait_all(msecs: int = 30_000) -> bool:
    """Wait for queued work to end and deliver its results (at shutdown and in tests)."""
    done = True
    for _round in range(3):  # a delivered result may start another load
        done = database_pool().waitForDone(msecs) and read_pool().waitForDone(msecs) and done
        QCoreApplication.sendPostedEvents()
        if not _running:
            break
    return done and not _running
