"""报表: at the county the monthly payment run and the statistics reports; at a station its own counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.views.page import Page
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.views.payments.run_page import PaymentRunTab
    from app.views.reports.stats_page import ReportStatsTab
    from app.views.reports.township_page import TownshipStatsTab


class ReportsPage(Page):
    """The 报表 section; its tabs load themselves. County master: tabs 发放 (``payment_tab``, a
    ``PaymentRunTab``) and 统计报表 (``stats_tab``, a ``ReportStatsTab``). Station: one tab 本乡镇统计
    (``township_tab``, a ``TownshipStatsTab``).

    ``status_message(str)`` relays every tab's messages for the main window's status bar.
    """

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.is_county = ws.is_county
        self.tabs = QTabWidget()
        self._first_show = True
        self.payment_tab: PaymentRunTab | None = None
        self.stats_tab: ReportStatsTab | None = None
        self.township_tab: TownshipStatsTab | None = None
        tabs: list[Page] = []
        if self.is_county:  # the county's payment modules stay unimported on a station
            from app.views.payments.run_page import PaymentRunTab
            from app.views.reports.stats_page import ReportStatsTab

            self.payment_tab = PaymentRunTab(ws)
            self.stats_tab = ReportStatsTab(ws)
            self.tabs.addTab(self.payment_tab, self.tr("&Monthly payments"))
            self.tabs.addTab(self.stats_tab, self.tr("S&tatistics reports"))
            tabs += [self.payment_tab, self.stats_tab]
        else:
            from app.views.reports.township_page import TownshipStatsTab

            self.township_tab = TownshipStatsTab(ws)
            self.tabs.addTab(self.township_tab, self.tr("&Township statistics"))
            tabs.append(self.township_tab)
        for tab in tabs:
            tab.status_message.connect(self.status_message)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refused)
        layout.addWidget(self.tabs)

    def load(self) -> None:
        """Nothing of its own: each tab loads itself when first shown; later (F5) the tab on screen."""
        if self._first_show:
            self._first_show = False
            return
        current = self.tabs.currentWidget()
        if isinstance(current, Page):
            current.refresh()
