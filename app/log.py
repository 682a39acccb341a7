"""Named loggers, a rotating log file in the data folder, and a ring buffer for crash reports.

No log line holds an ID number or a bank account in clear: :class:`MaskingFormatter` masks 15- and
18-digit ID numbers and every run of 12 or more digits in the formatted line (message, arguments and
traceback alike), keeping the first and last digits so a line can still be matched by a person who
holds the record. The crash report (app/views/crash_dialog.py) goes through :func:`mask` too.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import Any

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# An 18-digit ID number (the last character may be X), a 15-digit old one, or any run of 12 or more
# digits (an account, a card number). A digest's long digit run is masked too: better more than less.
_SECRET = re.compile(r"(?<!\d)(\d{17}[Xx]|\d{12,})(?!\d)")


def _hide(match: re.Match[str]) -> str:
    found = match.group(0)
    return found[:3] + "*" * (len(found) - 7) + found[-4:]


def mask(text: str) -> str:
    """``text`` with ID numbers and long digit runs masked (first three and last four kept)."""
    return _SECRET.sub(_hide, text)


class MaskingFormatter(logging.Formatter):
    """Formats as usual, then masks ID numbers and accounts in the whole line (traceback included)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are the owner's only (0600), whatever the umask."""

    def _open(self) -> Any:
        stream = super()._open()
        if os.name == "posix":
            with contextlib.suppress(OSError):  # a file system without modes: the log still opens
                os.chmod(self.baseFilename, 0o600)
        return stream


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
        self.setFormatter(MaskingFormatter(_FORMAT))

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
        from app.paths import private_dir

        private_dir(log_dir)
        handler = PrivateRotatingFileHandler(
            log_file(log_dir), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(MaskingFormatter(_FORMAT))
        root.addHandler(handler)
        _file_handler = handler


def shutdown() -> None:
    """Detach the file handler (tests open many data folders in one process)."""
    global _file_handler
    if _file_handler is not None:
        logging.getLogger("jiuzhu").removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None
