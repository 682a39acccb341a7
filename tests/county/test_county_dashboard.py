"""The county dashboard by township: the numbers equal independent counts; only county roles may look."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.domain import idcard
from app.domain.codes import Role
from app.domain.workflow import AT_COUNTY_STATES, BENEFIT_STATES, PRE_DECISION_STATES
from app.errors import PermissionDenied, UserError
from app.models.area import Area
from app.models.case import Benefit, Case, Review
from app.models.db import Database, UnitOfWork
from app.models.household import Household, Person
from app.models.sync import SyncBundle, SyncConflict, SyncDuplicate, SyncPeer, SyncQuarantine
from app.services.cases import worklist
from app.services.context import Actor, system_actor
from app.services.reports.dashboard import TownshipRow, county_total, township_rows
from tests.county.conftest import CLERK, HEAD, STAFF, TODAY, VILLAGE2, Member, add_beneficiary
from tests.sync.conftest import World, world, world_template  # noqa: F401

CADRE = Actor("cadre", "李春生", Role.VILLAGE_CADRE, "430623101201")


def rows_of(db: Database, actor: Actor = STAFF, today: date = TODAY) -> list[TownshipRow]:
    """The rows as of ``today`` (the clock is pinned to it; the suite's fixture puts it back)."""
    clock.pin(today)
    with db.uow("test") as uow:
        return township_rows(uow, actor)


def by_code(rows: list[TownshipRow]) -> dict[str, TownshipRow]:
    return {r.code: r for r in rows if not r.is_total}


def test_one_row_per_township_then_the_total(demo_county: Database) -> None:
    rows = rows_of(demo_county)
    with demo_county.uow("test") as uow:
        townships = (
            uow.session.execute(select(Area.code).where(Area.level == "township").order_by(Area.code))
            .scalars()
            .all()
        )
    assert len(townships) == 14
    assert [r.code for r in rows[:-1]] == townships
    assert rows[-1].is_total and rows[-1].code == "430623000000" and county_total(rows) is rows[-1]
    assert not any(r.is_total for r in rows[:-1])


def test_numbers_equal_independent_counts(demo_county: Database) -> None:
    rows = rows_of(demo_county)
    expected: dict[str, Counter[str]] = {r.code: Counter() for r in rows if not r.is_total}
    county_states = {s.value for s in AT_COUNTY_STATES}
    open_states = {s.value for s in PRE_DECISION_STATES}
    with demo_county.uow("test") as uow:
        s = uow.session
        village = dict(s.execute(select(Household.id, Household.village_code)).all())
        for code in village.values():
            expected[code[:9] + "000"]["households"] += 1
        for household_id, state, since in s.execute(select(Case.household_id, Case.state, Case.state_since)):
            counts = expected[village[household_id][:9] + "000"]
            if state in county_states:
                counts["awaiting_county"] += 1
            elif state in open_states:
                counts["in_township"] += 1
            elif state == "refused" and since.year == TODAY.year:
                counts["refused_year"] += 1
            elif state == "stopped" and since.year == TODAY.year:
                counts["stopped_year"] += 1
        paying = {st.value for st in BENEFIT_STATES}
        for household_id, status, fen in s.execute(
            select(Benefit.household_id, Benefit.status, Benefit.monthly_fen)
        ):
            if status in paying:
                expected[village[household_id][:9] + "000"]["active"] += 1
                expected[village[household_id][:9] + "000"]["monthly_fen"] += fen
        # The workbench's own lists, township by township: the county sees what each township sees.
        for code, counts in expected.items():
            for line in worklist.open_cases(uow, STAFF, area=code):
                if line.days_left is not None and line.days_left < 0:
                    counts["deadlines_overdue"] += 1
                elif line.days_left is not None and line.days_left <= 3:
                    counts["deadlines_soon"] += 1
            counts["reviews_overdue"] = sum(
                1 for r in worklist.reviews_due(uow, STAFF, within_days=None, area=code) if r.days < 0
            )
    got = by_code(rows)
    names = [
        "households",
        "in_township",
        "awaiting_county",
        "active",
        "monthly_fen",
        "refused_year",
        "stopped_year",
        "deadlines_overdue",
        "deadlines_soon",
        "reviews_overdue",
    ]
    for code, counts in expected.items():
        assert {n: getattr(got[code], n) for n in names} == {n: counts[n] for n in names}, code
    total = county_total(rows)
    for name in names:
        assert getattr(total, name) == sum(c[name] for c in expected.values()), name
    # The demo is busy: the rows are not all zeros (else the comparison above proves little).
    assert total.awaiting_county and total.deadlines_overdue and total.reviews_overdue and total.active
    assert total.households == len(village)


def test_the_year_counts_depend_on_today(demo_county: Database) -> None:
    next_year = county_total(rows_of(demo_county, today=date(TODAY.year + 1, 1, 2)))
    assert next_year.refused_year == 0 and next_year.stopped_year == 0
    assert county_total(rows_of(demo_county)).stopped_year > 0


@pytest.mark.parametrize("actor", [STAFF, HEAD, system_actor("430623")], ids=["staff", "head", "admin"])
def test_county_roles_may_look(demo_county: Database, actor: Actor) -> None:
    assert len(rows_of(demo_county, actor)) == 15


@pytest.mark.parametrize("actor", [CLERK, CADRE], ids=["clerk", "cadre"])
def test_township_roles_are_refused(demo_county: Database, actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        rows_of(demo_county, actor)


def test_a_station_is_refused(demo_db: Database) -> None:
    with pytest.raises(UserError, match="乡镇工作站"):
        rows_of(demo_db, system_actor("430623"))


def test_queue_items_show_against_their_station(demo_county: Database) -> None:
    synced = datetime(2026, 11, 18, 6, 30, tzinfo=UTC)
    with demo_county.uow("test") as uow:
        s = uow.session
        s.add(SyncPeer(code="430623101", kind="station", status="active", last_in_at=synced))
        s.add(SyncPeer(code="430623102", kind="station", status="revoked"))
        for status in ("open", "open", "resolved"):
            s.add(
                SyncConflict(
                    peer_code="430623102",
                    bundle_seq=1,
                    table_name="person",
                    record_id="x",
                    kind="hard",
                    station_version=2,
                    county_version=3,
                    status=status,
                )
            )
        people = [{"person": "a", "household": "h1", "station": "430623101"}]
        people.append({"person": "b", "household": "h2", "station": "430623110"})
        s.add(SyncDuplicate(id_number="430623199001011234", persons=json.dumps(people)))
        s.add(SyncDuplicate(id_number="430623199001011235", persons=json.dumps(people), status="resolved"))
        uow.commit()
    rows = rows_of(demo_county)
    got = by_code(rows)
    first, second, tenth = got["430623101000"], got["430623102000"], got["430623110000"]
    assert (first.station_status, first.last_sync, first.conflicts, first.duplicates) == (
        "active",
        synced,
        0,
        1,
    )
    assert (second.station_status, second.last_sync, second.conflicts) == ("revoked", None, 2)
    assert (tenth.station_status, tenth.duplicates) == ("", 1)
    total = county_total(rows)
    assert (total.conflicts, total.duplicates, total.last_sync) == (2, 1, synced)  # one item, two stations


# -- through real bundles (the sync world: the county and three demo townships) -----------------------


LIVING_MEMBERS = (Person.is_member.is_(True), Person.death_date.is_(None))


def _two_people(w: World, station: str) -> tuple[str, str]:
    """Two living members of different households at ``station``."""
    db = w.db(station)
    try:
        with db.uow("test") as uow:
            query = select(Person.id, Person.household_id).where(*LIVING_MEMBERS).order_by(Person.id)
            rows = uow.session.execute(query).all()
    finally:
        db.dispose()
    first = rows[0]
    other = next(r for r in rows if r.household_id != first.household_id)
    return first.id, other.id


def _edit_a_household(w: World, station: str) -> None:
    db = w.db(station)
    try:
        with db.uow("clerk") as uow:
            household = uow.session.execute(select(Household).order_by(Household.id)).scalars().first()
            assert household is not None
            household.notes = "县级看板测试"
            uow.commit()
    finally:
        db.dispose()


def _set_id(w: World, station: str, person_id: str, number: str) -> None:
    db = w.db(station)
    try:
        with db.uow("clerk") as uow:
            person = uow.session.get(Person, person_id)
            assert person is not None
            person.id_number = number
            uow.commit()
    finally:
        db.dispose()


def test_held_quarantined_and_duplicate_items_from_real_bundles(world: World) -> None:  # noqa: F811
    db = world.db("430623101")
    try:
        with db.uow("test") as uow:
            query = select(Person.id_number).where(*LIVING_MEMBERS).order_by(Person.id)
            shared = uow.session.execute(query).scalars().first()
    finally:
        db.dispose()
    assert shared is not None
    bad, twin = _two_people(world, "430623103")
    _set_id(world, "430623103", bad, "43062319990101123")  # 17 digits: its household is quarantined
    _set_id(world, "430623103", twin, shared)  # the same ID number as a person of 三封寺镇
    applied = [world.export("430623101"), world.export("430623103")]
    gap = world.export("430623102")
    _edit_a_household(world, "430623102")
    held = world.export("430623102")
    assert all(applied) and gap is not None and held is not None
    code, _out, err = world.import_("county", *[p for p in applied if p], held)
    assert code == 0, err

    county = world.db("county")
    try:
        rows = rows_of(county, system_actor("430623"), clock.today())
        with county.uow("test") as uow:
            s = uow.session
            households = Counter(v[:9] for v in s.execute(select(Household.village_code)).scalars())
            assert s.execute(
                select(SyncBundle.peer_code).where(SyncBundle.status == "held")
            ).scalars().all() == ["430623102"]
            assert len(s.execute(select(SyncQuarantine.id)).all()) == 1
    finally:
        county.dispose()
    got = by_code(rows)
    first, second, third = got["430623101000"], got["430623102000"], got["430623103000"]
    assert (first.held_bundles, first.quarantined, first.duplicates) == (0, 0, 1)
    assert (second.held_bundles, second.quarantined, second.duplicates, second.last_sync) == (1, 0, 0, None)
    assert (third.held_bundles, third.quarantined, third.duplicates) == (0, 1, 1)
    assert first.last_sync is not None and third.last_sync is not None
    assert {r.station_status for r in (first, second, third)} == {"active"}
    assert all(r.station_status == "" for code, r in got.items() if code[:9] > "430623103")
    assert (first.households, second.households, third.households) == (
        households["430623101"],
        0,
        households["430623103"],
    )
    total = county_total(rows)
    assert (total.held_bundles, total.quarantined, total.duplicates) == (1, 1, 1)
    assert total.sync_open == 3


# -- hand-made records, on SQLite and (when a server is given) on PostgreSQL --------------------------


def _application(uow: UnitOfWork, village: str, state: str, since: date, number: int) -> None:
    household = Household(village_code=village, urban_rural="rural", head_name=f"申请人{number}")
    uow.session.add(household)
    uow.session.flush()
    person = Person(
        household_id=household.id,
        name=household.head_name,
        id_number=idcard.make_id("430623", date(1960, 1, 1), 100 + number),
        sex="M" if number % 2 else "F",
        birth_date=date(1960, 1, 1),
        relation_code="02",
    )
    uow.session.add(person)
    uow.session.flush()
    uow.session.add(
        Case(
            case_number=f"430623102-2026-{number:06d}",
            household_id=household.id,
            applicant_id=person.id,
            program="dibao",
            state=state,
            rule_mode="2021",
            applied_on=since - timedelta(days=8),
            accepted_on=since - timedelta(days=7),
            state_since=since,
        )
    )


def test_hand_made_records_on_both_databases(county: Database) -> None:
    with county.uow("test") as uow:
        paid = add_beneficiary(uow, [Member("赵一", date(1950, 3, 1), 11)], base_fen=50000, number=1)
        add_beneficiary(uow, [Member("钱二", date(1952, 3, 1), 13)], base_fen=40000, number=2)
        stopped = add_beneficiary(
            uow, [Member("孙三", date(1954, 3, 1), 15)], base_fen=30000, number=3, village=VILLAGE2
        )
        case = uow.session.get(Case, stopped.case_id)
        assert case is not None
        case.state, case.state_since = "stopped", date(2026, 3, 1)
        uow.session.get_one(Benefit, stopped.benefit_id).status = "stopped"
        uow.session.add(Review(case_id=paid.case_id, kind="periodic", due_on=date(2026, 11, 1)))
        uow.session.add(Review(case_id=paid.case_id, kind="periodic", due_on=date(2026, 12, 1)))
        _application(uow, VILLAGE2, "submitted", date(2026, 10, 1), 4)  # 10 WD long past
        _application(uow, VILLAGE2, "submitted", date(2026, 11, 20), 5)  # due in 10 WD
        _application(uow, VILLAGE2, "notice", date(2026, 11, 16), 6)  # 7 days: ends 11-22, at risk
        s = uow.session
        s.add(SyncPeer(code="430623102", kind="station", status="active"))
        s.add(SyncQuarantine(peer_code="430623102", bundle_seq=2, group_key="h", reason="坏", payload="{}"))
        s.add(
            SyncBundle(
                bundle_id="b",
                direction="in",
                peer_code="430623102",
                kind="up",
                seq=3,
                file_hash="f",
                status="held",
                created_at=datetime(2026, 11, 19, tzinfo=UTC),
            )
        )
        uow.commit()
    got = by_code(rows_of(county))
    first, second = got["430623101000"], got["430623102000"]
    assert (first.households, first.active, first.monthly_fen, first.reviews_overdue) == (2, 2, 90000, 1)
    assert (first.awaiting_county, first.in_township, first.held_bundles, first.station_status) == (
        0,
        0,
        0,
        "",
    )
    assert (second.households, second.active, second.stopped_year, second.reviews_overdue) == (4, 0, 1, 0)
    assert (second.awaiting_county, second.in_township) == (2, 1)
    assert (second.deadlines_overdue, second.deadlines_soon) == (1, 1)
    assert (second.held_bundles, second.quarantined, second.station_status) == (1, 1, "active")
    assert len(got) == 14 and sum(r.households for r in got.values()) == 6
