"""Helpers for tests of encrypted backups (app/services/setup/backup_file.py): look inside the zip, plant a
change in the encrypted database it holds (as someone with the key could), and read a data folder's key."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.models import cipher
from app.paths import DataPaths
from app.services.setup import backup_file, installation

ADMIN, PASSWORD = "admin", "jiuzhu2026"  # the tests' installations: the demo's password for admin


def key_of(folder: Path, user: str = ADMIN, password: str = PASSWORD) -> bytes:
    """The database key of an installation, from its slots and an account's password."""
    return installation.unlock(DataPaths(folder), user, password)


def members(file: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(file) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(file: Path, key: bytes, sql: str, dest: Path) -> Path:
    """A copy of the backup ``file`` whose database had ``sql`` run on it with ``key`` (re-zipped)."""
    parts = members(file)
    work = dest.with_name(dest.name + ".db")
    work.write_bytes(parts[backup_file.DATABASE])
    conn = cipher.connect(work, key)
    try:
        conn.executescript(sql)
        conn.commit()
    finally:
        conn.close()
    parts[backup_file.DATABASE] = work.read_bytes()
    work.unlink()
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return dest


def other_encrypted_station(root: Path, code: str = "430623101") -> DataPaths:
    """Another encrypted installation (its own key), by default of the same township."""
    other = DataPaths(root)
    key, _recovery = installation.new_keys(other)
    db = installation.open_database(other, create=True, key=key)
    try:
        installation.initialise(db, kind="station", code=code, admin_password=PASSWORD)
    finally:
        db.dispose()
    return other
