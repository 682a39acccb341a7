"""`jiuzhu demo`: fill an installation with a realistic, deterministic demo county or township.

The demo is deterministic for a given seed, size and day (its dates count back from today so that
deadlines are live). Rows are written with Core executemany in one transaction (architecture.md:
never row-by-row ORM for bulk work), a batch of households at a time as they are made, so that memory
stays flat whatever the size; the change tracker is told about them in bulk at the end.
"""

from __future__ import annotations

import random
import time
from collections import Counter as Tally
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import clock
from app.demo.builder import DEMO_STANDARDS, DemoBuilder, Village
from app.demo.people import villages_for
from app.domain import areas as divisions
from app.domain.benefit import BenefitRules, TopupGroup, TopupRule
from app.domain.codes import AreaLevel, InstallationKind, Role
from app.domain.money import Rounding
from app.errors import UserError
from app.models import tracking
from app.models.all import metadata
from app.models.area import Area
from app.models.household import Household
from app.models.settings import Counter, Installation, Standard
from app.models.user import User
from app.paths import DataPaths
from app.services import settings
from app.services.setup import auth, installation

DEMO_PASSWORD = "jiuzhu2026"
BATCH = 1000  # households made and written at a time
DEFAULT_TOWNSHIP = "430623101"
# Parents before children: the order rows are inserted in.
TABLE_ORDER = (
    "household",
    "person",
    "income_item",
    "asset_item",
    "supporter",
    "case_file",
    "case_event",
    "investigation",
    "appraisal",
    "public_notice",
    "notice_entry",
    "objection",
    "decision",
    "benefit",
    "benefit_member",
    "review",
)

DEMO_RULES = BenefitRules(
    calc_mode="gap",
    topups=(
        TopupRule(TopupGroup.SEVERE_DISABILITY, "percent", Decimal(10)),
        TopupRule(TopupGroup.SERIOUS_ILLNESS, "percent", Decimal(10)),
        TopupRule(TopupGroup.ELDERLY, "fixed", Decimal(3000)),
        TopupRule(TopupGroup.MINOR, "fixed", Decimal(2000)),
    ),
    topup_combine="max",
    rounding=Rounding.YUAN,
    elderly_age=80,
)


def demo_accounts(inst: Installation, first_village: str) -> list[tuple[str, str, Role, str]]:
    """(username, display name, role, 12-digit scope) of the demo's accounts."""
    county12 = divisions.full_code(inst.county_code)
    township = inst.code if inst.kind == InstallationKind.STATION else DEFAULT_TOWNSHIP
    t12 = divisions.full_code(township)
    accounts = [
        ("clerk", "张丽（经办人）", Role.TOWNSHIP_CLERK, t12),
        ("head", "王建华（乡镇负责人）", Role.TOWNSHIP_HEAD, t12),
        ("cadre", "李春生（村干部）", Role.VILLAGE_CADRE, first_village),
    ]
    if inst.kind == InstallationKind.COUNTY:
        accounts += [
            ("county", "刘敏（县级经办人）", Role.COUNTY_STAFF, county12),
            ("countyhead", "陈志远（县级负责人）", Role.COUNTY_HEAD, county12),
        ]
    return accounts


# The heads of the other townships of a county demo (not shown: each signs only its own township's 初审意见).
HEAD_NAMES = (
    "赵国平", "钱卫东", "孙晓梅", "周立新", "吴海燕", "郑志强", "冯建军",
    "陈丽华", "褚明亮", "卫红霞", "蒋文斌", "沈玉兰", "韩德胜", "杨秀英",
)  # fmt: skip


def township_heads(session: Session, inst: Installation) -> dict[str, tuple[str, str]]:
    """9-digit township → (username, display name) of its head: ``head`` for the demo's own township,
    ``head_<code>`` for each other township of a county."""
    heads: dict[str, tuple[str, str]] = {}
    own = inst.code if inst.kind == InstallationKind.STATION else DEFAULT_TOWNSHIP
    for n, t12 in enumerate(installation.township_codes(session, inst)):
        code = t12[:9]
        if code == own:
            heads[code] = ("head", "王建华（乡镇负责人）")
            continue
        area = session.get(Area, t12)
        where = area.name if area is not None else code
        heads[code] = (f"head_{code}", f"{HEAD_NAMES[n % len(HEAD_NAMES)]}（{where}负责人）")
    return heads


def make_villages(session: Session, inst: Installation, rng: random.Random) -> list[Village]:
    """Invented villages under each township (kept when the area table already has villages)."""
    result: list[Village] = []
    for t12 in installation.township_codes(session, inst):
        existing = (
            session.execute(
                select(Area)
                .where(Area.parent_code == t12, Area.level == AreaLevel.VILLAGE.value)
                .order_by(Area.code)
            )
            .scalars()
            .all()
        )
        if existing:
            result += [Village(a.code, a.name, a.name.endswith("社区"), t12[:9]) for a in existing]
            continue
        for code, name, urban in villages_for(t12[:9], rng):
            session.add(Area(code=code, level=AreaLevel.VILLAGE.value, name=name, parent_code=t12))
            result.append(Village(code, name, urban, t12[:9]))
    session.flush()
    return result


def insert_rows(session: Session, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert a batch's rows, table by table, with executemany; returns how many went to each table."""
    counts: dict[str, int] = {}
    for name in TABLE_ORDER:
        batch = rows.get(name, [])
        if batch:
            session.execute(insert(metadata.tables[name]), batch)
            counts[name] = len(batch)
    return counts


def record_written(session: Session, counts: dict[str, int], *, actor: str, outbox: bool) -> int:
    """Audit each table's rows once; with ``outbox`` (a station's own records) queue every row for the
    first up bundle with one set-based INSERT … SELECT per table (the tables were empty before)."""
    for name in TABLE_ORDER:
        if counts.get(name):
            tracking.record_bulk(
                session, actor=actor, action="demo", table=name, summary={"rows": counts[name]}
            )
            if outbox:
                tracking.queue_table(session, metadata.tables[name])
    return sum(counts.values())


def write_rows(session: Session, rows: dict[str, list[dict[str, Any]]], *, actor: str, outbox: bool) -> int:
    """Insert every table's rows with executemany into empty tables; audit each table once."""
    return record_written(session, insert_rows(session, rows), actor=actor, outbox=outbox)


def seed_reference(session: Session, inst: Installation) -> None:
    """Demo standards for the county, 城 and 乡, and the demo's benefit rules."""
    county12 = divisions.full_code(inst.county_code)
    for (ur, year), (amount, unit) in sorted(DEMO_STANDARDS.items()):
        session.add(
            Standard(
                year=year,
                area_code=county12,
                program="dibao",
                urban_rural=ur,
                amount_fen=amount,
                unit=unit,
                effective_from=date(year, 1, 1),
                note="演示数据，非官方标准",
            )
        )
    settings.put(session, "benefit.rules", DEMO_RULES.to_dict())
    settings.put(session, "office.phone", "0730-4211234")
    settings.put(session, "office.address", f"{inst.name}人民政府民政办")


def run_demo(
    paths: DataPaths,
    url: str | None,
    *,
    households: int,
    seed: int,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    batch: int = BATCH,
    key: bytes | None = None,
) -> list[str]:
    """Create the demo; return the lines to print (what was made, and the demo accounts).

    With ``key`` the database is encrypted (a new one: its keys made by ``installation.new_keys``).
    """
    today = today or clock.today()
    started = time.perf_counter()
    db = installation.open_database(paths, url, create=True, key=key)
    try:
        report: list[str] = []
        with db.uow("system") as uow:
            inst = installation.current(uow.session)
        created = inst is None
        if created:
            installation.initialise(
                db, kind=InstallationKind.STATION, code=DEFAULT_TOWNSHIP, admin_password=DEMO_PASSWORD
            )
            report.append(f"已创建乡镇工作站 {DEFAULT_TOWNSHIP}（三封寺镇）")
        with db.uow("demo") as uow:
            session = uow.session
            inst = installation.require(session)
            if session.execute(select(func.count()).select_from(Household)).scalar_one():
                raise UserError("该安装已有家庭档案，演示数据只能装入空的安装")
            rng = random.Random(seed)
            villages = make_villages(session, inst, rng)
            seed_reference(session, inst)
            accounts = demo_accounts(inst, villages[0].code)
            own = auth.own_accounts(session)
            for username, display, role, scope in accounts:
                if session.execute(select(User.id).where(User.username == username, own)).first() is None:
                    auth.create_user(
                        session,
                        username=username,
                        display_name=display,
                        password=DEMO_PASSWORD,
                        role=role,
                        area_code=scope,
                    )
            heads = township_heads(session, inst)
            for code, (username, display) in heads.items():
                if session.execute(select(User.id).where(User.username == username, own)).first() is None:
                    auth.create_user(
                        session,
                        username=username,
                        display_name=display,
                        password=DEMO_PASSWORD,
                        role=Role.TOWNSHIP_HEAD,
                        area_code=divisions.full_code(code),
                    )
            users = {
                "township": "clerk",
                "head": "head",
                "county": "county" if inst.kind == InstallationKind.COUNTY else "clerk",
            }
            builder = DemoBuilder(
                rng,
                today,
                settings.calendar(session),
                inst.county_code,
                villages,
                DEMO_RULES,
                users,
                {code: username for code, (username, _) in heads.items()},
            )
            counts: Tally[str] = Tally()
            for rows in builder.batches(households, batch):  # written as made: memory stays flat
                counts.update(insert_rows(session, rows))
                if progress:
                    progress(f"written {counts['household']} of {households} households")
            written = record_written(
                session, counts, actor="demo", outbox=inst.kind == InstallationKind.STATION
            )
            for name, value in builder.counters.items():
                if name.startswith("case:"):
                    session.merge(Counter(name=name, value=value))
            uow.commit()
        seconds = time.perf_counter() - started
        report.append(
            f"已生成演示数据：{households}户，{counts['person']}人，{counts['case_file']}件申请，"
            f"共{written}行，用时{seconds:.1f}秒"
        )
        report.append(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        if created:  # the demo made the installation, so its admin has the demo password too
            report.append(f"  admin\t系统管理员\t{Role.ADMIN.label}")
        for username, display, role, _scope in accounts:
            report.append(f"  {username}\t{display}\t{role.label}")
        if key is not None:
            _mark_demo(paths)
        return report
    finally:
        db.dispose()


def _mark_demo(paths: DataPaths) -> None:
    """An encrypted demo says so in its key slots: the sign-in names the demo's accounts before unlocking."""
    from app.services.setup.keyslots import KeySlots

    slots = KeySlots.load(paths.root)
    if not slots.demo:
        slots.demo = True
        slots.save()
