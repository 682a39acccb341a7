"""The sync reads: the county's station registry and its queues (county staff only, within their area)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.paths import DataPaths
from app.services.sync import queues, stations, status
from app.services.sync.queues import OpenItems, Overview
from app.services.sync.stations import ProvisionForm, StationState, station_area
from app.sync.provision import StationInfo
from tests.scoped_reads import ReadCase


def _stations(rows: Iterable[StationInfo]) -> Iterable[str]:
    """A station's row speaks for its whole township: every village in it counts as shown."""
    return [station_area(row.code) for row in rows]


def _items(items: OpenItems) -> Iterable[str]:
    yield from (station_area(c.station) for c in items.conflicts)
    yield from (station_area(q.station) for q in items.quarantined)
    yield from (station_area(s) for d in items.duplicates for s in d.stations)


def _overview(overview: Overview) -> Iterable[str]:
    yield from _stations(row.info for row in overview.stations)
    yield from _items(overview.items)


def _choices(form: ProvisionForm) -> Iterable[str]:
    return [station_area(choice.code) for choice in form.townships]


def _board(rows: Iterable[StationState]) -> Iterable[str]:
    return _stations(row.info for row in rows)


NOWHERE = DataPaths(Path("/nonexistent/jiuzhu"))  # the form only asks whether the county has keys there

READS = [
    ReadCase(stations.list_stations, stations.list_stations, _stations, "county"),
    ReadCase(queues.review_items, queues.review_items, _items, "county"),
    ReadCase(
        queues.queue_counts,
        queues.queue_counts,
        lambda counts: [] if not (counts.quarantined or counts.conflicts or counts.duplicates) else ["*"],
        "county",
        note="counts only: any open item would be a township's, not the cadre's village",
    ),
    ReadCase(queues.overview, queues.overview, _overview, "county"),
    ReadCase(stations.station_board, stations.station_board, _board, "county"),
    ReadCase(
        stations.provision_form,
        lambda uow, actor: stations.provision_form(uow, actor, NOWHERE),
        _choices,
        "county",
    ),
    ReadCase(
        status.station_status,
        status.station_status,
        lambda _status: [],
        note="whether the station has joined, and counts: no household in it",
    ),
]
