"""Lists out: a filtered list exported to xlsx as shown (IDs masked for a cadre), and the right-click menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.db import Database
from app.views.cases.cases_page import CasesPage
from app.views.households.registry_page import RegistryPage
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.gui.helpers import type_with_input_method


def sheet_rows(path: Path) -> list[tuple[str, ...]]:
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb.worksheets[0]
        rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
        width = max(len(row) for row in rows)
        return [tuple(row + [""] * (width - len(row))) if len(row) > 1 else tuple(row) for row in rows]
    finally:
        wb.close()


def open_registry(qtbot: QtBot, db: Database, who: SignedIn) -> RegistryPage:
    page = RegistryPage(Workspace(db, who))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def shown_rows(page: RegistryPage) -> list[tuple[str, ...]]:
    columns = page.list_actions.visible_columns()
    model = page.model
    return [tuple(str(model.index(r, c).data() or "") for c in columns) for r in range(model.rowCount())]


def test_a_cadre_exports_the_filtered_registry_with_ids_masked(
    qtbot: QtBot, gui_db: Database, cadre: SignedIn, tmp_path: Path
) -> None:
    page = open_registry(qtbot, gui_db, cadre)
    with qtbot.waitSignal(page.loaded):
        page.state_combo.setCurrentIndex(page.state_combo.findText("在保"))
    assert 0 < page.model.rowCount() == page.model.total
    out = tmp_path / "家庭档案.xlsx"
    with qtbot.waitSignal(page.list_actions.exported) as done:
        page.list_actions.export_to(out)
    rows = sheet_rows(out)
    headers = tuple(
        page.model.headerData(c, page.table.horizontalHeader().orientation())
        for c in page.list_actions.visible_columns()
    )
    assert rows[0][0] == "家庭档案" and "在保" in rows[1][0]
    assert rows[2] == headers and "乡镇" not in headers  # a station's list: no 乡镇 column
    assert rows[3:] == shown_rows(page) and done.args == [len(rows) - 3]
    id_column = headers.index("身份证号")
    assert all("********" in row[id_column] for row in rows[3:])
    with gui_db.uow("test") as uow:
        event = uow.session.execute(
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.seq.desc())
        ).scalar()
    assert event is not None and event.actor == cadre.actor.username and "家庭档案.xlsx" in event.new_values


def test_the_whole_search_is_exported_not_only_the_rows_scrolled_to(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, tmp_path: Path
) -> None:
    page = open_registry(qtbot, gui_db, clerk)
    qtbot.waitUntil(lambda: page.model.total is not None)  # the count follows the first page
    assert page.model.total is not None and page.model.rowCount() < page.model.total
    out = tmp_path / "all.xlsx"
    with qtbot.waitSignal(page.list_actions.exported):
        page.list_actions.export_to(out)
    rows = sheet_rows(out)[2:]  # no filter line: the title, then the headers
    assert len(rows) == page.model.total + 1
    assert rows[1 : 1 + page.model.rowCount()] == shown_rows(page)
    id_column = rows[0].index("身份证号")
    assert all("*" not in row[id_column] and len(row[id_column]) == 18 for row in rows[1:])


@pytest.fixture
def cases(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> CasesPage:
    page = CasesPage(Workspace(gui_db, clerk))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def test_the_case_list_exports_what_its_filter_left(qtbot: QtBot, cases: CasesPage, tmp_path: Path) -> None:
    with qtbot.waitSignal(cases.loaded):
        cases.state_combo.setCurrentIndex(cases.state_combo.findText("全部申请"))
    village = cases.model.row_at(0).village
    type_with_input_method(cases.filter_edit, village)
    shown = cases.proxy.rowCount()
    assert 0 < shown < cases.model.rowCount()
    out = tmp_path / "申请.xlsx"
    with qtbot.waitSignal(cases.list_actions.exported):
        cases.list_actions.export_to(out)
    rows = sheet_rows(out)
    assert village in rows[1][0] and "全部申请" in rows[1][0]
    assert "救助项目" in rows[2] and "申请编号" in rows[2]
    assert len(rows[3:]) == shown and all(village in row for row in rows[3:])


def test_right_click_opens_and_copies_a_row(qtbot: QtBot, cases: CasesPage) -> None:
    index = cases.proxy.index(1, 0)
    menu = cases.list_actions.build_menu(index)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:3] == ["打开(&O)", "打印(&P)…", "复制本行(&C)"]
    with qtbot.waitSignal(cases.workspace.loaded):
        menu.actions()[0].trigger()
    line = index.data(cases.model.ROW_ROLE) if hasattr(cases.model, "ROW_ROLE") else None
    snapshot = cases.workspace.snapshot
    assert snapshot is not None
    assert line is None or snapshot.case_id == line.case_id
    copied = cases.list_actions.copy_row(index)
    assert snapshot.case_number in copied
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == copied


def test_the_review_queue_exports_its_rows(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, tmp_path: Path
) -> None:
    from app.views.reviews.reviews_page import ReviewsPage

    page = ReviewsPage(Workspace(gui_db, clerk))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    out = tmp_path / "复核.xlsx"
    with qtbot.waitSignal(page.list_actions.exported):
        page.list_actions.export_to(out)
    rows = sheet_rows(out)
    assert rows[0][0] == "待复核" and page.horizon_combo.currentText() in rows[1][0]
    assert len(rows[3:]) == page.model.rowCount() > 0
    assert rows[3][2] == page.model.index(0, 2).data()
