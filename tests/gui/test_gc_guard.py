"""Cyclic garbage is collected on the GUI thread only, never in a database worker."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication

from app.views import gc_guard


class Cycle:
    """Garbage that only the cyclic collector frees; records the thread it was freed on."""

    freed_on: list[str] = []  # noqa: RUF012

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_the_application_switches_automatic_collection_off(qapp: QApplication) -> None:
    assert gc_guard.install(qapp) is gc_guard.install(qapp)
    assert not gc.isenabled()


def test_a_worker_allocating_a_lot_collects_nothing_and_the_gui_thread_does(qapp: QApplication) -> None:
    gc_guard.install(qapp)
    gc.collect()
    Cycle.freed_on.clear()
    for _ in range(5):
        Cycle()

    def allocate() -> None:
        junk = [[i] for i in range(50_000)]  # far past the generation-0 threshold
        del junk

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert Cycle.freed_on == []
    for _ in range(gc.get_threshold()[0] + 1):
        [].append([])  # containers counted by generation 0
    while gc_guard.collect_if_due() == 0 and not Cycle.freed_on:
        Cycle()  # keep the count above the threshold until a collection runs
    gc.collect()
    assert Cycle.freed_on and set(Cycle.freed_on) == {threading.main_thread().name}
