"""Helpers shared by the benchmarks: timing and a fresh database with the current schema."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.models.db import make_engine, sqlite_url
from app.models.migrate import upgrade

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def fresh_database(path: Path) -> str:
    """Create ``path`` with the schema at head; return its SQLAlchemy URL."""
    path.unlink(missing_ok=True)
    url = sqlite_url(path)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def report(name: str, ours: float, floor: float, budget: float | None = None) -> None:
    ratio = ours / floor if floor else float("inf")
    verdict = "" if budget is None else (f"  (budget ≤ {budget:g}×: {'ok' if ratio <= budget else 'OVER'})")
    print(f"{name}: jiuzhu {ours:.3f} s, floor {floor:.3f} s, ratio {ratio:.2f}×{verdict}")
