"""`jiuzhu demo` at scale: time and peak memory of the whole verb, in a fresh process.

    .venv/bin/python bench/bench_demo.py [--households 30000 100000] [--seed 1]

Each size runs ``jiuzhu demo --households N`` on an empty data folder in a process of its own; its peak
resident size comes from the kernel (``wait4``). The floor is the same program doing the least it can
with the same database: ``jiuzhu stats`` on the demo just made (Python, the models, the open database),
so the difference is what making the demo holds. Budget (architecture.md): ≤ 400 MB for 100,000
households.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB = 400

DEMO_PASSWORD = "jiuzhu2026"  # app/demo/run.py: the demo's accounts


def measure(args: list[str], tree: Path = ROOT) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of ``jiuzhu ARGS`` (the program in ``tree``) in a fresh process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "app", *args], cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if status:
        raise SystemExit(
            f"jiuzhu {' '.join(args)} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--households", type=int, nargs="+", default=[30_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="run the program of another checkout (a before)"
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the start", flush=True)
    for households in args.households:
        with tempfile.TemporaryDirectory() as tmp:
            data = ["--data-dir", tmp]
            made = [*data, "demo", "--households", str(households), "--seed", str(args.seed)]
            wall, cpu, peak = measure(made, args.tree)
            secret = Path(tmp) / "cache" / "bench-admin-password.txt"  # the demo's admin unlocks `stats`
            secret.write_text(f"{DEMO_PASSWORD}\n", encoding="utf-8")
            unlock = ["--user", "admin", "--password-file", str(secret)]
            _, _, floor = measure([*data, *unlock, "stats"], args.tree)
            size = (Path(tmp) / "jiuzhu.sqlite3").stat().st_size / 2**20
        verdict = "ok" if peak <= BUDGET_MB else "OVER"
        print(
            f"demo {households:,} households: wall {wall:.0f} s, CPU {cpu:.0f} s "
            f"({cpu / households * 1e3:.2f} ms per household), database {size:.0f} MB\n"
            f"  peak RSS {peak:.0f} MB (budget ≤ {BUDGET_MB} MB: {verdict}); floor (`stats` on the same "
            f"database) {floor:.0f} MB; ratio {peak / floor:.2f}×; the demo itself {peak - floor:.0f} MB",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
