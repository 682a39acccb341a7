"""Review frequencies, due dates, death re-checks, 渐退期 and late reports."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.codes import Program
from app.domain.reviews import (
    GRADUAL_EXIT_MAX_MONTHS,
    ReviewFrequency,
    death_review_due,
    gradual_exit_end,
    is_review_overdue,
    next_review_due,
    review_frequency,
)
from app.errors import UserError

F = ReviewFrequency


@pytest.mark.parametrize(
    ("program", "rules_2012", "stable", "working", "severe", "urban", "expected"),
    [
        # 2021 rules (S1 Art.31)
        (Program.TEKUN, False, False, True, False, True, F.YEARLY),
        (Program.DIBAO, False, True, True, False, True, F.YEARLY),
        (Program.DIBAO, False, False, True, False, False, F.HALF_YEARLY),
        (Program.DIBAO, False, False, False, False, True, F.HALF_YEARLY),
        # 2012 rules (S2 Art.33)
        (Program.DIBAO, True, True, False, True, True, F.YEARLY),
        (Program.DIBAO, True, True, True, False, True, F.HALF_YEARLY),
        (Program.DIBAO, True, False, True, False, True, F.MONTHLY),
        (Program.DIBAO, True, False, True, False, False, F.QUARTERLY),
        (Program.DIBAO, True, False, True, True, False, F.QUARTERLY),  # severe but income unstable
        (Program.DIBAO, True, False, False, False, True, F.HALF_YEARLY),
        (Program.TEKUN, True, False, False, True, False, F.YEARLY),
    ],
)
def test_review_frequency_branches(
    program: Program, rules_2012: bool, stable: bool, working: bool, severe: bool, urban: bool, expected: F
) -> None:
    got = review_frequency(
        program=program,
        rules_2012=rules_2012,
        stable_income=stable,
        has_working_member=working,
        three_no_or_severe=severe,
        urban=urban,
    )
    assert got is expected


def test_linshi_has_no_periodic_review() -> None:
    with pytest.raises(UserError, match="临时救助"):
        review_frequency(
            program=Program.LINSHI,
            rules_2012=False,
            stable_income=True,
            has_working_member=False,
            three_no_or_severe=False,
            urban=True,
        )


def test_frequency_months_and_labels() -> None:
    assert [f.months for f in F] == [1, 3, 6, 12]
    assert F.HALF_YEARLY.label == "每半年"
    assert F.QUARTERLY.label == "每季度"


def test_next_review_due_keeps_day_and_clamps() -> None:
    assert next_review_due(date(2025, 3, 15), F.YEARLY) == date(2026, 3, 15)
    assert next_review_due(date(2025, 8, 31), F.HALF_YEARLY) == date(2026, 2, 28)
    assert next_review_due(date(2023, 8, 31), F.HALF_YEARLY) == date(2024, 2, 29)
    assert next_review_due(date(2025, 12, 10), F.MONTHLY) == date(2026, 1, 10)
    assert next_review_due(date(2025, 11, 30), F.QUARTERLY) == date(2026, 2, 28)


def test_death_review_due_within_three_months() -> None:
    assert death_review_due(date(2025, 1, 31)) == date(2025, 4, 30)
    assert death_review_due(date(2024, 11, 30)) == date(2025, 2, 28)
    assert death_review_due(date(2025, 6, 10)) == date(2025, 9, 10)


def test_is_review_overdue() -> None:
    due = date(2025, 4, 30)
    assert not is_review_overdue(due, date(2025, 4, 30))
    assert is_review_overdue(due, date(2025, 5, 1))
    assert not is_review_overdue(due, date(2025, 1, 1))


def test_gradual_exit_six_months_ok_seven_refused() -> None:
    assert GRADUAL_EXIT_MAX_MONTHS == 6
    assert gradual_exit_end("2025-03", 6) == "2025-08"  # Mar, Apr, May, Jun, Jul, Aug
    assert gradual_exit_end("2025-10", 3) == "2025-12"
    assert gradual_exit_end("2025-12", 1) == "2025-12"
    with pytest.raises(UserError, match="不超过6个月"):
        gradual_exit_end("2025-03", 7)
    with pytest.raises(UserError, match="至少为1个月"):
        gradual_exit_end("2025-03", 0)
    with pytest.raises(UserError, match="月份"):
        gradual_exit_end("2025-13", 2)
