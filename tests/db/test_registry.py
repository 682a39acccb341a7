"""The registry service against the demo station: search, filters, latest case, paging, scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied, UserError
from app.models.case import Case
from app.models.db import Database
from app.models.household import Household, Person
from app.services.households import registry
from app.services.households.registry import RegistryFilter as F

TOWNSHIP = "430623101000"


@pytest.fixture
def session(demo_db: Database) -> Iterator[Session]:
    with demo_db.uow("test") as uow:
        yield uow.session


def everything(session: Session, flt: F, order: str = "village", scope: str | None = TOWNSHIP) -> list[str]:
    return [row.household_id for row in registry.page(session, flt, 0, 10_000, order, scope)]


def households_of(session: Session, condition: object) -> set[str]:
    return set(session.execute(select(Person.household_id).where(condition)).scalars())  # type: ignore[arg-type]


@pytest.fixture
def member(session: Session) -> Person:
    """A member who is not the head, so that a match must come through the members."""
    people = session.execute(select(Person).where(Person.relation_code.not_in(("01", "02")))).scalars()
    return next(p for p in people if len(p.name) == 3)


def test_every_household_once_in_village_order(session: Session) -> None:
    rows = registry.page(session, F(), 0, 1000, scope=TOWNSHIP)
    assert len(rows) == registry.count(session, F(), TOWNSHIP) == 120
    assert len({r.household_id for r in rows}) == 120
    keys = [(r.village_code, r.head_name, r.household_id) for r in rows]
    assert keys == sorted(keys)
    assert all(r.head_id_number and r.members >= 1 and r.village for r in rows)


def test_pages_join_up(session: Session) -> None:
    whole = everything(session, F())
    pieces = [r.household_id for offset in range(0, 120, 25) for r in registry.page(session, F(), offset, 25)]
    assert pieces == whole
    assert registry.page(session, F(), 500, 25) == []


@pytest.mark.parametrize("order", ["head", "-head", "-village"])
def test_other_orders(session: Session, order: str) -> None:
    rows = registry.page(session, F(), 0, 1000, order, TOWNSHIP)
    key = (lambda r: (r.head_name, r.household_id)) if "head" in order else lambda r: r.village_code
    assert [key(r) for r in rows] == sorted(map(key, rows), reverse=order.startswith("-"))
    with pytest.raises(ValueError):
        registry.page(session, F(), 0, 10, "amount")


def test_pinyin_initials_and_full_pinyin_find_members(session: Session, member: Person) -> None:
    for text in (
        member.name_initials,
        member.name_initials.upper(),
        member.name_pinyin[:5],
        member.name_pinyin,
    ):
        found = everything(session, F(text=text))
        assert member.household_id in found, text
        expected = households_of(
            session,
            Person.name_initials.startswith(text.lower()) | Person.name_pinyin.startswith(text.lower()),
        )
        assert set(found) == expected


def test_chinese_text_matches_any_part_of_a_name(session: Session, member: Person) -> None:
    for text in (member.name, member.name[1:], f" {member.name[:2]} "):
        found = everything(session, F(text=text))
        assert set(found) == households_of(session, Person.name.contains(text.strip())), text
        assert member.household_id in found


def test_id_number_fragments(session: Session, member: Person) -> None:
    fragment = member.id_number[10:16]
    found = everything(session, F(text=fragment))
    assert set(found) == households_of(session, Person.id_number.contains(fragment))
    assert member.household_id in everything(session, F(text=member.id_number.lower()))
    short = member.id_number[:3]  # under 4 characters: the start of the number only
    assert set(everything(session, F(text=short))) == households_of(
        session, Person.id_number.startswith(short)
    )


def test_like_wildcards_are_literal(session: Session) -> None:
    assert everything(session, F(text="张%")) == []
    assert everything(session, F(text="_")) == []


def latest_cases(session: Session) -> dict[str, Case]:
    latest: dict[str, Case] = {}
    for case in session.execute(select(Case).order_by(Case.applied_on, Case.id)).scalars():
        latest[case.household_id] = case
    return latest


@pytest.mark.parametrize(
    "flt",
    [F(state="active"), F(state="investigating"), F(program="tekun"), F(program="dibao", state="stopped")],
)
def test_programme_and_state_filters_use_the_latest_case(session: Session, flt: F) -> None:
    expected = {
        h
        for h, c in latest_cases(session).items()
        if (flt.program is None or c.program == flt.program) and (flt.state is None or c.state == flt.state)
    }
    assert expected
    assert set(everything(session, flt)) == expected
    assert registry.count(session, flt, TOWNSHIP) == len(expected)


def test_a_newer_case_decides_the_state(session: Session) -> None:
    household_id, old = next(iter(latest_cases(session).items()))
    newer = Case(
        case_number="430623101-2026-999999",
        household_id=household_id,
        applicant_id=old.applicant_id,
        program="linshi",
        state="investigating",
        rule_mode=old.rule_mode,
        applied_on=date(2030, 1, 1),
        state_since=date(2030, 1, 1),
    )
    session.add(newer)
    session.flush()
    assert household_id in everything(session, F(state="investigating"))
    assert household_id not in everything(session, F(state=old.state, program=old.program))
    row = next(
        r for r in registry.page(session, F(state="investigating"), 0, 500) if r.household_id == household_id
    )
    assert (row.program_label, row.state_label) == ("临时救助", "调查核实")


def test_village_filter_and_village_scope(session: Session) -> None:
    villages = registry.villages(session, TOWNSHIP)
    assert len(villages) >= 2
    code, _name = villages[0]
    in_village = set(session.execute(select(Household.id).where(Household.village_code == code)).scalars())
    assert set(everything(session, F(village_code=code))) == in_village
    assert set(everything(session, F(), scope=code)) == in_village
    assert registry.count(session, F(), code) == len(in_village)
    assert registry.villages(session, code) == [villages[0]]
    other = villages[1][0]
    assert everything(session, F(village_code=other), scope=code) == []


def test_few_and_many_candidates_give_the_same_answer(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    filters = [F(text="z"), F(text="4306"), F(state="active"), F(text="l", program="dibao")]
    listed = {f: everything(session, f) for f in filters}
    counted = {f: registry.count(session, f, TOWNSHIP) for f in filters}
    monkeypatch.setattr(registry, "PROBE_LIMIT", 0)  # every filter now walks the households instead
    for f in filters:
        assert everything(session, f) == listed[f], f
        assert registry.count(session, f, TOWNSHIP) == counted[f] == len(listed[f]), f


def test_detail(session: Session, member: Person) -> None:
    detail = registry.detail(session, member.household_id, TOWNSHIP)
    assert member.name in [m.name for m in detail.members]
    assert detail.cases and detail.village
    household = session.get(Household, member.household_id)
    assert household is not None
    other_village = next(code for code, _ in registry.villages(session) if code != household.village_code)
    with pytest.raises(PermissionDenied):
        registry.detail(session, member.household_id, other_village)
    with pytest.raises(UserError):
        registry.detail(session, "no-such-household", TOWNSHIP)


def test_a_cancelled_query_stops(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_PROGRESS_STEPS", 1)
    with pytest.raises(registry.QueryCancelled), registry.interruptible(session, lambda: True):
        registry.count(session, F(text="zhang"), TOWNSHIP)
    assert registry.count(session, F(), TOWNSHIP) == 120  # the session is still usable
