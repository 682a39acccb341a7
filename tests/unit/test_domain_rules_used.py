"""Every public rule in app/domain is used by the program, not only by tests (a rule nobody calls is a rule
the program does not follow): wired in where the regulations need it, or deleted."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def _public_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]


def test_every_public_domain_function_has_a_caller_in_the_program() -> None:
    sources = {p: p.read_text(encoding="utf-8") for p in APP.rglob("*.py")}
    unused = []
    for path in sorted((APP / "domain").glob("*.py")):
        own = sources[path]
        for name in _public_functions(path):
            word = re.compile(rf"\b{re.escape(name)}\b")
            used_here = len(word.findall(own)) > 1  # called by another rule of the same module
            used_elsewhere = any(word.search(text) for p, text in sources.items() if p != path)
            if not (used_here or used_elsewhere):
                unused.append(f"{path.stem}.{name}")
    assert unused == []
