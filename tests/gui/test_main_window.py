"""Main window: every section, keyboard shortcuts, status bar, UI state, dashboard counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

import app as app_package
from app.models.db import Database
from app.services import settings
from app.services.reports.stats import counts
from app.views.cases.notices_page import NoticesPage
from app.views.main_window import GEOMETRY_KEY, MainWindow, Section
from app.views.reports.reports_page import ReportsPage
from app.views.signed_in import SignedIn
from app.views.ui_state import ui_settings
from app.views.widgets.placeholder import PlaceholderPage
from tests.gui.helpers import column_texts

SECTIONS = ["工作台", "家庭档案", "申请办理", "公示", "动态管理", "同步", "报表", "设置"]


@pytest.fixture
def window(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> Iterator[MainWindow]:
    window = MainWindow(gui_db, clerk)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded):
        window.show()
    qtbot.waitActive(window)
    yield window


def test_every_section_is_listed(window: MainWindow) -> None:
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles == SECTIONS
    assert window.stack.count() == len(SECTIONS)
    assert window.current_section() is Section.WORKBENCH


def test_a_window_without_a_data_folder_says_what_sync_needs(window: MainWindow) -> None:
    assert isinstance(window.stack.widget(Section.NOTICES), NoticesPage)
    assert isinstance(window.stack.widget(Section.REPORTS), ReportsPage)
    page = window.stack.widget(Section.SYNC)
    assert isinstance(page, PlaceholderPage)
    assert page.description.text()
    window.show_section(Section.SYNC)
    page = window.stack.currentWidget()
    assert isinstance(page, PlaceholderPage)
    assert "建设中" in [label.text() for label in page.findChildren(QLabel)]


def test_ctrl_2_opens_the_registry(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.registry.results_shown):
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() is Section.REGISTRY
    assert window.nav.currentItem().text() == "家庭档案"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() is Section.SETTINGS


def test_ctrl_f_focuses_the_registry_search(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.registry.results_shown):
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() is Section.REGISTRY
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.registry.search_edit)


def test_status_bar_names_user_role_and_installation(window: MainWindow) -> None:
    text = window.user_label.text()
    assert "张丽（经办人）" in text
    assert "乡镇经办人" in text
    assert "三封寺镇" in text


def test_dashboard_shows_the_counts(window: MainWindow, gui_db: Database) -> None:
    with gui_db.uow("test") as uow:
        expected = counts(uow.session)
    assert window.dashboard.cards["households"].value_label.text() == f"{expected['households']:,}"
    assert window.dashboard.cards["persons"].value_label.text() == f"{expected['persons']:,}"
    assert "在保" in column_texts(window.dashboard.cases_table, 0)


def test_geometry_is_kept_in_ui_settings(window: MainWindow) -> None:
    window.close()
    settings = ui_settings()
    assert settings.format() == QSettings.Format.IniFormat
    assert settings.value(GEOMETRY_KEY) is not None


def test_about_names_the_version(window: MainWindow) -> None:
    assert app_package.__version__ in window.about_text()
    assert "救助通" in window.about_text()


def test_ctrl_i_opens_the_ledger_import_wizard(qtbot: QtBot, window: MainWindow) -> None:
    from app.views.intake.ledger_wizard import LedgerImportWizard

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = window.ledger_wizard
    assert isinstance(wizard, LedgerImportWizard) and wizard.isVisible()
    wizard.close()


def test_the_sync_section_is_the_sync_page_when_the_data_folder_is_known(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, tmp_path: Path
) -> None:
    from app.paths import DataPaths
    from app.views.sync.page import SyncPage

    window = MainWindow(gui_db, clerk, paths=DataPaths(tmp_path))
    qtbot.addWidget(window)
    assert isinstance(window.stack.widget(Section.SYNC), SyncPage)
    window.close()


def test_f5_refreshes_the_page_on_screen(qtbot: QtBot, window: MainWindow, gui_db: Database) -> None:
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == "转到(&G)")
    assert window.refresh_action in go_menu.actions()
    with qtbot.waitSignal(window.settings_page.loaded):
        window.show_section(Section.SETTINGS)
    assert window.pages_on_screen() == [window.settings_page]  # the standards tab is not on screen
    with gui_db.uow("test") as uow:  # changed behind the window's back (another program)
        settings.put(uow.session, "office.phone", "0730-4218888")
        uow.commit()
    assert window.settings_page.office_edits["office.phone"].text() != "0730-4218888"
    with qtbot.waitSignal(window.settings_page.loaded):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.settings_page.office_edits["office.phone"].text() == "0730-4218888"


def test_every_page_reports_to_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    window.show_section(Section.SETTINGS)
    window.settings_page.show_status("已保存")
    assert window.statusBar().currentMessage() == "已保存"
