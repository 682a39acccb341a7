"""家庭档案: search as you type (pinyin, ID fragment, Chinese via an input method), filters, scope."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.names import sort_key
from app.models.db import Database
from app.models.household import Household, Person
from app.services.households import registry
from app.views.households.households_model import Column
from app.views.households.registry_page import FIRST_BATCH, RegistryPage
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.gui.helpers import column_texts, type_with_input_method


def open_page(qtbot: QtBot, db: Database, who: SignedIn) -> RegistryPage:
    page = RegistryPage(Workspace(db, who))
    qtbot.addWidget(page)
    with qtbot.waitSignals([page.results_shown, page.count_shown, page.loaded]):
        page.show()
    return page


@pytest.fixture
def page(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> Iterator[RegistryPage]:
    yield open_page(qtbot, gui_db, clerk)


@pytest.fixture
def known_head(gui_db: Database) -> Person:
    """A demo household head whose initials are shared by few people."""
    with gui_db.uow("test") as uow:
        heads = uow.session.execute(
            select(Person).where(Person.relation_code.in_(("01", "02"))).order_by(Person.name)
        ).scalars()
        return next(h for h in heads if len(h.name_initials) == 3)


def heads_shown(page: RegistryPage) -> list[str]:
    return [page.model.row_at(r).head_name for r in range(page.model.rowCount())]


def search_for(qtbot: QtBot, page: RegistryPage, ascii_text: str) -> None:
    with qtbot.waitSignal(page.loaded):
        qtbot.keyClicks(page.search_edit, ascii_text)


def test_opens_with_every_household(page: RegistryPage) -> None:
    assert page.model.total == 120
    assert page.model.rowCount() == FIRST_BATCH  # the rest comes by fetchMore
    assert page.count_label.text() == "共 120 户"


def test_scrolling_fetches_the_rest(qtbot: QtBot, page: RegistryPage) -> None:
    assert page.model.canFetchMore(page.table.rootIndex())
    with qtbot.waitSignal(page.model.rowsInserted):
        page.table.scrollToBottom()
    assert page.model.rowCount() == 120
    assert not page.model.canFetchMore(page.table.rootIndex())


def test_pinyin_initials_find_the_head(qtbot: QtBot, page: RegistryPage, known_head: Person) -> None:
    search_for(qtbot, page, known_head.name_initials)
    assert known_head.name in heads_shown(page)


def test_full_pinyin_finds_the_head(qtbot: QtBot, page: RegistryPage, known_head: Person) -> None:
    search_for(qtbot, page, known_head.name_pinyin)
    assert known_head.name in heads_shown(page)


def test_id_fragment_finds_the_household(qtbot: QtBot, page: RegistryPage, known_head: Person) -> None:
    fragment = known_head.id_number[8:14]  # birth date and a bit
    search_for(qtbot, page, fragment)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert known_head.household_id in [row.household_id for row in rows]


def test_chinese_name_typed_through_an_input_method(
    qtbot: QtBot, page: RegistryPage, known_head: Person
) -> None:
    with qtbot.waitSignal(page.loaded):
        type_with_input_method(page.search_edit, known_head.name, preedit=known_head.name_pinyin)
    assert page.search_edit.text() == known_head.name
    assert known_head.name in heads_shown(page)


def test_no_match_says_so(qtbot: QtBot, page: RegistryPage) -> None:
    search_for(qtbot, page, "qqqqqq")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "没有符合条件的家庭。"


def test_state_filter(qtbot: QtBot, page: RegistryPage) -> None:
    index = page.state_combo.findText("在保")
    with qtbot.waitSignal(page.loaded):
        page.state_combo.setCurrentIndex(index)
    labels = {page.model.row_at(r).state_label for r in range(page.model.rowCount())}
    assert labels == {"在保"}


def test_sorting_by_head_is_done_in_sql(qtbot: QtBot, page: RegistryPage) -> None:
    header = page.table.horizontalHeader()
    with qtbot.waitSignal(page.loaded):
        header.setSortIndicator(Column.HEAD, Qt.SortOrder.DescendingOrder)
    names = heads_shown(page)
    assert names == sorted(names, key=sort_key, reverse=True)  # by pinyin, as WPS and Excel sort names
    assert names != sorted(names, reverse=True)  # not by code point
    header.setSortIndicator(Column.MEMBERS, Qt.SortOrder.AscendingOrder)  # not sortable: refused
    assert header.sortIndicatorSection() == Column.HEAD


def test_double_click_shows_the_household(qtbot: QtBot, page: RegistryPage) -> None:
    index = page.model.index(0, Column.HEAD)
    with qtbot.waitSignal(page.detail_shown):
        page.table.activated.emit(index)
    dialog = page.detail_dialog
    assert dialog is not None
    assert page.model.row_at(0).head_name in dialog.windowTitle()
    relations = column_texts(dialog.members_table, 1)
    assert "户主" in relations or "本人" in relations
    assert not any("*" in text for text in column_texts(dialog.members_table, 4))  # a clerk sees them whole
    dialog.close()


def test_village_cadre_sees_only_their_village(qtbot: QtBot, gui_db: Database, cadre: SignedIn) -> None:
    page = open_page(qtbot, gui_db, cadre)
    with gui_db.uow("test") as uow:
        expected = uow.session.execute(
            select(Household.id).where(Household.village_code == cadre.actor.area_code)
        ).all()
    assert page.model.total == len(expected) > 0
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert {row.village_code for row in rows} == {cadre.actor.area_code}
    shown_id = page.model.data(page.model.index(0, Column.ID_NUMBER))
    assert "********" in shown_id
    qtbot.waitUntil(lambda: page.village_combo.count() == 2)
    assert not page.village_combo.isEnabled()
    assert page.village_combo.currentData() == cadre.actor.area_code
    with qtbot.waitSignal(page.detail_shown):
        page.table.activated.emit(page.model.index(0, Column.HEAD))
    assert page.detail_dialog is not None
    assert all("********" in text for text in column_texts(page.detail_dialog.members_table, 4))
    page.detail_dialog.close()


def test_enter_goes_from_the_search_to_the_first_result(
    qtbot: QtBot, page: RegistryPage, known_head: Person
) -> None:
    qtbot.keyClicks(page.search_edit, known_head.name_initials)
    with qtbot.waitSignal(page.results_shown):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.table.hasFocus() or page.table.isAncestorOf(page.focusWidget())
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    with qtbot.waitSignal(page.detail_shown):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail_dialog is not None
    page.detail_dialog.close()


def test_the_household_dialog_opens_the_editor(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    from app.domain.codes import Role
    from app.paths import DataPaths
    from app.services.context import Actor
    from app.views.households.editor import HouseholdEditor
    from app.views.households.registry_page import RegistryPage
    from app.views.signed_in import SignedIn

    clerk = SignedIn(Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"), "三封寺镇", "station")
    page = RegistryPage(Workspace(demo_db, clerk, DataPaths(tmp_path)))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.results_shown, timeout=10_000):
        page.show()
    with qtbot.waitSignal(page.detail_shown, timeout=10_000):
        page._open_household(page.model.index(0, 0))
    dialog = page.detail_dialog
    assert dialog is not None and dialog.edit_button is not None
    dialog.edit_button.click()
    assert isinstance(page.editor, HouseholdEditor)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    page.editor.close()


def test_the_list_refreshes_itself_after_a_change_made_elsewhere(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, known_head: Person
) -> None:
    """A write anywhere (here the household editor's service) announces its tables; the page reloads."""
    from app.domain.codes import Sex
    from app.services.households import edit
    from app.services.intake.household import MemberInput
    from app.views import ops

    page = open_page(qtbot, gui_db, clerk)
    search_for(qtbot, page, known_head.name_initials)
    assert "欧阳明德" not in heads_shown(page)
    renamed = MemberInput("欧阳明德", known_head.id_number, known_head.relation_code, sex=Sex(known_head.sex))
    writer = RegistryPage(Workspace(gui_db, clerk))  # another page, not on screen
    qtbot.addWidget(writer)
    with qtbot.waitSignal(page.loaded):
        ops.write_op(writer, lambda uow: edit.update_member(uow, clerk.actor, known_head.id, renamed))
    page.search_edit.clear()
    search_for(qtbot, page, "oymd")
    assert heads_shown(page) == ["欧阳明德"]
    assert writer.model.rowCount() == 0  # not shown: it loads when it is shown


def test_a_cadre_is_refused_a_household_outside_the_village(
    qtbot: QtBot, gui_db: Database, cadre: SignedIn
) -> None:
    page = open_page(qtbot, gui_db, cadre)
    with gui_db.uow("test") as uow:
        elsewhere = uow.session.execute(
            select(Household.id).where(Household.village_code != cadre.actor.area_code).limit(1)
        ).scalar_one()
    with qtbot.waitSignal(page.status_message) as refused:
        page.read(lambda uow: registry.detail(uow, cadre.actor, elsewhere), lambda _d: None)
    assert "管辖范围" in refused.args[0] and page.refused.isVisible()


def test_a_member_found_by_name_is_named_beside_the_head(
    qtbot: QtBot, gui_db: Database, page: RegistryPage
) -> None:
    with gui_db.uow("test") as uow:
        members = uow.session.execute(
            select(Person).where(Person.relation_code.not_in(("01", "02"))).order_by(Person.name)
        ).scalars()
        member = next(m for m in members if len(m.name) == 3)
    with qtbot.waitSignal(page.loaded):
        type_with_input_method(page.search_edit, member.name, preedit=member.name_pinyin)
    model = page.model
    shown = [model.data(model.index(r, Column.HEAD)) for r in range(model.rowCount())]
    assert any(text.endswith(f"（匹配：{member.name}）") for text in shown), shown


def test_a_broad_search_shows_a_capped_count_and_still_scrolls(
    qtbot: QtBot, page: RegistryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "COUNT_CAP", 50)
    search_for(qtbot, page, "4")  # every ID number starts with the province's digit
    assert page.count_label.text() == "50+ 户"
    assert page.model.total is None and page.model.rowCount() == FIRST_BATCH
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not page.model.is_fetching)
    assert page.model.rowCount() == 120
