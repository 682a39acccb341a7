"""Accounts (设置 → 用户管理): the administrator adds users, resets passwords, disables and unlocks them;
anyone changes his own password. Every change is audited by the change tracker; no password is logged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.areas import level_of, scope_prefix
from app.domain.codes import AreaLevel, Role
from app.errors import PermissionDenied, UserError
from app.models.area import Area
from app.models.base import utcnow
from app.models.db import UnitOfWork
from app.models.user import User
from app.services import settings
from app.services.context import Actor, query, require_area, require_role
from app.services.setup import auth, installation

ADMINS = frozenset({Role.ADMIN})
# The level of area each role works at: a cadre his village, the township staff the township, …
ROLE_LEVEL = {
    Role.VILLAGE_CADRE: AreaLevel.VILLAGE,
    Role.TOWNSHIP_CLERK: AreaLevel.TOWNSHIP,
    Role.TOWNSHIP_HEAD: AreaLevel.TOWNSHIP,
    Role.COUNTY_STAFF: AreaLevel.COUNTY,
    Role.COUNTY_HEAD: AreaLevel.COUNTY,
}
FIELD_USERNAME, FIELD_NAME, FIELD_AREA = "用户名", "姓名", "管辖范围"
USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


@dataclass(frozen=True)
class Account:
    """One row of 用户管理 (never the password hash)."""

    username: str
    display_name: str
    role: Role
    area_code: str
    area_name: str
    active: bool
    locked: bool
    must_change_password: bool
    office: str = ""  # the office that made the account (所属单位)
    own: bool = True  # False: another office's account, seen here read-only (no password)


@dataclass(frozen=True)
class AreaChoice:
    code: str
    name: str
    level: AreaLevel


@query
def list_users(uow: UnitOfWork, actor: Actor) -> list[Account]:
    """The accounts of the administrator's area: this office's first, then those synced from a station
    (read-only: each office manages its own), by username."""
    require_role(actor, ADMINS, "管理用户")
    now = utcnow()
    here = auth.here(uow.session)
    rows = uow.session.execute(
        select(User, Area.name)
        .join(Area, Area.code == User.area_code)
        .where(User.area_code.like(f"{scope_prefix(actor.area_code)}%"))
        .order_by(User.origin_station != here, User.origin_station, User.username)
    ).all()
    offices = _office_names(uow.session, {user.origin_station for user, _ in rows})
    return [
        Account(
            user.username,
            user.display_name,
            Role(user.role),
            user.area_code,
            name,
            user.active,
            user.locked_until is not None and user.locked_until > now,
            user.must_change_password,
            offices.get(user.origin_station, user.origin_station),
            user.origin_station == here,
        )
        for user, name in rows
    ]


def _office_names(session: Session, origins: set[str]) -> dict[str, str]:
    """Each origin code's area name (a township's or the county's)."""
    wanted = {code.ljust(12, "0"): code for code in origins if code.isdigit() and len(code) in (6, 9, 12)}
    found = session.execute(select(Area.code, Area.name).where(Area.code.in_(wanted)))
    return {wanted[code]: name for code, name in found}


PASSWORD_LENGTH_RANGE = (6, 64)


@query
def password_min_length(uow: UnitOfWork, actor: Actor) -> int:
    """The shortest password accepted here (a number: nothing in it belongs to a village)."""
    require_role(actor, ADMINS, "管理用户")
    return auth.min_password_length(uow.session)


def set_password_min_length(uow: UnitOfWork, actor: Actor, length: int) -> None:
    """[LOCAL] this office's rule for new passwords (existing passwords stay valid until changed)."""
    require_role(actor, ADMINS, "修改密码规则")
    low, high = PASSWORD_LENGTH_RANGE
    if not low <= length <= high:
        raise UserError(f"最短密码长度应在{low}到{high}个字符之间", field="最短密码长度")
    settings.put(uow.session, "local.password_min_length", length)


@query
def area_choices(uow: UnitOfWork, actor: Actor) -> list[AreaChoice]:
    """The areas an account may be given here: the administrator's own and those below it."""
    require_role(actor, ADMINS, "管理用户")
    rows = uow.session.execute(
        select(Area.code, Area.name)
        .where(Area.code.like(f"{scope_prefix(actor.area_code)}%"))
        .order_by(Area.code)
    )
    return [AreaChoice(code, name, level_of(code)) for code, name in rows]


def add_user(
    uow: UnitOfWork,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    role: Role,
    area_code: str,
    password: str,
    again: str | None = None,
) -> Account:
    """Add an account with an initial password, which its user must change at the first sign-in."""
    require_role(actor, ADMINS, "添加用户")
    session = uow.session
    username, display_name, area_code = username.strip(), display_name.strip(), area_code.strip()
    if not username or not set(username) <= USERNAME_CHARS:
        raise UserError("用户名只能由英文字母、数字和 . _ - 组成，且不能为空", field=FIELD_USERNAME)
    if not display_name:
        raise UserError("姓名不能为空", field=FIELD_NAME)
    area = session.get(Area, area_code)
    if area is None:
        raise UserError(f"地区代码“{area_code}”不存在", field=FIELD_AREA)
    require_area(actor, area_code, "在该地区添加用户")
    here = installation.scope_code(installation.require(session))
    if not area_code.startswith(scope_prefix(here)):
        raise UserError(f"“{area.name}”不在本单位的管辖范围内", field=FIELD_AREA)
    wanted = ROLE_LEVEL.get(role)
    if wanted is not None and level_of(area_code) is not wanted:
        raise UserError(f"“{role.label}”的管辖范围应为{wanted.label}，“{area.name}”不是", field=FIELD_AREA)
    auth.check_new_password(session, password, again)
    user = auth.create_user(
        session,
        username=username,
        display_name=display_name,
        password=password,
        role=role,
        area_code=area_code,
    )
    user.must_change_password = True
    session.flush()
    return _account(user, area.name)


def _managed(uow: UnitOfWork, actor: Actor, username: str, what: str) -> User:
    require_role(actor, ADMINS, what)
    session = uow.session
    named = select(User).where(User.username == username.strip())
    user = session.execute(named.where(auth.own_accounts(session))).scalar_one_or_none()
    if user is None:
        other = session.execute(named.limit(1)).scalar()
        if other is not None:
            require_area(actor, other.area_code, what)
            raise UserError(f"“{other.display_name}”是其他单位同步来的账户，只能在其所在单位管理")
        raise UserError(f"没有用户名为“{username.strip()}”的用户", field=FIELD_USERNAME)
    require_area(actor, user.area_code, what)
    if not user.password_hash:
        raise UserError(f"“{user.display_name}”是其他单位同步来的账户，只能在其所在单位管理")
    return user


def reset_password(
    uow: UnitOfWork, actor: Actor, username: str, password: str, again: str | None = None
) -> None:
    """Give a user a new password (he must change it at the next sign-in); this also unlocks him."""
    user = _managed(uow, actor, username, "重置密码")
    auth.check_new_password(uow.session, password, again)
    user.password_hash = auth.hash_password(password)
    user.must_change_password = user.username != actor.username
    user.failed_attempts = 0
    user.locked_until = None
    uow.session.flush()


def set_active(uow: UnitOfWork, actor: Actor, username: str, active: bool) -> None:
    """Disable a user (he can no longer sign in; what he signed stays his) or enable him again."""
    user = _managed(uow, actor, username, "启用或停用用户")
    if not active and user.username == actor.username:
        raise UserError("不能停用自己正在使用的账户")
    if not active and Role(user.role) is Role.ADMIN and _other_active_admins(uow.session, user) == 0:
        raise UserError("这是最后一个可用的管理员账户，不能停用")
    if user.active != active:
        user.active = active
        uow.session.flush()


def _other_active_admins(session: Session, user: User) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id)
            .where(auth.own_accounts(session))
        ).scalar_one()
    )


def unlock(uow: UnitOfWork, actor: Actor, username: str) -> None:
    """Lift a lock-out after too many wrong passwords."""
    user = _managed(uow, actor, username, "解除锁定")
    if user.locked_until is not None or user.failed_attempts:
        user.locked_until = None
        user.failed_attempts = 0
        uow.session.flush()


def change_own_password(uow: UnitOfWork, actor: Actor, current: str, new: str, again: str) -> None:
    """Anyone changes his own password, giving the current one first."""
    user = uow.session.execute(
        select(User).where(User.username == actor.username, auth.own_accounts(uow.session))
    ).scalar_one_or_none()
    if user is None or not user.active:
        raise PermissionDenied("当前账户不可用")
    auth.change_password(uow.session, user, current, new, again)


def _account(user: User, area_name: str) -> Account:
    return Account(
        user.username,
        user.display_name,
        Role(user.role),
        user.area_code,
        area_name,
        user.active,
        False,
        user.must_change_password,
    )
