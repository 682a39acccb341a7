"""Business settings kept in the database (they travel in bundles): read with defaults, write audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.areas import full_code
from app.domain.benefit import BenefitRules
from app.domain.calendar import WorkCalendar
from app.domain.codes import Role, RuleMode
from app.domain.deadlines import TimeLimits
from app.domain.holidays import DEFAULT_TABLE
from app.errors import UserError
from app.models.db import UnitOfWork
from app.models.settings import Holiday, Installation, Setting
from app.services.context import Actor, query, require_area, require_role

# Every setting is declared once here with its default.
DEFAULTS: dict[str, Any] = {
    "office.name": "",
    "office.phone": "",
    "office.address": "",
    "office.hotline": "12349",
    "procedure.rule_mode": "2021",
    "procedure.review_stable_months": 12,
    "print.font": "auto",
    "county.spot_check_share": 30,  # [LOCAL] per cent of the 2012-rules cases the county visits at random
    # [LOCAL] publish the new 初审意见 again after an objection and its re-check (S1 Art.19 ¶2 sends it
    # straight to the county; some provinces' rules ask for a second 公示).
    "procedure.renotice_after_objection": False,
    # [LOCAL] minutes without keyboard or mouse input before the screen locks (local.*: never travels)
    "local.lock_minutes": 10,
    # [LOCAL] the shortest password accepted for an account on this installation
    "local.password_min_length": 8,
    # the day of the last backup written outside the data folder (文件 → 备份 to a USB stick); "" = never
    "local.backup.offsite_on": "",
}
LOCK_MINUTES_RANGE = (1, 120)


def get(session: Session, key: str) -> Any:
    raw = session.execute(select(Setting.value).where(Setting.key == key)).scalar()
    if raw is None:
        return DEFAULTS.get(key)
    return json.loads(raw)


def put(session: Session, key: str, value: Any) -> None:
    """Set ``key``; the change tracker versions and audits it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    elif row.value != text:
        row.value = text
    session.flush()


def seed_holidays(session: Session) -> int:
    """Load the shipped holiday table into an empty holiday table; return how many rows."""
    if session.execute(select(Holiday.day).limit(1)).first() is not None:
        return 0
    for day, kind, name in DEFAULT_TABLE:
        session.add(Holiday(day=day, kind=kind, name=name))
    session.flush()
    return len(DEFAULT_TABLE)


def calendar(session: Session) -> WorkCalendar:
    """The working-day calendar from the editable holiday table."""
    holidays: list[date] = []
    workdays: list[date] = []
    names: dict[date, str] = {}
    for day, kind, name in session.execute(select(Holiday.day, Holiday.kind, Holiday.name)):
        (workdays if kind == "workday" else holidays).append(day)
        if kind != "workday" and name:
            names[day] = name
    return WorkCalendar(holidays=holidays, workdays=workdays, names=names)


def time_limits(session: Session) -> TimeLimits:
    """The procedure's time limits ([LOCAL]: each county may change them)."""
    raw = get(session, "procedure.time_limits")
    return TimeLimits.from_dict(raw) if raw else TimeLimits()


def benefit_rules(session: Session) -> BenefitRules:
    """Calculation mode, tiers, 分类施保 top-ups, rounding and floors ([LOCAL])."""
    raw = get(session, "benefit.rules")
    return BenefitRules.from_dict(raw) if raw else BenefitRules()


def rule_mode(session: Session) -> RuleMode:
    return RuleMode(get(session, "procedure.rule_mode"))


def renotice_after_objection(session: Session) -> bool:
    """Whether a new 初审意见 made after an objection is published again before it goes to the county."""
    return bool(get(session, "procedure.renotice_after_objection"))


def review_stable_months(session: Session) -> int:
    """Months between reviews of a stable household ([LOCAL]; S1 Art.31 says yearly: 12)."""
    value = get(session, "procedure.review_stable_months")
    try:
        months = int(value)
    except (TypeError, ValueError):
        return 12
    return min(max(months, 1), 12)


def lock_minutes(session: Session) -> int:
    """Idle minutes before the screen locks (this computer's own setting; out-of-range values are clamped)."""
    try:
        minutes = int(get(session, "local.lock_minutes"))
    except (TypeError, ValueError):
        minutes = int(DEFAULTS["local.lock_minutes"])
    low, high = LOCK_MINUTES_RANGE
    return min(max(minutes, low), high)


OFFICE_KEYS = ("office.name", "office.phone", "office.address", "office.hotline")


def _installation_area(session: Session) -> str:
    """The 12-digit area of this installation (its township, or the county)."""
    code = session.execute(select(Installation.code)).scalar()
    if code is None:
        raise UserError("该数据库尚未初始化")
    return full_code(code)


@dataclass(frozen=True)
class SettingsView:
    """What the settings screen shows: office details, the procedure rules, the holiday table."""

    office: dict[str, str]
    rule_mode: RuleMode
    limits: TimeLimits
    spot_check_share: int
    renotice_after_objection: bool
    holidays: list[tuple[date, str, str]]
    lock_minutes: int


@query
def settings_view(uow: UnitOfWork, actor: Actor) -> SettingsView:
    """The installation's settings (nothing in them belongs to a village: every user may read them)."""
    s = uow.session
    return SettingsView(
        office={key: str(get(s, key) or "") for key in OFFICE_KEYS},
        rule_mode=rule_mode(s),
        limits=time_limits(s),
        spot_check_share=int(get(s, "county.spot_check_share")),
        renotice_after_objection=renotice_after_objection(s),
        holidays=holidays(s),
        lock_minutes=lock_minutes(s),
    )


@query
def idle_lock_minutes(uow: UnitOfWork, actor: Actor) -> int:
    """How long the desktop waits without input before it locks (every signed-in user's session reads it)."""
    return lock_minutes(uow.session)


def update_lock(uow: UnitOfWork, actor: Actor, minutes: int) -> None:
    """Set the idle minutes before the screen locks on this computer (administrator or a head)."""
    session = uow.session
    require_role(actor, {Role.TOWNSHIP_HEAD, Role.COUNTY_HEAD}, "修改锁屏时间")
    require_area(actor, _installation_area(session), "修改锁屏时间")
    low, high = LOCK_MINUTES_RANGE
    if not low <= minutes <= high:
        raise UserError(f"锁屏时间应在{low}到{high}分钟之间", field="锁屏时间")
    put(session, "local.lock_minutes", int(minutes))


def update_office(uow: UnitOfWork, actor: Actor, values: dict[str, str]) -> None:
    """The office's name, phone, address and hotline printed on notices (administrator or a head)."""
    session = uow.session
    require_role(actor, {Role.TOWNSHIP_HEAD, Role.COUNTY_HEAD}, "修改单位信息")
    require_area(actor, _installation_area(session), "修改单位信息")
    unknown = set(values) - set(OFFICE_KEYS)
    if unknown:
        raise UserError(f"未知的设置项：{'、'.join(sorted(unknown))}")
    if "office.name" in values and not values["office.name"].strip():
        raise UserError("单位名称不能为空", field="单位名称")
    for key, value in values.items():
        put(session, key, value.strip())


def update_procedure(
    uow: UnitOfWork,
    actor: Actor,
    *,
    rule_mode: RuleMode,
    notice_days: int,
    notice_day_kind: str,
    spot_check_share: int | None = None,
    renotice_after_objection: bool | None = None,
) -> None:
    """Rule mode, the 公示 period and the county's spot-check share: county-owned (sent to the stations)."""
    session = uow.session
    require_role(actor, {Role.COUNTY_HEAD}, "修改办理规则")
    require_area(actor, _installation_area(session)[:6].ljust(12, "0"), "修改办理规则")
    if renotice_after_objection is not None:
        put(session, "procedure.renotice_after_objection", bool(renotice_after_objection))
    if spot_check_share is not None:
        if not 30 <= spot_check_share <= 100:
            raise UserError("县级入户抽查比例应在30%到100%之间", field="抽查比例")
        put(session, "county.spot_check_share", spot_check_share)
    limits = time_limits(session).to_dict()
    limits.update({"notice_days": notice_days, "notice_day_kind": notice_day_kind})
    checked = TimeLimits.from_dict(limits)  # validates: UserError names the field at fault
    put(session, "procedure.time_limits", checked.to_dict())
    put(session, "procedure.rule_mode", RuleMode(rule_mode).value)


def holidays(session: Session) -> list[tuple[date, str, str]]:
    """The holiday table: (day, "holiday" | "workday", name), by day."""
    rows = session.execute(select(Holiday.day, Holiday.kind, Holiday.name).order_by(Holiday.day))
    return [(d, k, n) for d, k, n in rows]
