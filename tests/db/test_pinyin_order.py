"""Lists of people follow pinyin order, as WPS and Excel sort names, not the characters' code points.

张 U+5F20, 李 U+674E, 赵 U+8D75, 阿 U+963F: by code point 张 李 赵 阿, by pinyin 阿 李 张 赵. Each test
gives four otherwise equal entries of a list those surnames (in code point order) and reads the list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import Role
from app.domain.names import sort_key
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, CaseState
from app.models.case import Case, Objection, Review
from app.models.db import Database, UnitOfWork
from app.models.household import Household
from app.services.cases import worklist
from app.services.context import Actor
from app.spreadsheets.registry_rows import ledger_rows
from tests.conftest import DEMO_TODAY

TOWNSHIP = "430623101000"
CLERK = Actor("clerk", "张丽（经办人）", Role.TOWNSHIP_CLERK, TOWNSHIP)
SURNAMES = ("张", "李", "赵", "阿")  # code point order
PINYIN = ["阿", "李", "张", "赵"]
CLOCK = ("program", "rule_mode", "state", "accepted_on", "state_since", "extended")


@pytest.fixture
def uow(demo_db: Database) -> Iterator[UnitOfWork]:
    with demo_db.uow("test") as unit:
        yield unit


def name_heads(session: Session, household_ids: Sequence[str]) -> None:
    """The four households' heads get the four surnames, in code point order."""
    for household_id, surname in zip(household_ids, SURNAMES, strict=True):
        household = session.get(Household, household_id)
        assert household is not None
        household.head_name = f"{surname}某某"
    session.flush()


def same_clock(session: Session, cases: Sequence[Case], **values: object) -> None:
    """Give the cases the first one's time limits (same state since the same day), so only names differ."""
    first = cases[0]
    for case in cases:
        for key in CLOCK:
            setattr(case, key, values.get(key, getattr(first, key)))
    session.flush()


def surnames(names: Sequence[str]) -> list[str]:
    return [n[0] for n in names if n.endswith("某某")]


def test_equally_urgent_open_cases_by_pinyin(uow: UnitOfWork) -> None:
    session = uow.session
    states = [s.value for s in PRE_DECISION_STATES]
    cases = (
        session.execute(select(Case).where(Case.state.in_(states)).order_by(Case.id).limit(4)).scalars().all()
    )
    same_clock(session, cases)
    name_heads(session, [c.household_id for c in cases])
    assert surnames([c.head_name for c in worklist.open_cases(uow, CLERK)]) == PINYIN
    shown = worklist.all_cases(uow, CLERK, state=cases[0].state)
    assert surnames([c.head_name for c in shown]) == PINYIN


def test_reviews_due_the_same_day_by_pinyin(uow: UnitOfWork) -> None:
    session = uow.session
    states = [s.value for s in BENEFIT_STATES]
    found = session.execute(
        select(Review, Case)
        .join(Case, Case.id == Review.case_id)
        .where(Review.done_on.is_(None), Case.state.in_(states))
        .order_by(Review.id)
        .limit(4)
    ).all()
    assert len(found) == 4
    for review, _case in found:
        review.due_on = DEMO_TODAY + timedelta(days=5)
    name_heads(session, [case.household_id for _review, case in found])
    assert surnames([r.head_name for r in worklist.reviews_due(uow, CLERK)]) == PINYIN


def test_a_running_notice_lists_its_households_by_pinyin(uow: UnitOfWork) -> None:
    session = uow.session
    states = [s.value for s in PRE_DECISION_STATES]
    cases = (
        session.execute(select(Case).where(Case.state.in_(states)).order_by(Case.id).limit(4)).scalars().all()
    )
    same_clock(session, cases, state=CaseState.NOTICE.value, state_since=DEMO_TODAY - timedelta(days=2))
    village = session.get(Household, cases[0].household_id)
    assert village is not None
    for case in cases:
        household = session.get(Household, case.household_id)
        assert household is not None
        household.village_code = village.village_code
    name_heads(session, [c.household_id for c in cases])
    line = next(n for n in worklist.running_notices(uow, CLERK) if cases[0].id in n.case_ids)
    assert surnames(line.heads) == PINYIN
    assert [line.heads[line.case_ids.index(c.id)][0] for c in cases] == list(SURNAMES)  # ids follow names


def test_objections_received_the_same_day_by_pinyin(uow: UnitOfWork) -> None:
    session = uow.session
    cases = session.execute(select(Case).order_by(Case.id).limit(4)).scalars().all()
    for case in cases:
        session.add(
            Objection(case_id=case.id, received_on=date(2020, 1, 2), channel="来电", content="有异议")
        )
    name_heads(session, [c.household_id for c in cases])
    found = [o for o in worklist.open_objections(uow, CLERK) if o.received_on == date(2020, 1, 2)]
    assert [o.head_name[0] for o in found] == PINYIN


def test_the_ledger_export_lists_each_village_by_pinyin(uow: UnitOfWork) -> None:
    session = uow.session
    village = session.execute(
        select(Household.village_code).where(Household.village_code.startswith("430623101")).limit(1)
    ).scalar_one()
    households = session.execute(
        select(Household.id).where(Household.village_code == village).order_by(Household.id).limit(4)
    ).scalars()
    name_heads(session, list(households))
    rows = ledger_rows(session, lambda code: code.startswith("430623101"), village)
    heads = [r.head_name for r in rows]
    assert surnames(heads) == PINYIN
    assert heads == sorted(heads, key=sort_key)
