"""The recovery key: made anew by an administrator, and used to reset an administrator's password.

The recovery key is the one way back into an encrypted installation whose administrators have all
forgotten their passwords (keyslots.py). It is shown once, at set-up or when an administrator makes a
new one (the old one then stops working), to be printed and locked in the office safe.
"""

from __future__ import annotations

from sqlalchemy import select

from app import log
from app.domain.codes import Role
from app.errors import UserError
from app.models.db import UnitOfWork
from app.models.user import User
from app.paths import DataPaths
from app.services.context import Actor, require_role
from app.services.setup import auth, keyring

NOT_ENCRYPTED = "本安装的数据库没有加密（数据库服务器上的数据由服务器自身保护），没有恢复密钥"


def has_recovery_key(uow: UnitOfWork, actor: Actor) -> bool | None:
    """Whether a recovery key exists here; None when the database is not encrypted (administrators only)."""
    require_role(actor, {Role.ADMIN}, "查看恢复密钥状态")
    ring = keyring.of(uow.session)
    return None if ring is None else ring.has_recovery_key


def new_recovery_key(uow: UnitOfWork, actor: Actor) -> str:
    """A new recovery key (the old one stops working); the caller shows it once."""
    require_role(actor, {Role.ADMIN}, "生成恢复密钥")
    ring = keyring.of(uow.session)
    if ring is None:
        raise UserError(NOT_ENCRYPTED)
    recovery = ring.new_recovery_key()
    log.db.info("%s made a new recovery key", actor.username)
    return recovery


def reset_with_recovery_key(
    paths: DataPaths, recovery_key: str, username: str, password: str, again: str | None = None
) -> None:
    """Give the administrator ``username`` a new password, proved by the recovery key (nobody signed in).

    Only an administrator's password can be reset this way (he then resets the others in 用户管理);
    the account is also unlocked and enabled again. Audited as a change by "recovery".
    """
    from app.services.setup.installation import open_database
    from app.services.setup.keyslots import KeySlots

    if not KeySlots.exists(paths.root):
        raise UserError(NOT_ENCRYPTED)
    key = KeySlots.load(paths.root).unlock_with_recovery(recovery_key)
    db = open_database(paths, key=key)
    try:
        with db.uow("recovery") as uow:
            user = uow.session.execute(
                select(User).where(User.username == username.strip())
            ).scalar_one_or_none()
            if user is None or user.role != Role.ADMIN.value or not user.password_hash:
                raise UserError(f"本机没有管理员账户“{username.strip()}”", field="账户")
            auth.check_new_password(uow.session, password, again)
            user.password_hash = auth.hash_password(password)
            user.must_change_password = False
            user.failed_attempts = 0
            user.locked_until = None
            user.active = True
            uow.commit()  # the account's key slot follows (keyring.py)
    finally:
        db.dispose()
    log.db.info("the password of %s was reset with the recovery key", username)
