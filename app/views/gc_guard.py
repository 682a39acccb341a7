"""Python's cyclic garbage collector runs on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate when a threshold is reached:
often a database worker (app/views/tasks.py). If the garbage then holds the last reference to a Qt
object made on the GUI thread (a closed dialog in a reference cycle, a lambda slot), the C++ object is
destroyed from the worker thread, and the process can crash. So automatic collection is switched off
while the application runs, and a timer on the GUI thread collects by the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owned by the application; ``check`` collects what the thresholds say is due."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; return objects collected."""
        counts = gc.get_count()
        if counts[0] <= self.threshold[0]:
            return 0
        generation = 0
        if counts[1] > self.threshold[1]:
            generation = 2 if counts[2] > self.threshold[2] else 1
        return gc.collect(generation)


_installed: GuiThreadCollector | None = None


def install(qapp: QCoreApplication) -> GuiThreadCollector:
    """Switch automatic collection off for the life of ``qapp`` (idempotent); it is on again at quit."""
    global _installed
    if _installed is None or _installed.parent() is not qapp:
        _installed = GuiThreadCollector(qapp)
        qapp.aboutToQuit.connect(gc.enable)
    return _installed


def collect_if_due() -> int:
    """For code that runs long without an event loop on the GUI thread (tests between GUI tests)."""
    return _installed.check() if _installed is not None else 0
