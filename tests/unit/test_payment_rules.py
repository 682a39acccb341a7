"""The monthly payment rules month by month: start, stop, gradual exit, increases and reductions, flags."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.payments import (
    AmountChange,
    AmountDecision,
    BenefitTerms,
    Due,
    FlagLine,
    category,
    due,
    find_flags,
)

B = BenefitTerms(
    id="b1",
    program="dibao",
    status="active",
    start_month="2026-03",
    end_month=None,
    exit_start_month=None,
    exit_end_month=None,
    topup_fen=3000,
    monthly_fen=60000,
    persons=2,
)
APPROVE = AmountDecision("approve", "2026-03", 60000, date(2026, 2, 20))


def paid(
    b: BenefitTerms,
    months: list[str],
    decisions: tuple[AmountDecision, ...] = (APPROVE,),
    changes: list[AmountChange] | None = None,
) -> list[int | None]:
    out = []
    for month in months:
        d = due(b, list(decisions), changes or [], month)
        out.append(None if d is None else d.total_fen)
    return out


MONTHS = ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]


def test_pays_from_the_start_month_on() -> None:
    assert paid(B, MONTHS) == [None, 60000, 60000, 60000, 60000, 60000]
    assert due(B, [APPROVE], [], "2026-03") == Due(57000, 3000, 60000, 2, "")


def test_a_stop_pays_through_its_end_month_only() -> None:
    stopped = replace(B, status="stopped", end_month="2026-04")
    stop = AmountDecision("stop", "2026-05", 0, date(2026, 4, 12))
    assert paid(stopped, MONTHS, (APPROVE, stop)) == [None, 60000, 60000, None, None, None]
    # the stop decision alone ends payment too (the benefit's end month not yet written)
    assert paid(B, MONTHS, (APPROVE, stop)) == [None, 60000, 60000, None, None, None]
    # stopped with no end recorded: nothing is paid rather than a guess
    assert paid(replace(B, status="stopped"), MONTHS) == [None] * 6


def test_a_gradual_exit_pays_until_its_last_month() -> None:
    exiting = replace(B, status="gradual_exit", exit_start_month="2026-04", exit_end_month="2026-06")
    assert paid(exiting, MONTHS) == [None, 60000, 60000, 60000, 60000, None]
    assert due(exiting, [APPROVE], [], "2026-03") is not None
    assert due(exiting, [APPROVE], [], "2026-03").remark == ""  # type: ignore[union-attr]
    assert due(exiting, [APPROVE], [], "2026-05").remark == "渐退期第2个月（共3个月）"  # type: ignore[union-attr]


def test_an_increase_takes_effect_from_the_month_the_change_names() -> None:
    # decided in May, paid from June; the benefit row already shows the new amount
    now = replace(B, monthly_fen=70000, topup_fen=5000)
    changes = [
        AmountChange("2026-03", 57000, 3000, 60000, 2),
        AmountChange("2026-06", 65000, 5000, 70000, 2),
    ]
    assert paid(now, MONTHS, changes=changes) == [None, 60000, 60000, 60000, 70000, 70000]
    assert due(now, [APPROVE], changes, "2026-06") == Due(65000, 5000, 70000, 2, "")


def test_a_reduction_recorded_only_as_a_decision_still_pays_the_old_amount_before_it() -> None:
    now = replace(B, monthly_fen=40000)
    adjust = AmountDecision("adjust", "2026-05", 40000, date(2026, 4, 15))
    assert paid(now, MONTHS, (APPROVE, adjust)) == [None, 60000, 60000, 40000, 40000, 40000]
    # the 分类施保 part is the persons' top-ups, capped at what is paid
    small = replace(B, monthly_fen=2000)
    cut = AmountDecision("adjust", "2026-05", 2000, date(2026, 4, 15))
    assert due(small, [APPROVE, cut], [], "2026-05") == Due(0, 2000, 2000, 2, "")


def test_nothing_is_paid_for_zero_amounts_or_temporary_assistance() -> None:
    assert due(replace(B, monthly_fen=0), [], [], "2026-04") is None
    assert due(replace(B, program="linshi"), [], [], "2026-04") is None


def test_rounding_differences_stay_in_the_base_never_a_negative_top_up() -> None:
    assert due(replace(B, topup_fen=-30), [], [], "2026-04") == Due(60000, 0, 60000, 2, "")


def test_category_labels() -> None:
    assert category("dibao", "urban") == "城市低保"
    assert category("dibao", "rural") == "农村低保"
    assert category("tekun", "rural") == "特困供养"


def _line(line_id: str, household: str, account: str, name: str = "张三") -> FlagLine:
    return FlagLine(line_id, f"b-{line_id}", household, name, "农村低保", account)


def test_flags_a_person_paid_twice_and_an_account_shared_by_households() -> None:
    lines = [
        _line("l1", "h1", "6217 0000 1111", "张三"),
        _line("l2", "h2", "62170000-1111", "李四"),  # same account, written differently
        _line("l3", "h3", "6217000022220000", "王五"),
        _line("l4", "h3", "6217000022220000", "王五"),  # one household, two benefits: not shared
    ]
    covered = {
        "b-l1": [("430623195001010011", "张大")],
        "b-l3": [("430623195001010011", "张大"), ("430623196001010021", "王二")],
        "b-l4": [("430623196001010021", "王二")],
        "b-other": [("430623195001010011", "张大")],  # not paid this month: ignored
    }
    flags = find_flags(lines, covered, "2026-04")
    kinds = sorted((f.kind, f.key, f.line_ids) for f in flags)
    assert kinds == [
        ("paid_twice", "430623195001010011", ("l1", "l3")),
        ("paid_twice", "430623196001010021", ("l3", "l4")),
        ("shared_account", "621700001111", ("l1", "l2")),
    ]
    twice = next(f for f in flags if f.kind == "paid_twice")
    assert "2026年4月" in twice.reason and "430623********0011" in twice.reason
    assert "430623195001010011" not in twice.reason  # the full number is never in a message
    shared = next(f for f in flags if f.kind == "shared_account")
    assert "第二十六条" in shared.reason and "1111" in shared.reason and "621700001111" not in shared.reason


@pytest.mark.parametrize("month", ["2026-03", "2026-12"])
def test_lines_without_flags_raise_none(month: str) -> None:
    lines = [_line("l1", "h1", "1"), _line("l2", "h2", "2")]
    assert find_flags(lines, {"b-l1": [("X", "甲")], "b-l2": [("Y", "乙")]}, month) == []
