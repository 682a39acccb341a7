"""The matching queue read by a cadre: flags are made in several villages first, he sees his own only."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select

from app.models.base import utcnow
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.matching import MatchFlag, MatchList
from app.services.context import Actor
from app.services.matching import queue
from app.services.matching.queue import FlagLine
from tests.scoped_reads import ReadCase

VILLAGES = 12  # flags in this many villages, the cadre's among them


def flags_in_many_villages(uow: UnitOfWork, cadre: Actor) -> None:
    """One open vehicle flag for a person of each of the first villages (and of the cadre's)."""
    session = uow.session
    people = session.execute(
        select(Person.id, Person.id_number, Household.id, Household.village_code)
        .join(Household, Household.id == Person.household_id)
        .order_by(Household.village_code, Person.id)
    ).all()
    first: dict[str, tuple[str, str, str]] = {}
    for person_id, number, household_id, village in people:
        first.setdefault(village, (person_id, number, household_id))
    chosen = sorted(first)[:VILLAGES] + [v for v in first if cadre.covers(v)][:1]
    batch = MatchList(kind="vehicle", file_name="vehicles.xlsx", imported_by="county", imported_at=utcnow())
    session.add(batch)
    session.flush()
    for row_no, village in enumerate(chosen, start=2):
        person_id, number, household_id = first[village]
        session.add(
            MatchFlag(
                list_id=batch.id,
                kind="vehicle",
                id_number=number,
                row_no=row_no,
                row_data=json.dumps({"号牌": f"湘F{row_no:05d}"}, ensure_ascii=False),
                person_id=person_id,
                household_id=household_id,
                reason="车辆登记信息显示名下登记有机动车",
            )
        )
    session.flush()


def seeded_queue(uow: UnitOfWork, cadre: Actor) -> list[FlagLine]:
    flags_in_many_villages(uow, cadre)  # never committed: the read's unit of work rolls it back
    return queue.flag_lines(uow, cadre)


def villages(lines: list[FlagLine]) -> Iterable[str]:
    return (line.village_code for line in lines)


READS = [ReadCase(queue.flag_lines, seeded_queue, villages, "county")]
