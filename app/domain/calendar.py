"""Working-day arithmetic over weekends, public holidays and make-up workdays (调休)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum

from app.errors import UserError

_ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """Whether a time limit counts working days or calendar days."""

    WORKING = "working"
    CALENDAR = "calendar"

    @property
    def label(self) -> str:
        return "工作日" if self is DayKind.WORKING else "自然日"


class WorkCalendar:
    """Mon–Fri are workdays unless listed as holidays; listed workdays (调休) are worked weekends."""

    def __init__(
        self,
        holidays: Iterable[date] = (),
        workdays: Iterable[date] = (),
        names: Mapping[date, str] | None = None,
    ) -> None:
        self.holidays: frozenset[date] = frozenset(holidays)
        self.workdays: frozenset[date] = frozenset(workdays)
        self.names: dict[date, str] = dict(names or {})  # the holiday's name, where the table gives one
        both = sorted(self.holidays & self.workdays)
        if both:
            raise UserError(
                f"{format_cn(both[0])}同时被设为节假日和调休工作日，请在节假日设置中更正",
                field="节假日",
            )

    @classmethod
    def default(cls) -> WorkCalendar:
        """Calendar built from the built-in 2025–2026 table (``app.domain.holidays``)."""
        from app.domain.holidays import DEFAULT_TABLE, holidays_and_workdays

        holidays, workdays = holidays_and_workdays(DEFAULT_TABLE)
        return cls(holidays, workdays, {day: name for day, kind, name in DEFAULT_TABLE if kind == "holiday"})

    def is_workday(self, d: date) -> bool:
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def next_workday(self, d: date) -> date:
        """``d`` itself if it is a workday, else the first workday after it."""
        while not self.is_workday(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` not counted).

        ``n == 0`` gives ``next_workday(start)``; a negative ``n`` counts backwards.
        """
        if n == 0:
            return self.next_workday(start)
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        d = start
        left = abs(n)
        while left:
            d += step
            if self.is_workday(d):
                left -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``; negative if ``end < start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start + _ONE_DAY
        while d <= end:
            if self.is_workday(d):
                count += 1
            d += _ONE_DAY
        return count

    def deadline(self, start: date, n: int, kind: DayKind) -> date:
        """Last day of a limit of ``n`` days counted from ``start`` (``start`` not counted)."""
        if kind is DayKind.CALENDAR:
            return start + timedelta(days=n)
        return self.add_working_days(start, n)

    def remaining(self, today: date, due: date, kind: DayKind) -> int:
        """Days left until ``due``: 0 on the due day, negative once overdue.

        In working days, a day past the due date is at least one day overdue even if it is a
        weekend or holiday.
        """
        if kind is DayKind.CALENDAR:
            return (due - today).days
        left = self.working_days_between(today, due)
        if today > due:
            return min(left, -1)
        return left

    def notice_period(self, first_day: date, days: int, kind: DayKind) -> tuple[date, date]:
        """Inclusive (first, last) days of a 公示 lasting ``days`` days.

        Calendar days: ``(first_day, first_day + days - 1)``. Working days: the first day moves
        to the next workday and the period ends on the ``days``-th workday counting the first.
        """
        if days < 1:
            raise UserError("公示天数至少为1天", field="公示天数")
        if kind is DayKind.CALENDAR:
            return first_day, first_day + timedelta(days=days - 1)
        first = self.next_workday(first_day)
        return first, self.add_working_days(first, days - 1)

    def day_off(self, d: date) -> str:
        """Empty on a working day; else what the day is: the holiday's name, or 周六 / 周日."""
        if self.is_workday(d):
            return ""
        if d in self.holidays and self.names.get(d):
            return self.names[d]
        return weekday_cn(d)


WEEKDAYS_CN = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def weekday_cn(d: date) -> str:
    """``周一`` … ``周日``."""
    return WEEKDAYS_CN[d.weekday()]


def format_cn(d: date) -> str:
    """Chinese long date without zero padding, e.g. ``2025年3月11日``."""
    return f"{d.year}年{d.month}月{d.day}日"
