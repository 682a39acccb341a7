"""Household-centred work: from a household's window to any of its cases, a new application, and 停发."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo.run import DEMO_PASSWORD
from app.models.case import Case, Review
from app.models.db import Database
from app.models.household import Household
from app.paths import DataPaths
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.main_window import MainWindow, Section
from app.views.signed_in import SignedIn
from tests.county.conftest import county_demo_template, demo_county, demo_county_paths  # noqa: F401
from tests.gui.casework import today
from tests.gui.helpers import type_with_input_method


@pytest.fixture
def window(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> Iterator[MainWindow]:
    window = MainWindow(gui_db, clerk)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded):
        window.show()
    yield window
    window.close()


def paid_household(db: Database) -> tuple[str, str]:
    """(household id, case id) of a household being paid (在保)."""
    with db.uow("test") as uow:
        case = uow.session.execute(
            select(Case).where(Case.state == "active").order_by(Case.case_number)
        ).scalar()
        assert case is not None
        return case.household_id, case.id


def open_household(qtbot: QtBot, window: MainWindow, household_id: str) -> None:
    window.show_section(Section.REGISTRY)
    with qtbot.waitSignal(window.registry.detail_shown):
        window.registry.open_household(household_id)


def test_a_paid_case_opens_from_the_household_and_its_stop_is_proposed(
    qtbot: QtBot, gui_db: Database, window: MainWindow
) -> None:
    household_id, case_id = paid_household(gui_db)
    open_household(qtbot, window, household_id)
    dialog = window.registry.detail_dialog
    assert dialog is not None and dialog.open_case_button is not None
    row = next(i for i, c in enumerate(dialog.detail.cases) if c.case_id == case_id)
    dialog.cases_table.selectRow(row)
    assert dialog.cases_table.item(row, 2).text() == "在保"
    assert "年" in dialog.cases_table.item(row, 3).text()  # 2026年3月2日, as on every screen
    workspace = window.cases.workspace
    with qtbot.waitSignal(workspace.loaded):
        dialog.open_case_button.click()
    assert window.current_section() is Section.CASES and not dialog.isVisible()
    assert workspace.snapshot is not None and workspace.snapshot.case_id == case_id
    # At the station 停发 is the county's decision: the township proposes it through a review.
    assert not workspace.buttons["stop"].isEnabled()
    assert workspace.propose_button.isVisibleTo(workspace)
    reviews = window.reviews
    with qtbot.waitSignal(reviews.context_loaded):
        workspace.propose_button.click()
    assert window.current_section() is Section.DYNAMIC
    form = reviews.form
    assert form.context is not None and form.context.case_id == case_id
    type_with_input_method(form.finding_edit, "全家已迁往外省居住", preedit="quanjia")
    form.proposal_combo.setCurrentIndex(form.proposal_combo.findText("停发"))
    type_with_input_method(form.reason_edit, "张三家搬走了，停发")
    with qtbot.waitSignal(reviews.status_message):
        form.save_button.click()
    with gui_db.uow("test") as uow:
        done = uow.session.execute(
            select(Review).where(Review.case_id == case_id, Review.done_on == today())
        ).scalar()
    assert done is not None and done.proposal == "stop" and done.reason == "张三家搬走了，停发"


def test_a_new_application_starts_from_the_household(
    qtbot: QtBot, gui_db: Database, window: MainWindow
) -> None:
    household_id, _case_id = paid_household(gui_db)
    open_household(qtbot, window, household_id)
    dialog = window.registry.detail_dialog
    assert dialog is not None and dialog.new_application_button is not None
    dialog.new_application_button.click()
    wizard = window.cases.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.draft.looked_up != "")  # the head, looked up by ID number
    assert wizard.draft.known is not None  # on file: the wizard goes on with this household
    wizard.reject()


def test_a_cadre_is_not_offered_a_new_application(qtbot: QtBot, gui_db: Database, cadre: SignedIn) -> None:
    window = MainWindow(gui_db, cadre)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded):
        window.show()
    with gui_db.uow("test") as uow:
        household_id = (
            uow.session.execute(
                select(Case.household_id)
                .join(Household, Household.id == Case.household_id)
                .where(Household.village_code == cadre.actor.area_code)
            )
            .scalars()
            .first()
        )
    open_household(qtbot, window, str(household_id))
    dialog = window.registry.detail_dialog
    assert (
        dialog is not None and dialog.new_application_button is None and dialog.open_case_button is not None
    )
    window.close()


def test_the_county_stops_a_paid_case_opened_from_its_household(
    qtbot: QtBot,
    demo_county: Database,  # noqa: F811
    demo_county_paths: DataPaths,  # noqa: F811
) -> None:
    window = MainWindow(demo_county, sign_in(demo_county, "county", DEMO_PASSWORD), paths=demo_county_paths)
    qtbot.addWidget(window)
    assert window.county is not None
    with qtbot.waitSignal(window.county.dashboard.loaded, timeout=10000):
        window.show()
    household_id, case_id = paid_household(demo_county)
    open_household(qtbot, window, household_id)
    dialog = window.registry.detail_dialog
    assert dialog is not None and dialog.open_case_button is not None
    dialog.cases_table.selectRow(next(i for i, c in enumerate(dialog.detail.cases) if c.case_id == case_id))
    workspace = window.cases.workspace
    with qtbot.waitSignal(workspace.loaded):
        dialog.open_case_button.click()
    assert workspace.snapshot is not None and workspace.snapshot.case_id == case_id
    stop = workspace.buttons["stop"]
    assert stop.isVisibleTo(workspace) and stop.isEnabled()  # the county decides 停发 on the case itself
    assert not workspace.propose_button.isVisibleTo(workspace)
    step = workspace.start_step("stop")
    assert step is not None and step.isVisible()
    step.reject()
    window.close()
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def test_a_case_is_printed_from_its_household(
    qtbot: QtBot, gui_db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    household_id, case_id = paid_household(gui_db)
    open_household(qtbot, window, household_id)
    dialog = window.registry.detail_dialog
    assert dialog is not None and dialog.print_button is not None
    dialog.cases_table.selectRow(next(i for i, c in enumerate(dialog.detail.cases) if c.case_id == case_id))
    menus: list[bool] = []
    workspace = window.cases.workspace
    monkeypatch.setattr(workspace.print_button, "showMenu", lambda: menus.append(True))
    dialog.print_button.click()
    qtbot.waitUntil(lambda: bool(menus))  # the case's print menu: 申请书, 审批表, 低保证…
    assert workspace.snapshot is not None and workspace.snapshot.case_id == case_id
    titles = [a.text() for a in workspace.print_button.menu_.actions()]
    assert "低保证（特困人员供养证）" in titles and "家庭档案摘要" in titles
