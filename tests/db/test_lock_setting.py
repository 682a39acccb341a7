"""The idle lock's minutes: this computer's own setting (never sent in a bundle), set by a head or admin."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.codes import Role
from app.errors import PermissionDenied, UserError
from app.models.db import Database
from app.models.outbox import OutboxEntry
from app.services import settings
from app.services.context import Actor

HEAD = Actor("head", "刘建军", Role.TOWNSHIP_HEAD, "430623101000")
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")
OTHER_HEAD = Actor("head2", "王某", Role.TOWNSHIP_HEAD, "430623102000")


def _outbox(db: Database) -> int:
    with db.uow("test") as uow:
        return int(uow.session.execute(select(func.count()).select_from(OutboxEntry)).scalar_one())


def test_ten_minutes_unless_set(station: Database) -> None:
    with station.uow("test") as uow:
        assert settings.idle_lock_minutes(uow, CLERK) == 10
        assert settings.settings_view(uow, CLERK).lock_minutes == 10


def test_a_head_sets_it_and_it_never_travels(station: Database) -> None:
    before = _outbox(station)
    with station.uow(HEAD.username) as uow:
        settings.update_lock(uow, HEAD, 5)
        uow.commit()
    with station.uow("test") as uow:
        assert settings.idle_lock_minutes(uow, CLERK) == 5
    assert _outbox(station) == before  # local.* settings are not queued for the county


def test_it_is_refused_to_a_clerk_another_township_and_out_of_range(station: Database) -> None:
    with station.uow(CLERK.username) as uow, pytest.raises(PermissionDenied, match="锁屏"):
        settings.update_lock(uow, CLERK, 5)
    with station.uow(OTHER_HEAD.username) as uow, pytest.raises(PermissionDenied):
        settings.update_lock(uow, OTHER_HEAD, 5)
    for minutes in (0, 121):
        with station.uow(HEAD.username) as uow, pytest.raises(UserError, match="1到120分钟"):
            settings.update_lock(uow, HEAD, minutes)
    with station.uow("test") as uow:
        assert settings.idle_lock_minutes(uow, CLERK) == 10


def test_a_stored_value_out_of_range_is_clamped(station: Database) -> None:
    with station.uow("test") as uow:
        settings.put(uow.session, "local.lock_minutes", 0)
        uow.commit()
    with station.uow("test") as uow:
        assert settings.idle_lock_minutes(uow, CLERK) == 1
