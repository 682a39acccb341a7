"""The household registry's and the household file's reads, called as a village cadre.

Reads that take a household are called with one outside the cadre's village: they must refuse.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select

from app.models.attachment import Attachment
from app.models.db import UnitOfWork
from app.models.household import Household
from app.paths import DataPaths
from app.services.context import Actor
from app.services.households import attachments, edit, registry, visits
from app.services.households.registry import RegistryFilter
from tests.scoped_reads import ReadCase

# What a count would show if it counted households of another village: a code outside every area.
ELSEWHERE = "999999999999"


def elsewhere(uow: UnitOfWork, actor: Actor) -> Household:
    """A household outside the actor's village (the caller "forgot" the scope and passes it)."""
    found = uow.session.execute(
        select(Household).where(Household.village_code != actor.area_code).order_by(Household.id).limit(1)
    ).scalar_one()
    return found


def other_village(uow: UnitOfWork, actor: Actor) -> str:
    return elsewhere(uow, actor).village_code


def codes(rows: Iterable[tuple[str, ...]]) -> list[str]:
    return [row[0] for row in rows]


def page_of_another_village(uow: UnitOfWork, actor: Actor) -> list[registry.RegistryRow]:
    flt = RegistryFilter(village_code=other_village(uow, actor))
    return registry.page(uow, actor, flt, 0, 10_000) + registry.page(uow, actor, RegistryFilter(), 0, 10_000)


def count_of_another_village(uow: UnitOfWork, actor: Actor) -> int:
    return registry.count(uow, actor, RegistryFilter(village_code=other_village(uow, actor)))


def scan_elsewhere(uow: UnitOfWork, actor: Actor) -> Path:
    """A scan of a household elsewhere (added in this uncommitted unit of work), opened by the cadre."""
    scan = Attachment(
        household_id=elsewhere(uow, actor).id,
        kind="授权书",
        filename="授权书.pdf",
        mime="application/pdf",
        size=3,
        sha256="0" * 64,
    )
    uow.session.add(scan)
    uow.session.flush()
    return attachments.copy_for_viewing(uow, actor, DataPaths(Path(tempfile.mkdtemp())), scan.id)


READS = [
    ReadCase(registry.page, page_of_another_village, lambda rows: [r.village_code for r in rows]),
    ReadCase(
        registry.page,
        page_of_another_village,
        lambda rows: [r.village_code for r in rows],
        where="county",
        note="the registry at the county master",
    ),
    ReadCase(registry.count, count_of_another_village, lambda n: [ELSEWHERE] * min(n, 1)),
    ReadCase(registry.villages, registry.villages, codes),
    ReadCase(registry.filter_areas, registry.filter_areas, codes),
    ReadCase(registry.filter_areas, registry.filter_areas, codes, where="county"),
    ReadCase(
        registry.detail,
        lambda uow, actor: registry.detail(uow, actor, elsewhere(uow, actor).id),
        lambda detail: [detail.village_code],
    ),
    ReadCase(
        edit.load,
        lambda uow, actor: edit.load(uow, actor, elsewhere(uow, actor).id),
        lambda file: [file.village_code],
    ),
    ReadCase(
        visits.household_visits,
        lambda uow, actor: visits.household_visits(uow, actor, elsewhere(uow, actor).id),
        lambda found: [found.village_code],
    ),
    ReadCase(
        attachments.for_household,
        lambda uow, actor: attachments.for_household(uow, actor, elsewhere(uow, actor).id),
        lambda scans: [ELSEWHERE] * min(len(scans), 1),
        note="any scan of a household elsewhere is shown outside the village",
    ),
    ReadCase(attachments.copy_for_viewing, scan_elsewhere, lambda copy: [ELSEWHERE]),
]
