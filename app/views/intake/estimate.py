"""The live estimate as the clerk reads it: per-capita income and the amount, or why there is none."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.domain.benefit import BenefitResult
from app.domain.income import IncomeAssessment
from app.domain.money import yuan
from app.errors import UserError
from app.services.intake import window
from app.views.intake.draft import IntakeDraft


class EstimateText(QObject):
    """Builds the estimate's text (its own translation context, shared by the means and confirm pages)."""

    def for_draft(self, draft: IntakeDraft) -> str:
        """The estimate for a new household from what was typed, by the services' shared calculation."""
        if draft.basis is None:
            return self.tr("Loading the standards…")
        try:
            assessed, result = window.draft_estimate(
                draft.basis,
                draft.program,
                draft.household_urban_rural(),
                draft.applied_on,
                draft.members,
                draft.incomes,
                draft.covered(),
                draft.household_village(),
            )
        except UserError as exc:
            return exc.message
        return self.describe(assessed, result)

    def describe(self, assessed: IncomeAssessment, result: BenefitResult) -> str:
        """The estimate as the clerk reads it (also used for a household already on file)."""
        lines = [
            self.tr("Members living together: <b>{n}</b>").format(n=assessed.members),
            self.tr("Household income a month: <b>{amount}</b> yuan").format(
                amount=yuan(assessed.net_monthly_fen)
            ),
            self.tr("Per capita a month: <b>{amount}</b> yuan").format(amount=yuan(assessed.per_capita_fen)),
            self.tr("Standard a month: {amount} yuan").format(amount=yuan(result.standard_fen)),
        ]
        if result.eligible:
            lines.append(
                self.tr("Estimated amount: <b>{amount}</b> yuan a month").format(
                    amount=yuan(result.total_fen)
                )
            )
        else:
            lines.append(self.tr("<b>Not eligible on these figures.</b>"))
        lines.append(f"<span style='color:#555'>{result.reason}</span>")
        return "<br>".join(lines)
