"""Create and open an installation: a township station or the county master."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.domain import areas as divisions
from app.domain.codes import AreaLevel, InstallationKind, Role
from app.errors import DatabaseLocked, UserError
from app.models.area import Area
from app.models.db import Database, make_engine, sqlite_url
from app.models.migrate import upgrade
from app.models.settings import Installation
from app.paths import DataPaths
from app.services import settings
from app.services.setup import auth
from app.services.setup.areas import add_area


def is_encrypted(paths: DataPaths) -> bool:
    """The data folder's database is (or is being made) a SQLCipher file: it opens only with a key."""
    from app.models.cipher import is_encrypted as encrypted_file
    from app.services.setup.keyslots import KeySlots

    return KeySlots.exists(paths.root) or encrypted_file(paths.database)


def open_database(
    paths: DataPaths, url: str | None = None, *, create: bool = False, key: bytes | None = None
) -> Database:
    """Open (and upgrade) the installation's database; with ``create`` an empty one is made.

    An encrypted database needs ``key`` (from :func:`unlock`); without it ``DatabaseLocked`` is raised.
    With a key, the account's key slots follow every committed change of an account (keyring.py).
    """
    if url is None:
        if not paths.database.exists() and not create:
            raise UserError(
                f"数据目录 {paths.root} 中还没有救助通数据库，请先运行 jiuzhu init 或 jiuzhu demo"
            )
        if key is None and is_encrypted(paths):
            raise DatabaseLocked("数据库已加密，须用本机的账户和密码解锁")
        paths.ensure()
        url = sqlite_url(paths.database)
    elif key is not None:
        raise ValueError("only the data folder's own SQLite database is encrypted")
    engine = make_engine(url, key)
    try:
        upgrade(engine, backup_dir=paths.backups, key=key)
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
    db = Database(engine, key=key)
    if key is not None:
        from app.services.setup.keyring import Keyring

        Keyring(paths.root, key).attach(db.sessions)
    with db.uow("system") as uow:
        inst = current(uow.session)
        db.station = inst.code if inst else ""
    return db


def new_keys(paths: DataPaths, *, demo: bool = False) -> tuple[bytes, str]:
    """The key of a new encrypted database in ``paths`` and its recovery key (to be shown once).

    Writes ``keyslots.json`` with the recovery slot; each account gets its own slot as it is created
    (keyring.py). Refused when the folder already holds a database.
    """
    from app.services.setup.keyslots import RECOVERY, KeySlots, new_database_key, new_recovery_key

    if paths.database.exists() or KeySlots.exists(paths.root):
        raise UserError(f"数据目录 {paths.root} 已初始化（已有救助通数据库），不能重复初始化")
    paths.ensure()
    key, recovery = new_database_key(), new_recovery_key()
    slots = KeySlots(KeySlots.in_folder(paths.root), demo=demo)
    slots.set(key, RECOVERY, recovery)
    slots.save()
    return key, recovery


def unlock(paths: DataPaths, username: str, password: str) -> bytes:
    """The database key from an account's slot ("用户名或密码错误" when it does not open)."""
    from app.services.setup.keyslots import KeySlots

    if not KeySlots.exists(paths.root):
        raise UserError(f"数据目录 {paths.root} 缺少密钥文件 keyslots.json，无法解锁数据库，请从备份恢复")
    return KeySlots.load(paths.root).unlock(username.strip(), password)


def open_unlocked(paths: DataPaths, username: str, password: str) -> Database:
    """The encrypted database opened with the key an account's password unwraps."""
    return open_database(paths, key=unlock(paths, username, password))


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
