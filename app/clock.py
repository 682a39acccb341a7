"""The one clock: every "today" and "now" in Jiuzhu comes from here, so that tests can pin the date.

Nothing else in ``app/`` reads the wall clock (a test in tests/unit/test_clock.py enforces it). Durations
are measured with ``time.perf_counter`` / ``time.monotonic``, which say nothing about the date.

The clock can be pinned two ways:
- ``pin(day)`` in the same process (the test suite pins every test through an autouse fixture);
- the environment variable ``JIUZHU_TODAY=YYYY-MM-DD`` for a whole process and its children (the suite
  sets it too, so a CLI run in a subprocess sees the same day; training installations may use it).

A pinned clock starts at 09:00 local time on the pinned day and then runs forward with the real elapsed
time, so timestamps still increase within a test.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, date, datetime, timedelta

ENV_VAR = "JIUZHU_TODAY"
_START_OF_DAY = timedelta(hours=9)

# (the pinned instant in UTC, time.monotonic() when it was pinned); None reads the wall clock.
_pinned: tuple[datetime, float] | None = None


def _instant(day: date) -> datetime:
    local = datetime(day.year, day.month, day.day) + _START_OF_DAY
    return local.astimezone().astimezone(UTC)


def pin(day: date | None) -> None:
    """Make ``today()`` return ``day`` from now on (``None`` goes back to the wall clock)."""
    global _pinned
    _pinned = None if day is None else (_instant(day), time.monotonic())


def pinned() -> date | None:
    """The pinned day, or ``None`` when the clock follows the wall clock."""
    return None if _pinned is None else _pinned[0].astimezone().date()


def parse_day(text: str) -> date:
    """A ``YYYY-MM-DD`` day; ``ValueError`` with a Chinese message otherwise."""
    text = text.strip()
    try:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期“{text}”的格式应为 YYYY-MM-DD") from None


def now() -> datetime:
    """The current instant, timezone-aware UTC."""
    if _pinned is None:
        return datetime.now(UTC)
    at, since = _pinned
    return at + timedelta(seconds=time.monotonic() - since)


def local_now() -> datetime:
    """The current local time (naive), for file names and what a clerk reads."""
    return now().astimezone().replace(tzinfo=None)


def today() -> date:
    """The local date: the day a clerk would write on a form."""
    return now().astimezone().date()


def _pin_from_environment() -> None:
    text = os.environ.get(ENV_VAR, "").strip()
    if not text:
        return
    try:
        pin(parse_day(text))
    except ValueError as exc:
        sys.stderr.write(f"{ENV_VAR}: {exc}，已忽略，按系统日期运行\n")


_pin_from_environment()
