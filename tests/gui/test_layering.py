"""Views reach the database only through services; nothing below views imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_views_do_not_query_the_database() -> None:
    for path in (APP / "views").rglob("*.py"):
        for name in imports(path):
            assert not name.startswith("sqlalchemy"), f"{path.name} imports {name}"
            assert not name.startswith("app.models") or name == "app.models.db", f"{path.name} imports {name}"


def test_registry_service_is_free_of_qt() -> None:
    assert not any(
        name.startswith("PySide6") for name in imports(APP / "services" / "households" / "registry.py")
    )


def test_no_view_opens_a_unit_of_work_or_commits() -> None:
    """Views run operations (app/views/ops.py); services own the work, the database owns the transaction."""
    offenders = [
        f"{path.relative_to(APP)}:{n}"
        for path in (APP / "views").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".commit(" in line or ".uow(" in line
    ]
    assert offenders == []


def test_no_view_reads_as_the_system() -> None:
    """Every read runs as the signed-in user: nothing in the views acts as the actor "system"."""
    offenders = [
        f"{path.relative_to(APP)}:{n}"
        for path in (APP / "views").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if '"system"' in line or "system_actor" in line
    ]
    assert offenders == []
