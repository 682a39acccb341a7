"""The county master's own pages (dashboard, approval queue, review proposals, data matching), wired."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import clock
from app.views.cases.approval_page import ApprovalPage
from app.views.matching.page import MatchingPage
from app.views.page import Page
from app.views.reports.dashboard import CountyDashboardPage
from app.views.reviews.proposals_page import ProposalsPage
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.views.main_window import MainWindow


class CountyPages:
    """Built only when the installation is the county master; the main window places them in its sections."""

    def __init__(self, ws: Workspace) -> None:
        db, signed_in, today = ws.db, ws.signed_in, clock.today  # for the pages that still take them
        self.dashboard = CountyDashboardPage(db, signed_in, today=today)
        self.approvals = ApprovalPage(ws)
        self.matching = MatchingPage(db, signed_in, today=today)
        self.proposals = ProposalsPage(ws)

    def connect(self, window: MainWindow) -> None:
        """Navigation between the pages; what they show is refreshed by the changes signal (ops.changes)."""
        for page in (self.dashboard, self.approvals, self.matching, self.proposals):
            if not isinstance(page, Page):  # the window connects the pages on the Page base itself
                page.status_message.connect(window.show_message)
        for source in (self.approvals, self.matching, self.proposals):
            source.open_case.connect(window.open_case)
        self.dashboard.open_township.connect(window.show_township)
