"""A small sync world: the county and three demo townships, provisioned and joined, built once per run."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import log
from app.cli import run
from app.models.db import Database
from app.paths import DataPaths
from tests.conftest import DEMO_TODAY, open_installation

COUNTY = "430623"
STATIONS = ("430623101", "430623102", "430623103")
SIZES = {"430623101": (24, 2), "430623102": (18, 3), "430623103": (14, 4)}
COUNTY_SECRET = "county-secret-1"
STATION_SECRET = {code: f"station-{code[-3:]}-secret" for code in STATIONS}


@dataclass
class World:
    root: Path

    def dir(self, who: str) -> Path:
        return self.root / who

    def paths(self, who: str) -> DataPaths:
        return DataPaths(self.dir(who))

    def secret_file(self, who: str) -> Path:
        return self.root / f"{who}.pass"

    @property
    def usb(self) -> Path:
        return self.root / "usb"

    def jz(self, who: str, *args: str) -> tuple[int, str, str]:
        """Run a CLI verb against ``who``'s data folder; returns (exit code, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(["--data-dir", str(self.dir(who)), *args])
        log.shutdown()
        return code, out.getvalue(), err.getvalue()

    def ok(self, who: str, *args: str) -> str:
        code, out, err = self.jz(who, *args)
        assert code == 0, f"{args}: {err or out}"
        return out

    def export(self, who: str, station: str | None = None) -> Path | None:
        extra = ["--station", station] if station else []
        out = self.ok(
            who,
            "export-bundle",
            "--out",
            str(self.usb),
            "--passphrase-file",
            str(self.secret_file(who)),
            *extra,
        )
        return Path(out.rsplit("：", 1)[1].strip()) if "已导出" in out else None

    def import_(self, who: str, *files: Path) -> tuple[int, str, str]:
        return self.jz(
            who, "import-bundle", *map(str, files), "--passphrase-file", str(self.secret_file(who))
        )

    def db(self, who: str) -> Database:
        return open_installation(self.paths(who))

    def fingerprint(self, who: str) -> str:
        """The database file's bytes (all connections are closed between CLI calls)."""
        data = (self.dir(who) / "jiuzhu.sqlite3").read_bytes()
        wal = self.dir(who) / "jiuzhu.sqlite3-wal"
        extra = wal.read_bytes() if wal.exists() else b""
        return hashlib.sha256(data + extra).hexdigest()


def build_world(root: Path) -> World:
    world = World(root)
    world.usb.mkdir(parents=True)
    world.secret_file("county").write_text(COUNTY_SECRET + "\n", encoding="utf-8")
    world.ok("county", "init", "--county", COUNTY, "--admin-password", "jiuzhu2026")
    for code in STATIONS:
        households, seed = SIZES[code]
        world.secret_file(code).write_text(STATION_SECRET[code] + "\n", encoding="utf-8")
        if code != STATIONS[0]:
            world.ok(code, "init", "--township", code, "--admin-password", "jiuzhu2026")
        world.ok(
            code,
            "demo",
            "--households",
            str(households),
            "--seed",
            str(seed),
            "--today",
            DEMO_TODAY.isoformat(),
        )
        provision = root / f"{code}.jzp"
        world.ok(
            "county",
            "station",
            "add",
            "--code",
            code,
            "--out",
            str(provision),
            "--passphrase-file",
            str(world.secret_file(code)),
            "--key-passphrase-file",
            str(world.secret_file("county")),
        )
        world.ok(
            code, "join", "--provision", str(provision), "--passphrase-file", str(world.secret_file(code))
        )
    return world


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sync-world")
    build_world(root)
    return root


@pytest.fixture
def world(tmp_path: Path, world_template: Path) -> Iterator[World]:
    target = tmp_path / "world"
    shutil.copytree(world_template, target)
    yield World(target)
