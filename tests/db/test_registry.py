"""The registry service against the demo station: search, filters, latest case, paging, scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import Role
from app.domain.names import pinyin_key, sort_key
from app.errors import PermissionDenied, UserError
from app.models.case import Case
from app.models.db import Database, UnitOfWork
from app.models.household import Household, Person
from app.services.context import Actor
from app.services.households import registry
from app.services.households.registry import RegistryFilter as F

TOWNSHIP = "430623101000"
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, TOWNSHIP)


def in_area(code: str) -> Actor:
    """Someone whose area is ``code`` (a village cadre for a village, a clerk for a township)."""
    role = Role.VILLAGE_CADRE if not code.endswith("000") else Role.TOWNSHIP_CLERK
    return Actor("someone", "某人", role, code)


@pytest.fixture
def uow(demo_db: Database) -> Iterator[UnitOfWork]:
    with demo_db.uow("test") as unit:
        yield unit


@pytest.fixture
def session(uow: UnitOfWork) -> Session:
    return uow.session


def everything(uow: UnitOfWork, flt: F, order: str = "village", actor: Actor = CLERK) -> list[str]:
    return [row.household_id for row in registry.page(uow, actor, flt, 0, 10_000, order)]


def households_of(session: Session, condition: object) -> set[str]:
    return set(session.execute(select(Person.household_id).where(condition)).scalars())  # type: ignore[arg-type]


@pytest.fixture
def member(session: Session) -> Person:
    """A member who is not the head, so that a match must come through the members."""
    people = session.execute(select(Person).where(Person.relation_code.not_in(("01", "02")))).scalars()
    return next(p for p in people if len(p.name) == 3)


def test_every_household_once_in_village_order(uow: UnitOfWork) -> None:
    rows = registry.page(uow, CLERK, F(), 0, 1000)
    assert len(rows) == registry.count(uow, CLERK, F()) == 120
    assert len({r.household_id for r in rows}) == 120
    keys = [(r.village_code, *sort_key(r.head_name), r.household_id) for r in rows]
    assert keys == sorted(keys)
    assert all(r.head_id_number and r.members >= 1 and r.village for r in rows)


def test_pages_join_up(uow: UnitOfWork) -> None:
    whole = everything(uow, F())
    pieces = [
        r.household_id for offset in range(0, 120, 25) for r in registry.page(uow, CLERK, F(), offset, 25)
    ]
    assert pieces == whole
    assert registry.page(uow, CLERK, F(), 500, 25) == []


@pytest.mark.parametrize("order", ["head", "-head", "-village"])
def test_other_orders(uow: UnitOfWork, order: str) -> None:
    rows = registry.page(uow, CLERK, F(), 0, 1000, order)
    key = (
        (lambda r: (*sort_key(r.head_name), r.household_id)) if "head" in order else lambda r: r.village_code
    )
    assert [key(r) for r in rows] == sorted(map(key, rows), reverse=order.startswith("-"))
    with pytest.raises(ValueError):
        registry.page(uow, CLERK, F(), 0, 10, "amount")


def test_heads_are_in_pinyin_order_not_code_point_order(uow: UnitOfWork, session: Session) -> None:
    """阿 (U+963F), 李 (U+674E), 张 (U+5F20), 赵 (U+8D75): by pinyin 阿 李 张 赵, by code point 张 李 阿 赵;
    the pinyin follows every way a head's name is written (a new household, a rename)."""
    village = "430623101001"
    made = {}
    for name in ("张", "李", "阿", "赵"):
        household = Household(village_code=village, urban_rural="rural", head_name=f"{name}测试")
        session.add(household)
        made[name] = household
    session.flush()
    assert made["阿"].head_pinyin == "a ce shi"
    village_actor = in_area(village)

    def heads(order: str) -> list[str]:
        rows = registry.page(uow, village_actor, F(), 0, 10_000, order)
        return [r.head_name[0] for r in rows if r.head_name.endswith("测试")]

    assert heads("village") == heads("head") == ["阿", "李", "张", "赵"]
    assert heads("-head") == ["赵", "张", "李", "阿"]
    made["赵"].head_name = "艾测试"  # a new head: "ai ce shi" sorts after "a ce shi"
    session.flush()
    assert made["赵"].head_pinyin == "ai ce shi"
    assert heads("head") == ["阿", "艾", "李", "张"]


def test_the_demo_writes_every_heads_pinyin(session: Session) -> None:
    heads = session.execute(select(Household.head_name, Household.head_pinyin)).all()
    assert heads and all(pinyin == pinyin_key(name) != "" for name, pinyin in heads)


def test_the_first_page_by_name_walks_the_pinyin_index(uow: UnitOfWork, session: Session) -> None:
    """Ordered by name, the first page reads the households in index order: no sort of the whole area."""
    statements: list[tuple[str, object]] = []
    engine = session.get_bind()

    def record(_conn: object, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        statements.append((statement, parameters))

    from sqlalchemy import event

    event.listen(engine, "before_cursor_execute", record)
    try:
        registry.page(uow, CLERK, F(), 0, 64, "head")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    page_sql, params = next((s, p) for s, p in statements if "ORDER BY" in s)
    plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {page_sql}", params).all()  # type: ignore[arg-type]
    details = [row[-1] for row in plan]
    walk = next(
        i
        for i, d in enumerate(details)
        if d.startswith("SCAN household USING INDEX ix_household_head_pinyin")
    )
    assert "TEMP B-TREE" not in details[walk + 1], details  # the page is not sorted after the walk


def test_pinyin_initials_and_full_pinyin_find_members(
    uow: UnitOfWork, session: Session, member: Person
) -> None:
    for text in (
        member.name_initials,
        member.name_initials.upper(),
        member.name_pinyin[:5],
        member.name_pinyin,
    ):
        found = everything(uow, F(text=text))
        assert member.household_id in found, text
        expected = households_of(
            session,
            Person.name_initials.startswith(text.lower()) | Person.name_pinyin.startswith(text.lower()),
        )
        assert set(found) == expected


def test_chinese_text_matches_any_part_of_a_name(uow: UnitOfWork, session: Session, member: Person) -> None:
    for text in (member.name, member.name[1:], f" {member.name[:2]} "):
        found = everything(uow, F(text=text))
        assert set(found) == households_of(session, Person.name.contains(text.strip())), text
        assert member.household_id in found


def test_id_number_fragments(uow: UnitOfWork, session: Session, member: Person) -> None:
    fragment = member.id_number[10:16]
    found = everything(uow, F(text=fragment))
    assert set(found) == households_of(session, Person.id_number.contains(fragment))
    assert member.household_id in everything(uow, F(text=member.id_number.lower()))
    short = member.id_number[:3]  # under 4 characters: the start of the number only
    assert set(everything(uow, F(text=short))) == households_of(session, Person.id_number.startswith(short))


def test_like_wildcards_are_literal(uow: UnitOfWork) -> None:
    assert everything(uow, F(text="张%")) == []
    assert everything(uow, F(text="_")) == []


def latest_cases(session: Session) -> dict[str, Case]:
    latest: dict[str, Case] = {}
    for case in session.execute(select(Case).order_by(Case.applied_on, Case.id)).scalars():
        latest[case.household_id] = case
    return latest


@pytest.mark.parametrize(
    "flt",
    [F(state="active"), F(state="investigating"), F(program="tekun"), F(program="dibao", state="stopped")],
)
def test_programme_and_state_filters_use_the_latest_case(uow: UnitOfWork, session: Session, flt: F) -> None:
    expected = {
        h
        for h, c in latest_cases(session).items()
        if (flt.program is None or c.program == flt.program) and (flt.state is None or c.state == flt.state)
    }
    assert expected
    assert set(everything(uow, flt)) == expected
    assert registry.count(uow, CLERK, flt) == len(expected)


def test_a_newer_case_decides_the_state(uow: UnitOfWork, session: Session) -> None:
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
    assert household_id in everything(uow, F(state="investigating"))
    assert household_id not in everything(uow, F(state=old.state, program=old.program))
    row = next(
        r
        for r in registry.page(uow, CLERK, F(state="investigating"), 0, 500)
        if r.household_id == household_id
    )
    assert (row.program_label, row.state_label) == ("临时救助", "调查核实")


def test_village_filter_and_village_scope(uow: UnitOfWork, session: Session) -> None:
    villages = registry.villages(uow, CLERK)
    assert len(villages) >= 2
    code, _name = villages[0]
    in_village = set(session.execute(select(Household.id).where(Household.village_code == code)).scalars())
    assert set(everything(uow, F(village_code=code))) == in_village
    assert set(everything(uow, F(), actor=in_area(code))) == in_village
    assert registry.count(uow, in_area(code), F()) == len(in_village)
    assert registry.villages(uow, in_area(code)) == [villages[0]]
    assert registry.filter_areas(uow, in_area(code)) == [(*villages[0], False)]
    other = villages[1][0]
    assert everything(uow, F(village_code=other), actor=in_area(code)) == []  # a filter never widens
    assert registry.count(uow, in_area(code), F(village_code=other)) == 0


def test_broad_and_narrow_searches_agree_with_plain_sql(uow: UnitOfWork, session: Session) -> None:
    """Every kind of text, searched through the index or walked, finds the households whose persons
    match it in plain Python, and counts them (capped counts too)."""
    people = session.execute(
        select(Person.household_id, Person.name, Person.id_number, Person.name_pinyin, Person.name_initials)
    ).all()
    some = people[7]
    texts = [
        "z",
        "zh",
        some.name_pinyin[:4],
        some.name_initials,
        "4",
        "43",
        "430",
        "4306",
        "430623",
        some.id_number[6:10],
        some.id_number[-5:],
        some.name[0],
        some.name[-2:],
        some.name,
        "张",
        "不存在",
    ]
    for text in texts:
        up = text.upper()
        expected = (
            {
                p.household_id
                for p in people
                if (up in p.id_number if up.isdigit() and len(up) >= 4 else p.id_number.startswith(up))
                or p.name_pinyin.startswith(text)
                or p.name_initials.startswith(text)
                or text in p.name
            }
            if text.isascii()
            else {p.household_id for p in people if text in p.name}
        )
        assert set(everything(uow, F(text=text))) == expected, text
        assert registry.count(uow, CLERK, F(text=text)) == len(expected), text
        assert registry.count(uow, CLERK, F(text=text), cap=10) == min(len(expected), 11), text
    assert registry.count(uow, CLERK, F(), cap=None) == 120


def test_a_member_match_names_the_member(uow: UnitOfWork, member: Person) -> None:
    rows = registry.page(uow, CLERK, F(text=member.name), 0, 50)
    row = next(r for r in rows if r.household_id == member.household_id)
    assert row.matched_member == member.name != row.head_name
    head = next(
        r
        for r in registry.page(uow, CLERK, F(text=row.head_name), 0, 50)
        if r.household_id == row.household_id
    )
    assert head.matched_member == ""
    assert all(r.matched_member == "" for r in registry.page(uow, CLERK, F(), 0, 50))


def test_the_index_follows_every_write(uow: UnitOfWork, session: Session, member: Person) -> None:
    """The triggers keep the search index in step with new persons, renames, new ID numbers, deletions."""
    member.name = "欧阳娜娜"
    member.id_number = member.id_number[:6] + "20000101" + member.id_number[14:]
    session.flush()
    assert everything(uow, F(text="阳娜")) == [member.household_id]
    assert everything(uow, F(text=member.id_number[4:12])) == [member.household_id]
    newborn = Person(
        household_id=member.household_id,
        name="司马小明",
        id_number="430623202601019876",
        sex=member.sex,
        birth_date=date(2026, 1, 1),
        relation_code="30",
    )
    session.add(newborn)
    session.flush()
    assert everything(uow, F(text="马小")) == everything(uow, F(text="2026010198")) == [member.household_id]
    session.delete(newborn)
    session.flush()
    assert everything(uow, F(text="马小")) == everything(uow, F(text="2026010198")) == []


def test_detail(uow: UnitOfWork, session: Session, member: Person) -> None:
    detail = registry.detail(uow, CLERK, member.household_id)
    assert member.name in [m.name for m in detail.members]
    assert detail.cases and detail.village
    household = session.get(Household, member.household_id)
    assert household is not None and detail.village_code == household.village_code
    other_village = next(code for code, _ in registry.villages(uow, CLERK) if code != household.village_code)
    with pytest.raises(PermissionDenied):
        registry.detail(uow, in_area(other_village), member.household_id)
    with pytest.raises(UserError):
        registry.detail(uow, CLERK, "no-such-household")


def test_a_cancelled_query_stops(uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_PROGRESS_STEPS", 1)
    with pytest.raises(registry.QueryCancelled):
        registry.count(uow, CLERK, F(text="zhang"), cancel=lambda: True)
    with pytest.raises(registry.QueryCancelled):
        registry.page(uow, CLERK, F(), 0, 50, cancel=lambda: True)
    assert registry.count(uow, CLERK, F(), cancel=lambda: False) == 120  # the session is still usable


@pytest.mark.parametrize("dense", [1, 10**6])
def test_walked_and_listed_pages_agree(
    uow: UnitOfWork, session: Session, dense: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page is the same whether the text counts as dense (households walked, names tested by the
    index's rowids) or sparse (the matching households listed and sorted)."""
    monkeypatch.setattr(registry, "DENSE", dense)
    name = session.execute(select(Person.name).order_by(Person.id).limit(1)).scalar_one()
    fragment = session.execute(select(Person.id_number).order_by(Person.id).limit(1)).scalar_one()[8:13]
    in_order = everything(uow, F())
    for text in (name[0], name[-2:], fragment, "z"):
        expected = households_of(session, Person.name.contains(text) | Person.id_number.contains(text))
        if text == "z":
            expected = households_of(session, Person.name_initials.startswith("z"))
        assert set(everything(uow, F(text=text))) == expected, text
        assert everything(uow, F(text=text)) == [h for h in in_order if h in expected], text


def test_a_count_outside_the_whole_database_tests_each_household(uow: UnitOfWork, session: Session) -> None:
    """Counted by a village cadre (other villages' households are in the database), a text counts only
    the village's households; counted by the township clerk (every household inside), all of them."""
    village = registry.villages(uow, CLERK)[0][0]
    in_village = set(session.execute(select(Household.id).where(Household.village_code == village)).scalars())
    surname = session.execute(
        select(Person.name).where(Person.household_id.in_(in_village)).limit(1)
    ).scalar_one()[0]
    matching = households_of(session, Person.name.contains(surname))
    assert matching - in_village  # the text matches outside the village too
    assert registry.count(uow, in_area(village), F(text=surname)) == len(matching & in_village)
    assert registry.count(uow, CLERK, F(text=surname)) == len(matching)
    assert registry.count(uow, CLERK, F(text=surname), cap=1) == min(len(matching), 2)
