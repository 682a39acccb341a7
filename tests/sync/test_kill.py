"""An import killed half-way leaves the county as it was, and importing again succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.demo.run import DEMO_PASSWORD
from app.models import cipher
from app.paths import DataPaths
from app.services.setup import installation
from tests.sync.conftest import World

STATION = "430623102"
ROOT = Path(__file__).resolve().parents[2]
# Runs the real CLI; after the bulk write (inside the open transaction) it says so on stdout and blocks
# on stdin, which the test never writes to, until it is killed.
CHILD = """
import sys
from app.sync import apply_up
original = apply_up.UpApplier._write
def stalled(self, plan, bad):
    written = original(self, plan, bad)
    self.session.flush()
    print("written", flush=True)
    sys.stdin.read()
    return written
apply_up.UpApplier._write = stalled
from app.cli import run
sys.exit(run(sys.argv[1:]))
"""


def dump(db_file: Path) -> list[str]:
    """Every table's definition and rows of the (encrypted) database."""
    key = installation.unlock(DataPaths(db_file.parent), "admin", DEMO_PASSWORD)
    conn = cipher.connect(db_file, key)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        out: list[str] = []
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for name, sql in tables.fetchall():
            out.append(sql or name)
            if "VIRTUAL TABLE" in (sql or "") or name.startswith("sqlite_"):
                continue  # the search index's rows follow the tables it indexes
            out += [repr(row) for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY 1')]
        return out
    finally:
        conn.close()


def test_an_import_killed_midway_changes_nothing_and_can_be_repeated(world: World) -> None:
    bundle = world.export(STATION)
    assert bundle is not None
    before = dump(world.dir("county") / "jiuzhu.sqlite3")
    args = ["--data-dir", str(world.dir("county")), "import-bundle", str(bundle)]
    args += ["--passphrase-file", str(world.secret_file("county"))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # blocks until the bulk write is done (or the child died)
        assert line.strip() == "written", "the import ended before it reached its bulk write"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    assert dump(world.dir("county") / "jiuzhu.sqlite3") == before
    code, out, err = world.import_("county", bundle)
    assert code == 0 and "已导入" in out and "摘要一致" in out, err
