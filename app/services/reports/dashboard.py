"""The county master's view by township: cases, deadlines, reviews and each station's sync queues.

Every number comes from a handful of aggregate queries grouped by the township prefix (the first nine
digits) of the household's village code, so the page stays fast on a county of 50,000 households.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import areas
from app.domain.codes import AreaLevel, BundleStatus, InstallationKind, Program, QueueStatus, RuleMode
from app.domain.deadlines import CaseClock, days_left, deadlines
from app.domain.workflow import AT_COUNTY_STATES, BENEFIT_STATES, PRE_DECISION_STATES, CaseState
from app.models.area import Area
from app.models.case import Benefit, Case, Review
from app.models.db import UnitOfWork
from app.models.household import Household
from app.models.sync import SyncBundle, SyncConflict, SyncDuplicate, SyncPeer, SyncQuarantine
from app.services import settings
from app.services.context import Actor, query
from app.services.county_office import require_county_actor

COUNTY_STATES = AT_COUNTY_STATES  # 待县级审批
TOWNSHIP_STATES = PRE_DECISION_STATES - COUNTY_STATES  # still in the township's procedure
SOON_WD = 3  # a deadline within this many working days is at risk


@dataclass(frozen=True)
class TownshipRow:
    """One township's numbers (or, with ``is_total``, the county's); counts are of open items."""

    code: str  # 12-digit township code; the county's code on the total row
    name: str
    households: int = 0
    in_township: int = 0  # applications still in the township's procedure
    awaiting_county: int = 0  # 报县审核 or 拟批准公示: waiting for the county
    active: int = 0  # benefits being paid (在保 and 渐退)
    monthly_fen: int = 0
    refused_year: int = 0  # cases refused (不予确认) this calendar year
    stopped_year: int = 0  # benefits stopped (停发退出) this calendar year
    deadlines_overdue: int = 0  # open applications whose next time limit has passed
    deadlines_soon: int = 0  # … due within SOON_WD working days (0 = due today)
    reviews_overdue: int = 0  # reviews of households being paid, due before today and not done
    held_bundles: int = 0  # bundles waiting for an earlier one
    quarantined: int = 0
    conflicts: int = 0
    duplicates: int = 0  # open duplicate ID numbers involving this station (the total counts each once)
    station_status: str = ""  # "" (no station registered), "active" or "revoked"
    last_sync: datetime | None = None  # the station's last imported bundle (UTC); the latest on the total
    is_total: bool = False

    @property
    def deadlines_at_risk(self) -> int:
        return self.deadlines_overdue + self.deadlines_soon

    @property
    def sync_open(self) -> int:
        """Open sync items of the station: held bundles, quarantined households, conflicts, duplicates."""
        return self.held_bundles + self.quarantined + self.conflicts + self.duplicates


# Summed into the total row; a duplicate involves two stations, so the total counts the items instead.
_SUMMED = [f.name for f in fields(TownshipRow) if f.type == "int" and f.name != "duplicates"]


@query
def township_rows(uow: UnitOfWork, actor: Actor) -> list[TownshipRow]:
    """One row per township of the county, by code, then the county's total row (as of today).

    Townships come from the area table; a household or a station under a township missing from it
    still gets a row (named by its code), so the total is the sum of the rows above it. The county's
    staff only: the rows cover the whole county.
    """
    session, today = uow.session, clock.today()
    inst = require_county_actor(session, actor, "查看各乡镇工作情况")
    county = inst.county_code
    names = dict(
        session.execute(
            select(Area.code, Area.name).where(
                Area.level == AreaLevel.TOWNSHIP.value, Area.code.like(f"{county}%")
            )
        ).all()
    )
    acc: dict[str, dict[str, Any]] = defaultdict(dict)
    _add_cases(session, acc, today)
    _add_benefits_and_reviews(session, acc, today)
    _add_deadlines(session, acc, today)
    duplicate_items = _add_sync(session, acc)
    codes = set(names) | {areas.full_code(t) for t in acc if t.startswith(county)}
    rows = []
    for code in sorted(codes):
        values = acc.get(code[:9], {})
        name = names.get(code) or areas.township_name(code[:9]) or code[:9]
        rows.append(TownshipRow(code=code, name=name, **values))
    total: dict[str, Any] = {name: sum(getattr(r, name) for r in rows) for name in _SUMMED}
    synced = [r.last_sync for r in rows if r.last_sync is not None]
    total_row = TownshipRow(
        code=areas.full_code(county),
        name=inst.name,
        duplicates=duplicate_items,
        last_sync=max(synced) if synced else None,
        is_total=True,
        **total,
    )
    return [*rows, total_row]


def county_total(rows: Iterable[TownshipRow]) -> TownshipRow:
    """The total row of ``township_rows``' result."""
    return next(r for r in rows if r.is_total)


def _township() -> ColumnElement[str]:
    return func.substr(Household.village_code, 1, 9)


def _put(acc: dict[str, dict[str, Any]], township: str, name: str, value: int) -> None:
    row = acc[township]
    row[name] = row.get(name, 0) + int(value or 0)


def _add_cases(session: Session, acc: dict[str, dict[str, Any]], today: date) -> None:
    """Households, and cases by state (with how many of them reached that state this year)."""
    town = _township().label("town")
    for township, n in session.execute(select(town, func.count()).group_by(town)):
        _put(acc, township, "households", n)
    this_year = func.sum(case((Case.state_since >= date(today.year, 1, 1), 1), else_=0))
    query = (
        select(town, Case.state, func.count(), this_year)
        .join(Household, Household.id == Case.household_id)
        .group_by(town, Case.state)
    )
    for township, state, n, in_year in session.execute(query):
        if state in COUNTY_STATES:
            _put(acc, township, "awaiting_county", n)
        elif state in TOWNSHIP_STATES:
            _put(acc, township, "in_township", n)
        elif state == CaseState.REFUSED:
            _put(acc, township, "refused_year", in_year)
        elif state == CaseState.STOPPED:
            _put(acc, township, "stopped_year", in_year)


def _add_benefits_and_reviews(session: Session, acc: dict[str, dict[str, Any]], today: date) -> None:
    town = _township().label("town")
    paying = [s.value for s in BENEFIT_STATES]
    benefits = (
        select(town, func.count(), func.coalesce(func.sum(Benefit.monthly_fen), 0))
        .join(Household, Household.id == Benefit.household_id)
        .where(Benefit.status.in_(paying))
        .group_by(town)
    )
    for township, n, fen in session.execute(benefits):
        _put(acc, township, "active", n)
        _put(acc, township, "monthly_fen", fen)
    reviews = (
        select(town, func.count())
        .select_from(Review)
        .join(Case, Case.id == Review.case_id)
        .join(Household, Household.id == Case.household_id)
        .where(Review.done_on.is_(None), Review.due_on < today, Case.state.in_(paying))
        .group_by(town)
    )
    for township, n in session.execute(reviews):
        _put(acc, township, "reviews_overdue", n)


def _add_deadlines(session: Session, acc: dict[str, dict[str, Any]], today: date) -> None:
    """The workbench's deadline rules, evaluated once per distinct clock (cases share most of them)."""
    limits, cal = settings.time_limits(session), settings.calendar(session)
    town = _township().label("town")
    clock = (Case.program, Case.rule_mode, Case.state, Case.accepted_on, Case.state_since, Case.extended)
    query = (
        select(town, *clock, func.count())
        .join(Household, Household.id == Case.household_id)
        .where(Case.state.in_([s.value for s in PRE_DECISION_STATES]))
        .group_by(town, *clock)
    )
    for township, program, mode, state, accepted, since, extended, n in session.execute(query):
        running = deadlines(
            CaseClock(Program(program), RuleMode(mode), CaseState(state), accepted, since, bool(extended)),
            limits,
            cal,
        )
        if not running:
            continue
        left = days_left(running[0], today, cal)
        if left < 0:
            _put(acc, township, "deadlines_overdue", n)
        elif left <= SOON_WD:
            _put(acc, township, "deadlines_soon", n)


def _add_sync(session: Session, acc: dict[str, dict[str, Any]]) -> int:
    """Each station's status, last import and open queue items; returns the open duplicate items."""
    for code, status, last_in in session.execute(
        select(SyncPeer.code, SyncPeer.status, SyncPeer.last_in_at).where(
            SyncPeer.kind == InstallationKind.STATION.value
        )
    ):
        acc[code[:9]].update(station_status=status, last_sync=last_in)
    held = (
        select(SyncBundle.peer_code, func.count())
        .where(SyncBundle.direction == "in", SyncBundle.status == BundleStatus.HELD.value)
        .group_by(SyncBundle.peer_code)
    )
    for code, n in session.execute(held):
        _put(acc, code[:9], "held_bundles", n)
    for model, name in ((SyncQuarantine, "quarantined"), (SyncConflict, "conflicts")):
        query = (
            select(model.peer_code, func.count())
            .where(model.status == QueueStatus.OPEN.value)
            .group_by(model.peer_code)
        )
        for code, n in session.execute(query):
            _put(acc, code[:9], name, n)
    open_items = select(SyncDuplicate.persons).where(SyncDuplicate.status == QueueStatus.OPEN.value)
    items = session.execute(open_items).scalars()
    count = 0
    for persons in items:
        count += 1
        for station in {str(p.get("station", ""))[:9] for p in json.loads(persons)}:
            if station:
                _put(acc, station, "duplicates", 1)
    return count
