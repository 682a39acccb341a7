"""The report reads: the county's figures refuse a cadre; the township statistics show his village only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.documents.reports import TownshipStats
from app.services.reports import dashboard, monthly, stats, township, year
from tests.scoped_reads import ReadCase

COUNTY = "430623000000"


def whole_county(_result: Any) -> Iterable[str]:
    """County-wide figures: answering a cadre at all would show other villages' numbers."""
    return [COUNTY]


def stats_villages(result: TownshipStats) -> Iterable[str]:
    return (row.village_code for row in result.rows)


READS = [
    ReadCase(
        monthly.monthly, lambda uow, actor: monthly.monthly(uow, actor, "2026-11"), whole_county, "county"
    ),
    ReadCase(
        year.year_summary, lambda uow, actor: year.year_summary(uow, actor, 2026), whole_county, "county"
    ),
    ReadCase(dashboard.township_rows, dashboard.township_rows, whole_county, "county"),
    ReadCase(township.village_stats, township.village_stats, stats_villages, "station"),
    ReadCase(township.village_stats, township.village_stats, stats_villages, "county"),
    ReadCase(
        stats.stats,
        stats.stats,
        lambda _counts: (),
        "station",
        note="counts only, no rows: tests/db/test_services.py checks that a cadre's counts are his village's",
    ),
]
