"""Create and open an installation: a township station or the county master."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.domain import areas as divisions
from app.domain.codes import AreaLevel, InstallationKind, Role
from app.errors import UserError
from app.models.area import Area
from app.models.db import Database, make_engine, sqlite_url
from app.models.migrate import upgrade
from app.models.settings import Installation
from app.paths import DataPaths
from app.services import settings
from app.services.setup import auth
from app.services.setup.areas import add_area


def open_database(paths: DataPaths, url: str | None = None, *, create: bool = False) -> Database:
    """Open (and upgrade) the installation's database; with ``create`` an empty one is made."""
    if url is None:
        if not paths.database.exists() and not create:
            raise UserError(
                f"数据目录 {paths.root} 中还没有救助通数据库，请先运行 jiuzhu init 或 jiuzhu demo"
            )
        paths.ensure()
        url = sqlite_url(paths.database)
    engine = make_engine(url)
    try:
        upgrade(engine, backup_dir=paths.backups)
    except DatabaseError as exc:
        engine.dispose()
        if url.startswith("sqlite"):
            advice = f"数据库文件 {paths.database} 无法读取，可能已损坏，请从备份恢复"
        else:
            advice = "无法连接或读取数据库服务器，请检查 --database-url 和服务器状态"
        raise UserError(f"{advice}：{getattr(exc, 'orig', exc)}") from exc
    except Exception:
        engine.dispose()
        raise
    if url.startswith("sqlite"):
        paths.secure()  # the database, its WAL/SHM, logs and backups: the owner's only
    db = Database(engine)
    with db.uow("system") as uow:
        inst = current(uow.session)
        db.station = inst.code if inst else ""
    return db


def current(session: Session) -> Installation | None:
    return session.execute(select(Installation)).scalar_one_or_none()


def require(session: Session) -> Installation:
    inst = current(session)
    if inst is None:
        raise UserError("该数据库尚未初始化，请先运行 jiuzhu init")
    return inst


@dataclass(frozen=True)
class InitResult:
    kind: InstallationKind
    code: str
    name: str
    admin_password: str


def check_code(kind: InstallationKind, code: str) -> str:
    """The installation's code, checked: 6 digits for the county, 9 for a township."""
    code = code.strip()
    if kind is InstallationKind.COUNTY and not (code.isdigit() and len(code) == 6):
        raise UserError(f"县级区划代码应为6位数字，收到“{code}”", field="--county")
    if kind is InstallationKind.STATION and not (code.isdigit() and len(code) == 9):
        raise UserError(f"乡镇区划代码应为9位数字，收到“{code}”", field="--township")
    return code


def initialise(
    db: Database,
    *,
    kind: InstallationKind,
    code: str,
    name: str | None = None,
    admin_password: str | None = None,
) -> InitResult:
    """Make an empty database a county master (6-digit code) or a township station (9-digit code).

    This comes before any account exists (it makes the administrator's): it owns its transaction.
    """
    kind = InstallationKind(kind)
    code = check_code(kind, code)
    county6 = code[:6]
    default_county = county6 == divisions.DEFAULT_COUNTY[0]
    with db.uow("system") as uow:
        session = uow.session
        if current(session) is not None:
            inst = current(session)
            assert inst is not None
            raise UserError(f"该数据目录已初始化为“{inst.name}”（{inst.code}），不能重复初始化")
        county_name = (name if kind is InstallationKind.COUNTY else None) or (
            divisions.DEFAULT_COUNTY[1] if default_county else f"{county6}县"
        )
        add_area(session, divisions.full_code(county6), county_name)
        if default_county:
            for tcode, tname in divisions.HUARONG_TOWNSHIPS:
                add_area(session, divisions.full_code(tcode), tname)
        if kind is InstallationKind.STATION:
            tname = name or divisions.township_name(code) or f"{code}乡镇"
            existing = session.get(Area, divisions.full_code(code))
            if existing is None:
                add_area(session, divisions.full_code(code), tname)
            elif name:
                existing.name = name
            inst_name = name or (existing.name if existing else tname)
        else:
            inst_name = county_name
        session.add(Installation(id=1, kind=kind, code=code, name=inst_name, county_code=county6))
        settings.seed_holidays(session)
        settings.put(
            session,
            "office.name",
            f"{inst_name}民政办" if kind is InstallationKind.STATION else f"{inst_name}民政局",
        )
        password = admin_password or secrets.token_urlsafe(9)
        auth.create_user(
            session,
            username="admin",
            display_name="系统管理员",
            password=password,
            role=Role.ADMIN,
            area_code=divisions.full_code(code),
        )
        uow.commit()
    db.station = code
    return InitResult(kind, code, inst_name, password)


def scope_code(inst: Installation) -> str:
    """The 12-digit area an installation covers."""
    return divisions.full_code(inst.code)


def township_codes(session: Session, inst: Installation) -> list[str]:
    """The 12-digit township codes this installation works for (one on a station)."""
    if inst.kind == InstallationKind.STATION:
        return [divisions.full_code(inst.code)]
    rows = session.execute(
        select(Area.code)
        .where(Area.level == AreaLevel.TOWNSHIP.value, Area.code.like(f"{inst.county_code}%"))
        .order_by(Area.code)
    )
    return list(rows.scalars())
