"""Accounts: only the administrator manages them, within his area; every change audited without a hash."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.codes import Role
from app.errors import PermissionDenied, UserError
from app.models.audit import AuditEvent
from app.models.db import Database
from app.models.user import User
from app.services import settings
from app.services.context import Actor
from app.services.setup import accounts, auth
from tests.conftest import ADMIN_PASSWORD

VILLAGE = "430623101001"
TOWNSHIP = "430623101000"


def admin(db: Database) -> Actor:
    return auth.sign_in(db, "admin", "jiuzhu2026").actor


def add(
    db: Database, actor: Actor, username: str, role: Role, area: str, password: str = "initial-1"
) -> None:
    with db.uow(actor.username) as uow:
        accounts.add_user(
            uow,
            actor,
            username=username,
            display_name=f"{username}名",
            role=role,
            area_code=area,
            password=password,
        )
        uow.commit()


def test_added_users_must_change_their_initial_password(demo_db: Database) -> None:
    actor = admin(demo_db)
    add(demo_db, actor, "wang", Role.TOWNSHIP_HEAD, TOWNSHIP)
    add(demo_db, actor, "li", Role.VILLAGE_CADRE, VILLAGE)
    first = auth.sign_in(demo_db, "wang", "initial-1")
    assert first.must_change_password and first.actor.role is Role.TOWNSHIP_HEAD
    with pytest.raises(UserError, match="当前密码不正确"):
        auth.change_password_at_sign_in(demo_db, "wang", "wrong-one", "chosen-pw-1", "chosen-pw-1")
    with pytest.raises(UserError, match="不一致"):
        auth.change_password_at_sign_in(demo_db, "wang", "initial-1", "chosen-pw-1", "chosen-pw-2")
    with pytest.raises(UserError, match="相同"):
        auth.change_password_at_sign_in(demo_db, "wang", "initial-1", "initial-1", "initial-1")
    done = auth.change_password_at_sign_in(demo_db, "wang", "initial-1", "chosen-pw-1", "chosen-pw-1")
    assert not done.must_change_password
    assert not auth.sign_in(demo_db, "wang", "chosen-pw-1").must_change_password
    cadre = auth.sign_in(demo_db, "li", "initial-1").actor
    assert cadre.area_code == VILLAGE and cadre.role is Role.VILLAGE_CADRE


def test_only_the_administrator_manages_accounts(demo_db: Database) -> None:
    head = auth.sign_in(demo_db, "head", "jiuzhu2026").actor
    with demo_db.uow("head") as uow:
        with pytest.raises(PermissionDenied):
            accounts.list_users(uow, head)
        with pytest.raises(PermissionDenied):
            accounts.add_user(
                uow, head, username="x", display_name="x", role=Role.TOWNSHIP_CLERK, area_code=TOWNSHIP,
                password="initial-1",
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            accounts.reset_password(uow, head, "clerk", "initial-1")
        with pytest.raises(PermissionDenied):
            accounts.set_active(uow, head, "clerk", False)
        with pytest.raises(PermissionDenied):
            accounts.unlock(uow, head, "clerk")


def test_roles_need_an_area_of_their_level_inside_the_office(demo_db: Database) -> None:
    actor = admin(demo_db)
    with demo_db.uow("admin") as uow:
        for role, area, message in (
            (Role.VILLAGE_CADRE, TOWNSHIP, "村"),
            (Role.TOWNSHIP_CLERK, VILLAGE, "乡镇"),
            (Role.TOWNSHIP_CLERK, "430623102000", "管辖范围"),
            (Role.TOWNSHIP_CLERK, "999999999999", "不存在"),
        ):
            with pytest.raises(UserError, match=message):
                accounts.add_user(
                    uow,
                    actor,
                    username="x",
                    display_name="x",
                    role=role,
                    area_code=area,
                    password="initial-1",
                )
        with pytest.raises(UserError, match="用户名"):
            accounts.add_user(
                uow, actor, username="王 五", display_name="x", role=Role.TOWNSHIP_CLERK, area_code=TOWNSHIP,
                password="initial-1",
            )  # fmt: skip
        assert uow.session.execute(select(User).where(User.username == "x")).first() is None


def test_the_minimum_length_is_a_setting(demo_db: Database) -> None:
    actor = admin(demo_db)
    with pytest.raises(UserError, match="8个字符"):
        add(demo_db, actor, "short", Role.TOWNSHIP_CLERK, TOWNSHIP, "seven77")
    with demo_db.uow("admin") as uow:
        settings.put(uow.session, "local.password_min_length", 12)
        uow.commit()
    with pytest.raises(UserError, match="12个字符"):
        add(demo_db, actor, "short", Role.TOWNSHIP_CLERK, TOWNSHIP, "eleven-char")
    add(demo_db, actor, "long", Role.TOWNSHIP_CLERK, TOWNSHIP, "twelve-chars")


def test_reset_disable_enable_unlock(demo_db: Database) -> None:
    actor = admin(demo_db)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(UserError):
            auth.sign_in(demo_db, "clerk", "wrong-password")
    with demo_db.uow("admin") as uow:
        [clerk] = [a for a in accounts.list_users(uow, actor) if a.username == "clerk"]
        assert clerk.locked
        accounts.unlock(uow, actor, "clerk")
        uow.commit()
    assert not auth.sign_in(demo_db, "clerk", "jiuzhu2026").must_change_password
    with demo_db.uow("admin") as uow:
        accounts.reset_password(uow, actor, "clerk", "reset-pw-1")
        accounts.set_active(uow, actor, "cadre", False)
        uow.commit()
    assert auth.sign_in(demo_db, "clerk", "reset-pw-1").must_change_password
    with pytest.raises(UserError, match="用户名或密码错误"):
        auth.sign_in(demo_db, "cadre", "jiuzhu2026")
    with demo_db.uow("admin") as uow:
        with pytest.raises(UserError, match="自己"):
            accounts.set_active(uow, actor, "admin", False)
        accounts.set_active(uow, actor, "cadre", True)
        uow.commit()
    assert auth.sign_in(demo_db, "cadre", "jiuzhu2026").actor.username == "cadre"
    with demo_db.uow("audit") as uow:
        events = uow.session.execute(
            select(AuditEvent.actor, AuditEvent.old_values, AuditEvent.new_values).where(
                AuditEvent.table_name == "app_user"
            )
        ).all()
    assert any(actor == "admin" and '"active": false' in new for actor, _, new in events)
    assert all("argon2" not in old + new and "reset-pw-1" not in old + new for _, old, new in events)


def test_anyone_changes_his_own_password(demo_db: Database) -> None:
    cadre = auth.sign_in(demo_db, "cadre", "jiuzhu2026").actor
    with demo_db.uow("cadre") as uow:
        with pytest.raises(UserError, match="当前密码"):
            accounts.change_own_password(uow, cadre, "wrong", "new-password-1", "new-password-1")
        accounts.change_own_password(uow, cadre, "jiuzhu2026", "new-password-1", "new-password-1")
        uow.commit()
    assert auth.sign_in(demo_db, "cadre", "new-password-1").actor.role is Role.VILLAGE_CADRE


def test_a_synced_account_without_a_hash_cannot_sign_in(station: Database) -> None:
    with station.uow("sync") as uow:
        uow.session.add(
            User(
                username="other",
                display_name="外站",
                password_hash="",
                role="township_head",
                area_code=TOWNSHIP,
            )
        )
        uow.commit()
    with pytest.raises(UserError, match="用户名或密码错误"):
        auth.sign_in(station, "other", "")
    assert auth.sign_in(station, "admin", ADMIN_PASSWORD).actor.username == "admin"


def test_the_minimum_length_is_set_by_the_administrator_only(demo_db: Database) -> None:
    head = auth.sign_in(demo_db, "head", "jiuzhu2026").actor
    actor = admin(demo_db)
    with demo_db.uow("admin") as uow:
        with pytest.raises(PermissionDenied):
            accounts.set_password_min_length(uow, head, 10)
        with pytest.raises(UserError, match="6到64"):
            accounts.set_password_min_length(uow, actor, 4)
        accounts.set_password_min_length(uow, actor, 10)
        assert accounts.password_min_length(uow, actor) == 10
