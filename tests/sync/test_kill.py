"""An import killed half-way leaves the county as it was, and importing again succeeds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.sync.conftest import World

STATION = "430623102"
ROOT = Path(__file__).resolve().parents[2]
# Runs the real CLI; after the bulk write (inside the open transaction) it signals and waits to be killed.
CHILD = """
import sys, time
from pathlib import Path
from app.sync import apply_up
original = apply_up.UpApplier._write
def stalled(self, plan, bad):
    written = original(self, plan, bad)
    self.session.flush()
    Path(sys.argv[1]).write_text("written")
    time.sleep(120)
    return written
apply_up.UpApplier._write = stalled
from app.cli import run
sys.exit(run(sys.argv[2:]))
"""


def dump(db_file: Path) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return list(conn.iterdump())
    finally:
        conn.close()


def test_an_import_killed_midway_changes_nothing_and_can_be_repeated(world: World, tmp_path: Path) -> None:
    bundle = world.export(STATION)
    assert bundle is not None
    before = dump(world.dir("county") / "jiuzhu.sqlite3")
    flag = tmp_path / "written"
    args = ["--data-dir", str(world.dir("county")), "import-bundle", str(bundle)]
    args += ["--passphrase-file", str(world.secret_file("county"))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(flag), *args], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert child.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never reached its bulk write"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert dump(world.dir("county") / "jiuzhu.sqlite3") == before
    code, out, err = world.import_("county", bundle)
    assert code == 0 and "已导入" in out and "摘要一致" in out, err
