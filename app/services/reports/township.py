"""本乡镇统计: benefits being paid, by village and category (households, persons, monthly amount), in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app import clock
from app.domain.areas import scope_prefix
from app.domain.codes import Program
from app.domain.workflow import BENEFIT_STATES
from app.models.area import Area
from app.models.case import Benefit, BenefitMember
from app.models.household import Household
from app.services.context import Actor
from app.services.payments.rules import category
from app.services.setup import installation

CATEGORY_ORDER = ("城市低保", "农村低保", "特困供养")


@dataclass(frozen=True)
class VillageRow:
    village_code: str
    village: str
    category: str  # 城市低保 / 农村低保 / 特困供养
    households: int
    persons: int  # covered persons (保障人数)
    monthly_fen: int


@dataclass
class TownshipStats:
    """The benefits being paid inside the actor's area on ``on``, one row per village and category."""

    unit: str  # the installation's name (a township, or the county)
    on: date
    rows: list[VillageRow] = field(default_factory=list)

    @property
    def households(self) -> int:
        return sum(r.households for r in self.rows)

    @property
    def persons(self) -> int:
        return sum(r.persons for r in self.rows)

    @property
    def monthly_fen(self) -> int:
        return sum(r.monthly_fen for r in self.rows)

    def by_category(self) -> list[tuple[str, int, int, int]]:
        """(category, households, persons, fen) over all villages, in the usual order."""
        sums: dict[str, list[int]] = {}
        for r in self.rows:
            acc = sums.setdefault(r.category, [0, 0, 0])
            acc[0] += r.households
            acc[1] += r.persons
            acc[2] += r.monthly_fen
        return [(c, sums[c][0], sums[c][1], sums[c][2]) for c in sorted(sums, key=_category_key)]


def _category_key(name: str) -> tuple[int, str]:
    return (CATEGORY_ORDER.index(name) if name in CATEGORY_ORDER else len(CATEGORY_ORDER), name)


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
        for code, cat in sorted(merged, key=lambda k: (k[0], _category_key(k[1])))
    ]
    return TownshipStats(inst.name, on or clock.today(), rows)
