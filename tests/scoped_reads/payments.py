"""The payment reads: the county's staff only (a run covers the whole county), so a cadre is refused."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.services.payments import runs, view
from tests.scoped_reads import ReadCase

MONTH = "2026-11"
COUNTY = "430623000000"


def whole_county(_result: Any) -> Iterable[str]:
    """A run, its lines and its roster are the county's: answering a cadre at all would show them."""
    return [COUNTY]


READS = [
    ReadCase(runs.roster, lambda uow, actor: runs.roster(uow, actor, MONTH), whole_county, "county"),
    ReadCase(view.run_view, lambda uow, actor: view.run_view(uow, actor, MONTH), whole_county, "county"),
    ReadCase(
        view.run_lines, lambda uow, actor: view.run_lines(uow, actor, MONTH, 0, 50), whole_county, "county"
    ),
    ReadCase(view.run_page, lambda uow, actor: view.run_page(uow, actor, None, 50), whole_county, "county"),
]
