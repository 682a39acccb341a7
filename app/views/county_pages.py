"""The county master's own pages (dashboard, approval queue, review proposals, data matching), wired."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.views.cases.approval_page import ApprovalPage
from app.views.matching.page import MatchingPage
from app.views.reports.dashboard import CountyDashboardPage
from app.views.reviews.proposals_page import ProposalsPage
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.views.main_window import MainWindow


class CountyPages:
    """Built only when the installation is the county master; the main window places them in its sections."""

    def __init__(self, ws: Workspace) -> None:
        self.dashboard = CountyDashboardPage(ws)
        self.approvals = ApprovalPage(ws)
        self.matching = MatchingPage(ws)
        self.proposals = ProposalsPage(ws)

    def connect(self, window: MainWindow) -> None:
        """Navigation between the pages; what they show is refreshed by the changes signal (ops.changes).

        Their status messages reach the window through the Page base (MainWindow._connect_pages).
        """
        for source in (self.approvals, self.matching, self.proposals):
            source.open_case.connect(window.open_case)
        self.dashboard.open_township.connect(window.show_township)
