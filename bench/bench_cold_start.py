"""Cold start: process start to the sign-in window shown on the demo station, beside a bare Qt dialog;
then the main window after the password is accepted.

    .venv/bin/python bench/bench_cold_start.py [--db DIR] [--households 3000] [--runs 5]

The demo station is built once with `jiuzhu demo` (3,000 households, as `scripts/demo.sh`) and kept in
--db. Each run is a fresh subprocess, timed from just before it is spawned until it reports that the
window was shown: for Jiuzhu the real `jiuzhu gui` path (logging, translators, crash hook, opening and
checking the database, the sign-in dialog); for the floor `import PySide6.QtWidgets`, a QApplication
and a bare QDialog. "Shown" is the first turn of the dialog's event loop after its show event, the same
hook on both sides. Runs alternate between the two; one unmeasured run of each warms the file cache
first (so this is a warm-cache cold start). Without $DISPLAY the offscreen platform is used.

The second measure signs in as the demo clerk after TYPING_S (a clerk types a user name and password in
more than that) and times from the moment the password is accepted (the sign-in's ``signed_in``) to the
first turn of the event loop after the main window is shown.
Budgets (architecture.md, issue 17): the sign-in window within 3× the bare dialog; the main window
usable within 0.3 s after the password is accepted; a usable main window in under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.paths import DataPaths

ROOT = Path(__file__).resolve().parents[1]
MARK = "shown"

# Both children schedule the same "shown" report from the dialog's show event and leave at once.
_REPORT = """
import os as _os
from PySide6.QtCore import QTimer as _QTimer
def _shown_hook(cls):
    original = cls.showEvent
    def showEvent(self, event):
        original(self, event)
        _QTimer.singleShot(0, lambda: (print({mark!r}, flush=True), _os._exit(0)))
    cls.showEvent = showEvent
"""

JIUZHU = (
    _REPORT
    + """
from app.views.login_dialog import LoginDialog
_shown_hook(LoginDialog)
from app.main import main
main(["--data-dir", {data_dir!r}, "gui"])
raise SystemExit("the sign-in window was never shown")
"""
)

FLOOR = (
    _REPORT
    + """
import sys
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication(sys.argv[:1])
class Dialog(QDialog):
    pass
_shown_hook(Dialog)
Dialog().exec()
"""
)


TYPING_S = 1.0
MAIN_BUDGET_S = 0.3
MAIN_WINDOW = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.views.login_dialog import LoginDialog
accepted = []
def up():
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "MainWindow" and widget.isVisible() and accepted:
            QTimer.singleShot(0, lambda: (print(time.perf_counter() - accepted[0], flush=True), os._exit(0)))
original = LoginDialog.showEvent
def showEvent(self, event):
    original(self, event)
    if getattr(LoginDialog, "seen", False):
        return
    LoginDialog.seen = True
    self.signed_in.connect(lambda who: accepted.append(time.perf_counter()))
    self.username_edit.setText("clerk")
    self.password_edit.setText({password!r})
    QTimer.singleShot({typing_ms}, self.sign_in_button.click)
    poll = QTimer(QApplication.instance())
    poll.timeout.connect(up)
    poll.start(1)
LoginDialog.showEvent = showEvent
from app.main import main
main(["--data-dir", {data_dir!r}, "gui"])
raise SystemExit("the main window was never shown")
"""


def time_main_window(code: str, env: dict[str, str]) -> float:
    """Seconds from the password accepted to the main window shown, as the child reports it."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    try:
        return float(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"the child did not show the main window:\n{done.stdout}{done.stderr}") from None


def ensure_demo(root: Path, households: int) -> DataPaths:
    """The demo station, encrypted as `jiuzhu demo` makes it (an older plain one is encrypted first)."""
    from app.services.setup import installation

    paths = DataPaths(root)
    if not paths.database.exists():
        from app.demo.run import run_demo

        started = time.perf_counter()
        key, _ = installation.new_keys(paths, demo=True)
        run_demo(paths, None, households=households, seed=1, key=key)
        print(f"built a {households}-household demo station in {time.perf_counter() - started:.0f} s")
    elif installation.needs_encryption(paths):
        installation.encrypt(paths)
    return paths


def child_env(config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(config)  # UI settings of the bench's own, not the developer's
    env["PYTHONPATH"] = str(ROOT)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_child(code: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``python -c code`` until it prints the mark."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    _, err = child.communicate(timeout=60)
    if line.strip() != MARK:
        raise SystemExit(f"the child did not show its window:\n{line}{err}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/jiuzhu-bench-cold-start"))
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    paths = ensure_demo(args.db, args.households)
    ours_code = JIUZHU.format(mark=MARK, data_dir=str(paths.root))
    floor_code = FLOOR.format(mark=MARK)
    with tempfile.TemporaryDirectory(prefix="jiuzhu-bench-config-") as config:
        env = child_env(Path(config))
        bare = statistics.median(time_child(f"print({MARK!r})", env) for _ in range(args.runs))
        time_child(ours_code, env)  # warm the file cache, unmeasured
        time_child(floor_code, env)
        ours, floor = [], []
        for _ in range(args.runs):
            ours.append(time_child(ours_code, env))
            floor.append(time_child(floor_code, env))
        from app.demo.run import DEMO_PASSWORD

        main_code = MAIN_WINDOW.format(
            password=DEMO_PASSWORD, typing_ms=int(TYPING_S * 1000), data_dir=str(paths.root)
        )
        after = [time_main_window(main_code, env) for _ in range(args.runs)]
    median, median_floor = statistics.median(ours), statistics.median(floor)
    platform = env.get("QT_QPA_PLATFORM") or "the desktop's"
    print(f"{args.runs} runs each, median, Qt platform {platform}; bare interpreter start {bare:.3f} s")
    print("  jiuzhu runs: " + ", ".join(f"{t:.3f}" for t in ours))
    print("  floor runs:  " + ", ".join(f"{t:.3f}" for t in floor))
    ratio = median / median_floor
    print(
        f"cold start to the sign-in window: jiuzhu {median:.3f} s, "
        f"floor (bare QDialog) {median_floor:.3f} s, "
        f"ratio {ratio:.2f}× (budget ≤ 3×: {'ok' if ratio <= 3 else 'OVER'})"
    )
    main_median = statistics.median(after)
    main_verdict = "ok" if main_median <= MAIN_BUDGET_S else "OVER"
    print("  main window runs: " + ", ".join(f"{t:.3f}" for t in after))
    print(
        f"password accepted to the main window shown (after {TYPING_S:g} s of typing): "
        f"{main_median:.3f} s (budget ≤ {MAIN_BUDGET_S:g} s: {main_verdict})"
    )


if __name__ == "__main__":
    main()
