"""Create and open an installation: a township station or the county master."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.domain import areas as divisions
from app.domain.codes import AreaLevel, InstallationKind, Role
from app.errors import DatabaseLocked, NotSetUp, UserError
from app.models.area import Area
from app.models.db import Database, make_engine, sqlite_url
from app.models.migrate import upgrade
from app.models.settings import Installation
from app.paths import DataPaths
from app.services import settings
from app.services.setup import auth
from app.services.setup.areas import add_area


def is_encrypted(paths: DataPaths) -> bool:
    """The data folder's database is encrypted: it has key slots (without them an unreadable file is
    a damaged one, and is reported as such)."""
    from app.services.setup.keyslots import KeySlots

    return KeySlots.exists(paths.root)


def open_database(
    paths: DataPaths, url: str | None = None, *, create: bool = False, key: bytes | None = None
) -> Database:
    """Open (and upgrade) the installation's database; with ``create`` an empty one is made.

    An encrypted database needs ``key`` (from :func:`unlock`); without it ``DatabaseLocked`` is raised.
    With a key, the account's key slots follow every committed change of an account (keyring.py).
    """
    if url is None:
        if not paths.database.exists() and not create:
            raise NotSetUp(
                f"数据目录 {paths.root} 中还没有救助通数据库，须先初始化（建立乡镇工作站或县级主库）"
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


def needs_encryption(paths: DataPaths) -> bool:
    """The data folder holds a plain database (from a version before encryption at rest)."""
    from app.models.cipher import is_plain

    return is_plain(paths.database)


def encrypt(paths: DataPaths, *, recovery: bool = False) -> str:
    """Encrypt the plain database in ``paths`` in place; return the new recovery key ("" without one).

    Needs no password: every active account's slot is derived from its password hash (keyslots.py).
    First the database is brought up to date, then an encrypted copy is made beside it, checked (it opens
    with the key and holds the same rows), kept as a backup in ``backups/``, and only then moved over the
    plain file (the WAL of the plain one is folded in first and removed after). An interrupted run leaves
    the plain database as it was, and the next start does it again.
    """
    import shutil

    from sqlalchemy import text

    from app import clock
    from app.models import cipher
    from app.services.setup.keyslots import RECOVERY, KeySlots, new_database_key, new_recovery_key

    plain = open_database(paths)  # brings the schema up to date (with its own backup first)
    try:
        with plain.engine.connect() as conn:
            users = conn.execute(text("SELECT username, password_hash, active FROM app_user")).all()
            tables = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
            counts = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in tables}
    finally:
        plain.dispose()
    folded = sqlite3.connect(paths.database)  # the WAL folded into the file before it is copied
    try:
        folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        folded.close()
    key = new_database_key()
    staged = paths.database.with_name(paths.database.name + ".encrypting")
    staged.unlink(missing_ok=True)
    cipher.encrypt_copy(paths.database, staged, key)
    check = cipher.connect(staged, key)
    try:
        for table, count in counts.items():
            if check.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] != count:
                raise UserError(f"加密后的数据库与原数据库不一致（{table}），原数据库未改动")
    finally:
        check.close()
    slots = KeySlots(KeySlots.in_folder(paths.root))
    for username, phc, active in users:
        if active and phc:
            slots.set_from_hash(key, username, phc)
    recovery_key = new_recovery_key() if recovery else ""
    if recovery_key:
        slots.set(key, RECOVERY, recovery_key)
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    paths.ensure()
    shutil.copyfile(staged, paths.backups / f"jiuzhu-before-encryption-{stamp}.sqlite3")
    slots.save()
    for suffix in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
    staged.replace(paths.database)
    _encrypt_old_copies(paths, key)
    paths.secure()
    return recovery_key


def _encrypt_old_copies(paths: DataPaths, key: bytes) -> None:
    """The plain copies an older version left in the data folder (daily and pre-upgrade backups)
    are encrypted with the same key: none of them keeps an ID number in clear."""
    from app.models import cipher

    for old in sorted(paths.backups.glob("*.sqlite3")):
        if cipher.is_plain(old):
            staged = old.with_name(old.name + ".encrypting")
            staged.unlink(missing_ok=True)
            try:
                cipher.encrypt_copy(old, staged, key)
            except Exception:  # a damaged old copy stays as it is; the database is already safe
                staged.unlink(missing_ok=True)
                continue
            staged.replace(old)


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
        raise NotSetUp("该数据库尚未初始化，须先建立乡镇工作站或县级主库")
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
