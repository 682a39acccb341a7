"""No big binary in the repository: fonts and the like come from packages at build time."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.installer.conftest import INSTALLER

LIMIT = 2 * 1024 * 1024


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_no_committed_file_is_over_2_mb() -> None:
    root = INSTALLER.parent
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    files = [name for name in listed.stdout.decode().split("\0") if name]
    assert len(files) > 100
    big = [name for name in files if (root / name).is_file() and (root / name).stat().st_size > LIMIT]
    assert big == []
