"""工作台 at the county: the table by township, the cards, the charts, refresh and opening a township."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.workflow import AT_COUNTY_STATES
from app.models.area import Area
from app.models.case import Case
from app.models.db import Database, UnitOfWork
from app.models.household import Household
from app.models.sync import SyncQuarantine
from app.services.reports.dashboard import TownshipRow
from app.views import ops, tasks
from app.views.page import Page
from app.views.reports.dashboard import CountyDashboardPage
from app.views.reports.townships_model import SORT_ROLE, Col
from app.views.tablemodels.rows import ROW_ROLE
from app.views.widgets.bar_chart import BarChart, Series
from app.views.workspace import Workspace
from tests.county.conftest import county_demo_template, demo_county, demo_county_paths  # noqa: F401
from tests.gui.conftest import signed_in

WAIT = 20_000


@pytest.fixture
def county_db(demo_county: Database) -> Iterator[Database]:  # noqa: F811
    yield demo_county
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


@pytest.fixture
def page(qtbot: QtBot, county_db: Database) -> CountyDashboardPage:
    widget = CountyDashboardPage(Workspace(county_db, signed_in(county_db, "county")))
    qtbot.addWidget(widget)
    widget.resize(1250, 850)
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.show()
    return widget


def townships(db: Database) -> dict[str, str]:
    with db.uow("test") as uow:
        query = select(Area.code, Area.name).where(Area.level == "township").order_by(Area.code)
        return dict(uow.session.execute(query).all())


def awaiting_by_township(db: Database) -> Counter[str]:
    with db.uow("test") as uow:
        query = (
            select(Household.village_code)
            .join(Case, Case.household_id == Household.id)
            .where(Case.state.in_([s.value for s in AT_COUNTY_STATES]))
        )
        return Counter(code[:9] + "000" for code in uow.session.execute(query).scalars())


def test_one_row_per_township_and_the_total(page: CountyDashboardPage, county_db: Database) -> None:
    names = townships(county_db)
    model = page.model
    assert model.rowCount() == len(names) + 1 == 15
    rows = model.rows()
    assert [r.code for r in rows[:-1]] == list(names) and rows[-1].is_total
    assert [model.index(i, Col.TOWNSHIP).data() for i in range(len(names))] == list(names.values())
    assert "华容县" in model.index(len(names), Col.TOWNSHIP).data()
    waiting = awaiting_by_township(county_db)
    for i, code in enumerate(names):
        assert model.index(i, Col.AWAITING).data() == f"{waiting[code]:,}"
    assert model.index(len(names), Col.AWAITING).data() == f"{sum(waiting.values()):,}"
    assert page.cards["awaiting"].value_label.text() == f"{sum(waiting.values()):,}"
    assert page.table.height() >= page.table.verticalHeader().length()  # every row shows


def test_the_model_passes_the_model_tester(page: CountyDashboardPage, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(page.model, force_py=True)
    page.model.sort(Col.OVERDUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model, force_py=True)


def test_sorting_keeps_the_total_last(qtbot: QtBot, page: CountyDashboardPage) -> None:
    header = page.table.horizontalHeader()
    rect = header.sectionViewportPosition(Col.REVIEWS) + header.sectionSize(Col.REVIEWS) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(rect, 5).toPoint())
    model = page.model
    values = [model.index(i, Col.REVIEWS).data(SORT_ROLE) for i in range(model.rowCount() - 1)]
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == Col.REVIEWS
    assert values in (sorted(values), sorted(values, reverse=True)) and len(set(values)) > 1
    assert model.row_at(model.rowCount() - 1).is_total
    page.table.sortByColumn(Col.TOWNSHIP, Qt.SortOrder.AscendingOrder)
    codes = [model.row_at(i).code for i in range(model.rowCount() - 1)]
    assert codes == sorted(codes) and model.row_at(model.rowCount() - 1).is_total


def test_cells_needing_attention_are_coloured(page: CountyDashboardPage) -> None:
    model = page.model
    for i, row in enumerate(model.rows()):
        background = model.index(i, Col.OVERDUE).data(Qt.ItemDataRole.BackgroundRole)
        assert (background is not None) == (row.deadlines_overdue > 0)
        assert model.index(i, Col.ACTIVE).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_charts_have_a_bar_per_township_and_series(
    page: CountyDashboardPage, county_db: Database
) -> None:
    names = list(townships(county_db).values())
    chart = page.applications_chart
    assert chart.categories() == names and len(chart.series()) == 2
    bars = chart.bars()
    assert len(bars) == 2 * len(names)
    rows = [r for r in page.model.rows() if not r.is_total]
    waiting = {b.category: b.value for b in bars if b.series == 1}
    assert [waiting[i] for i in range(len(names))] == [r.awaiting_county for r in rows]
    widest = max(bars, key=lambda b: b.value)
    assert widest.rect.width() > 0 and all(b.rect.width() <= widest.rect.width() for b in bars)
    hit = chart.bar_at(widest.rect.center())
    assert hit is not None and (hit.category, hit.series) == (widest.category, widest.series)
    assert names[widest.category] in chart.tooltip_for(widest)
    assert chart.accessibleName() and names[0] in chart.accessibleDescription()
    paid = {b.category: b.value for b in page.benefits_chart.bars() if b.series == 0}
    assert [paid[i] for i in range(len(names))] == [r.active for r in rows]


def test_a_click_on_a_bar_selects_its_township(qtbot: QtBot, page: CountyDashboardPage) -> None:
    chart = page.benefits_chart
    bar = next(b for b in chart.bars() if b.category == 3 and b.series == 0)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=bar.rect.center().toPoint())
    selected = page.table.selectionModel().selectedRows()
    assert [i.data(ROW_ROLE).name for i in selected] == [chart.categories()[3]]


def test_double_click_opens_the_township(qtbot: QtBot, page: CountyDashboardPage) -> None:
    index = page.model.index(2, Col.TOWNSHIP)
    row: TownshipRow = index.data(ROW_ROLE)
    centre = page.table.visualRect(index).center()
    viewport = page.table.viewport()
    with qtbot.waitSignal(page.open_township) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # a real double-click presses first
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [row.code]


def test_refresh_shows_new_numbers(qtbot: QtBot, page: CountyDashboardPage, county_db: Database) -> None:
    with county_db.uow("test") as uow:
        uow.session.add(
            SyncQuarantine(peer_code="430623104", bundle_seq=1, group_key="h", reason="测试", payload="{}")
        )
        uow.commit()
    row = next(i for i, r in enumerate(page.model.rows()) if r.code == "430623104000")
    assert page.model.index(row, Col.QUARANTINED).data() == "0"
    with qtbot.waitSignal(page.loaded, timeout=WAIT), qtbot.waitSignal(page.status_message):
        page.refresh_button.click()
    assert page.model.index(row, Col.QUARANTINED).data() == "1"
    assert page.cards["sync"].value_label.text() == "1"


def test_a_change_made_elsewhere_shows_at_once(
    qtbot: QtBot, page: CountyDashboardPage, county_db: Database
) -> None:
    elsewhere = Page(page.ws)  # another page of the same window writes; nobody tells the dashboard
    qtbot.addWidget(elsewhere)
    row = next(i for i, r in enumerate(page.model.rows()) if r.code == "430623104000")

    def quarantine(uow: UnitOfWork) -> None:
        uow.session.add(
            SyncQuarantine(peer_code="430623104", bundle_seq=1, group_key="h", reason="测试", payload="{}")
        )

    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        ops.write_op(elsewhere, quarantine)
    assert page.model.index(row, Col.QUARANTINED).data() == "1"
    assert page.cards["sync"].value_label.text() == "1"


def test_a_township_clerk_is_told_no(qtbot: QtBot, county_db: Database) -> None:
    widget = CountyDashboardPage(Workspace(county_db, signed_in(county_db, "clerk")))
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.status_message, timeout=WAIT) as blocker:
        widget.show()
    assert "无权" in blocker.args[0] and widget.model.rowCount() == 0
    assert widget.refused.isVisible() and widget.refused.text() == blocker.args[0]
    assert tasks.wait_all()
    assert widget.refresh_button.isEnabled()


def test_the_bar_chart_on_its_own(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    chart = BarChart("测试")
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    assert chart.bars() == [] and not chart.grab().isNull()  # "No data" is drawn, nothing breaks
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        chart.set_data(["甲", "乙", "丙"], [Series("一", (1, 2))])
    chart.set_data(["甲", "乙", "丙"], [Series("一", (4, 0, 2))])
    chart.show()
    qtbot.waitExposed(chart)
    bars = chart.bars()
    assert [b.value for b in bars] == [4, 0, 2] and bars[1].rect.width() == 0
    assert bars[0].rect.width() == pytest.approx(2 * bars[2].rect.width())
    assert chart.minimumSizeHint().height() <= chart.sizeHint().height()
    assert chart.bar_at(QPointF(bars[1].rect.left() + 3, bars[1].rect.center().y())) == bars[1]
    # The help event reaches the chart, which asks for its tooltip; no tooltip window is made in a test
    # (one left open when the chart goes can outlive it).
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *_args: shown.append(text))
    monkeypatch.setattr(QToolTip, "hideText", lambda: shown.append(""))
    centre = bars[0].rect.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, centre, chart.mapToGlobal(centre)))
    assert "甲" in shown[-1] and "4" in shown[-1]
    outside = QPoint(2, 2)
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, outside, chart.mapToGlobal(outside)))
    assert shown[-1] == ""
    assert not chart.grab().isNull()


def test_a_stale_page_reloads_when_shown_again(qtbot: QtBot, page: CountyDashboardPage) -> None:
    page.hide()
    page.mark_stale()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    assert not page._stale
