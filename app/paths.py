"""Where Jiuzhu keeps its data, logs, backups and attachments.

One data folder holds everything of an installation. It is chosen by ``--data-dir``,
else the ``JIUZHU_DATA_DIR`` environment variable, else the per-user application data
folder. Nothing is ever written next to the program (Program Files is read-only).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "JIUZHU_DATA_DIR"
DB_FILENAME = "jiuzhu.sqlite3"
PRIVATE_DIR = 0o700  # the data folder and every folder in it: the owner's only, whatever the umask
PRIVATE_FILE = 0o600  # every file in it (database, WAL/SHM, logs, backups, keystore, bundles, attachments)


def default_data_dir() -> Path:
    """The per-user application data folder for this platform."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Jiuzhu"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Jiuzhu"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "jiuzhu"


@dataclass(frozen=True)
class DataPaths:
    """The folders of one installation, all below ``root``."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def ensure(self) -> DataPaths:
        """Create the folders that do not exist yet (private to the user); return self."""
        for folder in (self.root, self.logs, self.backups, self.attachments, self.cache):
            private_dir(folder)
        return self

    def secure(self) -> None:
        """Make the data folder private again: folders 0700 and files 0600 (POSIX; on Windows the
        folder sits in the user's own %LOCALAPPDATA%, whose ACL admits only that user)."""
        secure_tree(self.root)


def private_dir(folder: Path) -> Path:
    """``mkdir -p`` where each folder made is 0700 whatever the umask; an existing one is left as is."""
    missing: list[Path] = []
    at = folder
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for made in reversed(missing):
        made.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        if os.name == "posix":
            _chmod(str(made), PRIVATE_DIR)
    return folder


def private_file(path: Path) -> None:
    """Set a file the owner's only (POSIX)."""
    if os.name == "posix":
        _chmod(str(path), PRIVATE_FILE)


def secure_tree(root: Path) -> None:
    """Folders 0700 and files 0600 below ``root`` (and ``root`` itself); links are left alone."""
    if os.name != "posix" or not root.is_dir():
        return
    _chmod(str(root), PRIVATE_DIR)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            _chmod(os.path.join(folder, name), PRIVATE_DIR)
        for name in files:
            _chmod(os.path.join(folder, name), PRIVATE_FILE)


def _chmod(path: str, mode: int) -> None:
    """Set ``mode`` unless ``path`` is a link or cannot be changed (another owner, a FAT stick): the
    folder still opens; what could not be made private stays as it was."""
    try:
        if not os.path.islink(path) and (os.stat(path).st_mode & 0o777) != mode:
            os.chmod(path, mode)
    except OSError:
        pass


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """Pick the data folder: the argument, else $JIUZHU_DATA_DIR, else the platform default."""
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(default_data_dir())
