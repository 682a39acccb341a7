"""The main window on the county master: the county's pages in their sections, and moving between them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app import clock
from app.demo.run import DEMO_PASSWORD
from app.models.db import Database
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.main_window import MainWindow, Section
from app.views.section_tabs import SectionTabs
from app.views.signed_in import SignedIn
from tests.county.conftest import TODAY, county_demo_template, demo_county, demo_county_paths  # noqa: F401


@pytest.fixture
def county_window(qtbot: QtBot, demo_county: Database) -> Iterator[MainWindow]:  # noqa: F811
    assert clock.today() == TODAY
    window = MainWindow(demo_county, sign_in(demo_county, "county", DEMO_PASSWORD))
    qtbot.addWidget(window)
    assert window.county is not None
    with qtbot.waitSignal(window.county.dashboard.loaded):
        window.show()
    yield window
    window.close()
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def test_the_county_sections_hold_the_county_pages(county_window: MainWindow) -> None:
    county = county_window.county
    assert county is not None
    expected = {
        Section.WORKBENCH: (county.dashboard, county_window.workbench),
        Section.CASES: (county.approvals, county_window.cases),
        Section.DYNAMIC: (county.proposals, county_window.reviews, county.matching),
        Section.SETTINGS: (county_window.settings_page, county_window.standards),
    }
    for section, pages in expected.items():
        holder = county_window.stack.widget(section)
        assert isinstance(holder, SectionTabs)
        assert [holder.widget(i) for i in range(holder.count())] == list(pages)
    assert county_window.stack.widget(Section.REPORTS) is county_window.reports
    assert county_window.reports.payment_tab is not None


def test_a_case_in_the_queue_opens_in_its_file(qtbot: QtBot, county_window: MainWindow) -> None:
    county = county_window.county
    assert county is not None
    with qtbot.waitSignal(county.approvals.loaded):
        county_window.show_page(county.approvals)
    assert county_window.current_section() is Section.CASES
    row = county.approvals.model.row_at(0)
    with qtbot.waitSignal(county_window.cases.workspace.loaded):
        county.approvals.open_case.emit(row.case_id)
    holder = county_window.stack.widget(Section.CASES)
    assert isinstance(holder, SectionTabs) and holder.currentWidget() is county_window.cases
    snapshot = county_window.cases.workspace.snapshot
    assert snapshot is not None and snapshot.case_id == row.case_id


def test_a_township_on_the_dashboard_filters_the_registry(qtbot: QtBot, county_window: MainWindow) -> None:
    county = county_window.county
    assert county is not None
    code = county.dashboard.model.rows()[0].code
    assert code.endswith("000")
    with qtbot.waitSignal(county_window.registry.results_shown, timeout=10_000):
        county.dashboard.open_township.emit(code)
    qtbot.waitUntil(lambda: county_window.registry.village_combo.currentData() == code)
    assert county_window.current_section() is Section.REGISTRY
    with qtbot.waitSignal(county_window.registry.results_shown):
        county_window.registry.search()
    model = county_window.registry.model
    assert model.rowCount() > 0


def test_a_station_builds_no_county_pages(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    window = MainWindow(gui_db, clerk)
    qtbot.addWidget(window)
    assert window.county is None
    settings = window.stack.widget(Section.SETTINGS)
    assert isinstance(settings, SectionTabs) and settings.widget(1) is window.standards
    assert window.stack.widget(Section.CASES) is window.cases
