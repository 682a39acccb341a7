"""Accounts travel to the county without their password hashes, and never come back down (decision 0006).

A station, its county, a round trip up and back down: the station's users still sign in with their
passwords and their hashes are unchanged; neither bundle nor the county's database holds a station's
hash; the county names a station's head by name and cannot sign in as him.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.demo.run import DEMO_PASSWORD
from app.domain.codes import Role
from app.errors import UserError
from app.models import replay
from app.models.case import Case
from app.models.household import Household
from app.models.outbox import OutboxEntry
from app.models.sync import SyncQuarantine
from app.models.user import User
from app.services.cases import county_decide
from app.services.cases.printing import load_case_file
from app.services.setup import accounts, auth
from app.services.setup.auth import sign_in
from app.sync import format as fmt
from app.sync import keys
from app.sync.codec import codec
from app.sync.digest import scope_digest
from app.sync.payload import read_tables
from app.sync.queues import view_digest
from app.sync.tables import DOWN_TABLES
from tests.conftest import DEMO_TODAY
from tests.sync.conftest import COUNTY_SECRET, STATION_SECRET, World
from tests.sync.forge import forge, minimal

STATION, OTHER = "430623101", "430623102"
OTHER_HEAD = "李秀英（新河乡负责人）"


def plain_payload(world: World, who: str, secret: str, bundle: Path) -> bytes:
    """A bundle's payload as its recipient decrypts it: the bytes that travel, in clear."""
    pair = keys.load_keystore(world.paths(who), secret)
    data = bundle.read_bytes()
    frame = fmt.unpack(data)
    header = fmt.Header.from_bytes(frame.header_bytes)
    return bytes(fmt.decompress(pair.decrypt(frame.payload), header.plain_size))


def users_of(world: World, who: str) -> dict[tuple[str, str], User]:
    db = world.db(who)
    try:
        with db.uow("test") as uow:
            rows = uow.session.execute(select(User)).scalars().all()
            uow.session.expunge_all()
            return {(u.origin_station, u.username): u for u in rows}
    finally:
        db.dispose()


def rename_head(world: World, station: str, name: str) -> None:
    """An ordinary change at the station (through the change tracker): it travels up."""
    db = world.db(station)
    try:
        with db.uow("admin") as uow:
            head = uow.session.execute(select(User).where(User.username == "head")).scalar_one()
            head.display_name = name
            uow.commit()
    finally:
        db.dispose()


def test_accounts_go_up_without_hashes_and_never_come_back_down(world: World) -> None:
    rename_head(world, OTHER, OTHER_HEAD)
    before = {code: users_of(world, code) for code in (STATION, OTHER)}
    hashes = {u.password_hash for users in before.values() for u in users.values()}
    assert all(h.startswith("$argon2") for h in hashes)

    ups = [world.export(code) for code in (STATION, OTHER)]
    assert all(ups)
    for up in ups:
        assert up is not None
        plain = plain_payload(world, "county", COUNTY_SECRET, up)
        doc = json.loads(plain)
        [table] = [t for t in doc["tables"] if t["name"] == "app_user"]
        for local in ("password_hash", "failed_attempts", "locked_until", "must_change_password"):
            assert local not in table["columns"]
        assert len(table["rows"]) >= 4  # admin, clerk, head, the cadre
        assert b"$argon2" not in plain
        assert not any(h.encode() in plain for h in hashes)
    code, out, err = world.import_("county", *[p for p in ups if p])
    assert code == 0, err
    assert out.count("摘要一致") == 2

    county = users_of(world, "county")
    for station in (STATION, OTHER):
        for (origin, username), user in before[station].items():
            theirs = county[(origin, username)]  # a station's admin beside the county's own admin
            assert theirs.password_hash == ""
            assert (theirs.display_name, theirs.role, theirs.area_code, theirs.active) == (
                user.display_name,
                user.role,
                user.area_code,
                user.active,
            )
            assert theirs.version == user.version
    assert county[("430623", "admin")].password_hash.startswith("$argon2")
    assert not hashes & {u.password_hash for u in county.values()}
    county_file = (world.dir("county") / "jiuzhu.sqlite3").read_bytes()
    wal = world.dir("county") / "jiuzhu.sqlite3-wal"
    county_file += wal.read_bytes() if wal.exists() else b""
    assert not any(h.encode() in county_file for h in hashes)

    for station in (STATION, OTHER):
        down = world.export("county", station)
        assert down is not None
        plain = plain_payload(world, station, STATION_SECRET[station], down)
        doc = json.loads(plain)
        assert "app_user" not in {t["name"] for t in doc["tables"]} | {d[0] for d in doc["deletes"]}
        assert b"$argon2" not in plain
        code, out, err = world.import_(station, down)
        assert code == 0, err
        assert "摘要一致" in out
        after = users_of(world, station)
        assert {k: u.password_hash for k, u in after.items()} == {
            k: u.password_hash for k, u in before[station].items()
        }
        db = world.db(station)
        try:
            assert sign_in(db, "head", DEMO_PASSWORD).actor.area_code == f"{station}000"
            with db.uow("test") as uow:
                assert "app_user" not in scope_digest(uow.session, station).counts  # never down: not in it
        finally:
            db.dispose()

    db = world.db("county")
    try:
        with db.uow("test") as uow:
            assert "app_user" not in view_digest(uow.session, STATION).counts
        for username in ("head", "clerk"):  # a station's account, empty hash: nobody signs in with it
            with pytest.raises(UserError, match="用户名或密码错误"):
                sign_in(db, username, DEMO_PASSWORD)
        signed = sign_in(db, "admin", DEMO_PASSWORD)  # the county's own admin, not a station's
        assert signed.actor.area_code == "430623000000"
    finally:
        db.dispose()
    for who in ("county", STATION, OTHER):
        world.ok(who, "check")


def test_the_county_names_each_station_head_who_signed_the_opinion(world: World) -> None:
    rename_head(world, OTHER, OTHER_HEAD)
    ups = [world.export(code) for code in (STATION, OTHER)]
    code, _out, err = world.import_("county", *[p for p in ups if p])
    assert code == 0, err
    db = world.db("county")
    try:
        admin = sign_in(db, "admin", DEMO_PASSWORD).actor
        with db.uow("test") as uow:
            s = uow.session
            for station, name in ((STATION, "王建华（乡镇负责人）"), (OTHER, OTHER_HEAD)):
                case = (
                    s.execute(
                        select(Case).where(
                            Case.origin_station == station,
                            Case.opinion_by == "head",
                        )
                    )
                    .scalars()
                    .first()
                )
                assert case is not None, station
                facts = county_decide.facts(uow, admin, case.id)
                assert facts.opinion_by == name
                household = s.get(Household, case.household_id)
                assert household is not None
                assert load_case_file(s, case, household, DEMO_TODAY).opinion_by == name
            # 用户管理 at the county: a station's accounts are listed as another office's, and left alone
            rows = accounts.list_users(uow, admin)
            theirs = [a for a in rows if not a.own]
            assert {a.office for a in theirs} >= {"三封寺镇"}
            assert any(a.username == "admin" and a.own for a in rows)
            with pytest.raises(UserError, match="其他单位同步来的账户"):
                accounts.reset_password(uow, admin, "head", "another-password")
            with pytest.raises(UserError, match="其他单位同步来的账户"):
                accounts.set_active(uow, admin, "clerk", False)
    finally:
        db.dispose()


def test_a_local_change_to_an_account_makes_no_new_version(world: World) -> None:
    """A failed sign-in or a new password is the station's own business: nothing new to send."""
    db = world.db(STATION)
    try:
        with db.uow("test") as uow:
            head = uow.session.execute(select(User).where(User.username == "head")).scalar_one()
            version = head.version
            queued = len(uow.session.execute(select(OutboxEntry.seq)).all())
        with pytest.raises(UserError):
            sign_in(db, "head", "wrong-password")
        with db.uow("test") as uow:
            user = uow.session.execute(select(User).where(User.username == "head")).scalar_one()
            auth.change_password(uow.session, user, DEMO_PASSWORD, "a-new-password", "a-new-password")
            uow.commit()
        with db.uow("test") as uow:
            head = uow.session.execute(select(User).where(User.username == "head")).scalar_one()
            assert head.version == version
            assert len(uow.session.execute(select(OutboxEntry.seq)).all()) == queued
        assert sign_in(db, "head", "a-new-password").actor.username == "head"
    finally:
        db.dispose()


def _account_row(**values: object) -> list[object]:
    row: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "origin_station": FORGER,
        "version": 1,
        "updated_at": "2026-03-01 01:30:00.000000",
        "updated_by": "admin",
        "username": "newclerk",
        "display_name": "新来的经办人",
        "role": "township_clerk",
        "area_code": f"{FORGER}000",
        "active": True,
        "created_at": "2026-03-01 01:30:00.000000",
    }
    row.update(values)
    return [*(row[c] for c in codec("app_user").columns), 0, None]


FORGER = "430623103"


def test_only_a_township_own_accounts_land_and_never_with_a_hash(world: World) -> None:
    columns = [*codec("app_user").columns, "_base", "_changed"]
    bundle = world.usb / "forged-accounts.jzb"
    hashed = [*columns[:-2], "password_hash", "_base", "_changed"]
    row = [*_account_row()[:-2], "$argon2id$x", 0, None]
    bundle.write_bytes(
        forge(world, FORGER, minimal(tables=[{"name": "app_user", "columns": hashed, "rows": [row]}]))
    )
    code, out, err = world.import_("county", bundle)
    assert code == 1 and "字段与本程序不一致" in err + out  # a hash cannot even be sent

    rows = [
        _account_row(),
        _account_row(username="boss", origin_station="430623", area_code=f"{FORGER}000"),
        _account_row(username="spy", area_code="430623101000"),
    ]
    payload = minimal(tables=[{"name": "app_user", "columns": columns, "rows": rows}])
    bundle.write_bytes(forge(world, FORGER, payload))
    code, out, err = world.import_("county", bundle)
    assert code == 0, err
    county = users_of(world, "county")
    assert county[(FORGER, "newclerk")].password_hash == ""
    assert (FORGER, "spy") not in county and ("430623", "boss") not in county
    db = world.db("county")
    try:
        with db.uow("test") as uow:
            reasons = sorted(uow.session.execute(select(SyncQuarantine.reason)).scalars())
    finally:
        db.dispose()
    assert len(reasons) == 2
    assert any("账户来源" in r for r in reasons) and any("不属于本乡镇" in r for r in reasons)


def test_an_account_made_again_under_its_name_replaces_the_county_copy(world: World) -> None:
    """A laptop restored from the county starts with new accounts: the same user name, another id."""
    first = world.export(STATION)
    assert first is not None
    assert world.import_("county", first)[0] == 0
    db = world.db(STATION)
    try:
        with db.uow("admin") as uow:
            clerk = uow.session.execute(select(User).where(User.username == "clerk")).scalar_one()
            uow.session.delete(clerk)
            uow.session.flush()
            auth.create_user(
                uow.session,
                username="clerk",
                display_name="新经办人",
                password="clerk-password",
                role=Role.TOWNSHIP_CLERK,
                area_code=f"{STATION}000",
            )
            uow.commit()
    finally:
        db.dispose()
    second = world.export(STATION)
    assert second is not None
    code, _out, err = world.import_("county", second)
    assert code == 0, err
    county = users_of(world, "county")
    assert county[(STATION, "clerk")].display_name == "新经办人"
    world.ok("county", "check")


def test_a_return_bundle_with_accounts_is_refused() -> None:
    doc = {"tables": [{"name": "app_user", "columns": list(codec("app_user").columns), "rows": []}]}
    with pytest.raises(fmt.BundleError, match="不应出现的表"):
        read_tables(doc, DOWN_TABLES, with_meta=False)


def test_the_county_replays_each_received_account_so_an_edit_around_the_program_shows(world: World) -> None:
    up = world.export(STATION)
    assert up is not None
    assert world.import_("county", up)[0] == 0
    db = world.db("county")
    try:
        with db.engine.connect() as conn:
            coverage = replay.Coverage()
            assert replay.differences(conn, ("app_user",), coverage) == []
            assert coverage.counted == 0  # every account, the county's and the station's, field by field
            conn.execute(
                text("UPDATE app_user SET role = 'admin' WHERE origin_station = :s AND username = 'clerk'"),
                {"s": STATION},
            )
            conn.commit()
    finally:
        db.dispose()
    code, out, _err = world.jz("county", "check")
    assert code == 1 and "app_user" in out and "“role”" in out


def test_an_account_changed_after_a_new_password_travels_field_by_field(world: World) -> None:
    """Once the county has an account, the station says which fields it changed: never a local one."""
    up = world.export(STATION)
    assert up is not None and world.import_("county", up)[0] == 0
    down = world.export("county", STATION)
    assert down is not None and world.import_(STATION, down)[0] == 0
    db = world.db(STATION)
    try:
        with pytest.raises(UserError):
            sign_in(db, "head", "wrong-password")  # failed_attempts moves
        with db.uow("admin") as uow:
            head = uow.session.execute(select(User).where(User.username == "head")).scalar_one()
            auth.change_password(uow.session, head, DEMO_PASSWORD, "a-new-password", "a-new-password")
            uow.session.flush()
            head.display_name = "王建华（镇长）"
            uow.commit()
    finally:
        db.dispose()
    up = world.export(STATION)
    assert up is not None
    doc = json.loads(plain_payload(world, "county", COUNTY_SECRET, up))
    [table] = [t for t in doc["tables"] if t["name"] == "app_user"]
    assert [row[-1] for row in table["rows"]] == [["display_name"]]
    code, _out, err = world.import_("county", up)
    assert code == 0, err
    assert users_of(world, "county")[(STATION, "head")].display_name == "王建华（镇长）"
