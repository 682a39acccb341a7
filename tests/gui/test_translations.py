"""The zh_CN translation is complete, covers every string in the code, and its .qm is built from it."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "jiuzhu_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "jiuzhu_zh_CN.qm"
BIN = Path(sys.executable).parent


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def problems(ts: Path) -> list[str]:
    found = []
    for context, message in messages(ts):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None:
            found.append(f"{context}: {source!r} has no translation")
            continue
        kind = translation.get("type")
        texts = [t.text for t in translation.iter("numerusform")] or [translation.text]
        if kind in ("unfinished", "obsolete", "vanished") or not all(texts):
            found.append(f"{context}: {source!r} is {kind or 'empty'}")
    return found


def test_every_message_is_translated() -> None:
    assert messages(TS), "no messages in the .ts file"
    assert problems(TS) == []


def test_placeholders_survive_translation() -> None:
    for context, message in messages(TS):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        texts = [t.text or "" for t in translation.iter("numerusform")] or [translation.text or ""]
        for text in texts:
            for placeholder in ("{", "%n"):
                assert source.count(placeholder) == text.count(placeholder), (context, source, text)


@pytest.mark.skipif(not (BIN / "pyside6-lupdate").exists(), reason="pyside6-lupdate not installed")
def test_the_ts_file_has_every_string_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            str(ROOT / "app" / "views"),
            "-ts",
            str(fresh),
        ],
        check=True,
    )
    assert problems(fresh) == [], "run scripts/translations.sh and translate the new strings"
    assert len(messages(fresh)) == len(messages(TS)), "strings were removed: run scripts/translations.sh"


@pytest.mark.skipif(not (BIN / "pyside6-lrelease").exists(), reason="pyside6-lrelease not installed")
def test_the_qm_file_is_built_from_the_ts_file(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", "-removeidentical", str(TS), "-qm", str(built)], check=True
    )
    assert built.read_bytes() == QM.read_bytes(), "run scripts/translations.sh"


def tr_calls_inside_f_strings(source: str) -> list[int]:
    """Lines where ``tr(...)`` is called inside an f-string: lupdate does not look there."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr == "tr"
                ):
                    lines.append(inner.lineno)
    return lines


def test_no_tr_call_inside_an_f_string() -> None:
    """A string translated inside an f-string never reaches the .ts: the window shows it in English."""
    assert tr_calls_inside_f_strings("x = f\"<a>{self.tr('Hello')}</a>\"") == [1]
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "app" / "views").rglob("*.py"))
        for line in tr_calls_inside_f_strings(path.read_text(encoding="utf-8"))
    ]
    assert found == []
