"""No message a desktop user can see names a command-line verb (issue 13): every string the views,
services, domain and printing code hold outside docstrings, and every translation, is free of
"jiuzhu <verb>" and "run …" advice."""

from __future__ import annotations

import ast
import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERB = re.compile(r"\bjiuzhu\s+[a-z]|运行\s*jiuzhu|命令行")
# Every package whose messages reach a screen (a refused bundle's reason comes from app/sync).
SHOWN = (
    "app/views",
    "app/services",
    "app/domain",
    "app/sync",
    "app/models",
    "app/printing",
    "app/documents",
    "app/spreadsheets",
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


@functools.cache
def shown_strings() -> tuple[tuple[str, int, str], ...]:
    out: list[tuple[str, int, str]] = []
    for folder in SHOWN:
        for file in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            skip = _docstrings(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                    out.append((str(file.relative_to(ROOT)), node.lineno, node.value))
    return tuple(out)


def test_the_desktop_code_holds_strings_to_check() -> None:
    strings = shown_strings()
    assert len(strings) > 1000
    assert any("备份" in s for _f, _l, s in strings)


def test_no_string_a_user_can_see_names_a_command_line_verb() -> None:
    found = [f"{f}:{line}: {s!r}" for f, line, s in shown_strings() if VERB.search(s)]
    assert found == []


def test_no_translation_names_a_command_line_verb() -> None:
    tree = ET.parse(ROOT / "resources" / "translations" / "jiuzhu_zh_CN.ts")
    texts = [e.text or "" for e in tree.iter() if e.tag in ("source", "translation")]
    assert len(texts) > 500
    assert [t for t in texts if VERB.search(t)] == []


def test_the_pattern_catches_the_old_advice() -> None:
    assert VERB.search("请运行 jiuzhu join 加入县级")
    assert VERB.search("run jiuzhu join first")
    assert not VERB.search("jiuzhu-before-restore-20261205.sqlite3")
