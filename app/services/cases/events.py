"""The case history: every step is an appended event with its actor, date, legal basis and reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.models.case import Case, CaseEvent
from app.services.context import Actor


def append_event(
    session: Session,
    case: Case,
    action: str,
    source: str,
    target: str,
    on: date,
    actor: Actor,
    basis: str,
    reason: str,
) -> CaseEvent:
    seq = (
        session.execute(
            select(func.coalesce(func.max(CaseEvent.seq), 0)).where(CaseEvent.case_id == case.id)
        ).scalar_one()
        + 1
    )
    event = CaseEvent(
        case_id=case.id,
        seq=seq,
        action=action,
        from_state=source,
        to_state=target,
        on_date=on,
        at=clock.now(),
        actor=actor.username,
        legal_basis=basis,
        reason=reason,
    )
    session.add(event)
    return event
