"""Default table of China's public holidays and make-up workdays (调休) for 2025 and 2026.

This is only the seed data: the live table is stored in the database and edited under
settings (系统设置 → 节假日). The State Council publishes the next year's schedule each
November (国务院办公厅关于××年部分节假日安排的通知); the table must be extended every
year, otherwise working-day deadlines after the last listed year ignore public holidays.

Sources: 国办发明电〔2024〕12号 (2025 schedule); 国务院办公厅 notice of 2025-11-04 (2026 schedule).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

HOLIDAY = "holiday"
WORKDAY = "workday"

Row = tuple[date, str, str]


def _span(first: date, last: date, name: str) -> list[Row]:
    """Every day from ``first`` to ``last`` inclusive as holiday rows."""
    days = (last - first).days + 1
    return [(first + timedelta(days=i), HOLIDAY, name) for i in range(days)]


def _work(name: str, *days: date) -> list[Row]:
    return [(d, WORKDAY, name) for d in days]


def _build() -> tuple[Row, ...]:
    d = date
    rows: list[Row] = [
        # 2025
        *_span(d(2025, 1, 1), d(2025, 1, 1), "元旦"),
        *_span(d(2025, 1, 28), d(2025, 2, 4), "春节"),
        *_work("春节", d(2025, 1, 26), d(2025, 2, 8)),
        *_span(d(2025, 4, 4), d(2025, 4, 6), "清明节"),
        *_span(d(2025, 5, 1), d(2025, 5, 5), "劳动节"),
        *_work("劳动节", d(2025, 4, 27)),
        *_span(d(2025, 5, 31), d(2025, 6, 2), "端午节"),
        *_span(d(2025, 10, 1), d(2025, 10, 8), "国庆节、中秋节"),
        *_work("国庆节、中秋节", d(2025, 9, 28), d(2025, 10, 11)),
        # 2026
        *_span(d(2026, 1, 1), d(2026, 1, 3), "元旦"),
        *_work("元旦", d(2026, 1, 4)),
        *_span(d(2026, 2, 15), d(2026, 2, 23), "春节"),
        *_work("春节", d(2026, 2, 14), d(2026, 2, 28)),
        *_span(d(2026, 4, 4), d(2026, 4, 6), "清明节"),
        *_span(d(2026, 5, 1), d(2026, 5, 5), "劳动节"),
        *_work("劳动节", d(2026, 5, 9)),
        *_span(d(2026, 6, 19), d(2026, 6, 21), "端午节"),
        *_span(d(2026, 9, 25), d(2026, 9, 27), "中秋节"),
        *_span(d(2026, 10, 1), d(2026, 10, 7), "国庆节"),
        *_work("国庆节", d(2026, 9, 20), d(2026, 10, 10)),
    ]
    return tuple(sorted(rows))


DEFAULT_TABLE: tuple[Row, ...] = _build()
"""(date, kind, name) rows; kind is ``"holiday"`` (day off) or ``"workday"`` (调休 weekend worked)."""


def holidays_and_workdays(table: Iterable[Row]) -> tuple[set[date], set[date]]:
    """Split a holiday table into (days off, make-up workdays).

    Raises:
        ValueError: a row's kind is neither ``"holiday"`` nor ``"workday"``.
    """
    holidays: set[date] = set()
    workdays: set[date] = set()
    for day, kind, _name in table:
        if kind == HOLIDAY:
            holidays.add(day)
        elif kind == WORKDAY:
            workdays.add(day)
        else:
            raise ValueError(f"unknown holiday kind {kind!r} for {day}")
    return holidays, workdays
