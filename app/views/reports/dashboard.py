"""工作台 at the county master: totals, a table by township and two charts, loaded off the GUI thread."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.money import yuan
from app.errors import UserError
from app.services.reports.dashboard import TownshipRow, county_total, township_rows
from app.views.page import Page
from app.views.reports.townships_model import STALE_DAYS, Col, TownshipTableModel
from app.views.tablemodels.rows import ROW_ROLE, TONES
from app.views.widgets.bar_chart import BarChart, Series
from app.views.widgets.forms import heading, show_date, work_table
from app.views.widgets.summary_card import CARD_STYLE, SummaryCard
from app.views.workspace import Workspace

WAN_FEN = 1_000_000  # 1万元 in fen


class CountyDashboardPage(Page):
    """Loads ``township_rows`` off the GUI thread when first shown, on 刷新 (F5) and after a change."""

    CONCERNS = frozenset(
        {
            "household",
            "case_file",
            "benefit",
            "review",
            "area",
            "holiday",
            "setting",
            "sync_peer",
            "sync_bundle",
            "sync_quarantine",
            "sync_conflict",
            "sync_duplicate",
        }
    )

    open_township = Signal(str)  # 12-digit township code

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.has_loaded = False
        self._chart_codes: list[str] = []
        self.setStyleSheet(CARD_STYLE)

        title = heading(self.tr("Townships at a glance"), scale=1.4)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet(f"color: {TONES['muted']};")
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the numbers (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.refresh_button)

        self.cards = {
            "active": SummaryCard(self.tr("Benefits being paid")),
            "awaiting": SummaryCard(self.tr("Awaiting the county")),
            "deadlines": SummaryCard(self.tr("Deadlines at risk")),
            "reviews": SummaryCard(self.tr("Reviews overdue")),
            "sync": SummaryCard(self.tr("Sync items to handle")),
            "stations": SummaryCard(self.tr("Stations")),
        }
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.model = TownshipTableModel(self)
        self.table = work_table()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(lambda _section: header.setSortIndicatorShown(True))
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAccessibleName(self.tr("Townships"))
        self.table.activated.connect(self._on_activated)
        self._fit_columns()

        self.applications_chart = BarChart(self.tr("Applications by township"))
        self.benefits_chart = BarChart(self.tr("Benefits and overdue reviews by township"))
        charts = QHBoxLayout()
        charts.setSpacing(10)
        for chart in (self.applications_chart, self.benefits_chart):
            chart.bar_clicked.connect(self._select_township)
            chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            frame = QFrame()
            frame.setObjectName("card")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(6, 6, 6, 6)
            inner.addWidget(chart)
            charts.addWidget(frame, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {TONES['muted']};")
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(24, 20, 24, 12)
        body.addLayout(top)
        body.addSpacing(4)
        body.addLayout(cards)
        body.addSpacing(6)
        body.addWidget(self.refused)
        body.addWidget(self.table)
        body.addWidget(self.status)
        body.addSpacing(6)
        body.addLayout(charts)
        body.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def _fit_columns(self) -> None:
        """Numbers get the width of their title or of "99,999"; the township and the time a bit more."""
        metrics = self.table.fontMetrics()
        samples = {Col.TOWNSHIP: "华容县（合计）", Col.LAST_SYNC: "2026-12-31"}
        for column in Col:
            title = self.model.title(column)
            sample = samples.get(column, "9,999")
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 18
            self.table.setColumnWidth(column, width)

    def _fit_table_height(self) -> None:
        """Show every row: the page scrolls, not the table."""
        table = self.table
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += table.verticalHeader().length()
        if table.horizontalHeader().length() > table.viewport().width():
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.has_loaded:
            self._fit_table_height()

    # ---------------------------------------------------------------- loading

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.refresh_button.setEnabled(not busy)

    def load(self) -> None:
        self.status.setText(self.tr("Loading the townships' numbers…"))
        actor = self.actor
        self.read(lambda uow: township_rows(uow, actor), self._on_loaded, key="load")

    def _on_loaded(self, rows: list[TownshipRow]) -> None:
        today = clock.today()
        header = self.table.horizontalHeader()
        self.model.set_rows(rows, today)
        if header.isSortIndicatorShown():
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        total = county_total(rows)
        townships = [r for r in rows if not r.is_total]
        self._fill_cards(total, townships, today)
        self._fill_charts(townships)
        self._fit_table_height()
        stations = sum(1 for r in townships if r.station_status)
        self.subtitle.setText(
            self.tr("As of {day} · {n} townships · {stations} stations registered").format(
                day=show_date(today), n=len(townships), stations=stations
            )
        )
        self.status.setText(
            self.tr(
                "Red: needs action now; amber: due within 3 working days or no import for {days} days."
            ).format(days=STALE_DAYS)
        )
        self.has_loaded = True
        self.show_status(
            self.tr("Township numbers updated: {n} applications await the county.").format(
                n=f"{total.awaiting_county:,}"
            )
        )
        self.loaded.emit()

    def _fill_cards(self, total: TownshipRow, townships: list[TownshipRow], today: date) -> None:
        c = self.cards
        if total.monthly_fen >= WAN_FEN:  # a county's payroll reads best in 万元
            wan = (Decimal(total.monthly_fen) / WAN_FEN).quantize(Decimal("0.1"))
            amount = self.tr("{amount} ten-thousand yuan a month").format(amount=f"{wan:,}")
        else:
            amount = self.tr("{amount} yuan a month").format(amount=yuan(total.monthly_fen))
        c["active"].set_value(f"{total.active:,}", amount)
        c["active"].setToolTip(self.tr("{amount} yuan a month").format(amount=yuan(total.monthly_fen)))
        c["awaiting"].set_value(
            f"{total.awaiting_county:,}",
            self.tr("{n} still at the townships").format(n=f"{total.in_township:,}"),
        )
        c["deadlines"].set_value(
            f"{total.deadlines_at_risk:,}",
            self.tr("{overdue} overdue, {soon} due soon").format(
                overdue=f"{total.deadlines_overdue:,}", soon=f"{total.deadlines_soon:,}"
            ),
            "overdue" if total.deadlines_overdue else "soon" if total.deadlines_soon else "ok",
        )
        c["reviews"].set_value(
            f"{total.reviews_overdue:,}",
            self.tr("in {n} of {all} townships").format(
                n=sum(1 for r in townships if r.reviews_overdue), all=len(townships)
            ),
            "overdue" if total.reviews_overdue else "ok",
        )
        c["sync"].set_value(
            f"{total.sync_open:,}",
            self.tr("held {held} · quarantined {q} · conflicts {c} · duplicates {d}").format(
                held=total.held_bundles, q=total.quarantined, c=total.conflicts, d=total.duplicates
            ),
            "overdue" if total.sync_open else "ok",
        )
        registered = [r for r in townships if r.station_status]
        stale = [
            r
            for r in registered
            if r.last_sync is None or (today - r.last_sync.astimezone().date()).days > STALE_DAYS
        ]
        c["stations"].set_value(
            f"{len(registered)}/{len(townships)}",
            self.tr("{n} without an import for {days} days").format(n=len(stale), days=STALE_DAYS)
            if registered
            else self.tr("no station registered yet"),
            "soon" if stale or not registered else "ok",
        )

    def _fill_charts(self, townships: list[TownshipRow]) -> None:
        names = [r.name for r in townships]
        self._chart_codes = [r.code for r in townships]
        self.applications_chart.set_data(
            names,
            [
                Series(self.tr("At township"), tuple(r.in_township for r in townships), "#8aa9cf"),
                Series(self.tr("Awaiting county"), tuple(r.awaiting_county for r in townships), "#e08a2c"),
            ],
        )
        self.benefits_chart.set_data(
            names,
            [
                Series(self.tr("Being paid"), tuple(r.active for r in townships), "#5b9a68"),
                Series(self.tr("Reviews overdue"), tuple(r.reviews_overdue for r in townships), "#c0392b"),
            ],
        )

    def show_refused(self, error: UserError) -> None:
        super().show_refused(error)
        self.status.clear()

    # ---------------------------------------------------------------- navigation

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, TownshipRow) and not row.is_total:
            self.open_township.emit(row.code)

    @Slot(int)
    def _select_township(self, category: int) -> None:
        """A click on a chart's bar selects that township's row in the table."""
        if not 0 <= category < len(self._chart_codes):
            return
        code = self._chart_codes[category]
        for number, row in enumerate(self.model.rows()):
            if row.code == code and not row.is_total:
                self.table.selectRow(number)
                self.table.scrollTo(self.model.index(number, 0))
                return
