"""The intake's and the ledger import's reads, called as a village cadre (who takes no applications)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from app.domain.codes import Program
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services.context import Actor
from app.services.intake import ledger, window
from app.services.intake.window import Lookup
from tests.conftest import DEMO_TODAY
from tests.scoped_reads import ReadCase
from tests.spreadsheets.ledgers import messy_ledger


def person_elsewhere(uow: UnitOfWork, actor: Actor) -> Person:
    """Someone on file outside the actor's village."""
    return uow.session.execute(
        select(Person)
        .join(Household, Household.id == Person.household_id)
        .where(Household.village_code != actor.area_code)
        .order_by(Person.id)
        .limit(1)
    ).scalar_one()


def looked_up(found: Lookup) -> list[str]:
    return [found.known.village_code] if found.known is not None else []


def guessed(uow: UnitOfWork, actor: Actor) -> ledger.LedgerGuess:
    return ledger.guess_columns(uow, actor, messy_ledger(Path(tempfile.mkdtemp()) / "台账.xlsx"))


READS = [
    ReadCase(
        window.lookup_applicant,
        lambda uow, actor: window.lookup_applicant(uow, actor, person_elsewhere(uow, actor).id_number),
        looked_up,
    ),
    ReadCase(window.intake_basis, window.intake_basis, lambda basis: [code for code, _ in basis.villages]),
    ReadCase(
        window.estimate_on_file,
        lambda uow, actor: window.estimate_on_file(
            uow, actor, person_elsewhere(uow, actor).household_id, Program.DIBAO, DEMO_TODAY
        ),
        lambda _estimate: ["999999999999"],
        note="an estimate of a household elsewhere must be refused",
    ),
    ReadCase(
        ledger.remembered_mapping, ledger.remembered_mapping, lambda _mapping: [], note="no personal data"
    ),
    ReadCase(ledger.guess_columns, guessed, lambda _guess: [], note="the clerk's own file; no database rows"),
]
