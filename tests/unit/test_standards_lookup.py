"""The standard in force for a household: latest date first, a township's own on the same date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.assessment import Standards

COUNTY = "430623000000"
TOWNSHIP = "430623101000"
VILLAGE = "430623101201"
OTHER_VILLAGE = "430623102201"


@dataclass
class Row:
    area_code: str
    amount_fen: int
    effective_from: date
    program: str = "dibao"
    urban_rural: str = "rural"
    unit: str = "month"


def test_a_township_standard_applies_only_inside_the_township() -> None:
    table = Standards([Row(COUNTY, 50000, date(2026, 1, 1)), Row(TOWNSHIP, 52000, date(2026, 1, 1))])
    assert table.monthly("dibao", "rural", date(2026, 6, 1), VILLAGE) == 52000
    assert table.monthly("dibao", "rural", date(2026, 6, 1), OTHER_VILLAGE) == 50000
    assert table.monthly("dibao", "rural", date(2025, 6, 1), VILLAGE) is None


def test_a_later_county_standard_supersedes_an_older_township_one() -> None:
    table = Standards([Row(TOWNSHIP, 52000, date(2026, 1, 1)), Row(COUNTY, 55000, date(2026, 7, 1))])
    assert table.monthly("dibao", "rural", date(2026, 6, 30), VILLAGE) == 52000
    assert table.monthly("dibao", "rural", date(2026, 7, 1), VILLAGE) == 55000


def test_tekun_falls_back_to_the_dibao_standard() -> None:
    table = Standards([Row(COUNTY, 50000, date(2026, 1, 1))])
    assert table.monthly("tekun", "rural", date(2026, 3, 1), VILLAGE) == 50000
    assert table.monthly("dibao", "urban", date(2026, 3, 1), VILLAGE) is None
