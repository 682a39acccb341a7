"""Accounts: argon2 password hashes, sign-in with lock-out after repeated failures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.domain.codes import InstallationKind, Role
from app.errors import UserError
from app.models.area import Area
from app.models.base import utcnow
from app.models.db import Database
from app.models.settings import Installation
from app.models.user import User
from app.services import settings
from app.services.context import Actor

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8  # the default of the setting local.password_min_length
FIELD_PASSWORD, FIELD_CURRENT = "密码", "当前密码"


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def min_password_length(session: Session) -> int:
    """[LOCAL] the shortest password accepted (设置 ``local.password_min_length``, 8 by default)."""
    return max(int(settings.get(session, "local.password_min_length")), 1)


def check_new_password(session: Session, password: str, again: str | None = None) -> None:
    shortest = min_password_length(session)
    if len(password) < shortest:
        raise UserError(f"密码至少需要{shortest}个字符", field=FIELD_PASSWORD)
    if again is not None and password != again:
        raise UserError("两次输入的密码不一致", field=FIELD_PASSWORD)


def here(session: Session) -> str:
    """This installation's code: the origin of its own accounts ("" before it is initialised)."""
    return session.execute(select(Installation.code)).scalar() or ""


def own_accounts(session: Session) -> ColumnElement[bool]:
    """Accounts made at this office: only these sign in or are managed here. The others came from a
    station in a bundle (at the county), without a password hash (decision 0006)."""
    return User.origin_station == here(session)


def create_user(
    session: Session, *, username: str, display_name: str, password: str, role: Role, area_code: str
) -> User:
    """Create an account; refuses a taken name, a short password or an unknown area."""
    username = username.strip()
    if not username:
        raise UserError("用户名不能为空", field="用户名")
    check_new_password(session, password)
    if session.execute(select(User.id).where(User.username == username, own_accounts(session))).first():
        raise UserError(f"用户名“{username}”已存在", field="用户名")
    if session.get(Area, area_code) is None:
        raise UserError(f"地区代码“{area_code}”不存在", field="管辖范围")
    user = User(
        origin_station=here(session),
        username=username,
        display_name=display_name,
        password_hash=_hasher().hash(password),
        role=role.value,
        area_code=area_code,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> Actor:
    """Check a password; count failures and lock the account for a while after too many.

    The caller commits: the failure counter must be saved even when sign-in is refused.
    """
    user = session.execute(
        select(User).where(User.username == username.strip(), own_accounts(session))
    ).scalar_one_or_none()
    if user is None or not user.active or not user.password_hash:  # no hash: synced from a station
        raise UserError("用户名或密码错误")
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        minutes = int((user.locked_until - now).total_seconds() // 60) + 1
        raise UserError(f"密码错误次数过多，账户已锁定，请{minutes}分钟后再试")
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_attempts = 0
        session.flush()
        raise UserError("用户名或密码错误") from None
    if user.failed_attempts or user.locked_until:
        user.failed_attempts = 0
        user.locked_until = None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
    session.flush()
    return actor_for(user)


def change_password(session: Session, user: User, current: str, new: str, again: str) -> None:
    """Replace ``user``'s password after checking the current one; the must-change mark goes."""
    try:
        _hasher().verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise UserError("当前密码不正确", field=FIELD_CURRENT) from None
    check_new_password(session, new, again)
    if new == current:
        raise UserError("新密码不能与当前密码相同", field=FIELD_PASSWORD)
    user.password_hash = _hasher().hash(new)
    user.must_change_password = False
    session.flush()


def _user(session: Session, username: str) -> User:
    return session.execute(
        select(User).where(User.username == username.strip(), own_accounts(session))
    ).scalar_one()


def actor_for(user: User) -> Actor:
    return Actor(user.username, user.display_name, Role(user.role), user.area_code)


@dataclass(frozen=True)
class SignedInUser:
    """Who signed in, and the installation: what the desktop needs to open its window."""

    actor: Actor
    installation_name: str
    installation_kind: InstallationKind
    must_change_password: bool = False


def sign_in(db: Database, username: str, password: str) -> SignedInUser:
    """Sign in before anyone is signed in: its own transaction, so a failure is counted even when refused."""
    with db.uow(username.strip() or "anonymous") as uow:
        try:
            actor = authenticate(uow.session, username, password)
        finally:
            uow.commit()
        inst = uow.session.execute(select(Installation)).scalar_one_or_none()
        if inst is None:
            raise UserError("该数据库尚未初始化")
        must_change = _user(uow.session, actor.username).must_change_password
        return SignedInUser(actor, inst.name, InstallationKind(inst.kind), must_change)


def change_password_at_sign_in(
    db: Database, username: str, current: str, new: str, again: str
) -> SignedInUser:
    """The password chosen at sign-in in place of an initial or reset one (nobody is signed in yet)."""
    with db.uow(username.strip() or "anonymous") as uow:
        user = _user(uow.session, username)
        if not user.active:
            raise UserError("该账户已停用")
        change_password(uow.session, user, current, new, again)
        uow.commit()
        inst = uow.session.execute(select(Installation)).scalar_one()
        return SignedInUser(actor_for(user), inst.name, InstallationKind(inst.kind), False)


def existing_accounts(db: Database, usernames: Iterable[str]) -> list[str]:
    """Which of ``usernames`` have an active account here (the sign-in screen hints the demo's)."""
    wanted = list(usernames)
    with db.uow("sign-in") as uow:
        found = set(
            uow.session.execute(
                select(User.username).where(
                    User.username.in_(wanted), User.active.is_(True), own_accounts(uow.session)
                )
            ).scalars()
        )
    return [name for name in wanted if name in found]
