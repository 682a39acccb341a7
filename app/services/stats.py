"""Counts of the registry for `jiuzhu stats` and the dashboard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.workflow import BENEFIT_STATES, CaseState
from app.models.case import Benefit, Case
from app.models.household import Household, Person


def stats(session: Session) -> dict[str, Any]:
    """Households, persons, active benefits, and cases by state (every state listed, zeros too)."""
    households = session.execute(select(func.count()).select_from(Household)).scalar_one()
    persons = session.execute(select(func.count()).select_from(Person)).scalar_one()
    active = session.execute(
        select(func.count()).select_from(Benefit).where(Benefit.status.in_([s.value for s in BENEFIT_STATES]))
    ).scalar_one()
    by_state: dict[str, int] = {
        k: v for k, v in session.execute(select(Case.state, func.count()).group_by(Case.state))
    }
    cases = {state.value: int(by_state.pop(state.value, 0)) for state in CaseState}
    cases.update({k: int(v) for k, v in by_state.items()})
    by_program = {k: v for k, v in session.execute(select(Case.program, func.count()).group_by(Case.program))}

    monthly = session.execute(
        select(func.coalesce(func.sum(Benefit.monthly_fen), 0)).where(
            Benefit.status.in_([s.value for s in BENEFIT_STATES])
        )
    ).scalar_one()
    return {
        "households": int(households),
        "persons": int(persons),
        "active_benefits": int(active),
        "monthly_amount_fen": int(monthly),
        "cases": cases,
        "programs": {k: int(v) for k, v in by_program.items()},
    }
