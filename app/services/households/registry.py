"""The household registry (家庭档案): search, filter, sort and page households, all in SQL."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal_column, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from app.domain.areas import scope_prefix
from app.domain.codes import AreaLevel, Program
from app.domain.workflow import BENEFIT_STATES, CaseState
from app.errors import PermissionDenied, UserError
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
PROBE_LIMIT = 5000
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


def text_condition(text: str) -> ColumnElement[bool] | None:
    """The person condition for a search text, or None when the text does not filter.

    Digits (with a final X) search ID numbers: a fragment of at least 4 characters anywhere in
    the number, a shorter one at its start. Latin letters search pinyin: initials (``zs``) or
    full pinyin (``zhangsan``), both as prefixes. Anything else searches names that contain it.
    """
    compact = "".join(text.split())
    if not compact:
        return None
    upper = compact.upper()
    if _ID_FRAGMENT.fullmatch(upper):
        if len(upper) >= MIN_ID_FRAGMENT:
            return Person.id_number.like(f"%{upper}%")
        return _prefix_range(Person.id_number, upper)
    lower = compact.lower()
    if _PINYIN.fullmatch(lower):
        return or_(_prefix_range(Person.name_initials, lower), _prefix_range(Person.name_pinyin, lower))
    return Person.name.like(f"%{_escape_like(compact)}%", escape="\\")


def _latest_case(household_id: Any, column: Any) -> Any:
    """``column`` of a household's latest case (by application date, then id), as a scalar subquery."""
    latest = aliased(Case)
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


def _candidates(session: Session, flt: RegistryFilter) -> list[str] | None:
    """The households the most selective filter allows, when they are few; else None.

    A few candidates are looked up by id and sorted; many are better found by walking the
    households in display order and stopping once the page is full.
    """
    person_cond = text_condition(flt.text)
    if person_cond is not None:
        probe = select(Person.household_id).where(person_cond)
    elif flt.state or flt.program:
        case_conds = []
        if flt.state:
            case_conds.append(Case.state == flt.state)
        if flt.program:
            case_conds.append(Case.program == flt.program)
        probe = select(Case.household_id).where(*case_conds)
    else:
        return None
    # No DISTINCT in SQL: SQLite would then walk the household_id index instead of the filter's own.
    found = session.execute(probe.limit(PROBE_LIMIT + 1)).scalars().all()
    return list(dict.fromkeys(found)) if len(found) <= PROBE_LIMIT else None


def _where(
    session: Session, flt: RegistryFilter, scope: str | None, *, counting: bool = False, order: str = ""
) -> list[ColumnElement[bool]]:
    """The household conditions of a filter.

    With few candidates they are listed by id. Otherwise a page walks the households in display
    order and tests each (correlated EXISTS, stops when the page is full), while a count gathers the
    matching ids once (IN subquery), which is cheaper when every household has to be looked at.
    """
    conditions: list[ColumnElement[bool]] = []
    if scope:
        conditions.append(scope_condition(scope, indexed=counting or order.lstrip("-") != "head"))
    if flt.village_code:  # a village, or a whole township (the county's filter)
        conditions.append(scope_condition(flt.village_code))
    candidates = _candidates(session, flt)
    if candidates is not None:
        conditions.append(Household.id.in_(candidates))
    person_cond = text_condition(flt.text)
    if person_cond is not None and candidates is None:
        if counting:
            conditions.append(Household.id.in_(select(Person.household_id).where(person_cond)))
        else:
            conditions.append(exists().where(Person.household_id == Household.id, person_cond))
    if counting and candidates is None and (flt.program or flt.state) and person_cond is None:
        latest = [Case.id == _latest_case(Case.household_id, Case.id)]
        latest += [Case.program == flt.program] if flt.program else []
        latest += [Case.state == flt.state] if flt.state else []
        conditions.append(Household.id.in_(select(Case.household_id).where(*latest)))
    else:
        if flt.program:
            conditions.append(_latest_case(Household.id, Case.program) == flt.program)
        if flt.state:
            conditions.append(_latest_case(Household.id, Case.state) == flt.state)
    return conditions


def _order_by(order: str) -> list[Any]:
    descending = order.startswith("-")
    key = order.lstrip("-")
    if key not in ORDERS:
        raise ValueError(f"unknown registry order {order!r}")
    columns: list[Any] = [Household.head_name, Household.id]
    if key == "village":
        columns.insert(0, Household.village_code)
    return [c.desc() for c in columns] if descending else columns


@query
def count(uow: UnitOfWork, actor: Actor, flt: RegistryFilter, cancel: Cancel | None = None) -> int:
    """How many households match the filter inside the actor's area.

    Args:
        cancel: polled while the statement runs; once true the statement stops (``QueryCancelled``).
    """
    session = uow.session
    with interruptible(session, cancel):
        where = _where(session, flt, actor.area_code, counting=True)
        return int(session.execute(select(func.count()).select_from(Household).where(*where)).scalar_one())


def _rows_select(ids: Any) -> Select[Any]:
    """Display columns for the households in ``ids`` (a small subquery or list of ids)."""
    head = aliased(Person)
    member = aliased(Person)
    latest = aliased(Case)
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
        )
        .select_from(Household)
        .outerjoin(Area, Area.code == Household.village_code)
        .outerjoin(latest, latest.id == _latest_case(Household.id, Case.id))
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
    """One page of the households in the actor's area that match, sorted in SQL.

    ``order`` is a key of ORDERS, ``-`` for descending; ``flt.village_code`` narrows the actor's area,
    never widens it. Two steps keep it cheap on 100,000 households: the ids of the page are picked
    using only the household table (and its indexes), then the display columns are computed for
    those ids alone.
    """
    session = uow.session
    ordering = _order_by(order)
    with interruptible(session, cancel):
        where = _where(session, flt, actor.area_code, order=order)
        picked = select(Household.id).where(*where).order_by(*ordering).offset(offset).limit(limit)
        stmt = _rows_select(select(picked.subquery().c.id)).order_by(*ordering)
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
