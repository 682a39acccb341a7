"""The households table model: Qt's model tester, fetchMore batches, stale batches, masking."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.codes import Role
from app.models.db import Database
from app.services.context import Actor
from app.services.households import registry
from app.services.households.registry import RegistryFilter, RegistryRow
from app.views.households.households_model import HOUSEHOLD_ID_ROLE, Column, HouseholdTableModel

CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")


def feed(model: HouseholdTableModel, db: Database) -> None:
    """Answer ``more_requested`` from the event loop (the registry page does it off the GUI thread)."""

    def load(generation: int, offset: int, limit: int) -> None:
        with db.uow("test") as uow:
            rows = registry.page(uow, CLERK, RegistryFilter(), offset, limit)
        model.append_rows(generation, offset, rows)
        model.fetch_ended(generation)

    model.more_requested.connect(load, Qt.ConnectionType.QueuedConnection)


def fetch_all(qtbot: QtBot, model: HouseholdTableModel) -> None:
    """Ask for batches until the model has them all (the tester may have asked for one already)."""
    while True:
        qtbot.waitUntil(lambda: not model.is_fetching)
        if not model.canFetchMore(QModelIndex()):
            return
        model.fetchMore(QModelIndex())


def first_rows(db: Database, n: int) -> list[RegistryRow]:
    with db.uow("test") as uow:
        return registry.page(uow, CLERK, RegistryFilter(), 0, n)


def test_model_passes_qt_model_tester(qtbot: QtBot, qtmodeltester: ModelTester, gui_db: Database) -> None:
    model = HouseholdTableModel(batch_size=30)
    feed(model, gui_db)
    qtmodeltester.check(model)
    model.reset_rows(first_rows(gui_db, 30), complete=False)
    fetch_all(qtbot, model)
    assert model.rowCount() == 120


def test_model_passes_the_python_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, gui_db: Database
) -> None:
    model = HouseholdTableModel(batch_size=40)
    feed(model, gui_db)
    model.reset_rows(first_rows(gui_db, 40), complete=False)
    qtmodeltester.check(model, force_py=True)
    fetch_all(qtbot, model)
    assert model.rowCount() == 120


def test_batches_are_inserted_in_place(qtbot: QtBot, gui_db: Database) -> None:
    model = HouseholdTableModel(batch_size=50)
    feed(model, gui_db)
    model.reset_rows(first_rows(gui_db, 50), complete=False)
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args[1:] == [50, 99]  # first and inclusive last row
    assert model.rowCount() == 100


def test_stale_batches_are_dropped(gui_db: Database) -> None:
    model = HouseholdTableModel(batch_size=10)
    rows = first_rows(gui_db, 20)
    old = model.reset_rows(rows[:10], complete=False)
    model.reset_rows(rows[:5], complete=False)
    model.append_rows(old, 10, rows[10:20])
    assert model.rowCount() == 5


def test_a_short_batch_ends_fetching(gui_db: Database) -> None:
    model = HouseholdTableModel(batch_size=10)
    rows = first_rows(gui_db, 15)
    generation = model.reset_rows(rows[:10], complete=False)
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one request at a time
    model.append_rows(generation, 10, rows[10:15])
    assert not model.canFetchMore(QModelIndex())
    assert model.rowCount() == 15


def test_display_and_masking(gui_db: Database) -> None:
    row = first_rows(gui_db, 1)[0]
    model = HouseholdTableModel(mask_ids=True)
    model.reset_rows([row], complete=True)
    index = model.index(0, Column.ID_NUMBER)
    assert model.data(index) == row.head_id_number[:6] + "********" + row.head_id_number[-4:]
    assert model.data(model.index(0, Column.HEAD)) == row.head_name
    assert model.data(index, HOUSEHOLD_ID_ROLE) == row.household_id
    assert model.headerData(Column.VILLAGE, Qt.Orientation.Horizontal) == "村(居)"
