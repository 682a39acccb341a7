"""The 发放 tab's sentences: a run's state, its counts and totals, the bank results, why approval is off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.domain.codes import RunStatus
from app.domain.money import yuan

if TYPE_CHECKING:  # the county's payment modules stay unimported on a station's start
    from app.services.payments.bank_return import BankReturnReport
    from app.services.payments.view import RunView


class RunTexts(QObject):
    """Translated texts (context ``RunTexts``); plain data in, a sentence out."""

    def month_text(self, month: str) -> str:
        return self.tr("{year}-{month:02d}").format(year=int(month[:4]), month=int(month[5:]))

    def state(self, view: RunView) -> str:
        month = self.month_text(view.month)
        if not view.status:
            return self.tr("{month}: no payment run yet").format(month=month)
        if view.status == RunStatus.DRAFT:
            return self.tr("{month}: draft, not approved").format(month=month)
        approved = str(view.approved_on or "")
        if view.status == RunStatus.APPROVED:
            text = self.tr("{month}: approved on {date} (frozen)")
        elif view.status == RunStatus.SENT:
            text = self.tr("{month}: approved on {date}, sent to the bank")
        else:
            text = self.tr("{month}: approved on {date}, every bank result is in (closed)")
        return text.format(month=month, date=approved)

    def counts(self, view: RunView) -> str:
        if not view.status:
            return self.tr("Prepare the run to list the households paid this month.")
        text = self.tr(
            "{households} households, {persons} persons. Living allowance {base} yuan, "
            "category top-ups {topup} yuan, total {total} yuan."
        ).format(
            households=f"{view.households:,}",
            persons=f"{view.persons:,}",
            base=yuan(view.base_fen),
            topup=yuan(view.topup_fen),
            total=yuan(view.total_fen),
        )
        if view.open_flags:
            text += " " + self.tr("%n finding(s) to check.", "", view.open_flags)
        return text

    def bank(self, view: RunView) -> str:
        outstanding = max(view.households - view.paid_count - view.failed_count, 0)
        return self.tr(
            "Bank results: paid {paid} ({paid_fen} yuan), returned {failed} ({failed_fen} yuan), "
            "no result yet {outstanding}."
        ).format(
            paid=view.paid_count,
            paid_fen=yuan(view.paid_fen),
            failed=view.failed_count,
            failed_fen=yuan(view.failed_fen),
            outstanding=outstanding,
        )

    def bank_report(self, report: BankReturnReport) -> str:
        return self.tr(
            "Bank return imported ({rows} rows): paid {paid}, returned {failed}, no result yet {outstanding}."
        ).format(rows=report.rows, paid=report.paid, failed=report.failed, outstanding=report.outstanding)

    def approve_refusal(self, status: str | None, may_approve: bool) -> str:
        """Why 审批 is off for this user or this run ("" when it is on)."""
        if not may_approve:
            return self.tr("Only the county head approves the payment run.")
        if status is not None and status not in ("", RunStatus.DRAFT):
            return self.tr("The run is approved and frozen; changes take effect from the next month's run.")
        return ""

    def approve_question(self, month: str) -> str:
        return self.tr(
            "Approve the payment run of {month}? The roster is recomputed once more and then frozen: "
            "later changes take effect from the next month's run."
        ).format(month=self.month_text(month))
