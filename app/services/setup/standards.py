"""保障标准 and the benefit rules (分档, 分类施保, rounding): county-owned, edited at the county only.

Every write goes through the ORM (standards) or ``settings.put`` (rules), so the change tracker audits
it and queues it in the outbox: the next return bundle carries it down to the stations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import benefit as rules_benefit
from app.domain.areas import scope_prefix
from app.domain.benefit import BenefitRules, TopupRule
from app.domain.codes import AreaLevel, InstallationKind, Program, Role, UrbanRural
from app.domain.money import month_cn
from app.errors import UserError
from app.models.area import Area
from app.models.db import UnitOfWork
from app.models.payment import PaymentRun
from app.models.settings import Standard
from app.services import settings
from app.services.context import COUNTY_ROLES, Actor, query, require_area, require_role
from app.services.setup import installation

PROGRAMS = (Program.DIBAO, Program.TEKUN)  # 特困 without its own standard falls back to 低保's
UNITS = {"month": "元/人·月", "year": "元/人·年"}
EDITOR_ROLES = COUNTY_ROLES | {Role.ADMIN}
FROZEN = ("approved", "sent", "closed")
WHAT = "修改保障标准"
MAX_TOPUP_PERCENT = Decimal(100)


@dataclass(frozen=True)
class StandardRow:
    """One standard as listed; ``state`` is "current", "upcoming" or "superseded" on the day listed."""

    id: str
    year: int
    area_code: str
    area_name: str
    program: str
    urban_rural: str
    amount_fen: int
    unit: str
    monthly_fen: int
    effective_from: date
    note: str
    state: str

    @property
    def program_label(self) -> str:
        return Program(self.program).label

    @property
    def urban_rural_label(self) -> str:
        return UrbanRural(self.urban_rural).label


@dataclass(frozen=True)
class StandardInput:
    """What the county enters for a standard; ``id`` is None for a new one."""

    year: int
    area_code: str
    program: str
    urban_rural: str
    amount_fen: int
    unit: str
    effective_from: date
    note: str = ""
    id: str | None = None


def may_edit(installation_kind: InstallationKind, role: Role) -> bool:
    """Whether the screens should offer editing (the services check again on every write)."""
    return installation_kind is InstallationKind.COUNTY and role in EDITOR_ROLES


def require_editor(session: Session, actor: Actor, what: str = WHAT) -> None:
    """County master, county staff/head or the administrator, scoped to the whole county."""
    inst = installation.require(session)
    if inst.kind != InstallationKind.COUNTY:
        raise UserError(
            f"本机是乡镇工作站（{inst.name}，{inst.code}），不能{what}：保障标准和计算规则由县民政局制定，"
            "随回执包下发到乡镇"
        )
    require_role(actor, COUNTY_ROLES, what)
    require_area(actor, inst.county_code.ljust(12, "0"), what)


def _applies(actor: Actor, area_code: str) -> bool:
    """A standard concerns the actor when it is set for the actor's area, inside it, or above it."""
    return actor.covers(area_code) or scope_prefix(actor.area_code).startswith(scope_prefix(area_code))


@query
def area_choices(uow: UnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    """(12-digit code, name) of the county and its townships that concern the actor, county first."""
    rows = uow.session.execute(
        select(Area.code, Area.name)
        .where(Area.level.in_((AreaLevel.COUNTY.value, AreaLevel.TOWNSHIP.value)))
        .order_by(Area.code)
    )
    return [(code, name) for code, name in rows if _applies(actor, code)]


@query
def years(uow: UnitOfWork, actor: Actor) -> list[int]:
    """The years that have standards concerning the actor, newest first."""
    rows = uow.session.execute(select(Standard.year, Standard.area_code).distinct())
    return sorted({year for year, area in rows if _applies(actor, area)}, reverse=True)


@query
def list_standards(
    uow: UnitOfWork, actor: Actor, year: int | None = None, today: date | None = None
) -> list[StandardRow]:
    """The standards concerning the actor (or one year's), newest first, with whether each is in force."""
    session = uow.session
    today = today or clock.today()
    names = dict(session.execute(select(Area.code, Area.name)).all())
    everything = [s for s in session.execute(select(Standard)).scalars() if _applies(actor, s.area_code)]
    current: dict[tuple[str, str, str], tuple[date, str]] = {}
    for s in everything:
        key = (s.area_code, s.program, s.urban_rural)
        if s.effective_from <= today and (key not in current or current[key][0] < s.effective_from):
            current[key] = (s.effective_from, s.id)
    rows = []
    for s in everything:
        if year is not None and s.year != year:
            continue
        if s.effective_from > today:
            state = "upcoming"
        else:
            state = "current" if current[(s.area_code, s.program, s.urban_rural)][1] == s.id else "superseded"
        rows.append(
            StandardRow(
                s.id,
                s.year,
                s.area_code,
                names.get(s.area_code, s.area_code),
                s.program,
                s.urban_rural,
                s.amount_fen,
                s.unit,
                rules_benefit.monthly_standard(s.amount_fen, s.unit),
                s.effective_from,
                s.note,
                state,
            )
        )
    rows.sort(key=lambda r: (-r.effective_from.toordinal(), r.area_code, r.program, r.urban_rural))
    return rows


@dataclass(frozen=True)
class EditorView:
    """What the standards screen shows: the areas to choose, the years, one year's rows, the rules."""

    areas: list[tuple[str, str]]
    years: list[int]
    rows: list[StandardRow]
    rules: BenefitRules


@query
def editor_view(uow: UnitOfWork, actor: Actor, year: int | None = None) -> EditorView:
    """The standards screen's contents (read-only where the actor may not edit)."""
    return EditorView(
        area_choices(uow, actor),
        years(uow, actor),
        list_standards(uow, actor, year),
        settings.benefit_rules(uow.session),
    )


def _refuse_paid_month(session: Session, effective_from: date) -> None:
    """A standard may not start in (or before) a month whose payment run is already frozen."""
    month = f"{effective_from:%Y-%m}"
    paid = session.execute(
        select(PaymentRun.month)
        .where(PaymentRun.status.in_(FROZEN), PaymentRun.month >= month)
        .order_by(PaymentRun.month.desc())
        .limit(1)
    ).scalar()
    if paid is not None:
        raise UserError(
            f"{month_cn(paid)}的发放批次已审批冻结，保障标准不能从{month_cn(month)}起执行："
            f"请选择{month_cn(paid)}之后的执行日期",
            field="执行日期",
        )


def _check(session: Session, data: StandardInput) -> None:
    if data.program not in {p.value for p in PROGRAMS}:
        raise UserError(f"保障类别应为低保或特困供养，不是“{data.program}”", field="类别")
    if data.urban_rural not in {u.value for u in UrbanRural}:
        raise UserError(f"城乡类别应为城市或农村，不是“{data.urban_rural}”", field="城乡")
    if data.unit not in UNITS:
        raise UserError(f"单位应为{'或'.join(UNITS.values())}", field="单位")
    if isinstance(data.amount_fen, bool) or data.amount_fen <= 0:
        raise UserError("保障标准金额必须大于0", field="金额")
    if not 2000 <= data.year <= 2100:
        raise UserError(f"标准年度“{data.year}”无效", field="年度")
    if data.effective_from.year != data.year:
        raise UserError(f"执行日期{data.effective_from:%Y-%m-%d}不在{data.year}年度内", field="执行日期")
    area = session.get(Area, data.area_code)
    if area is None or area.level not in (AreaLevel.COUNTY.value, AreaLevel.TOWNSHIP.value):
        raise UserError("保障标准只能按县或乡镇制定，请从列表中选择地区", field="地区")
    if len(data.note) > 200:
        raise UserError("备注不能超过200字", field="备注")
    clash = session.execute(
        select(Standard.id).where(
            Standard.area_code == data.area_code,
            Standard.program == data.program,
            Standard.urban_rural == data.urban_rural,
            Standard.effective_from == data.effective_from,
        )
    ).scalar()
    if clash is not None and clash != data.id:
        label = f"{area.name}{UrbanRural(data.urban_rural).label}{Program(data.program).label}"
        raise UserError(
            f"{label}已有{data.effective_from:%Y-%m-%d}起执行的保障标准，请修改该条，不要重复录入",
            field="执行日期",
        )


def save_standard(uow: UnitOfWork, actor: Actor, data: StandardInput) -> StandardRow:
    """Add a standard, or change one whose start lies after every frozen payment run."""
    session = uow.session
    require_editor(session, actor)
    _check(session, data)
    _refuse_paid_month(session, data.effective_from)
    if data.id is None:
        row = Standard()
        session.add(row)
    else:
        found = session.get(Standard, data.id)
        if found is None:
            raise UserError("找不到该保障标准，可能已被删除")
        _refuse_paid_month(session, found.effective_from)
        row = found
    row.year, row.area_code, row.program = data.year, data.area_code, data.program
    row.urban_rural, row.amount_fen, row.unit = data.urban_rural, data.amount_fen, data.unit
    row.effective_from, row.note = data.effective_from, data.note.strip()
    session.flush()
    return next(r for r in list_standards(uow, actor, data.year) if r.id == row.id)


def delete_standard(uow: UnitOfWork, actor: Actor, standard_id: str, today: date | None = None) -> None:
    """Withdraw a standard that has not yet come into force (one in force is replaced by a newer one)."""
    session = uow.session
    require_editor(session, actor, "删除保障标准")
    row = session.get(Standard, standard_id)
    if row is None:
        raise UserError("找不到该保障标准，可能已被删除")
    if row.effective_from <= (today or clock.today()):
        raise UserError(
            f"该标准已于{row.effective_from:%Y-%m-%d}起执行，不能删除；如需调整，请录入新的保障标准及其执行日期"
        )
    _refuse_paid_month(session, row.effective_from)
    session.delete(row)
    session.flush()


# ---------------------------------------------------------------- benefit rules


def check_rules(rules: BenefitRules) -> None:
    """What the domain's own checks leave open: usable tiers, one top-up per group, sane bounds."""
    if rules.calc_mode == "tier" and not rules.tiers:
        raise UserError("分档计算方式下至少要设置一个档次", field="档次")
    names = [t.name.strip() for t in rules.tiers]
    if len(set(names)) != len(names):
        raise UserError("档次名称不能重复", field="档次")
    last: int | None = None
    for i, tier in enumerate(rules.tiers, start=1):
        if tier.amount_per_person_fen <= 0:
            raise UserError(f"第{i}档“{tier.name}”的每人金额必须大于0", field="档次")
        if tier.max_per_capita_fen is None:
            if i != len(rules.tiers):
                raise UserError("只有最后一档可以不设人均收入上限", field="档次")
            continue
        if last is not None and tier.max_per_capita_fen <= last:
            raise UserError("各档次的人均收入上限应从低到高排列", field="档次")
        last = tier.max_per_capita_fen
    seen: set[str] = set()
    for rule in rules.topups:
        if rule.group.value in seen:
            raise UserError(f"“{rule.group.label}”的分类施保只能设置一项", field="分类施保")
        seen.add(rule.group.value)
        _check_topup(rule)
    if not 50 <= rules.elderly_age <= 100:
        raise UserError("老年人年龄应在50至100岁之间", field="老年人年龄")
    if not 1 <= rules.minor_age <= 18:
        raise UserError("未成年人年龄应在1至18岁之间", field="未成年人年龄")
    if Decimal(rules.edge_multiplier) > 3:
        raise UserError("低保边缘倍数不能大于3", field="低保边缘倍数")


def _check_topup(rule: TopupRule) -> None:
    value = Decimal(rule.value)
    if rule.mode == "percent" and value > MAX_TOPUP_PERCENT:
        raise UserError(f"“{rule.group.label}”的分类施保比例不能超过标准的100%", field="分类施保")
    if rule.mode == "fixed" and value != value.to_integral_value():
        raise UserError(f"“{rule.group.label}”的分类施保金额应精确到分", field="分类施保")


def save_rules(uow: UnitOfWork, actor: Actor, rules: BenefitRules) -> BenefitRules:
    """Store the 分档 / 分类施保 / rounding rules (read back by ``settings.benefit_rules``)."""
    session = uow.session
    require_editor(session, actor, "修改低保计算规则")
    check_rules(rules)
    stored = BenefitRules.from_dict(rules.to_dict())  # what a station will rebuild from the bundle
    settings.put(session, "benefit.rules", stored.to_dict())
    return settings.benefit_rules(session)
