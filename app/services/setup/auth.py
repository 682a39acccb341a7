"""Accounts: argon2 password hashes, sign-in with lock-out after repeated failures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import InstallationKind, Role
from app.errors import UserError
from app.models.area import Area
from app.models.base import utcnow
from app.models.db import Database
from app.models.settings import Installation
from app.models.user import User
from app.services.context import Actor

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def create_user(
    session: Session, *, username: str, display_name: str, password: str, role: Role, area_code: str
) -> User:
    """Create an account; refuses a taken name, a short password or an unknown area."""
    username = username.strip()
    if not username:
        raise UserError("用户名不能为空", field="用户名")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少需要{MIN_PASSWORD}个字符", field="密码")
    if session.execute(select(User.id).where(User.username == username)).first():
        raise UserError(f"用户名“{username}”已存在", field="用户名")
    if session.get(Area, area_code) is None:
        raise UserError(f"地区代码“{area_code}”不存在", field="管辖范围")
    user = User(
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
    user = session.execute(select(User).where(User.username == username.strip())).scalar_one_or_none()
    if user is None or not user.active:
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


def actor_for(user: User) -> Actor:
    return Actor(user.username, user.display_name, Role(user.role), user.area_code)


@dataclass(frozen=True)
class SignedInUser:
    """Who signed in, and the installation: what the desktop needs to open its window."""

    actor: Actor
    installation_name: str
    installation_kind: InstallationKind


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
        return SignedInUser(actor, inst.name, InstallationKind(inst.kind))


def existing_accounts(db: Database, usernames: Iterable[str]) -> list[str]:
    """Which of ``usernames`` have an active account here (the sign-in screen hints the demo's)."""
    wanted = list(usernames)
    with db.uow("sign-in") as uow:
        found = set(
            uow.session.execute(
                select(User.username).where(User.username.in_(wanted), User.active.is_(True))
            ).scalars()
        )
    return [name for name in wanted if name in found]
