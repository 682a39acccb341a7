"""Read and write operations, as Anki's QueryOp and CollectionOp: one line per user action.

    read_op(self, lambda uow: registry.search(uow, actor, query), self._on_found)
    write_op(self, lambda uow: cases.act(uow, actor, case_id, action, on), self._on_done, label=…)

Both run ``fn(uow)`` off the GUI thread in a unit of work of the signed-in actor and hand the result to
``on_done`` on the GUI thread. A write op commits, then announces on the app-wide ``changes()`` bus which
tables it wrote (read from its audit events), so every page that shows them refreshes itself. A
``UserError`` goes to the host's ``show_refused`` (or ``on_error``); any other exception is a bug and goes to
the crash dialog. Reads run on their own threads and never wait behind a write; writes are serialised.
Views never open a unit of work or commit themselves: these two functions are the only place that does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.models.db import UnitOfWork, WriteStopped
from app.views import task_progress, tasks
from app.views.workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a write changed: the tables it wrote, or everything (a sync import, a restore)."""

    tables: frozenset[str] = frozenset()
    everything: bool = False

    def touches(self, tables: Iterable[str]) -> bool:
        return self.everything or not self.tables.isdisjoint(tables)


EVERYTHING = Changes(everything=True)


class ChangeBus(QObject):
    """The one app-wide signal that data changed; pages subscribe in their base class."""

    changed = Signal(object)  # Changes


_bus: ChangeBus | None = None


def changes() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus(QCoreApplication.instance())
    return _bus


def announce(what: Changes) -> None:
    if what.everything or what.tables:
        changes().changed.emit(what)


class Job:
    """Progress and cancel for long work: give ``job.progress`` and ``job.cancelled`` to the service."""

    def __init__(self) -> None:
        self._report: tasks.Progress | None = None
        self._flag: tasks.CancelFlag | None = None

    def _bind(self, report: tasks.Progress, flag: tasks.CancelFlag) -> None:
        self._report, self._flag = report, flag

    def progress(self, done: int, total: int, message: str = "") -> None:
        if self._report is not None:
            self._report(done, total, message)

    def cancelled(self) -> bool:
        return bool(self._flag)


class OpHost(Protocol):
    """A page or dialog that runs operations: it knows the workspace, shows busy and refusals."""

    @property
    def ws(self) -> Workspace: ...

    def set_busy(self, busy: bool) -> None: ...

    def show_refused(self, error: UserError) -> None: ...


class _Relay:
    """Hands a task's outcome to its host, unless the host's widget was deleted in the meantime.

    A plain object (not a child QObject): deleting a child with a deferred delete pending while
    Python drops its parent crashes PySide, so liveness is checked with shiboken instead.
    """

    def __init__(
        self,
        host: QWidget,
        on_done: Callable[[Any], object] | None,
        on_error: Callable[[UserError], object] | None,
        key: str | None,
    ) -> None:
        self._host = host
        self._on_done = on_done
        self._on_error = on_error
        self.key = key

    def _alive(self) -> bool:
        return shiboken6.isValid(self._host)

    def succeeded(self, value: object) -> None:
        if self._on_done is not None and self._alive():
            self._on_done(value)

    def failed(self, error: UserError) -> None:
        if not self._alive():
            return
        if self._on_error is not None:
            self._on_error(error)
        else:
            self._host.show_refused(error)  # type: ignore[attr-defined]

    def finished(self) -> None:
        if not self._alive():
            return
        self._host.set_busy(False)  # type: ignore[attr-defined]
        running = getattr(self._host, "_ops_running", None)
        if running is not None and self.key is not None and running.get(self.key, (None,))[0] is self:
            del running[self.key]


def _start(
    host: OpHost,
    work: tasks.Work[T],
    on_done: Callable[[T], object] | None,
    on_error: Callable[[UserError], object] | None,
    *,
    write: bool,
    label: str | None,
    key: str | None,
) -> tasks.TaskHandle[T]:
    widget = host if isinstance(host, QWidget) else None
    if widget is None:
        raise TypeError("an operation's host must be a QWidget")
    relay = _Relay(widget, on_done, on_error, key)
    handle: tasks.TaskHandle[T] = tasks.TaskHandle(work)
    handle.relay = relay  # type: ignore[attr-defined]  # signals hold only weak references to it
    handle.succeeded.connect(relay.succeeded)
    handle.failed.connect(relay.failed)
    handle.finished.connect(relay.finished)
    if key is not None:  # a newer load supersedes the one still running (search as you type)
        running: dict[str, tuple[_Relay, tasks.TaskHandle[Any]]] = getattr(widget, "_ops_running", {})
        widget._ops_running = running  # type: ignore[attr-defined]
        previous = running.get(key)
        if previous is not None:
            previous[1].cancel()
        running[key] = (relay, handle)
    _announcer_ready()
    host.set_busy(True)
    if label is not None:
        task_progress.follow(handle, label, widget)
    return handle.start(tasks.database_pool() if write else tasks.read_pool())


def read_op(
    host: OpHost,
    fn: Callable[[UnitOfWork], T],
    on_done: Callable[[T], object],
    *,
    on_error: Callable[[UserError], object] | None = None,
    label: str | None = None,
    job: Job | None = None,
    key: str | None = None,
) -> tasks.TaskHandle[T]:
    """Run ``fn(uow)`` on a read thread as the signed-in actor; nothing it does is committed.

    Args:
        label: show a progress dialog (after a short delay) with this text; its Cancel cancels ``job``.
        key: a later read with the same key on the same host cancels this one if it is still running.
    """
    db, actor = host.ws.db, host.ws.actor.username

    def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> T:
        if job is not None:
            job._bind(progress, cancel)
        return db.read(actor, fn)

    return _start(host, work, on_done, on_error, write=False, label=label, key=key)


def write_op(
    host: OpHost,
    fn: Callable[[UnitOfWork], T],
    on_done: Callable[[T], object] | None = None,
    *,
    on_error: Callable[[UserError], object] | None = None,
    label: str | None = None,
    job: Job | None = None,
    everything: bool = False,
) -> tasks.TaskHandle[T]:
    """Run ``fn(uow)`` on the one writer thread as the signed-in actor, commit, announce the changes.

    Args:
        everything: announce that everything changed (a sync import, a restore) instead of the tables
            read from the audit log.
    """
    db, actor = host.ws.db, host.ws.actor.username

    def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> T:
        if job is not None:
            job._bind(progress, cancel)
        try:
            result, written = db.write(actor, fn, stop=cancel.is_set)
        except WriteStopped:  # cancelled before the commit: nothing is written
            raise tasks.Cancelled from None
        _announce_later(EVERYTHING if everything else Changes(written))
        return result

    return _start(host, work, on_done, on_error, write=True, label=label, key=None)


class _Announcer(QObject):
    """Moves an announcement from the writer thread to the GUI thread, before the op's result arrives."""

    relay = Signal(object)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())  # made on the GUI thread, lives there
        self.relay.connect(self._emit)

    @Slot(object)
    def _emit(self, what: Changes) -> None:
        announce(what)


_announcer: _Announcer | None = None


def _announcer_ready() -> None:
    global _announcer
    if _announcer is None:
        _announcer = _Announcer()


def _announce_later(what: Changes) -> None:  # writer thread
    assert _announcer is not None
    _announcer.relay.emit(what)
