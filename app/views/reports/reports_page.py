"""报表: at the county the monthly payment run and the statistics reports; at a station its own counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import clock
from app.models.db import Database
from app.views.signed_in import SignedIn

if TYPE_CHECKING:
    from app.views.payments.run_page import PaymentRunTab
    from app.views.reports.stats_page import ReportStatsTab
    from app.views.reports.township_page import TownshipStatsTab


class ReportsPage(QWidget):
    """The 报表 section. County mode (``installation_kind == "county"``): tabs 发放 (``payment_tab``,
    a ``PaymentRunTab``) and 统计报表 (``stats_tab``, a ``ReportStatsTab``). Station mode: one tab
    本乡镇统计 (``township_tab``, a ``TownshipStatsTab``).

    ``status_message(str)`` relays every tab's messages for the main window's status bar.
    """

    status_message = Signal(str)

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.is_county = signed_in.installation_kind == "county"
        self.tabs = QTabWidget()
        self.payment_tab: PaymentRunTab | None = None
        self.stats_tab: ReportStatsTab | None = None
        self.township_tab: TownshipStatsTab | None = None
        if self.is_county:
            from app.views.payments.run_page import PaymentRunTab
            from app.views.reports.stats_page import ReportStatsTab

            self.payment_tab = PaymentRunTab(db, signed_in, today=today)
            self.stats_tab = ReportStatsTab(db, signed_in, today=today)
            self.tabs.addTab(self.payment_tab, self.tr("&Monthly payments"))
            self.tabs.addTab(self.stats_tab, self.tr("S&tatistics reports"))
            self.payment_tab.status_message.connect(self.status_message)
            self.stats_tab.status_message.connect(self.status_message)
        else:
            from app.views.reports.township_page import TownshipStatsTab

            self.township_tab = TownshipStatsTab(db, signed_in, today=today)
            self.tabs.addTab(self.township_tab, self.tr("&Township statistics"))
            self.township_tab.status_message.connect(self.status_message)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
