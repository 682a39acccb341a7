"""Every main screen at 1366×768: no widget outside the window, no column that identifies a row hidden."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.demo.run import DEMO_PASSWORD
from app.models.db import Database
from app.paths import DataPaths
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.main_window import MainWindow, Section
from app.views.page import Page
from app.views.section_tabs import SectionTabs
from app.views.widgets.screen import FRAME_HEIGHT, available_area, fit_to_screen
from tests.county.conftest import county_demo_template, demo_county, demo_county_paths  # noqa: F401


def _inside_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    """Content scrolled out of a scroll area's viewport is not outside the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and not isinstance(
            widget, QAbstractScrollArea
        ):
            return True
        parent = parent.parentWidget()
    return False


def widgets_outside(window: QWidget) -> list[str]:
    """The visible widgets whose rectangle leaves the window's (names for the failure message)."""
    bounds = window.rect()
    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _inside_scrolled_content(widget, window):
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        rect = QRect(top_left, widget.size())
        if not bounds.contains(rect):
            out.append(f"{type(widget).__name__}({widget.objectName()}) at {rect.getRect()}")
    return out


def hidden_columns(table: QTableView, titles: set[str]) -> list[str]:
    """Of the columns named ``titles``, those not wholly inside the table's viewport."""
    model = table.model()
    header = table.horizontalHeader()
    width = table.viewport().width()
    cut = []
    shown = {str(model.headerData(c, header.orientation()) or "") for c in range(model.columnCount())}
    assert titles <= shown, f"no column {titles - shown}"
    for column in range(model.columnCount()):
        title = str(model.headerData(column, header.orientation()) or "")
        if title in titles and not header.isSectionHidden(column):
            left = header.sectionViewportPosition(column)
            texts = [str(model.index(r, column).data() or "") for r in range(min(model.rowCount(), 40))]
            needed = max([table.fontMetrics().horizontalAdvance(t) + 8 for t in texts] or [0])
            if left < 0 or left + header.sectionSize(column) > width or header.sectionSize(column) < needed:
                cut.append(title)
    return cut


def elided_cells(table: QTableView, title: str) -> list[str]:
    """The texts of a column (and its title, with room for the sort arrow) that the column cuts."""
    model = table.model()
    header = table.horizontalHeader()
    column = next(c for c in range(model.columnCount()) if model.headerData(c, header.orientation()) == title)
    width = header.sectionSize(column)
    style_margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    texts = {str(model.index(r, column).data() or "") for r in range(model.rowCount())}
    cut = [t for t in sorted(texts) if table.fontMetrics().horizontalAdvance(t) + style_margin > width]
    header.setSortIndicator(column, header.sortIndicatorOrder())  # as after a click on it
    try:
        if header.sectionSizeFromContents(column).width() > width:
            cut.append(f"title {title}")
    finally:
        header.setSortIndicator(-1, header.sortIndicatorOrder())
    return cut


def show_every_page(qtbot: QtBot, window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """Each section, and each tab of a section with tabs, on screen in turn."""
    for section in Section:
        window.show_section(section)
        holder = window.stack.currentWidget()
        tabs = (
            [holder.widget(i) for i in range(holder.count())] if isinstance(holder, SectionTabs) else [holder]
        )
        for page in tabs:
            if isinstance(holder, SectionTabs):
                holder.setCurrentWidget(page)
            pages = [p for p in [page, *page.findChildren(Page)] if isinstance(p, Page)]
            for p in pages:
                if p.isVisible() and p.busy:
                    qtbot.waitUntil(lambda p=p: not p.busy, timeout=10000)
            QCoreApplication.processEvents()
            yield f"{window.section_title(section)}/{page.objectName() or type(page).__name__}", page


def check_window(qtbot: QtBot, window: MainWindow) -> list[str]:
    problems = []
    for name, _page in show_every_page(qtbot, window):
        problems += [f"{name}: {w}" for w in widgets_outside(window)]
    return problems


def test_the_screen_is_a_1366_by_768_laptop() -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    assert (screen.geometry().width(), screen.geometry().height()) == (1366, 768)


def test_fit_to_screen_keeps_a_tall_dialog_on_the_screen(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    size = fit_to_screen(widget, 900, 1000)
    assert size.height() <= available_area(widget).height() - FRAME_HEIGHT
    assert widget.height() == size.height()


@pytest.fixture
def station_window(qtbot: QtBot, gui_db: Database, demo_paths: DataPaths) -> Iterator[MainWindow]:
    window = MainWindow(gui_db, sign_in(gui_db, "clerk", DEMO_PASSWORD), paths=demo_paths)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10000):
        window.show()
    yield window
    window.close()


def test_every_station_screen_fits_1366_by_768(qtbot: QtBot, station_window: MainWindow) -> None:
    window = station_window
    assert window.frameGeometry().height() <= 768 and window.width() <= 1366
    assert check_window(qtbot, window) == []
    assert window.sync_page is not None  # 同步's empty table says what will appear in it
    assert window.sync_page.results_hint.is_shown() and "尚未导入" in window.sync_page.results_hint.text
    window.show_section(Section.CASES)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() > 0, timeout=10000)
    assert hidden_columns(window.cases.table, {"救助项目", "申请编号", "户主", "状态"}) == []
    assert elided_cells(window.cases.table, "剩余时间") == []  # due dates on a day off, with the day named
    with qtbot.waitSignal(window.cases.loaded):
        window.cases.state_combo.setCurrentIndex(window.cases.state_combo.findText("全部申请"))
    assert elided_cells(window.cases.table, "剩余时间") == []
    assert hidden_columns(window.cases.table, {"救助项目", "申请编号", "户主", "状态", "剩余时间"}) == []
    window.show_section(Section.REGISTRY)
    qtbot.waitUntil(lambda: window.registry.model.rowCount() > 0, timeout=10000)
    assert hidden_columns(window.registry.table, {"户主", "身份证号", "救助项目", "办理状态"}) == []


@pytest.fixture
def county_window(qtbot: QtBot, demo_county: Database, demo_county_paths: DataPaths) -> Iterator[MainWindow]:  # noqa: F811
    window = MainWindow(demo_county, sign_in(demo_county, "county", DEMO_PASSWORD), paths=demo_county_paths)
    qtbot.addWidget(window)
    assert window.county is not None
    with qtbot.waitSignal(window.county.dashboard.loaded, timeout=10000):
        window.show()
    yield window
    window.close()
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def test_every_county_screen_fits_1366_by_768(qtbot: QtBot, county_window: MainWindow) -> None:
    window = county_window
    assert check_window(qtbot, window) == []
    window.show_page(window.cases)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() > 0, timeout=10000)
    assert hidden_columns(window.cases.table, {"救助项目", "申请编号", "乡镇", "剩余时间"}) == []
    assert elided_cells(window.cases.table, "剩余时间") == []
    window.show_section(Section.REGISTRY)
    qtbot.waitUntil(lambda: window.registry.model.rowCount() > 0, timeout=10000)
    assert hidden_columns(window.registry.table, {"乡镇", "户主", "身份证号"}) == []
    window.show_page(window.workbench)  # 今日工作
    qtbot.waitUntil(lambda: window.workbench.cases.rowCount() > 0, timeout=10000)
    assert hidden_columns(window.workbench.tables["cases"], {"乡镇", "申请编号", "状态", "剩余时间"}) == []
    window.show_page(window.reviews)  # 动态管理 → 复核
    qtbot.waitUntil(lambda: window.reviews.model.rowCount() > 0, timeout=10000)
    assert hidden_columns(window.reviews.table, {"乡镇", "户主", "村（社区）"}) == []


def test_the_household_window_editor_and_intake_fit(qtbot: QtBot, station_window: MainWindow) -> None:
    window = station_window
    area = available_area(window)
    window.show_section(Section.REGISTRY)
    qtbot.waitUntil(lambda: window.registry.model.rowCount() > 0, timeout=10000)
    household_id = window.registry.model.row_at(0).household_id
    with qtbot.waitSignal(window.registry.detail_shown):
        window.registry.open_household(household_id)
    dialogs: list[QWidget] = []
    assert window.registry.detail_dialog is not None
    dialogs.append(window.registry.detail_dialog)
    window.registry.edit_household(household_id)
    assert window.registry.editor is not None
    dialogs.append(window.registry.editor)
    wizard = window.cases.new_application()
    assert wizard is not None
    dialogs.append(wizard)
    for dialog in dialogs:
        dialog.show()
        QCoreApplication.processEvents()
        assert dialog.width() <= area.width() and dialog.height() <= area.height() - FRAME_HEIGHT, dialog
        assert widgets_outside(dialog) == [], type(dialog).__name__
        dialog.close()
