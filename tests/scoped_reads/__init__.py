"""Every read use case (``@query``), called as a village cadre: one module per feature package.

Each module lists ``READS``: how to call each read and how to see the villages in what it returns.
tests/db/test_scoped_reads.py runs them all and checks that the list covers every ``@query`` function.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select

import app.services
from app.domain.codes import Role
from app.errors import PermissionDenied
from app.models.area import Area
from app.models.db import Database, UnitOfWork
from app.services.context import Actor, is_query

AREA_MODULES = (
    "households",
    "intake",
    "cases",
    "reviews",
    "payments",
    "matching",
    "reports",
    "sync",
    "setup",
)


@dataclass(frozen=True)
class ReadCase:
    """One read: ``call(uow, actor)`` runs it; ``villages(result)`` gives the 12-digit village codes it shows.

    A read may refuse a village cadre outright (PermissionDenied); if it answers, every village it shows
    must lie in the cadre's village. ``where`` is the demo it runs on: the station or the county master.
    """

    fn: Callable[..., Any]
    call: Callable[[UnitOfWork, Actor], Any]
    villages: Callable[[Any], Iterable[str]]
    where: Literal["station", "county"] = "station"
    note: str = ""

    @property
    def name(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


def all_reads() -> list[ReadCase]:
    found: list[ReadCase] = []
    for name in AREA_MODULES:
        try:
            module = importlib.import_module(f"tests.scoped_reads.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.scoped_reads.{name}":
                raise
            continue
        found += module.READS
    return found


def query_functions() -> Iterator[str]:
    """Every function marked ``@query`` in app/services."""
    for info in pkgutil.walk_packages(app.services.__path__, "app.services."):
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__ and is_query(value):
                yield f"{module.__name__}.{attr}"


def first_village_cadre(db: Database) -> Actor:
    with db.uow("test") as uow:
        village = uow.session.execute(
            select(Area.code).where(Area.level == "village").order_by(Area.code).limit(1)
        ).scalar_one()
    return Actor("cadre", "李春生（村干部）", Role.VILLAGE_CADRE, village)


def run_read(db: Database, case: ReadCase) -> None:
    """Call ``case`` as a village cadre; it refuses, or shows nothing outside the cadre's village."""
    cadre = first_village_cadre(db)
    with db.uow(cadre.username) as uow:
        try:
            result = case.call(uow, cadre)
        except PermissionDenied:
            return
        shown = set(case.villages(result))
    outside = {code for code in shown if not cadre.covers(code)}
    assert outside == set(), f"{case.name} shows villages outside {cadre.area_code}: {sorted(outside)[:5]}"
