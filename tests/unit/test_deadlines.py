"""Unit tests for time limits and case deadlines (app.domain.deadlines)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from app.domain.codes import Program, RuleMode
from app.domain.deadlines import (
    CaseClock,
    Deadline,
    TimeLimits,
    days_left,
    deadlines,
    notice_end,
)
from app.domain.workflow import CaseState
from app.errors import UserError

S = CaseState
D = date
FRI_0307 = D(2025, 3, 7)  # acceptance date used throughout (a Friday)
QINGMING = D(2025, 4, 4)  # a Friday holiday


class FakeCalendar:
    """Saturdays and Sundays off, plus the given holidays; follows the Calendar protocol contract."""

    def __init__(self, holidays: Iterable[date] = ()) -> None:
        self.holidays = frozenset(holidays)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, n: int) -> date:
        day = start
        while n > 0:
            day += timedelta(days=1)
            n -= self.is_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


PLAIN = FakeCalendar()
HOLIDAY = FakeCalendar([QINGMING])
LIMITS = TimeLimits()


def clock(
    state: CaseState,
    since: date,
    *,
    mode: RuleMode = RuleMode.RULES_2021,
    program: Program = Program.DIBAO,
    accepted: date | None = FRI_0307,
    extended: bool = False,
) -> CaseClock:
    return CaseClock(program, mode, state, accepted, since, extended)


def due_by_key(c: CaseClock, cal: FakeCalendar = PLAIN, limits: TimeLimits = LIMITS) -> dict[str, date]:
    return {d.key: d.due for d in deadlines(c, limits, cal)}


def test_fake_calendar_sanity() -> None:
    assert FRI_0307.weekday() == 4 and QINGMING.weekday() == 4
    assert PLAIN.add_working_days(FRI_0307, 1) == D(2025, 3, 10)
    assert PLAIN.working_days_between(FRI_0307, D(2025, 3, 10)) == 1


def test_accepted_friday_investigation_start_due_wednesday() -> None:
    found = deadlines(clock(S.ACCEPTED, FRI_0307), LIMITS, PLAIN)
    start = next(d for d in found if d.key == "investigation_start")
    assert start == Deadline(
        "investigation_start", "启动入户调查", D(2025, 3, 12), "《最低生活保障审核确认办法》第十五条"
    )
    assert [d.key for d in found] == ["investigation_start", "total"]  # earliest first


def test_total_limit_30_working_days() -> None:
    assert due_by_key(clock(S.INVESTIGATING, D(2025, 3, 12)))["total"] == D(2025, 4, 18)
    # 清明 on Friday 4 April pushes the 30th working day to Monday 21 April.
    assert due_by_key(clock(S.INVESTIGATING, D(2025, 3, 12)), HOLIDAY)["total"] == D(2025, 4, 21)


def test_total_limit_extended_to_45_working_days() -> None:
    c = clock(S.SUBMITTED, D(2025, 4, 14), extended=True)
    assert due_by_key(c)["total"] == D(2025, 5, 9)
    assert due_by_key(c, HOLIDAY)["total"] == D(2025, 5, 12)


def test_delegated_total_is_20_working_days() -> None:
    c = clock(S.PRELIMINARY, D(2025, 3, 20), mode=RuleMode.DELEGATED)
    assert due_by_key(c) == {"total": D(2025, 4, 4)}
    assert due_by_key(c, HOLIDAY) == {"total": D(2025, 4, 7)}


def test_linshi_total_is_15_working_days_and_has_no_step_limits() -> None:
    found = deadlines(clock(S.ACCEPTED, FRI_0307, program=Program.LINSHI), LIMITS, PLAIN)
    assert [(d.key, d.due) for d in found] == [("total", D(2025, 3, 28))]


def test_tekun_has_step_limits_but_no_overall_limit() -> None:
    tekun = {"program": Program.TEKUN}
    assert due_by_key(clock(S.ACCEPTED, FRI_0307, **tekun)) == {"preliminary_opinion": D(2025, 3, 28)}
    assert due_by_key(clock(S.SUBMITTED, D(2025, 3, 24), **tekun), HOLIDAY) == {
        "county_decision": D(2025, 4, 15)
    }
    assert due_by_key(clock(S.OBJECTION, D(2025, 3, 24), **tekun)) == {"reinvestigation": D(2025, 4, 14)}


def test_notice_seven_calendar_days_dongyuan_example() -> None:
    found = deadlines(clock(S.NOTICE, D(2025, 3, 11)), LIMITS, PLAIN)
    notice = next(d for d in found if d.key == "notice_end")
    assert notice.due == D(2025, 3, 17)  # 「从2025年3月11日起至3月17日止」
    assert notice.label == "初审公示期满"
    assert notice.basis == "《最低生活保障审核确认办法》第十九条"


def test_notice_in_working_days_counts_the_start_day_if_working() -> None:
    working = TimeLimits(notice_day_kind="working")
    assert due_by_key(clock(S.NOTICE, D(2025, 3, 11)), limits=working)["notice_end"] == D(2025, 3, 19)
    # Starting on a Saturday: the first working day counted is Monday 17 March.
    assert due_by_key(clock(S.NOTICE, D(2025, 3, 15)), limits=working)["notice_end"] == D(2025, 3, 25)


def test_notice_end_helper() -> None:
    assert notice_end(D(2025, 3, 11), 7, "calendar", PLAIN) == D(2025, 3, 17)
    assert notice_end(D(2025, 3, 31), 5, "working", HOLIDAY) == D(2025, 4, 7)


def test_county_decision_10_working_days() -> None:
    c = clock(S.SUBMITTED, D(2025, 3, 24))
    assert due_by_key(c)["county_decision"] == D(2025, 4, 7)
    assert due_by_key(c, HOLIDAY)["county_decision"] == D(2025, 4, 8)
    found = deadlines(c, LIMITS, HOLIDAY)
    assert found[0].label == "审核确认决定"
    assert found[0].basis == "《最低生活保障审核确认办法》第二十条"


def test_2012_mode_limits() -> None:
    old = {"mode": RuleMode.RULES_2012}
    assert due_by_key(clock(S.ACCEPTED, FRI_0307, **old))["investigation_done"] == D(2025, 3, 21)
    assert due_by_key(clock(S.APPRAISAL, D(2025, 3, 24), **old))["appraisal"] == D(2025, 3, 31)
    assert due_by_key(clock(S.SUBMITTED, D(2025, 3, 24), **old))["county_review"] == D(2025, 3, 31)
    county_notice = due_by_key(clock(S.COUNTY_NOTICE, D(2025, 3, 31), **old), HOLIDAY)
    assert county_notice["county_notice_end"] == D(2025, 4, 6)
    assert county_notice["county_decision"] == D(2025, 4, 9)


def test_appraisal_has_no_own_limit_in_2021_mode() -> None:
    assert set(due_by_key(clock(S.APPRAISAL, D(2025, 3, 24)))) == {"total"}


def test_refusal_notice_three_working_days_from_decision() -> None:
    c = clock(S.REFUSED, D(2025, 4, 3))
    assert due_by_key(c) == {"refusal_notice": D(2025, 4, 8)}
    found = deadlines(c, LIMITS, HOLIDAY)
    assert [(d.label, d.due) for d in found] == [("书面告知不予确认理由", D(2025, 4, 9))]


@pytest.mark.parametrize(
    "state", [S.APPLIED, S.PENDING_MATERIALS, S.ACTIVE, S.GRADUAL_EXIT, S.TERMINATED, S.COMPLETED]
)
def test_no_deadlines_outside_the_procedure(state: CaseState) -> None:
    assert deadlines(clock(state, FRI_0307), LIMITS, PLAIN) == []


def test_missing_acceptance_date() -> None:
    assert due_by_key(clock(S.INVESTIGATING, D(2025, 3, 12), accepted=None)) == {}
    # In ACCEPTED itself the state date is the acceptance date.
    assert due_by_key(clock(S.ACCEPTED, FRI_0307, accepted=None))["total"] == D(2025, 4, 18)


def test_custom_limits_change_the_dates() -> None:
    local = TimeLimits(total_wd=25, investigation_start_wd=2)
    assert due_by_key(clock(S.ACCEPTED, FRI_0307), limits=local) == {
        "investigation_start": D(2025, 3, 11),
        "total": D(2025, 4, 11),
    }


def test_days_left_counts_working_days() -> None:
    due = Deadline("investigation_start", "启动入户调查", D(2025, 3, 12), "x")
    assert days_left(due, FRI_0307, PLAIN) == 3
    assert days_left(due, D(2025, 3, 12), PLAIN) == 0
    assert days_left(due, D(2025, 3, 13), PLAIN) == -1
    assert days_left(due, D(2025, 3, 17), PLAIN) == -3


def test_days_left_is_negative_the_day_after_a_weekend_due_date() -> None:
    due = Deadline("notice_end", "初审公示期满", D(2025, 3, 15), "x")  # a Saturday
    assert days_left(due, D(2025, 3, 15), PLAIN) == 0
    assert days_left(due, D(2025, 3, 16), PLAIN) == -1
    assert days_left(due, D(2025, 3, 18), PLAIN) == -2


def test_time_limits_round_trip_and_defaults() -> None:
    limits = TimeLimits(notice_days=5, notice_day_kind="working")
    data = limits.to_dict()
    assert data["notice_days"] == 5 and data["total_wd"] == 30 and data["delegated_total_wd"] == 20
    assert TimeLimits.from_dict(data) == limits
    assert TimeLimits.from_dict({"total_wd": 25, "unknown_key": 1}) == TimeLimits(total_wd=25)
    assert TimeLimits.from_dict({}) == TimeLimits()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"total_wd": "30"}, "办理总时限（工作日）"),
        ({"notice_days": 7.5}, "初审公示期（天）"),
        ({"notice_days": True}, "初审公示期（天）"),
        ({"county_decision_wd": 0}, "县级审核确认（工作日）"),
        ({"notice_day_kind": "weekly"}, "公示期计算方式"),
    ],
)
def test_time_limits_reject_wrong_values(data: dict[str, object], field: str) -> None:
    with pytest.raises(UserError) as info:
        TimeLimits.from_dict(data)
    assert info.value.field == field


def test_time_limits_reject_non_object() -> None:
    with pytest.raises(UserError, match="时限设置格式错误"):
        TimeLimits.from_dict([("total_wd", 30)])
