"""The household registry (家庭档案): search, filter, sort and page households, all in SQL."""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from app.domain.areas import scope_prefix
from app.domain.codes import AreaLevel, Program
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, CaseState
from app.errors import PermissionDenied, UserError
from app.models import search_index
from app.models.area import Area
from app.models.case import Benefit, Case
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services.context import Actor, query

ORDERS = ("village", "head")
HEAD_RELATIONS = ("01", "02")
_ID_FRAGMENT = re.compile(r"[0-9]+[0-9X]?")
_PINYIN = re.compile(r"[a-z]+")
MIN_ID_FRAGMENT = 4
DENSE = 1500  # a text matching this many persons is dense: a page walks the households
COUNT_CAP = 5000  # a count stops here; the registry shows "5000+ 户"
# States few households are in: their households are listed first rather than tested one by one.
RARE_STATES = frozenset(s.value for s in PRE_DECISION_STATES)
_PROGRAMS = frozenset(p.value for p in Program)
_STATES = frozenset(s.value for s in CaseState)
_PROGRESS_STEPS = 2000  # SQLite VM steps between two looks at the cancel flag
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class RegistryFilter:
    """What the clerk typed and picked; empty fields do not filter."""

    text: str = ""
    village_code: str | None = None
    program: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class RegistryRow:
    """One household as the registry lists it; the ID number is raw (views mask it for cadres)."""

    household_id: str
    village_code: str
    village: str
    head_name: str
    head_id_number: str
    members: int
    program: str | None
    state: str | None
    monthly_fen: int | None
    matched_member: str = ""  # the member (not the head) through whom a search text matched

    @property
    def program_label(self) -> str:
        return program_label(self.program)

    @property
    def state_label(self) -> str:
        return state_label(self.state)


def program_label(code: str | None) -> str:
    """The Chinese name of a programme code ("" for none, the code itself when unknown)."""
    return "" if code is None else Program(code).label if code in _PROGRAMS else code


def state_label(code: str | None) -> str:
    """The Chinese name of a case state code ("" for none, the code itself when unknown)."""
    return "" if code is None else CaseState(code).label if code in _STATES else code


def _prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as an index-friendly range (LIKE ignores the index here)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class TextMatch:
    """The person conditions of a search text, and whether it is broad.

    ``condition`` finds the matching persons from an index; ``per_row`` says whether one given person
    matches (the same answer, cheap on a row at hand: what a walk over households and the "matched"
    column test). A broad text (a short ID prefix, part of the county's own code) matches nearly
    every person: a page then walks the households and a count stops at COUNT_CAP.
    """

    condition: ColumnElement[bool]
    per_row: ColumnElement[bool]
    broad: bool = False
    either: ColumnElement[bool] | None = None  # a second index that may match instead (pinyin)
    index_rows: Select[Any] | None = None  # the matching persons' rowids, from the search index alone
    walk_row: ColumnElement[bool] | None = None  # the test a walk applies to each person, if not per_row

    @property
    def walk_test(self) -> ColumnElement[bool]:
        """The person test of a walk over households: ``per_row`` unless the index answers it cheaper."""
        return self.per_row if self.walk_row is None else self.walk_row

    @property
    def households(self) -> Any:
        """The ids of the households of the matching persons (with repeats), read from the indexes."""
        found = select(Person.household_id).where(self.condition)
        if self.either is None:
            return found
        return union_all(found, select(Person.household_id).where(self.either))


def _indexed_match(index: str, match: str, per_row: ColumnElement[bool], *, walk_by_rowid: bool) -> TextMatch:
    """A text answered by a search index. ``walk_by_rowid``: a walk tests each person's rowid against
    the index's list (built once; the person index by household carries the rowid) instead of
    reading the person's row for ``per_row`` (names: 9 ms against 5 ms for a page of a surname on
    100,000 households). ID fragments keep ``per_row``, which that index answers alone."""
    found: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(table(index))
        .where(literal_column(index).op("MATCH")(match))
    )
    condition = literal_column("person.rowid").in_(found)
    return TextMatch(condition, per_row, index_rows=found, walk_row=condition if walk_by_rowid else None)


def text_match(text: str, *, indexed: bool = True, area_code: str | None = None) -> TextMatch | None:
    """The person conditions for a search text, or None when the text does not filter.

    Digits (with a final X) search ID numbers: a fragment of at least 4 characters anywhere in
    the number, a shorter one at its start. Latin letters search pinyin: initials (``zs``) or
    full pinyin (``zhangsan``), both as prefixes. Anything else searches names that contain it.
    ``indexed`` (SQLite) answers fragments and names from the search index (app/models/search_index.py);
    ``area_code`` is the searcher's area, whose leading digits every local ID number shares.
    """
    compact = "".join(text.split())
    if not compact:
        return None
    upper = compact.upper()
    if _ID_FRAGMENT.fullmatch(upper):
        if len(upper) < MIN_ID_FRAGMENT:
            prefix = _prefix_range(Person.id_number, upper)
            return TextMatch(prefix, prefix, broad=True)
        like = Person.id_number.like(f"%{upper}%")
        if upper in (area_code or "")[:6]:
            return TextMatch(like, like, broad=True)
        if not indexed:
            return TextMatch(like, like)
        ids = search_index.id_match(upper)
        return _indexed_match(search_index.ID_INDEX, ids, like, walk_by_rowid=False)
    lower = compact.lower()
    if _PINYIN.fullmatch(lower):
        initials = _prefix_range(Person.name_initials, lower)
        if len(lower) == 1:  # a pinyin starting with the letter has initials starting with it
            return TextMatch(initials, initials)
        pinyin = _prefix_range(Person.name_pinyin, lower)
        return TextMatch(initials, or_(initials, pinyin), either=pinyin)
    like = Person.name.like(f"%{_escape_like(compact)}%", escape="\\")
    if indexed and compact.isalnum():
        names = search_index.name_match(compact)
        return _indexed_match(search_index.NAME_INDEX, names, like, walk_by_rowid=True)
    return TextMatch(like, like)


def _indexed(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


# Aliases made once: SQLAlchemy memoises what it derives from each, so statements build fast.
_LATEST = aliased(Case, name="latest_case")
_HEAD = aliased(Person, name="head")
_MEMBER = aliased(Person, name="member")
_SHOWN_CASE = aliased(Case, name="shown_case")


def _latest_case(household_id: Any, column: Any) -> Any:
    """``column`` of a household's latest case (by application date, then id), as a scalar subquery."""
    latest = _LATEST
    return (
        select(getattr(latest, column.key))
        .where(latest.household_id == household_id)
        .order_by(latest.applied_on.desc(), latest.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def scope_condition(scope: str, *, indexed: bool = True) -> ColumnElement[bool]:
    """Households inside a 12-digit area scope (county, township or village).

    ``indexed=False`` gives a form SQLite cannot answer from the village index, so that it walks
    an index that matches the ORDER BY instead of sorting the whole township.
    """
    prefix = scope_prefix(scope)
    if len(prefix) == len(scope):
        return Household.village_code == scope
    if indexed:
        return _prefix_range(Household.village_code, prefix)
    return func.substr(Household.village_code, 1, len(prefix)) == prefix


def _where(
    match: TextMatch | None,
    flt: RegistryFilter,
    scope: str | None,
    *,
    walk: bool,
    counting: bool = False,
    order: str = "",
) -> list[ColumnElement[bool]]:
    """The household conditions of a filter, for one statement (no ids travel through Python).

    ``walk``: the households are walked in display order and each is tested (correlated EXISTS,
    which stops when the page is full); otherwise the households the text names are listed (IN
    subquery, from the indexes) and sorted. The programme and state filters look at the latest
    case: a rare state lists its households first, any other is tested household by household.
    """
    conditions: list[ColumnElement[bool]] = []
    if scope:
        by_head = order.lstrip("-") == "head" and (walk or match is None)
        conditions.append(scope_condition(scope, indexed=counting or not by_head))
    if flt.village_code:  # a village, or a whole township (the county's filter)
        conditions.append(scope_condition(flt.village_code))
    if match is not None:
        if walk:
            conditions.append(exists().where(Person.household_id == Household.id, match.walk_test))
        else:
            conditions.append(Household.id.in_(match.households))
    if match is None and (flt.program or flt.state) and (counting or flt.state in RARE_STATES):
        some = [Case.program == flt.program] if flt.program else []
        some += [Case.state == flt.state] if flt.state else []
        conditions.append(Household.id.in_(select(Case.household_id).where(*some)))
    if flt.program:
        conditions.append(_latest_case(Household.id, Case.program) == flt.program)
    if flt.state:
        conditions.append(_latest_case(Household.id, Case.state) == flt.state)
    return conditions


def _dense(match: TextMatch) -> ColumnElement[bool]:
    """SQL, true when the text matches at least DENSE persons (counted from the index, stops there).

    Not correlated to anything, so SQLite evaluates it once. A text answered by the search index is
    counted in the index alone (one entry per person, as the households' ids with repeats would be).
    """
    found = match.households if match.index_rows is None else match.index_rows
    some = found.limit(DENSE).subquery()
    return select(func.count()).select_from(some).scalar_subquery() >= DENSE


def _order_by(order: str) -> list[Any]:
    descending = order.startswith("-")
    key = order.lstrip("-")
    if key not in ORDERS:
        raise ValueError(f"unknown registry order {order!r}")
    columns: list[Any] = [Household.head_pinyin, Household.head_name, Household.id]  # pinyin order
    if key == "village":
        columns.insert(0, Household.village_code)
    return [c.desc() for c in columns] if descending else columns


@query
def count(
    uow: UnitOfWork,
    actor: Actor,
    flt: RegistryFilter,
    cancel: Cancel | None = None,
    cap: int | None = COUNT_CAP,
) -> int:
    """How many households match the filter inside the actor's area, up to ``cap + 1``.

    A result above ``cap`` means "more than cap" (the registry shows "5000+ 户"): a broad search
    stops counting there instead of visiting every household. ``cap=None`` counts them all. A text
    is counted from the households of the persons it matches (read from the indexes); a broad ID
    prefix, which nearly every household matches, by walking the households.

    Args:
        cancel: polled while the statement runs; once true the statement stops (``QueryCancelled``).
    """
    session = uow.session
    match = text_match(flt.text, indexed=_indexed(session), area_code=actor.area_code)
    walk = match is not None and match.broad
    found: Select[Any] = select(literal_column("1")).select_from(Household)
    found = found.where(*_where(match, flt, actor.area_code, walk=walk, counting=True))
    if cap is not None:
        found = found.limit(cap + 1)
    counted: Any = select(func.count()).select_from(found.subquery())
    if match is not None and not walk and not (flt.village_code or flt.program or flt.state):
        by_person = _count_by_person(match, cap)
        if actor.area_code:
            counted = select(case((_all_inside(actor.area_code), by_person), else_=counted.scalar_subquery()))
        else:
            counted = select(by_person)
    with interruptible(session, cancel):
        return int(session.execute(counted).scalar_one())


def _count_by_person(match: TextMatch, cap: int | None) -> Any:
    """SQL: the distinct households of the matching persons, from the indexes alone (up to cap + 1).

    Right only when every household is inside the searcher's area: it skips looking each household up
    (by its text id, two B-tree descents) to test its village, half the time of a count.
    """
    found = match.households.subquery()
    ids = select(found.c[0]).distinct()
    if cap is not None:
        ids = ids.limit(cap + 1)
    return select(func.count()).select_from(ids.subquery()).scalar_subquery()


def _all_inside(scope: str) -> ColumnElement[bool]:
    """SQL, true when no household of the database lies outside the 12-digit ``scope`` (a station's
    or a county's own database: the usual case). Two probes of the village index, evaluated once."""
    prefix = scope_prefix(scope)
    if len(prefix) == len(scope):
        above: ColumnElement[bool] = Household.village_code > scope
    else:
        above = Household.village_code >= prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(~exists().where(Household.village_code < prefix), ~exists().where(above))


@functools.cache
def _display_columns() -> tuple[Any, Any, Any, Any]:
    """The display columns that do not depend on the search, built once (a statement is immutable;
    building these on every page cost about a third of the Python time of a page)."""
    head, member = _HEAD, _MEMBER
    head_id = (
        select(head.id_number)
        .where(head.household_id == Household.id, head.relation_code.in_(HEAD_RELATIONS))
        .order_by(head.relation_code)
        .limit(1)
        .scalar_subquery()
    )
    members = (
        select(func.count())
        .where(member.household_id == Household.id, member.is_member.is_(True))
        .scalar_subquery()
    )
    monthly = (
        select(func.sum(Benefit.monthly_fen))
        .where(Benefit.household_id == Household.id, Benefit.status.in_([s.value for s in BENEFIT_STATES]))
        .scalar_subquery()
    )
    shown = _latest_case(Household.id, Case.id)
    return head_id, members, monthly, shown


def _rows_select(ids: Any, match: TextMatch | None) -> Select[Any]:
    """Display columns for the households in ``ids`` (a small subquery); ``match`` names the member
    who matched when it is not the head."""
    latest = _SHOWN_CASE
    head_id, members, monthly, shown = _display_columns()
    matched: Any = literal_column("''")
    if match is not None:
        matched = (
            select(case((Person.relation_code.in_(HEAD_RELATIONS), literal_column("''")), else_=Person.name))
            .where(Person.household_id == Household.id, match.per_row)
            .order_by(Person.relation_code, Person.id)
            .limit(1)
            .scalar_subquery()
        )
    return (
        select(
            Household.id,
            Household.village_code,
            func.coalesce(Area.name, Household.village_code),
            Household.head_name,
            func.coalesce(head_id, literal_column("''")),
            members,
            latest.program,
            latest.state,
            monthly,
            func.coalesce(matched, literal_column("''")),
        )
        .select_from(Household)
        .outerjoin(Area, Area.code == Household.village_code)
        .outerjoin(latest, latest.id == shown)
        .where(Household.id.in_(ids))
    )


@query
def page(
    uow: UnitOfWork,
    actor: Actor,
    flt: RegistryFilter,
    offset: int,
    limit: int,
    order: str = "village",
    cancel: Cancel | None = None,
) -> list[RegistryRow]:
    """One page of the households in the actor's area that match, sorted in SQL, in one statement.

    ``order`` is a key of ORDERS, ``-`` for descending; ``flt.village_code`` narrows the actor's area,
    never widens it. The statement picks the ids of the page using only the household table, the
    persons' indexes and the search index, then computes the display columns for those ids alone.
    """
    session = uow.session
    ordering = _order_by(order)
    match = text_match(flt.text, indexed=_indexed(session), area_code=actor.area_code)

    def picked(walk: bool, rows: Any) -> Select[Any]:
        where = _where(match, flt, actor.area_code, walk=walk, order=order)
        return select(Household.id).where(*where).order_by(*ordering).offset(offset).limit(rows)

    if match is None or match.broad:
        ids: Any = select(picked(match is not None, limit).subquery().c.id)
    else:
        # Dense: walk the households and stop when the page is full; sparse: list the few and sort
        # them. The choice is made in SQL: the branch not taken gets LIMIT 0, which SQLite checks
        # before it starts the branch's loop.
        dense = _dense(match)
        walked = picked(True, case((dense, limit), else_=0)).subquery()
        listed = picked(False, case((dense, 0), else_=limit)).subquery()
        ids = union_all(select(walked.c.id), select(listed.c.id))
    stmt = _rows_select(ids, match).order_by(*ordering)
    with interruptible(session, cancel):
        return [RegistryRow(*row) for row in session.execute(stmt)]


@query
def villages(uow: UnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of the villages in the actor's area, by code."""
    return village_list(uow.session, actor.area_code)


@query
def filter_areas(uow: UnitOfWork, actor: Actor) -> list[tuple[str, str, bool]]:
    """(code, name, is_township) for the registry's village filter, inside the actor's area."""
    return area_list(uow.session, actor.area_code)


def village_list(session: Session, scope: str | None) -> list[tuple[str, str]]:
    """(code, name) of the villages inside ``scope`` (every village when None), by code."""
    return [(code, name) for code, name, township in area_list(session, scope) if not township]


def area_list(session: Session, scope: str | None) -> list[tuple[str, str, bool]]:
    """(code, name, is_township) inside ``scope``; a scope wider than a township lists its townships
    too, each just before its villages."""
    levels = [AreaLevel.VILLAGE.value]
    if not scope or len(scope_prefix(scope)) < 9:
        levels.append(AreaLevel.TOWNSHIP.value)
    stmt = select(Area.code, Area.name, Area.level).where(Area.level.in_(levels)).order_by(Area.code)
    if scope:
        stmt = stmt.where(_prefix_range(Area.code, scope_prefix(scope)))
    township = AreaLevel.TOWNSHIP.value
    return [(code, name, level == township) for code, name, level in session.execute(stmt)]


class QueryCancelled(Exception):
    """The statement was interrupted because the caller cancelled it."""


@contextmanager
def interruptible(session: Session, cancelled: Cancel | None) -> Iterator[None]:
    """Abort a running SQLite statement soon after ``cancelled()`` turns true (raises QueryCancelled).

    Search as you type starts a new query on every pause; the old one must not hold a read thread
    while the clerk waits. Other databases simply run their statements to the end.
    """
    raw = None if cancelled is None else session.connection().connection.driver_connection
    if cancelled is None or not isinstance(raw, sqlite3.Connection):
        yield
        return
    raw.set_progress_handler(lambda: 1 if cancelled() else 0, _PROGRESS_STEPS)
    try:
        yield
    except OperationalError as exc:
        if cancelled() and "interrupted" in str(exc):
            raise QueryCancelled from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


@dataclass(frozen=True)
class MemberInfo:
    name: str
    relation_code: str
    sex: str
    birth_date: date
    id_number: str
    is_member: bool


@dataclass(frozen=True)
class CaseInfo:
    case_number: str
    program: str
    state: str
    applied_on: date
    case_id: str = ""


@dataclass(frozen=True)
class HouseholdDetail:
    """What the read-only household dialog shows; ID numbers are raw (views mask them for cadres)."""

    household_id: str
    village_code: str
    village: str
    address: str
    urban_rural: str
    head_name: str
    members: list[MemberInfo]
    cases: list[CaseInfo]


@query
def detail(uow: UnitOfWork, actor: Actor, household_id: str) -> HouseholdDetail:
    """One household with its members and cases; refused outside the actor's area."""
    session = uow.session
    household = session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案，可能已被删除")
    if not actor.covers(household.village_code):
        raise PermissionDenied("该家庭不在您的管辖范围内")
    village = session.get(Area, household.village_code)
    people = session.execute(
        select(Person)
        .where(Person.household_id == household_id)
        .order_by(Person.relation_code, Person.birth_date)
    ).scalars()
    cases = session.execute(
        select(Case).where(Case.household_id == household_id).order_by(Case.applied_on.desc())
    ).scalars()
    return HouseholdDetail(
        household_id=household.id,
        village_code=household.village_code,
        village=village.name if village else household.village_code,
        address=household.address,
        urban_rural=household.urban_rural,
        head_name=household.head_name,
        members=[
            MemberInfo(p.name, p.relation_code, p.sex, p.birth_date, p.id_number, p.is_member) for p in people
        ],
        cases=[CaseInfo(c.case_number, c.program, c.state, c.applied_on, c.id) for c in cases],
    )
