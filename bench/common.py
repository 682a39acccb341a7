"""Helpers shared by the benchmarks: timing and a fresh database with the current schema."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.models.db import Database, make_engine, sqlite_url
from app.models.migrate import upgrade
from app.paths import DataPaths

T = TypeVar("T")
BENCH_KEY = "bench-recovery-key.txt"  # a bench folder only: the encrypted twin's recovery key


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


def encrypted_twin(plain: DataPaths) -> DataPaths:
    """An encrypted copy of the bench database ``plain`` beside it (made once, as the app's first start
    encrypts an older plain installation); its recovery key kept in the copy's folder to unlock it."""
    import shutil

    from app.services.setup import installation

    twin = DataPaths(plain.root.with_name(plain.root.name + "-encrypted"))
    if not twin.database.exists():
        shutil.rmtree(twin.root, ignore_errors=True)
        installation.open_database(plain).dispose()  # up to date before it is copied
        shutil.copytree(plain.root, twin.root, ignore=shutil.ignore_patterns("backups"))
        (twin.root / BENCH_KEY).write_text(installation.encrypt(twin, recovery=True), encoding="utf-8")
    return twin


def open_bench_database(paths: DataPaths) -> Database:
    """The bench database: a plain one as it is, an encrypted twin unlocked with its recovery key."""
    from app.services.setup import installation
    from app.services.setup.keyslots import KeySlots

    if not installation.is_encrypted(paths):
        return installation.open_database(paths)
    key = KeySlots.load(paths.root).unlock_with_recovery((paths.root / BENCH_KEY).read_text(encoding="utf-8"))
    return installation.open_database(paths, key=key)
