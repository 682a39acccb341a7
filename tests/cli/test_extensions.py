"""A verb group the CLI cannot import is an error with the module's name, never a silent loss of verbs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import cli


def test_every_verb_group_is_loaded(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["--help"]) == 0
    listed = capsys.readouterr().out
    for verb in ("notice", "export-bundle", "import-bundle", "export-ledger", "roster", "station"):
        assert verb in listed


def test_a_missing_verb_group_fails_at_start_with_its_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(cli, "EXTENSIONS", (*cli.EXTENSIONS, "app.cli_lost_in_freezing"))
    assert cli.run(["--help"]) == 1
    assert cli.run(["--data-dir", str(tmp_path), "stats"]) == 1
    err = capsys.readouterr().err
    assert "app.cli_lost_in_freezing" in err and "无法加载" in err
    assert "Traceback" not in err
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_a_verb_group_that_breaks_while_importing_is_named_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "jz_broken_verbs.py"
    broken.write_text("import no_such_dependency_of_a_verb_group\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli, "EXTENSIONS", ("jz_broken_verbs",))
    monkeypatch.delitem(sys.modules, "jz_broken_verbs", raising=False)
    assert cli.run(["stats"]) == 1
    err = capsys.readouterr().err
    assert "jz_broken_verbs" in err and "no_such_dependency_of_a_verb_group" in err
