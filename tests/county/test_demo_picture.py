"""The demo teaches the right picture: each township's 初审意见 signed by its own head, a handful of
overdue reviews (not hundreds, not years), and — at a realistic size — every state in every township."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text

from app import log
from app.demo.cases import MIX
from app.demo.run import run_demo
from app.domain.codes import Role
from app.models.case import Case, CaseEvent
from app.models.db import Database
from app.models.household import Household
from app.models.user import User
from app.paths import DataPaths
from app.services.setup.installation import initialise, open_database
from tests.county.conftest import TODAY

OVERDUE = """
SELECT count(*), coalesce(max(julianday(:today) - julianday(r.due_on)), 0) FROM review r
JOIN case_file c ON c.id = r.case_id WHERE r.done_on IS NULL AND r.due_on < :today
"""


def heads_and_signers(db: Database) -> tuple[dict[str, str], set[tuple[str, str]], set[tuple[str, str]]]:
    """Each township's head; (township, signer) of the opinions; (township, actor) of their events."""
    township = func.substr(Household.village_code, 1, 9)
    with db.uow("t") as uow:
        s = uow.session
        heads = {
            area[:9]: name
            for name, area in s.execute(
                select(User.username, User.area_code).where(User.role == Role.TOWNSHIP_HEAD.value)
            )
        }
        signed: set[tuple[str, str]] = set(
            (t, who)
            for t, who in s.execute(
                select(township, Case.opinion_by)
                .join(Case, Case.household_id == Household.id)
                .where(Case.opinion_by != "")
                .distinct()
            )
        )
        events: set[tuple[str, str]] = set(
            (t, who)
            for t, who in s.execute(
                select(township, CaseEvent.actor)
                .join(Case, Case.household_id == Household.id)
                .join(CaseEvent, CaseEvent.case_id == Case.id)
                .where(CaseEvent.action == "record_opinion")
                .distinct()
            )
        )
    return heads, signed, events


def test_each_townships_opinions_are_signed_by_its_own_head(demo_county: Database) -> None:
    heads, signed, events = heads_and_signers(demo_county)
    assert len(heads) == 14 and heads["430623101"] == "head"  # the shown account stays
    assert heads["430623207"] == "head_430623207"
    assert signed and signed == {(t, heads[t]) for t, _ in signed}
    assert events == {(t, heads[t]) for t, _ in events}
    assert len({who for _, who in signed}) > 5  # not one head for the whole county


def test_overdue_reviews_are_a_handful_and_recent(demo_county: Database) -> None:
    with demo_county.uow("t") as uow:
        overdue, days = uow.session.execute(text(OVERDUE), {"today": TODAY.isoformat()}).one()
    assert overdue <= 10 and days <= 90


def test_at_a_realistic_size_every_state_is_in_every_township(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "county")
    db = open_database(paths, create=True)
    try:
        initialise(db, kind="county", code="430623", admin_password="adminpass")
    finally:
        db.dispose()
    run_demo(paths, None, households=2 * len(MIX) * 14, seed=11, today=TODAY)
    log.shutdown()
    db = open_database(paths)
    try:
        with db.uow("t") as uow:
            found = uow.session.execute(
                select(func.substr(Household.village_code, 1, 9), Case.state)
                .join(Case, Case.household_id == Household.id)
                .distinct()
            ).all()
            overdue, days = uow.session.execute(text(OVERDUE), {"today": TODAY.isoformat()}).one()
    finally:
        db.dispose()
    states = {state for state, _, _, _ in MIX}
    by_township: dict[str, set[str]] = {}
    for township, state in found:
        by_township.setdefault(township, set()).add(state)
    assert len(by_township) == 14
    assert all(seen == {s.value for s in states} for seen in by_township.values())
    assert 0 < overdue <= 40 and days <= 90
