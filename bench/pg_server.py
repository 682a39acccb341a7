"""A throwaway PostgreSQL server for the benches (as scripts/test.sh starts one), and its CPU time.

The server runs in processes of its own, so a bench that compares CPU time adds the server's to its
client's: the postmaster's own and reaped children's time, plus its live backends'.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

TICKS = os.sysconf("SC_CLK_TCK")


def _binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return found[-1] if found else None


# What a county's server would be given rather than PostgreSQL's defaults for a small machine (128 MB of
# shared buffers, a checkpoint every GB of WAL); fsync is off as in scripts/test.sh.
SETTINGS = ("fsync=off", "shared_buffers=1GB", "max_wal_size=4GB")


@contextmanager
def server(port: int, settings: tuple[str, ...] = SETTINGS) -> Iterator[tuple[str, int]]:
    """Start a server on loopback ``port`` with ``settings``; yield (URL, postmaster pid)."""
    binaries = _binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), or pass --pg URL")
    folder = Path(tempfile.mkdtemp(prefix="jiuzhu-pg-"))
    run_as: list[str] = []
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    quiet = {"cwd": "/", "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*run_as, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "--encoding=UTF8", "--locale=C.UTF-8"], **quiet)  # type: ignore[call-overload]  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 " + " ".join(f"-c {s}" for s in settings)
    subprocess.run([*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                    "-w", "-o", options, "start"], **quiet)  # type: ignore[call-overload]  # fmt: skip
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", pid
    finally:
        subprocess.run([*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       **quiet)  # type: ignore[call-overload]  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _stat(pid: int) -> list[str]:
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2 :].split()


def server_cpu(pid: int) -> float:
    """CPU seconds the server has used: the postmaster, its reaped children and its live ones."""
    if pid <= 0:
        return 0.0
    fields = _stat(pid)
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    for child in Path("/proc").iterdir():
        if child.name.isdigit():
            try:
                stat = _stat(int(child.name))
            except (OSError, ValueError):
                continue
            if int(stat[1]) == pid:
                ticks += int(stat[11]) + int(stat[12])
    return ticks / TICKS


@contextmanager
def database(base_url: str, name: str, template: str | None = None) -> Iterator[str]:
    """A database ``name`` on the server (a copy of ``template`` when given), dropped afterwards."""
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    like = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"{like}'))
        yield base_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def checkpoint(base_url: str) -> None:
    """Checkpoint the server before a measured run: a copy of a template database goes through the
    WAL (PostgreSQL 15's default), and the run would otherwise make new WAL files for its own writes
    where a server that has been running reuses the ones its regular checkpoints recycle."""
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CHECKPOINT"))
    admin.dispose()
