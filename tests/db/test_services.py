"""Accounts, settings and the calendar as the services see them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.domain.codes import Role
from app.domain.deadlines import TimeLimits
from app.errors import PermissionDenied, UserError
from app.models.db import Database
from app.models.user import User
from app.services import settings
from app.services.context import Actor, require_area, require_role
from app.services.setup import auth
from tests.conftest import ADMIN_PASSWORD


def test_admin_signs_in_and_a_wrong_password_is_refused(station: Database) -> None:
    with station.uow("login") as uow:
        actor = auth.authenticate(uow.session, "admin", ADMIN_PASSWORD)
        uow.commit()
    assert actor.role is Role.ADMIN and actor.area_code == "430623101000"
    with station.uow("login") as uow, pytest.raises(UserError, match="用户名或密码错误"):
        auth.authenticate(uow.session, "admin", "wrong")


def test_repeated_failures_lock_the_account(station: Database) -> None:
    for _ in range(auth.MAX_FAILURES):
        with station.uow("login") as uow:
            with pytest.raises(UserError):
                auth.authenticate(uow.session, "admin", "wrong-password")
            uow.commit()
    with station.uow("login") as uow, pytest.raises(UserError, match="已锁定"):
        auth.authenticate(uow.session, "admin", ADMIN_PASSWORD)
    with station.uow("admin") as uow:
        user = uow.session.execute(select(User).where(User.username == "admin")).scalar_one()
        user.locked_until = clock.now() - timedelta(minutes=1)
        uow.commit()
    with station.uow("login") as uow:
        assert auth.authenticate(uow.session, "admin", ADMIN_PASSWORD).username == "admin"


def test_create_user_validates(station: Database) -> None:
    with station.uow("admin") as uow:
        with pytest.raises(UserError, match="至少需要8个字符"):
            auth.create_user(
                uow.session,
                username="a",
                display_name="A",
                password="short",
                role=Role.TOWNSHIP_CLERK,
                area_code="430623101000",
            )
        with pytest.raises(UserError, match="已存在"):
            auth.create_user(
                uow.session,
                username="admin",
                display_name="A",
                password="longenough",
                role=Role.TOWNSHIP_CLERK,
                area_code="430623101000",
            )
        with pytest.raises(UserError, match="不存在"):
            auth.create_user(
                uow.session,
                username="x",
                display_name="X",
                password="longenough",
                role=Role.TOWNSHIP_CLERK,
                area_code="999999999999",
            )
        user = auth.create_user(
            uow.session,
            username="clerk2",
            display_name="经办人",
            password="longenough",
            role=Role.TOWNSHIP_CLERK,
            area_code="430623101000",
        )
        assert user.password_hash.startswith("$argon2")


def test_role_and_area_checks() -> None:
    cadre = Actor("cadre", "村干部", Role.VILLAGE_CADRE, "430623101201")
    clerk = Actor("clerk", "经办人", Role.TOWNSHIP_CLERK, "430623101000")
    assert clerk.covers("430623101201") and not clerk.covers("430623102201")
    assert cadre.covers("430623101201") and not cadre.covers("430623101202")
    with pytest.raises(PermissionDenied, match="村干部"):
        require_role(cadre, {Role.TOWNSHIP_CLERK}, "受理申请")
    with pytest.raises(PermissionDenied, match="管辖范围"):
        require_area(clerk, "430623102201", "查看该户")
    require_role(clerk, {Role.TOWNSHIP_CLERK}, "受理申请")


def test_settings_round_trip_and_are_versioned(station: Database) -> None:
    with station.uow("admin") as uow:
        assert settings.time_limits(uow.session) == TimeLimits()
        settings.put(uow.session, "procedure.time_limits", {**TimeLimits().to_dict(), "notice_days": 5})
        uow.commit()
    with station.uow("admin") as uow:
        assert settings.time_limits(uow.session).notice_days == 5
        assert settings.get(uow.session, "office.hotline") == "12349"


def test_calendar_comes_from_the_editable_holiday_table(station: Database) -> None:
    with station.uow("admin") as uow:
        cal = settings.calendar(uow.session)
    assert not cal.is_workday(date(2026, 10, 1))  # 国庆
    assert cal.is_workday(date(2026, 10, 10))  # Saturday make-up workday (调休)
    assert cal.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_stats_within_a_village_scope(demo_db: Database) -> None:
    from sqlalchemy import func

    from app.domain.codes import Role
    from app.models.household import Household
    from app.services.context import Actor, system_actor
    from app.services.reports.stats import counts, stats

    with demo_db.uow("check") as uow:
        village, n = uow.session.execute(
            select(Household.village_code, func.count()).group_by(Household.village_code).limit(1)
        ).one()
        everything = counts(uow.session)
        county = stats(uow, system_actor("430623"))
        township = stats(uow, Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"))
        one = stats(uow, Actor("cadre", "李四", Role.VILLAGE_CADRE, village))
    assert township == county == everything
    assert one["households"] == n < everything["households"]
    assert sum(one["cases"].values()) == n
