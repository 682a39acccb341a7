"""Unit tests for app.domain.calendar and app.domain.holidays; expected days counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.calendar import DayKind, WorkCalendar, format_cn
from app.domain.holidays import DEFAULT_TABLE, holidays_and_workdays
from app.errors import UserError

CAL = WorkCalendar.default()
PLAIN = WorkCalendar()  # weekends only
D = date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 3, 7), True),  # plain Friday
        (D(2025, 3, 8), False),  # plain Saturday
        (D(2025, 1, 1), False),  # 元旦, Wednesday
        (D(2025, 1, 26), True),  # Sunday worked before the Spring Festival
        (D(2025, 1, 27), True),  # Monday before the holiday starts
        (D(2025, 1, 28), False),  # 除夕
        (D(2025, 2, 4), False),  # last day of the Spring Festival holiday (Tuesday)
        (D(2025, 2, 8), True),  # make-up Saturday
        (D(2025, 4, 27), True),  # Sunday worked before 劳动节
        (D(2025, 5, 5), False),  # Monday, 劳动节
        (D(2025, 10, 8), False),  # Wednesday, last day of 国庆中秋
        (D(2025, 10, 11), True),  # make-up Saturday
        (D(2026, 1, 2), False),  # Friday, 元旦 2026
        (D(2026, 1, 4), True),  # make-up Sunday
        (D(2026, 2, 23), False),  # Monday, last day of 春节 2026
        (D(2026, 2, 28), True),  # make-up Saturday
        (D(2026, 9, 25), False),  # Friday, 中秋
        (D(2026, 10, 10), True),  # make-up Saturday
    ],
)
def test_is_workday(day: date, expected: bool) -> None:
    assert CAL.is_workday(day) is expected


def test_plain_calendar_ignores_holidays() -> None:
    assert PLAIN.is_workday(D(2025, 1, 1))
    assert not PLAIN.is_workday(D(2025, 2, 8))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Fri 1/24 -> Sun 1/26 (make-up, 1), Mon 1/27 (2), holiday 1/28–2/4, Wed 2/5 (3)
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        # Fri 9/26 -> Sun 9/28 (1), 9/29 (2), 9/30 (3), holiday 10/1–10/8, 10/9 (4), 10/10 (5), Sat 10/11 (6)
        (D(2025, 9, 26), 3, D(2025, 9, 30)),
        (D(2025, 9, 26), 5, D(2025, 10, 10)),
        (D(2025, 9, 26), 6, D(2025, 10, 11)),
        # plain weeks: Mon 3/3 + 5 = Mon 3/10; Fri 3/7 + 10 = Fri 3/21
        (D(2025, 3, 3), 5, D(2025, 3, 10)),
        (D(2025, 3, 7), 10, D(2025, 3, 21)),
        # n = 0: the start itself if a workday, else the next workday
        (D(2025, 3, 7), 0, D(2025, 3, 7)),
        (D(2025, 3, 8), 0, D(2025, 3, 10)),
        (D(2025, 1, 28), 0, D(2025, 2, 5)),
        # backwards: 3 working days before Wed 2/5 are Mon 1/27, Sun 1/26, Fri 1/24
        (D(2025, 2, 5), -3, D(2025, 1, 24)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_add_working_days_plain_weekend() -> None:
    assert PLAIN.add_working_days(D(2025, 1, 24), 3) == D(2025, 1, 29)
    assert PLAIN.add_working_days(D(2025, 3, 8), 1) == D(2025, 3, 10)  # from a Saturday


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 3, 7), D(2025, 3, 21), 10),
        (D(2025, 3, 21), D(2025, 3, 7), -10),
        (D(2025, 3, 7), D(2025, 3, 7), 0),
        (D(2025, 3, 7), D(2025, 3, 9), 0),  # only the weekend follows
        (D(2025, 1, 24), D(2025, 2, 5), 3),
        (D(2025, 9, 30), D(2025, 10, 12), 3),  # 10/9, 10/10, 10/11
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert CAL.working_days_between(start, end) == expected


def test_deadline() -> None:
    assert CAL.deadline(D(2025, 1, 24), 3, DayKind.WORKING) == D(2025, 2, 5)
    assert CAL.deadline(D(2025, 1, 24), 3, DayKind.CALENDAR) == D(2025, 1, 27)
    # 10 working days from Thu 2025-09-25: 9/26, 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13, 10/14, 10/15
    assert CAL.deadline(D(2025, 9, 25), 10, DayKind.WORKING) == D(2025, 10, 15)


@pytest.mark.parametrize(
    ("today", "due", "kind", "expected"),
    [
        (D(2025, 1, 24), D(2025, 2, 5), DayKind.WORKING, 3),
        (D(2025, 1, 24), D(2025, 2, 5), DayKind.CALENDAR, 12),
        (D(2025, 3, 17), D(2025, 3, 17), DayKind.WORKING, 0),
        (D(2025, 3, 17), D(2025, 3, 17), DayKind.CALENDAR, 0),
        # overdue: due Mon 3/17, today Mon 3/24 -> 3/18..3/21 and 3/24 = 5 working days late
        (D(2025, 3, 24), D(2025, 3, 17), DayKind.WORKING, -5),
        (D(2025, 3, 24), D(2025, 3, 17), DayKind.CALENDAR, -7),
        # due Friday, today Saturday: overdue even though no working day has passed
        (D(2025, 3, 22), D(2025, 3, 21), DayKind.WORKING, -1),
        # today a Saturday, due Monday: one working day left
        (D(2025, 3, 15), D(2025, 3, 17), DayKind.WORKING, 1),
    ],
)
def test_remaining(today: date, due: date, kind: DayKind, expected: int) -> None:
    assert CAL.remaining(today, due, kind) == expected


@pytest.mark.parametrize(
    ("first", "days", "kind", "expected"),
    [
        # the 东园镇 notice: 为期7天，从2025年3月11日起至3月17日止
        (D(2025, 3, 11), 7, DayKind.CALENDAR, (D(2025, 3, 11), D(2025, 3, 17))),
        # Tue 3/11: 11, 12, 13, 14, 17, 18, 19
        (D(2025, 3, 11), 7, DayKind.WORKING, (D(2025, 3, 11), D(2025, 3, 19))),
        # starting on Saturday 3/15 moves to Mon 3/17: 17..21, 24, 25
        (D(2025, 3, 15), 7, DayKind.WORKING, (D(2025, 3, 17), D(2025, 3, 25))),
        (D(2025, 3, 15), 7, DayKind.CALENDAR, (D(2025, 3, 15), D(2025, 3, 21))),
        # across 国庆: 9/30, 10/9, 10/10, 10/11 (make-up Sat), 10/13, 10/14, 10/15
        (D(2025, 9, 30), 7, DayKind.WORKING, (D(2025, 9, 30), D(2025, 10, 15))),
        (D(2025, 10, 3), 1, DayKind.WORKING, (D(2025, 10, 9), D(2025, 10, 9))),
    ],
)
def test_notice_period(first: date, days: int, kind: DayKind, expected: tuple[date, date]) -> None:
    assert CAL.notice_period(first, days, kind) == expected


def test_notice_period_needs_a_day() -> None:
    with pytest.raises(UserError):
        CAL.notice_period(D(2025, 3, 11), 0, DayKind.CALENDAR)


def test_day_kind_labels() -> None:
    assert DayKind.WORKING.label == "工作日"
    assert DayKind.CALENDAR.label == "自然日"
    assert DayKind("working") is DayKind.WORKING


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(2025, 3, 11), "2025年3月11日"),
        (D(2026, 10, 1), "2026年10月1日"),
        (D(2025, 12, 31), "2025年12月31日"),
    ],
)
def test_format_cn(day: date, text: str) -> None:
    assert format_cn(day) == text


def test_same_day_as_holiday_and_workday_rejected() -> None:
    with pytest.raises(UserError, match="2025年1月26日"):
        WorkCalendar(holidays=[D(2025, 1, 26)], workdays=[D(2025, 1, 26)])


def test_custom_calendar() -> None:
    cal = WorkCalendar(holidays=[D(2025, 3, 10)], workdays=[D(2025, 3, 8)])
    # Fri 3/7 -> Sat 3/8 (worked, 1), Mon 3/10 off, Tue 3/11 (2)
    assert cal.add_working_days(D(2025, 3, 7), 2) == D(2025, 3, 11)


def test_default_table_counts() -> None:
    holidays, workdays = holidays_and_workdays(DEFAULT_TABLE)
    # 2025: 1 + 8 + 3 + 5 + 3 + 8 = 28 days off; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33
    assert len([d for d in holidays if d.year == 2025]) == 28
    assert len([d for d in holidays if d.year == 2026]) == 33
    assert sorted(d for d in workdays if d.year == 2025) == [
        D(2025, 1, 26),
        D(2025, 2, 8),
        D(2025, 4, 27),
        D(2025, 9, 28),
        D(2025, 10, 11),
    ]
    assert sorted(d for d in workdays if d.year == 2026) == [
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ]
    assert all(d.weekday() >= 5 for d in workdays)  # make-up days are always weekend days
    assert not holidays & workdays


def test_holiday_names_and_kinds() -> None:
    rows = {(d, kind): name for d, kind, name in DEFAULT_TABLE}
    assert rows[(D(2025, 10, 6), "holiday")] == "国庆节、中秋节"
    assert rows[(D(2026, 2, 14), "workday")] == "春节"
    assert {kind for _d, kind, _n in DEFAULT_TABLE} == {"holiday", "workday"}


def test_holidays_and_workdays_rejects_bad_kind() -> None:
    with pytest.raises(ValueError):
        holidays_and_workdays([(D(2025, 1, 1), "vacation", "元旦")])
