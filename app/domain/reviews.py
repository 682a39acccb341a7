"""Periodic reviews (S1 Art.31, S2 Art.33), death re-checks and 渐退期 (S1 Art.33; S5)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from app.domain.codes import Program
from app.domain.money import add_months, add_months_to_date, parse_month
from app.errors import UserError


class ReviewFrequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "half_yearly": 6}.get(self.value, 12)

    @property
    def label(self) -> str:
        return {"monthly": "每月", "quarterly": "每季度", "half_yearly": "每半年"}.get(self.value, "每年")


def review_frequency(
    *,
    program: Program,
    rules_2012: bool,
    stable_income: bool,
    has_working_member: bool,
    three_no_or_severe: bool,
    urban: bool,
) -> ReviewFrequency:
    """How often a case is re-checked.

    2021 (S1 Art.31): 特困 yearly (S6 §7); stable yearly; otherwise half-yearly.
    2012 (S2 Art.33): 三无/重病重残 with stable income yearly; stable half-yearly;
    unstable income with working capacity urban monthly, rural quarterly; otherwise half-yearly.
    Cases the articles do not name get the shorter interval of the neighbouring rule.
    """
    if program is Program.LINSHI:
        raise UserError("临时救助为一次性救助，不实行定期核查")
    if program is Program.TEKUN:
        return ReviewFrequency.YEARLY
    if not rules_2012:
        return ReviewFrequency.YEARLY if stable_income else ReviewFrequency.HALF_YEARLY
    if stable_income:
        return ReviewFrequency.YEARLY if three_no_or_severe else ReviewFrequency.HALF_YEARLY
    if has_working_member:
        return ReviewFrequency.MONTHLY if urban else ReviewFrequency.QUARTERLY
    return ReviewFrequency.HALF_YEARLY


def interval_months(freq: ReviewFrequency, stable_months: int = 12) -> int:
    """Months between reviews: ``stable_months`` ([LOCAL], 12 by S1 Art.31) for the yearly cadence."""
    freq = ReviewFrequency(freq)
    if freq is ReviewFrequency.YEARLY:
        if isinstance(stable_months, bool) or not 1 <= stable_months <= 12:
            raise UserError(f"稳定家庭的核查周期应为1至12个月，不能设为{stable_months}个月")
        return stable_months
    return freq.months


def next_review_due(last: date, freq: ReviewFrequency, stable_months: int = 12) -> date:
    """Same day-of-month one interval later, clamped to the month end (08-31 + 6 → 02-28/29)."""
    return add_months_to_date(last, interval_months(freq, stable_months))


def death_review_due(death: date) -> date:
    """Re-check the household within 3 months of a member's death (S5 §1(3))."""
    return add_months_to_date(death, 3)


def is_review_overdue(due: date, today: date) -> bool:
    """Overdue once ``today`` is after the due date (the due day itself is still on time)."""
    return today > due


GRADUAL_EXIT_MAX_MONTHS = 6


def gradual_exit_end(start_month: str, months: int) -> str:
    """The last month paid in a 渐退期 of ``months`` starting ``start_month`` (≤6, S1 Art.33; S5)."""
    start = parse_month(start_month)
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise UserError("渐退期至少为1个月")
    if months > GRADUAL_EXIT_MAX_MONTHS:
        raise UserError(f"渐退期原则上不超过{GRADUAL_EXIT_MAX_MONTHS}个月，不能设为{months}个月")
    return add_months(start, months - 1)
