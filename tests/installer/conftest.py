"""The installer's build scripts are plain scripts in installer/: import them from there."""

from __future__ import annotations

import sys
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
for folder in (INSTALLER, INSTALLER / "linux", INSTALLER / "windows"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
