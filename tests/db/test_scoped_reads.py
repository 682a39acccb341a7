"""Reads are scoped in the service: every ``@query`` use case, called as a village cadre, shows only
that village (or refuses), whatever its caller passes (architecture.md, "Privacy and security")."""

from __future__ import annotations

import importlib
import inspect

import pytest

from app.models.db import Database
from tests.scoped_reads import ReadCase, all_reads, query_functions, run_read


def test_every_query_is_called_as_a_cadre() -> None:
    listed = {case.name for case in all_reads()}
    assert sorted(set(query_functions()) - listed) == []


def test_query_functions_take_the_unit_of_work_and_the_actor_first() -> None:
    for name in query_functions():
        module, attr = name.rsplit(".", 1)
        params = list(inspect.signature(getattr(importlib.import_module(module), attr)).parameters)
        assert params[:2] == ["uow", "actor"], name


@pytest.mark.parametrize("case", [c for c in all_reads() if c.where == "station"], ids=lambda c: c.name)
def test_a_station_read_shows_a_cadre_only_his_village(demo_db: Database, case: ReadCase) -> None:
    run_read(demo_db, case)
