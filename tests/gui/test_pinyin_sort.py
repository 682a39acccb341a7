"""A header click sorts a column of names by pinyin (阿 李 张 赵), as WPS and Excel do, not by code point."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.names import sort_key
from app.models.db import Database
from app.views.cases.cases_page import CasesPage
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel, name_column
from app.views.workspace import Workspace

CODE_POINT = ["张三", "李四", "赵六", "阿五"]  # 张 U+5F20, 李 U+674E, 赵 U+8D75, 阿 U+963F
PINYIN = ["阿五", "李四", "张三", "赵六"]


@dataclass(frozen=True)
class Line:
    name: str
    days: int


def model() -> RowsTableModel[Line]:
    columns = [
        name_column("户主", lambda r: r.name),
        ColumnSpec("剩余", lambda r: f"{r.days}天", sort=lambda r: r.days),
    ]
    rows = RowsTableModel[Line](columns)
    rows.set_rows([Line(name, days) for name, days in zip(CODE_POINT, (10, 2, 9, 30), strict=True)])
    return rows


def names(rows: RowsTableModel[Line]) -> list[str]:
    return [rows.index(r, 0).data() for r in range(rows.rowCount())]


def test_a_names_column_sorts_by_pinyin_and_keeps_the_order_on_reload(qtmodeltester: ModelTester) -> None:
    rows = model()
    rows.sort(0)
    assert names(rows) == PINYIN
    rows.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(rows) == PINYIN[::-1]
    rows.sort(1)  # by the number of days, not by the text ("10天" < "2天")
    assert [rows.index(r, 0).data(ROW_ROLE).days for r in range(4)] == [2, 9, 10, 30]
    rows.sort(0)
    rows.set_rows([Line(name, 1) for name in reversed(CODE_POINT)])
    assert names(rows) == PINYIN  # a reload keeps the order the user chose
    rows.sort(-1)
    rows.set_rows([Line(name, 1) for name in CODE_POINT])
    assert names(rows) == CODE_POINT  # no column chosen: the service's order
    qtmodeltester.check(rows)


def test_the_case_list_sorts_heads_by_pinyin(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    page = CasesPage(Workspace(gui_db, clerk))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    with qtbot.waitSignal(page.loaded):
        page.state_combo.setCurrentIndex(page.state_combo.findText("全部申请"))
    service_order = [page.proxy.index(r, 0).data(ROW_ROLE).case_id for r in range(page.proxy.rowCount())]
    assert service_order == [line.case_id for line in page.model.rows()]  # unsorted until a header is clicked
    head = page.model.column_index("户主")
    page.table.sortByColumn(head, Qt.SortOrder.AscendingOrder)
    heads = [page.proxy.index(r, head).data() for r in range(page.proxy.rowCount())]
    assert len(heads) > 10 and heads == sorted(heads, key=sort_key)
    assert heads != sorted(heads)  # the demo's names differ in code point order
    left = page.model.column_index("剩余时间")
    page.table.sortByColumn(left, Qt.SortOrder.AscendingOrder)
    days = [page.proxy.index(r, 0).data(ROW_ROLE).days_left for r in range(page.proxy.rowCount())]
    counted = [d for d in days if d is not None]
    assert counted == sorted(counted) and days[: len(counted)] == counted  # no time limit: last
    village = page.model.column_index("村(居)")
    page.table.sortByColumn(village, Qt.SortOrder.AscendingOrder)  # villages in the division's order
    codes = [page.proxy.index(r, 0).data(ROW_ROLE).village_code for r in range(page.proxy.rowCount())]
    assert codes == sorted(codes)
