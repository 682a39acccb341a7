"""本乡镇统计: benefits being paid, by village and category (households, persons, monthly amount), in SQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app import clock
from app.documents.reports import TownshipStats, VillageRow, category_key
from app.domain.areas import scope_prefix
from app.domain.codes import Program
from app.domain.workflow import BENEFIT_STATES
from app.models.area import Area
from app.models.case import Benefit, BenefitMember
from app.models.household import Household
from app.services.context import Actor
from app.services.payments.rules import category
from app.services.setup import installation


def _category(program: str, urban_rural: str) -> str:
    if program in (Program.DIBAO.value, Program.TEKUN.value):
        return category(program, urban_rural)
    try:
        return Program(program).label
    except ValueError:
        return program


def village_stats(session: Session, actor: Actor, on: date | None = None) -> TownshipStats:
    """Households, covered persons and the monthly amount of the benefits being paid, by village and category.

    Scoped to the actor's area (a village cadre sees their own village). Grouped in SQL by village,
    programme and urban/rural; the category label is put together here.
    """
    inst = installation.require(session)
    prefix = scope_prefix(actor.area_code)
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
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
            and_(Household.village_code >= prefix, Household.village_code < upper),
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
    return TownshipStats(inst.name, on or clock.today(), rows)
