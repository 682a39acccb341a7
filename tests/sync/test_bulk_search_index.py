"""Persons imported in bulk at the county are indexed together (the per-row trigger set aside): every one
of them is found by name and by ID number, the index agrees with the table, and the trigger is back."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.models import search_index
from tests.sync.conftest import STATIONS, World

NAMES = f"SELECT rowid FROM {search_index.NAME_INDEX} WHERE {search_index.NAME_INDEX} MATCH :m"
IDS = f"SELECT rowid FROM {search_index.ID_INDEX} WHERE {search_index.ID_INDEX} MATCH :m"


def test_a_bulk_import_indexes_every_new_person(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "BULK_ROWS", 1)  # the demo stations are small: bulk from one row
    ups = [p for code in STATIONS if (p := world.export(code))]
    code, _out, err = world.import_("county", *ups)
    assert code == 0, err
    db = world.db("county")
    try:
        with db.engine.connect() as conn:
            persons = conn.execute(text("SELECT rowid, name, id_number FROM person")).all()
            assert len(persons) > 20
            for rowid, name, id_number in persons:
                by_name = conn.execute(
                    text(NAMES),
                    {"m": search_index.name_match(name)},
                ).scalars()
                assert rowid in set(by_name), name
                by_id = conn.execute(
                    text(IDS),
                    {"m": search_index.id_match(id_number[6:14])},
                ).scalars()
                assert rowid in set(by_id)
            assert search_index.integrity_problems(conn) == []
            triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
            assert f"trg_{search_index.NAME_INDEX}_insert" in set(triggers)
    finally:
        db.dispose()
