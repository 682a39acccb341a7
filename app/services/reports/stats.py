"""Counts of the registry for `jiuzhu stats` and the dashboard, within the actor's area."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.domain.areas import scope_prefix
from app.domain.workflow import BENEFIT_STATES, CaseState
from app.models.case import Benefit, Case
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services.context import Actor, query


@query
def stats(uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    """Households, persons, active benefits, and cases by state in the actor's area (zeros listed too)."""
    return counts(uow.session, actor.area_code)


def counts(session: Session, scope: str | None = None) -> dict[str, Any]:
    """What ``stats`` counts, within ``scope`` (a 12-digit area code) or, without one, everywhere.

    Not a use case: callers outside this package go through ``stats``, which derives the scope from
    the actor.
    """
    prefix = scope_prefix(scope) if scope else None
    in_scope = select(Household.id)
    if prefix:
        in_scope = in_scope.where(Household.village_code.like(f"{prefix}%"))

    def count(stmt: Select[Any]) -> int:
        return int(session.execute(stmt).scalar_one())

    active_states = [s.value for s in BENEFIT_STATES]
    households = count(select(func.count()).select_from(in_scope.subquery()))
    persons = count(select(func.count()).select_from(Person).where(Person.household_id.in_(in_scope)))
    active = count(
        select(func.count())
        .select_from(Benefit)
        .where(Benefit.status.in_(active_states), Benefit.household_id.in_(in_scope))
    )
    monthly = count(
        select(func.coalesce(func.sum(Benefit.monthly_fen), 0)).where(
            Benefit.status.in_(active_states), Benefit.household_id.in_(in_scope)
        )
    )
    scoped_cases = Case.household_id.in_(in_scope)
    by_state = dict(
        session.execute(select(Case.state, func.count()).where(scoped_cases).group_by(Case.state)).all()
    )
    cases = {state.value: int(by_state.pop(state.value, 0)) for state in CaseState}
    cases.update({k: int(v) for k, v in by_state.items()})
    by_program = session.execute(
        select(Case.program, func.count()).where(scoped_cases).group_by(Case.program)
    )
    return {
        "households": households,
        "persons": persons,
        "active_benefits": active,
        "monthly_amount_fen": monthly,
        "cases": cases,
        "programs": {k: int(v) for k, v in by_program},
    }
