"""工作台: today's work as the services count it, opening an item where it is worked, and the item models."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.workflow import Action
from app.models.db import Database
from app.models.household import Household
from app.services.cases import procedure, worklist
from app.views.cases.cases_page import CasesPage
from app.views.cases.workbench import WorkbenchPage
from app.views.main_window import MainWindow, Section
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import ROW_ROLE
from app.views.workspace import Workspace
from tests.gui.casework import new_case, today


@pytest.fixture
def window(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> Iterator[MainWindow]:
    window = MainWindow(gui_db, clerk)  # the day is the suite's pinned one (tests.gui.casework.today)
    qtbot.addWidget(window)
    with qtbot.waitSignals([window.workbench.loaded, window.dashboard.loaded]):
        window.show()
    yield window


def test_today_s_work_is_what_the_services_count(
    window: MainWindow, gui_db: Database, clerk: SignedIn
) -> None:
    with gui_db.uow("test") as uow:
        work = worklist.today_work(uow, clerk.actor)
    bench = window.workbench
    assert bench.cases.rows() == work.cases and bench.reviews.rows() == work.reviews
    assert bench.tabs.tabText(0) == f"办理时限（{len(work.cases)}）(&D)"
    assert bench.tabs.tabText(1) == f"待复核（{len(work.reviews)}）(&V)"
    assert bench.tabs.tabText(5) == "按状态统计(&S)"
    left = work.cases[0].days_left
    assert left is not None and left < 0  # the demo has overdue cases: they come first, in red
    assert bench.cases.index(0, 0).data() == f"已逾期{-left}个工作日"
    assert bench.status.text().startswith("截至2026年11月20日：逾期申请")


def test_a_deadline_opens_its_case(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    line = bench.cases.row_at(0)
    table = bench.tables["cases"]
    with qtbot.waitSignal(window.cases.workspace.loaded):
        table.activated.emit(bench.cases.index(0, 0))
    assert window.current_section() is Section.CASES
    snapshot = window.cases.workspace.snapshot
    assert snapshot is not None and snapshot.case_id == line.case_id


def test_a_review_opens_the_review_form(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    line = bench.reviews.row_at(0)
    bench.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(window.reviews.context_loaded):
        bench.tables["reviews"].activated.emit(bench.reviews.index(0, 2))
    assert window.current_section() is Section.DYNAMIC
    assert window.reviews.form.context is not None and window.reviews.form.context.case_id == line.case_id
    with qtbot.waitSignal(window.cases.workspace.loaded):
        window.reviews.form.open_button.click()  # 打开案卷: the same case in the workspace
    assert window.current_section() is Section.CASES


def test_the_work_models_pass_the_model_tester(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    for model in (bench.cases, bench.reviews, bench.notices, bench.objections, bench.findings):
        ModelTester(qtbot).check(model, force_py=True)
        if model.rowCount():
            assert model.index(0, 0).data(ROW_ROLE) is model.row_at(0)
    rows = bench.cases.rows()
    bench.cases.set_rows(rows[:3])
    assert bench.cases.rowCount() == 3


def test_ctrl_n_starts_a_new_application(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.cases.loaded):
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() is Section.CASES
    qtbot.keyClick(window.cases.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.cases.wizard is not None)  # a button's shortcut clicks it animated
    wizard = window.cases.wizard
    assert wizard is not None and wizard.isVisible() and wizard.windowTitle() == "新申请"
    qtbot.waitUntil(lambda: wizard.draft.basis is not None)
    wizard.reject()


def test_due_today_is_shown_only_on_the_due_date_and_a_sunday_says_so(window: MainWindow) -> None:
    """A 公示 ending on Sunday 11-22 has no working day left on Friday 11-20, yet is not due today."""
    bench = window.workbench
    texts = {line.due: bench.cases.index(i, 0).data() for i, line in enumerate(bench.cases.rows())}
    sunday = next(d for d in texts if d is not None and d.weekday() == 6 and d > today())
    assert texts[sunday] == f"{sunday.year}年{sunday.month}月{sunday.day}日到期（截止日为周日）"
    assert all(text != "今天到期" for due, text in texts.items() if due != today())
    notice = next(n for n in bench.notices.rows() if n.ends_on == sunday)
    row = bench.notices.rows().index(notice)
    assert bench.notices.index(row, 0).data() == "还剩2天（截止日为周日）"


def test_a_cadre_s_workbench_shows_only_the_village(qtbot: QtBot, gui_db: Database, cadre: SignedIn) -> None:
    page = WorkbenchPage(Workspace(gui_db, cadre))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    village = cadre.actor.area_code
    lines = [*page.cases.rows(), *page.reviews.rows(), *page.notices.rows(), *page.objections.rows()]
    assert lines and {line.village_code for line in lines} == {village}
    with gui_db.uow("test") as uow:
        households = uow.session.execute(
            select(func.count()).select_from(Household).where(Household.village_code == village)
        ).scalar_one()
    assert page.dashboard.cards["households"].value_label.text() == f"{households:,}"


def test_the_workbench_refreshes_after_a_change_made_elsewhere(
    qtbot: QtBot, window: MainWindow, gui_db: Database, clerk: SignedIn
) -> None:
    bench = window.workbench
    before = bench.cases.rowCount()
    case = new_case(gui_db, clerk)  # made outside this window: nothing is announced
    assert bench.cases.rowCount() == before
    other = CasesPage(Workspace(gui_db, clerk))  # another page accepts it: the write announces the change
    qtbot.addWidget(other)
    with qtbot.waitSignal(bench.loaded):
        other.write(lambda uow: procedure.act(uow, clerk.actor, case.case_id, Action.ACCEPT, today()))
    assert bench.cases.rowCount() == before + 1
    assert case.case_id in {line.case_id for line in bench.cases.rows()}
