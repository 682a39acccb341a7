"""本乡镇统计: benefits being paid, by village and category (households, persons, monthly amount), in SQL.

Read within the actor's area; saved as xlsx through ``export_village_stats``, which audits the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app import clock
from app.documents.reports import TownshipStats, VillageRow, category_key
from app.domain.codes import Program
from app.domain.payments import category
from app.domain.workflow import BENEFIT_STATES
from app.models import tracking
from app.models.area import Area
from app.models.case import Benefit, BenefitMember
from app.models.db import UnitOfWork
from app.models.household import Household
from app.services.context import Actor, query
from app.services.county_office import in_area
from app.services.setup import installation


@dataclass(frozen=True)
class SavedStats:
    """Where the statistics were saved and what they count."""

    path: Path
    households: int
    persons: int
    monthly_fen: int


def _category(program: str, urban_rural: str) -> str:
    if program in (Program.DIBAO.value, Program.TEKUN.value):
        return category(program, urban_rural)
    try:
        return Program(program).label
    except ValueError:
        return program


@query
def village_stats(uow: UnitOfWork, actor: Actor) -> TownshipStats:
    """Households, covered persons and the monthly amount of the benefits being paid, by village and category.

    Scoped to the actor's area (a village cadre sees their own village). Grouped in SQL by village,
    programme and urban/rural; the category label is put together here. Counted as of today.
    """
    session = uow.session
    inst = installation.require(session)
    persons = (
        select(BenefitMember.benefit_id, func.count().label("n"))
        .group_by(BenefitMember.benefit_id)
        .subquery()
    )
    query = (
        select(
            Household.village_code,
            Benefit.program,
            Household.urban_rural,
            func.count(func.distinct(Benefit.household_id)),
            func.coalesce(func.sum(persons.c.n), 0),
            func.coalesce(func.sum(Benefit.monthly_fen), 0),
        )
        .select_from(Benefit)
        .join(Household, Household.id == Benefit.household_id)
        .outerjoin(persons, persons.c.benefit_id == Benefit.id)
        .where(
            Benefit.status.in_([s.value for s in BENEFIT_STATES]),
            in_area(Household.village_code, actor),
        )
        .group_by(Household.village_code, Benefit.program, Household.urban_rural)
    )
    merged: dict[tuple[str, str], list[int]] = {}
    for village_code, program, urban_rural, households, people, fen in session.execute(query):
        acc = merged.setdefault((village_code, _category(program, urban_rural)), [0, 0, 0])
        acc[0] += int(households)
        acc[1] += int(people or 0)
        acc[2] += int(fen or 0)
    codes = sorted({code for code, _cat in merged})
    names = (
        dict(session.execute(select(Area.code, Area.name).where(Area.code.in_(codes))).all()) if codes else {}
    )
    rows = [
        VillageRow(code, names.get(code, code), cat, *merged[(code, cat)])
        for code, cat in sorted(merged, key=lambda k: (k[0], category_key(k[1])))
    ]
    return TownshipStats(inst.name, clock.today(), rows)


def export_village_stats(uow: UnitOfWork, actor: Actor, out: Path) -> SavedStats:
    """Count again (the files may have changed) and save the xlsx; the export is audited.

    The audit names who, when, the file, how many households and persons, and the area counted.
    """
    from app.spreadsheets.village_stats import write_village_stats

    stats = village_stats(uow, actor)
    path = write_village_stats(Path(out), stats)
    tracking.record_bulk(
        uow.session,
        actor=actor.username,
        action="export",
        table="household",
        summary={
            "file": path.name,
            "folder": str(path.resolve().parent),
            "kind": "本乡镇统计",
            "households": stats.households,
            "persons": stats.persons,
            "area": actor.area_code,
        },
    )
    return SavedStats(path, stats.households, stats.persons, stats.monthly_fen)
