"""The changelog is keyed to the version: its newest heading is ``app.__version__``."""

from __future__ import annotations

import re
from pathlib import Path

import app

CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"


def test_the_newest_changelog_heading_is_the_version() -> None:
    headings = re.findall(r"^## (\d+\.\d+\.\d+)\b", CHANGELOG.read_text(encoding="utf-8"), re.M)
    assert headings, "CHANGELOG.md has no version headings"
    assert headings[0] == app.__version__
    assert len(headings) == len(set(headings))
