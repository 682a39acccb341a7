"""The county master's own pages (dashboard, approval queue, review proposals, data matching), wired."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from app.models.db import Database
from app.views.cases.approval_page import ApprovalPage
from app.views.matching.page import MatchingPage
from app.views.reports.dashboard import CountyDashboardPage
from app.views.reviews.proposals_page import ProposalsPage
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.views.main_window import MainWindow


class CountyPages:
    """Built only when the installation is the county master; the main window places them in its sections."""

    def __init__(self, db: Database, signed_in: SignedIn, today: Callable[[], date]) -> None:
        ws = Workspace(db, signed_in)
        self.dashboard = CountyDashboardPage(ws)
        self.approvals = ApprovalPage(db, signed_in, today=today)
        self.matching = MatchingPage(ws)
        self.proposals = ProposalsPage(db, signed_in, today=today)

    def connect(self, window: MainWindow) -> None:
        for page in (self.dashboard, self.approvals, self.matching, self.proposals):
            page.status_message.connect(window.show_message)
        for source in (self.approvals, self.matching, self.proposals):
            source.open_case.connect(window.open_case)
        self.approvals.case_decided.connect(lambda _case_id: window.workbench.mark_stale())
        self.dashboard.open_township.connect(window.show_township)
