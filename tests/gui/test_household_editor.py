"""The household editor: a typed member is saved, a home visit is recorded; a cadre's editor is read-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain import idcard
from app.domain.workflow import CaseState
from app.models.attachment import Attachment
from app.models.case import Case, Investigation
from app.models.db import Database
from app.models.household import Household, IncomeItem, Person
from app.paths import DataPaths
from app.services.households import visits
from app.views.households.editor import HouseholdEditor, open_household_editor
from app.views.households.tabs.common import FileTab
from app.views.signed_in import SignedIn
from app.views.widgets.forms import show_date
from app.views.workspace import Workspace
from tests.conftest import DEMO_TODAY
from tests.gui.casework import first_village
from tests.gui.helpers import column_texts, type_with_input_method

DAUGHTER_ID = idcard.make_id("430623", date(2010, 4, 18), 44)  # female


def a_household(db: Database) -> str:
    with db.uow("test") as uow:
        return uow.session.execute(
            select(Household.id)
            .where(Household.village_code == first_village(db)[0])
            .order_by(Household.id)
            .limit(1)
        ).scalar_one()


def open_editor(qtbot: QtBot, db: Database, who: SignedIn, paths: DataPaths, hh: str) -> HouseholdEditor:
    editor = open_household_editor(Workspace(db, who, paths), hh)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded):
        pass  # the first tab reads the file on a read thread; its result arrives through the event loop
    return editor


def show_tab(qtbot: QtBot, editor: HouseholdEditor, tab: FileTab) -> None:
    """Switch to ``tab``; a tab reads the file the first time it is shown."""
    with qtbot.waitSignal(tab.loaded):
        editor.tabs.setCurrentWidget(tab)


def test_a_member_typed_in_is_saved_to_the_file(
    qtbot: QtBot,
    gui_db: Database,
    clerk: SignedIn,
    demo_paths: DataPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hh = a_household(gui_db)
    editor = open_editor(qtbot, gui_db, clerk, demo_paths, hh)
    assert not editor.read_only_label.isVisible() and editor.add_member_button.isEnabled()
    show_tab(qtbot, editor, editor.members_tab)
    before = editor.members_table.rowCount()
    type_with_input_method(editor.name_edit, "周小雨", preedit="zhouxiaoyu")
    qtbot.keyClicks(editor.id_edit, DAUGHTER_ID)
    assert editor.sex_combo.currentText() == "女" and editor.birth_edit.value() == date(2010, 4, 18)
    editor.sex_combo.setCurrentIndex(editor.sex_combo.findText("男"))
    assert "第17位表明为女" in editor.flags.text()  # a mismatch is flagged as typed
    with qtbot.waitSignal(editor.change_refused):
        qtbot.mouseClick(editor.add_member_button, Qt.MouseButton.LeftButton)
    assert "性别" in editor.members_tab.refused.text()  # and refused by the service
    editor.sex_combo.setCurrentIndex(editor.sex_combo.findText("女"))
    editor.relation_combo.setCurrentIndex(editor.relation_combo.findData("30"))
    with qtbot.waitSignal(editor.saved) as saved, qtbot.waitSignal(editor.loaded):
        qtbot.mouseClick(editor.add_member_button, Qt.MouseButton.LeftButton)
    assert saved.args == [hh] and editor.name_edit.text() == "" and editor.id_edit.text() == ""
    assert editor.members_table.rowCount() == before + 1
    assert "周小雨" in column_texts(editor.members_table, 0)
    with gui_db.uow("test") as uow:
        person = uow.session.execute(select(Person).where(Person.id_number == DAUGHTER_ID)).scalar_one()
        assert (person.household_id, person.name, person.sex) == (hh, "周小雨", "F")

    editor.members_table.selectRow(column_texts(editor.members_table, 0).index("周小雨"))
    type_with_input_method(editor.reason_edit, "外出务工", preedit="waichuwugong")
    with qtbot.waitSignal(editor.saved), qtbot.waitSignal(editor.loaded):  # in either order
        qtbot.mouseClick(editor.remove_member_button, Qt.MouseButton.LeftButton)
    assert editor.reason_edit.text() == ""
    assert column_texts(editor.members_table, 5)[-1].endswith("（外出务工）")
    with gui_db.uow("test") as uow:
        person = uow.session.execute(select(Person).where(Person.id_number == DAUGHTER_ID)).scalar_one()
        assert not person.is_member and person.not_member_reason == "外出务工"

    show_tab(qtbot, editor, editor.incomes_tab)
    qtbot.keyClicks(editor.income_amount_edit, "3600")
    with qtbot.waitSignal(editor.loaded):
        qtbot.mouseClick(editor.add_income_button, Qt.MouseButton.LeftButton)
    with gui_db.uow("test") as uow:
        amounts = uow.session.execute(
            select(IncomeItem.amount_fen).where(IncomeItem.household_id == hh)
        ).scalars()
        assert 360000 in list(amounts)

    scan = tmp_path / "授权书.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n signed")
    show_tab(qtbot, editor, editor.scans_tab)
    type_with_input_method(editor.attachment_kind_edit, "核对授权书")
    with qtbot.waitSignal(editor.loaded):
        editor.add_attachment_file(scan)
    assert column_texts(editor.attachments_table, 1)[-1] == "授权书.png"
    with gui_db.uow("test") as uow:
        kinds = uow.session.execute(select(Attachment.kind).where(Attachment.household_id == hh)).scalars()
        assert "核对授权书" in list(kinds)

    shown: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", shown.append)  # no viewer is started in a test
    editor.attachments_table.selectRow(editor.attachments_table.rowCount() - 1)
    with qtbot.waitSignal(editor.scans_tab.opened) as opened:
        qtbot.mouseClick(editor.open_attachment_button, Qt.MouseButton.LeftButton)
    copy = Path(opened.args[0])
    assert copy.name == "授权书.png" and copy.read_bytes() == scan.read_bytes()
    assert [url.toLocalFile() for url in shown] == [str(copy)]


def test_an_editor_shows_a_change_made_in_another_window(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, demo_paths: DataPaths
) -> None:
    hh = a_household(gui_db)
    first = open_editor(qtbot, gui_db, clerk, demo_paths, hh)
    show_tab(qtbot, first, first.incomes_tab)
    before = first.incomes_table.rowCount()
    second = open_editor(qtbot, gui_db, clerk, demo_paths, hh)
    show_tab(qtbot, second, second.incomes_tab)
    qtbot.keyClicks(second.income_amount_edit, "1200")
    with qtbot.waitSignal(first.incomes_tab.loaded), qtbot.waitSignal(second.saved):
        qtbot.mouseClick(second.add_income_button, Qt.MouseButton.LeftButton)
    assert first.incomes_table.rowCount() == before + 1
    amounts = [first.incomes_table.item(r, 2) for r in range(first.incomes_table.rowCount())]
    assert all(i is not None and i.textAlignment() & Qt.AlignmentFlag.AlignRight for i in amounts)  # money


def test_a_cadres_editor_is_read_only_with_the_reason(
    qtbot: QtBot, gui_db: Database, cadre: SignedIn, demo_paths: DataPaths
) -> None:
    editor = open_editor(qtbot, gui_db, cadre, demo_paths, a_household(gui_db))
    show_tab(qtbot, editor, editor.members_tab)
    assert editor.members_table.rowCount() > 0
    assert editor.read_only_label.isVisible() and "村" in editor.read_only_label.text()
    assert not editor.add_member_button.isEnabled() and not editor.save_household_button.isEnabled()
    assert not editor.address_edit.isEnabled() and not editor.add_attachment_button.isEnabled()
    assert editor.open_attachment_button.isEnabled()
    assert all("*" in text for text in column_texts(editor.members_table, 4))  # ID numbers masked


def a_paid_household(db: Database) -> str:
    """A household of the first village with a case being paid (a visit goes under it)."""
    with db.uow("test") as uow:
        return uow.session.execute(
            select(Case.household_id)
            .join(Household, Household.id == Case.household_id)
            .where(Household.village_code == first_village(db)[0], Case.state == CaseState.ACTIVE.value)
            .order_by(Case.household_id)
            .limit(1)
        ).scalar_one()


def test_a_home_visit_recorded_on_its_tab_is_listed_first(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, demo_paths: DataPaths
) -> None:
    hh = a_paid_household(gui_db)
    editor = open_editor(qtbot, gui_db, clerk, demo_paths, hh)
    tab = editor.visits_tab
    show_tab(qtbot, editor, tab)
    with gui_db.uow("test") as uow:
        number = uow.session.execute(
            select(Case.case_number).where(Case.household_id == hh, Case.state == CaseState.ACTIVE.value)
        ).scalar_one()
        listed = len(visits.list_visits(uow.session, hh))
    assert tab.visits_table.rowCount() == listed > 0
    assert number in tab.target_label.text() and tab.record_visit_button.isEnabled()

    tab.visit_date_edit.set_value(DEMO_TODAY)
    type_with_input_method(tab.visit_staff_edit, "张丽", preedit="zhangli")
    type_with_input_method(tab.visit_findings_edit, "家中无变化，老人身体尚可")
    with qtbot.waitSignal(editor.change_refused):
        qtbot.mouseClick(tab.record_visit_button, Qt.MouseButton.LeftButton)
    assert "2名以上" in tab.refused.text() and tab.visit_findings_edit.text() != ""  # kept as typed

    type_with_input_method(tab.visit_staff_edit, "、王强")
    with qtbot.waitSignal(editor.saved), qtbot.waitSignal(editor.loaded):
        qtbot.mouseClick(tab.record_visit_button, Qt.MouseButton.LeftButton)
    assert tab.visit_findings_edit.text() == "" and tab.refused.text() == ""
    assert tab.visits_table.rowCount() == listed + 1
    first = [column_texts(tab.visits_table, c)[0] for c in range(tab.visits_table.columnCount())]
    assert first == [show_date(DEMO_TODAY), "入户走访", "张丽、王强", number, "家中无变化，老人身体尚可"]
    with gui_db.uow("test") as uow:
        saved = uow.session.execute(
            select(Investigation).where(Investigation.findings == "家中无变化，老人身体尚可")
        ).scalar_one()
        case = uow.session.get(Case, saved.case_id)
        assert case is not None and (case.household_id, saved.staff) == (hh, "张丽、王强")


def test_a_cadre_sees_the_visits_but_may_not_record_one(
    qtbot: QtBot, gui_db: Database, cadre: SignedIn, demo_paths: DataPaths
) -> None:
    hh = a_paid_household(gui_db)
    editor = open_editor(qtbot, gui_db, cadre, demo_paths, hh)
    show_tab(qtbot, editor, editor.visits_tab)
    with gui_db.uow("test") as uow:
        listed = len(visits.list_visits(uow.session, hh))
    assert editor.visits_tab.visits_table.rowCount() == listed > 0
    assert not editor.visits_tab.record_visit_button.isEnabled()
    assert not editor.visits_tab.visit_staff_edit.isEnabled()
