"""A county and its demo townships with their first up bundles, made once and kept for the sync benches.

A world is built under ``cache/<persons>-<townships>`` (the county, each station, the bundles in usb/);
each measured import runs on a fresh copy of the county folder, so a world serves any number of runs.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

from app.cli import run
from app.demo.run import run_demo
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.setup.installation import initialise, open_database
from app.services.sync import transfer
from app.sync import format as fmt
from app.sync import keys

SECRET = "bench-secret-1"
PERSONS_PER_HOUSEHOLD = 2.6  # what the demo generates (persons and their households)
TOWNSHIPS = ("101", "102", "103", "104", "106", "110", "111", "112")


def jz(root: Path, who: str, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(["--data-dir", str(root / who), *args])
    if code:
        raise SystemExit(f"jiuzhu {' '.join(args)} failed")
    return out.getvalue()


def plain_installation(root: Path, kind: str, code: str) -> None:
    """A plain (unencrypted) installation made through the services, as before encryption at rest: the
    import bench's floor is plain sqlite3, and `bench_import.py --encrypted` encrypts its county copy."""
    db = open_database(DataPaths(root), create=True)
    try:
        initialise(db, kind=kind, code=code, admin_password="adminpass")
    finally:
        db.dispose()


def make_station(root: Path, code: str, households: int, seed: int) -> None:
    secret = root / "secret"
    if code != "430623101":
        plain_installation(root / code, "station", code)
    run_demo(DataPaths(root / code), None, households=households, seed=seed)
    out = root / f"{code}.jzp"
    jz(root, "county", "station", "add", "--code", code, "--out", str(out), "--passphrase-file", str(secret),
       "--key-passphrase-file", str(secret))  # fmt: skip
    jz(root, code, "join", "--provision", str(out), "--passphrase-file", str(secret))


def export(root: Path, who: str, station: str | None = None) -> Path:
    db = open_database(DataPaths(root / who))
    try:
        actor = system_actor("430623")
        with db.uow(actor.username) as uow:
            done = transfer.export_bundle(
                uow, actor, DataPaths(root / who), lambda: SECRET, root / "usb", station=station
            )
            uow.commit()
    finally:
        db.dispose()
    assert done is not None
    return done.path


def build(root: Path, persons: int, townships: int) -> list[Path]:
    """A county with ``townships`` demo stations holding ``persons`` persons in all; their bundles."""
    (root / "secret").write_text(SECRET + "\n", encoding="utf-8")
    codes = [f"430623{n}" for n in TOWNSHIPS[:townships]]
    households = max(1, int(persons / PERSONS_PER_HOUSEHOLD / townships))
    plain_installation(root / "county", "county", "430623")
    for seed, code in enumerate(codes, 1):
        make_station(root, code, households, seed)
    bundles = [export(root, code) for code in codes]
    for code in codes:  # the stations are not needed again: only the county and the bundles
        shutil.rmtree(root / code)
    (root / "bundles.txt").write_text("\n".join(b.name for b in bundles) + "\n", encoding="utf-8")
    return bundles


def world(cache: Path, persons: int, townships: int) -> tuple[Path, list[Path]]:
    """The cached world for this size (built the first time); returns its folder and its bundles."""
    root = cache / f"{persons}-{townships}"
    listing = root / "bundles.txt"
    if not listing.exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        build(root, persons, townships)
    names = listing.read_text(encoding="utf-8").split()
    return root, [root / "usb" / n for n in names]


def fresh_county(root: Path, scratch: Path) -> Path:
    """A copy of the world's county folder, as it was before any import."""
    target = scratch / "county"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root / "county", target)
    return target


def payload(county: Path, bundle: Path) -> dict[str, Any]:
    """A bundle's decrypted payload (for the floor, outside the timing)."""
    pair = keys.load_keystore(DataPaths(county), SECRET)
    frame = fmt.unpack(bundle.read_bytes())
    header = fmt.Header.from_bytes(frame.header_bytes)
    return fmt.parse_payload(fmt.decompress(pair.decrypt(frame.payload), header.plain_size))
