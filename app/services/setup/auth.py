"""Accounts: argon2 password hashes, sign-in with lock-out after repeated failures."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import Role
from app.errors import UserError
from app.models.area import Area
from app.models.base import utcnow
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
