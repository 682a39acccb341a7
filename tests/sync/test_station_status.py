"""What 同步 says up front (joined, last bundles, changes waiting) and what the county's 工作站 tab lists."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.codes import KeyStatus, Role
from app.errors import PermissionDenied, UserError
from app.models.db import Database
from app.models.household import Household
from app.services.context import Actor
from app.services.sync import stations, status
from app.services.sync.status import StationStatus
from tests.sync.conftest import COUNTY, STATIONS, World

STATION = STATIONS[0]
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, f"{STATION}000")
CADRE = Actor("cadre", "李春生", Role.VILLAGE_CADRE, f"{STATION}201")
CHIEF = Actor("chief", "李局长", Role.COUNTY_HEAD, f"{COUNTY}000000")
OTHER_TOWNSHIP = Actor("staff", "某乡干部", Role.COUNTY_STAFF, f"{STATIONS[1]}000")


def status_of(world: World, who: str = STATION, actor: Actor = CLERK) -> StationStatus:
    db = world.db(who)
    try:
        with db.uow(actor.username) as uow:
            return status.station_status(uow, actor)
    finally:
        db.dispose()


def test_a_joined_station_counts_what_waits_and_what_awaits_a_receipt(world: World) -> None:
    joined = status_of(world)
    assert joined.joined and joined.county_code == COUNTY and joined.county_name == "华容县"
    assert joined.joined_at is not None and joined.last_export_at is None and joined.last_export_seq == 0
    assert joined.waiting > 0 and joined.unconfirmed == 0
    assert status_of(world, actor=CADRE) == joined  # counts only: any user of the station may see them

    up = world.export(STATION)
    assert up is not None
    sent = status_of(world)
    assert (sent.waiting, sent.unconfirmed, sent.last_export_seq) == (0, joined.waiting, 1)
    assert sent.last_export_at is not None

    assert world.import_("county", up)[0] == 0
    down = world.export("county", STATION)
    assert down is not None
    assert world.import_(STATION, down)[0] == 0
    acknowledged = status_of(world)
    assert acknowledged.unconfirmed == 0 and acknowledged.last_import_at is not None

    db = world.db(STATION)
    with db.uow(CLERK.username) as uow:
        household = uow.session.execute(select(Household).limit(1)).scalar_one()
        household.address = household.address + "（新址）"
        uow.commit()
    db.dispose()
    assert status_of(world).waiting == 1


def test_a_station_on_its_own_has_not_joined(station: Database) -> None:
    admin = Actor("admin", "管理员", Role.ADMIN, f"{STATION}000")
    with station.uow("admin") as uow:
        alone = status.station_status(uow, admin)
    assert not alone.joined and alone.county_code == COUNTY and alone.last_export_at is None
    assert alone.waiting > 0  # everything goes up in the first bundle after joining


def test_the_county_has_no_station_status(world: World) -> None:
    with pytest.raises(UserError, match="只有乡镇工作站"):
        status_of(world, "county", CHIEF)


def test_the_county_board_and_the_registration_form(world: World) -> None:
    db = world.db("county")
    try:
        with db.uow(CHIEF.username) as uow:
            board = stations.station_board(uow, CHIEF)
            form = stations.provision_form(uow, CHIEF, world.paths("county"))
        with db.uow(OTHER_TOWNSHIP.username) as uow:
            narrow = stations.station_board(uow, OTHER_TOWNSHIP)
            narrow_form = stations.provision_form(uow, OTHER_TOWNSHIP, world.paths("county"))
        with db.uow(CLERK.username) as uow, pytest.raises(PermissionDenied):
            stations.station_board(uow, CLERK)
    finally:
        db.dispose()
    assert [row.info.code for row in board] == list(STATIONS)
    assert all(row.provisioned_at is not None and row.down_seq == 0 for row in board)
    assert form.county_keys
    registered = {choice.code: choice.status for choice in form.townships}
    assert {code: registered[code] for code in STATIONS} == dict.fromkeys(STATIONS, KeyStatus.ACTIVE)
    assert any(status is None for status in registered.values())  # townships not registered yet
    assert [row.info.code for row in narrow] == [STATIONS[1]]
    assert [choice.code for choice in narrow_form.townships] == [STATIONS[1]]

    down = world.export("county", STATION)
    assert down is not None
    db = world.db("county")
    try:
        with db.uow(CHIEF.username) as uow:
            row = next(r for r in stations.station_board(uow, CHIEF) if r.info.code == STATION)
    finally:
        db.dispose()
    assert row.down_seq == 1 and row.last_down_at is not None
