"""The one version, ``app.__version__``, for the build scripts: the spec, VERSIONINFO, the .deb, NSIS.

Run as ``python installer/version.py`` to print it (``--four``: as four numbers, for VERSIONINFO and
NSIS's VIProductVersion); the spec and build_deb.py import ``read_version``.
It reads app/__init__.py as text, so that it needs none of the app's dependencies.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_version(root: Path = ROOT) -> str:
    """``app.__version__``, checked to be plain numbers (VERSIONINFO and NSIS need a.b.c)."""
    tree = ast.parse((root / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            version = ast.literal_eval(node.value)
            if not isinstance(version, str) or not re.fullmatch(r"\d+(\.\d+){1,3}", version):
                raise ValueError(f"app.__version__ must be 2 to 4 numbers, not {version!r}")
            return version
    raise ValueError("app/__init__.py has no __version__")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers, as Windows' VERSIONINFO wants them."""
    parts = [int(p) for p in version.split(".")] + [0, 0, 0]
    return parts[0], parts[1], parts[2], parts[3]


if __name__ == "__main__":
    import sys

    found = read_version()
    print(".".join(map(str, version_tuple(found))) if "--four" in sys.argv[1:] else found)
