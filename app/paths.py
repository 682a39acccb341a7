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
        """Create the folders that do not exist yet; return self."""
        for folder in (self.root, self.logs, self.backups, self.attachments, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """Pick the data folder: the argument, else $JIUZHU_DATA_DIR, else the platform default."""
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(default_data_dir())
