"""保障标准 screen: the county head adds a standard and sets the rules; a station clerk only reads them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app import clock
from app.demo.run import DEMO_PASSWORD
from app.domain.benefit import TopupGroup, TopupRule
from app.domain.money import Rounding
from app.models.db import Database
from app.models.settings import Standard
from app.services import settings
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.setup.standards_editor import StandardsEditor
from app.views.setup.standards_model import StandardsModel
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.county.conftest import TODAY, county_demo_template, demo_county, demo_county_paths  # noqa: F401


@pytest.fixture
def county_db(demo_county: Database) -> Iterator[Database]:  # noqa: F811
    yield demo_county
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def _editor(qtbot: QtBot, db: Database, who: SignedIn) -> StandardsEditor:
    assert clock.today() == TODAY
    editor = StandardsEditor(Workspace(db, who))
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show()
    return editor


def _column(editor: StandardsEditor, column: int) -> list[str]:
    model = editor.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_county_head_adds_a_standard_through_the_dialog(
    qtbot: QtBot, qtmodeltester, county_db: Database
) -> None:
    editor = _editor(qtbot, county_db, sign_in(county_db, "countyhead", DEMO_PASSWORD))
    assert editor.editable and editor.new_button.isEnabled()
    assert not editor.read_only_note.isVisibleTo(editor)
    before = editor.model.rowCount()
    assert before == 20  # the demo's 城 and 乡 standards for 2017–2026
    qtmodeltester.check(editor.model)

    dialog = editor.new_standard()
    assert dialog.effective_edit.value() == date(2027, 1, 1)
    assert dialog.year_spin.value() == 2027
    dialog.urban_rural_combo.setCurrentIndex(dialog.urban_rural_combo.findData("rural"))
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("year"))
    qtbot.keyClicks(dialog.amount_edit, "6480.50")
    with qtbot.waitSignals([editor.saved, editor.loaded], timeout=10_000):
        dialog.ok_button.click()
    assert not dialog.isVisible()
    assert editor.model.rowCount() == before + 1
    assert editor.year_combo.findData(2027) > 0
    assert "6,480.50" in _column(editor, StandardsModel.AMOUNT)
    qtmodeltester.check(editor.model)
    with county_db.uow("check") as uow:
        row = uow.session.execute(select(Standard).where(Standard.year == 2027)).scalar_one()
        assert (row.urban_rural, row.unit, row.amount_fen, row.effective_from) == (
            "rural",
            "year",
            648050,
            date(2027, 1, 1),
        )
        assert row.area_code == "430623000000" and row.updated_by == "countyhead"

    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.year_combo.setCurrentIndex(editor.year_combo.findData(2027))
    assert _column(editor, StandardsModel.YEAR) == ["2027"]


def test_a_duplicate_is_refused_in_the_dialog_which_stays_open(qtbot: QtBot, county_db: Database) -> None:
    editor = _editor(qtbot, county_db, sign_in(county_db, "countyhead", DEMO_PASSWORD))
    dialog = editor.new_standard()
    dialog.effective_edit.set_value(date(2026, 1, 1))
    dialog.urban_rural_combo.setCurrentIndex(dialog.urban_rural_combo.findData("urban"))
    qtbot.keyClicks(dialog.amount_edit, "750")
    with qtbot.waitSignal(editor.status_message, timeout=10_000) as blocker:
        dialog.ok_button.click()
    assert "已有2026-01-01起执行" in blocker.args[0]
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert "已有2026-01-01起执行" in dialog.error.text()
    dialog.reject()


def test_the_county_head_saves_the_extra_support_rules(qtbot: QtBot, county_db: Database) -> None:
    editor = _editor(qtbot, county_db, sign_in(county_db, "countyhead", DEMO_PASSWORD))
    form = editor.rules_form
    assert form.topup_values[TopupGroup.ELDERLY].text() == "30.00"  # the demo's 30 元 for the elderly
    minor = form.topup_modes[TopupGroup.MINOR]
    minor.setCurrentIndex(minor.findData("fixed"))
    form.topup_values[TopupGroup.MINOR].setText("25")
    form.rounding_combo.setCurrentIndex(form.rounding_combo.findData(Rounding.FEN.value))
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_rules_button.click()
    with county_db.uow("check") as uow:
        rules = settings.benefit_rules(uow.session)
    assert TopupRule(TopupGroup.MINOR, "fixed", Decimal(2500)) in rules.topups
    assert rules.rounding is Rounding.FEN and rules.elderly_age == 80

    form.mode_combo.setCurrentIndex(form.mode_combo.findData("tier"))
    with qtbot.waitSignal(editor.status_message, timeout=10_000) as blocker:
        editor.save_rules_button.click()
    assert "至少要设置一个档次" in blocker.args[0]
    assert editor.rules_error.isVisibleTo(editor)


def test_the_station_clerk_sees_the_standards_read_only(
    qtbot: QtBot, qtmodeltester, gui_db: Database, clerk: SignedIn
) -> None:
    editor = _editor(qtbot, gui_db, clerk)
    assert not editor.editable
    assert editor.read_only_note.isVisibleTo(editor) and editor.read_only_note.text()
    assert editor.model.rowCount() == 20
    qtmodeltester.check(editor.model)
    editor.table.selectRow(0)
    for button in (editor.new_button, editor.edit_button, editor.delete_button, editor.save_rules_button):
        assert not button.isEnabled()
    assert not editor.rules_form.isEnabled()
    with qtbot.waitSignal(editor.status_message, timeout=10_000) as blocker:
        editor.save_rules()  # the service refuses even if the button were reached
    assert "乡镇工作站" in blocker.args[0]


def test_a_standard_not_yet_in_force_can_be_deleted(qtbot: QtBot, county_db: Database) -> None:
    editor = _editor(qtbot, county_db, sign_in(county_db, "countyhead", DEMO_PASSWORD))
    dialog = editor.new_standard()
    qtbot.keyClicks(dialog.amount_edit, "760")
    with qtbot.waitSignals([editor.saved, editor.loaded], timeout=10_000):
        dialog.ok_button.click()
    editor.table.selectRow(0)  # newest first
    new = editor.selected_row()
    assert new is not None and new.state == "upcoming"
    assert editor.delete_button.isEnabled()
    editor.table.selectRow(1)
    assert not editor.delete_button.isEnabled()  # in force: replaced by a newer one, never deleted
    with qtbot.waitSignals([editor.saved, editor.loaded], timeout=10_000):
        editor.delete_standard(new.id)
    assert editor.model.find(new.id) is None
    with county_db.uow("check") as uow:
        assert uow.session.get(Standard, new.id) is None
