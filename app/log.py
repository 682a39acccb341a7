"""Named loggers, a rotating log file in the data folder, and a ring buffer for crash reports."""

from __future__ import annotations

import collections
import logging
import logging.handlers
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

db = logging.getLogger("jiuzhu.db")
services = logging.getLogger("jiuzhu.services")
sync = logging.getLogger("jiuzhu.sync")
cli = logging.getLogger("jiuzhu.cli")
gui = logging.getLogger("jiuzhu.gui")
printing = logging.getLogger("jiuzhu.printing")


class RingBufferHandler(logging.Handler):
    """Keeps the last ``capacity`` formatted records in memory for the crash dialog."""

    def __init__(self, capacity: int = 500) -> None:
        super().__init__()
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def text(self) -> str:
        return "\n".join(self.lines)


ring = RingBufferHandler()
_file_handler: logging.Handler | None = None


def log_file(log_dir: Path) -> Path:
    return log_dir / "jiuzhu.log"


def setup(log_dir: Path | None, level: int = logging.INFO) -> None:
    """Route the ``jiuzhu`` loggers to a rotating file (if given) and the ring buffer."""
    global _file_handler
    root = logging.getLogger("jiuzhu")
    root.setLevel(level)
    if ring not in root.handlers:
        root.addHandler(ring)
    if log_dir is not None and _file_handler is None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file(log_dir), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
        _file_handler = handler


def shutdown() -> None:
    """Detach the file handler (tests open many data folders in one process)."""
    global _file_handler
    if _file_handler is not None:
        logging.getLogger("jiuzhu").removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None
