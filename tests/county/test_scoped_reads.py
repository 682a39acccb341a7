"""The county's reads, called as a village cadre: refused, or scoped to the village (tests/scoped_reads)."""

from __future__ import annotations

import pytest

from app.models.db import Database
from tests.scoped_reads import ReadCase, all_reads, run_read


@pytest.mark.parametrize("case", [c for c in all_reads() if c.where == "county"], ids=lambda c: c.name)
def test_a_county_read_shows_a_cadre_only_his_village(demo_county: Database, case: ReadCase) -> None:
    run_read(demo_county, case)
