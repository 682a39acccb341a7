"""Dependencies point one way: views → services → domain (architecture.md, style.md habit 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules(package: str) -> list[Path]:
    return sorted((APP / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["domain", "services", "models", "sync", "printing", "spreadsheets"])
def test_nothing_below_views_imports_qt(package: str) -> None:
    offenders = [p.name for p in _modules(package) if any(m.startswith("PySide6") for m in _imports(p))]
    assert offenders == []


def test_domain_imports_neither_sqlalchemy_nor_upper_layers() -> None:
    banned = ("sqlalchemy", "alembic", "PySide6", "app.models", "app.services", "app.views")
    offenders = {p.name: sorted(m for m in _imports(p) if m.startswith(banned)) for p in _modules("domain")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_services_do_not_import_views() -> None:
    offenders = [p.name for p in _modules("services") if any(m.startswith("app.views") for m in _imports(p))]
    assert offenders == []


def test_cli_start_up_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    code = "import sys, app.cli, app.main; print(','.join(sorted(m for m in ('reportlab','openpyxl','PySide6','sqlalchemy') if m in sys.modules)))"  # noqa: E501
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


@pytest.mark.parametrize(
    ("package", "banned"),
    [
        ("printing", ("app.services", "app.views", "app.spreadsheets", "app.sync", "app.demo")),
        ("spreadsheets", ("app.services", "app.views", "app.printing", "app.sync", "app.demo")),
        ("documents", ("app.services", "app.views", "app.printing", "app.spreadsheets", "app.models")),
    ],
)
def test_writers_take_plain_data_contracts_not_services(package: str, banned: tuple[str, ...]) -> None:
    """Reports, rosters and notices reach the writers as app/documents (or printing's own) dataclasses."""
    offenders = {p.name: sorted(m for m in _imports(p) if m.startswith(banned)) for p in _modules(package)}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_demo_is_not_a_use_case() -> None:
    """The demo generator lives in app/demo: only the first-run setup (demo data for training) calls it."""
    below = ("services", "models", "printing", "spreadsheets", "sync", "domain", "documents")
    allowed = {APP / "services" / "setup" / "first_run.py"}
    offenders = [
        p
        for package in below
        for p in _modules(package)
        if p not in allowed and any(m.startswith("app.demo") for m in _imports(p))
    ]
    assert offenders == []


def _runtime_imports(path: Path, module: str, known: set[str]) -> set[str]:
    """The app modules ``path`` imports when it runs (inside functions too; ``if TYPE_CHECKING:`` not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {name for name in found if name in known and name != module}


def test_no_import_cycle_in_app() -> None:
    """Every module of app/ can be understood without the modules that import it (issue 12)."""
    paths = {}
    for path in APP.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(APP.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        paths[name] = path
    known = set(paths)
    graph = {name: _runtime_imports(path, name, known) for name, path in paths.items()}
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append([*trail[trail.index(name) :], name])
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert cycles == []
