"""Encryption at rest: the database opens only with a key; the key slots follow the accounts; an old plain
installation is encrypted without anyone's password; the recovery key resets an administrator's password."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo.run import DEMO_PASSWORD
from app.domain.codes import Role
from app.errors import DatabaseLocked, PermissionDenied, UserError
from app.models import cipher
from app.models.db import Database
from app.models.household import Person
from app.models.user import User
from app.paths import DataPaths
from app.services.context import Actor
from app.services.setup import accounts, auth, installation, recovery
from app.services.setup.keyslots import RECOVERY, KeySlots

TOWNSHIP = "430623101000"


def slots(paths: DataPaths) -> list[str]:
    return sorted(KeySlots.load(paths.root).slots)


def admin(db: Database) -> Actor:
    return auth.sign_in(db, "admin", DEMO_PASSWORD).actor


def ids_in_clear(paths: DataPaths, db: Database) -> list[str]:
    """The demo's ID numbers found in clear in any file of the data folder."""
    with db.uow("test") as uow:
        ids = [p for p in uow.session.execute(select(Person.id_number)).scalars() if p]
    assert len(ids) > 10
    found = []
    for file in paths.root.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            found += [f"{file.name}:{i}" for i in ids if i.encode() in data]
    return found


def test_the_database_opens_only_with_its_key(encrypted_demo: tuple[DataPaths, str]) -> None:
    paths, _ = encrypted_demo
    assert cipher.is_encrypted(paths.database) and installation.is_encrypted(paths)
    with pytest.raises(DatabaseLocked):
        installation.open_database(paths)
    with pytest.raises(UserError, match="用户名或密码错误"):
        installation.open_unlocked(paths, "admin", "wrong-password")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.database).execute("SELECT count(*) FROM sqlite_master").fetchone()
    db = installation.open_unlocked(paths, "clerk", DEMO_PASSWORD)  # any account's password unlocks it
    try:
        assert db.key is not None
        assert ids_in_clear(paths, db) == []
    finally:
        db.dispose()


def test_the_slots_follow_the_accounts(encrypted_demo: tuple[DataPaths, str]) -> None:
    paths, _ = encrypted_demo
    assert slots(paths) == sorted([RECOVERY, "admin", "cadre", "clerk", "head"])
    db = installation.open_unlocked(paths, "admin", DEMO_PASSWORD)
    try:
        actor = admin(db)
        with db.uow(actor.username) as uow:
            accounts.add_user(
                uow, actor, username="zhao", display_name="赵六", role=Role.TOWNSHIP_CLERK,
                area_code=TOWNSHIP, password="initial-pw-1",
            )  # fmt: skip
            assert "zhao" not in slots(paths)  # written only once committed
            uow.commit()
        assert installation.unlock(paths, "zhao", "initial-pw-1") == db.key
        with db.uow(actor.username) as uow:
            accounts.reset_password(uow, actor, "zhao", "reset-pw-22")
            uow.commit()
        with pytest.raises(UserError):
            installation.unlock(paths, "zhao", "initial-pw-1")  # the old password unlocks nothing
        assert installation.unlock(paths, "zhao", "reset-pw-22") == db.key
        with db.uow(actor.username) as uow:
            accounts.reset_password(uow, actor, "zhao", "never-committed")  # rolled back: no slot change
        assert installation.unlock(paths, "zhao", "reset-pw-22") == db.key
        with db.uow(actor.username) as uow:
            accounts.set_active(uow, actor, "zhao", False)
            uow.commit()
        assert "zhao" not in slots(paths)  # a disabled account cannot unlock the file
        with db.uow(actor.username) as uow:
            accounts.set_active(uow, actor, "zhao", True)
            uow.commit()
        assert installation.unlock(paths, "zhao", "reset-pw-22") == db.key
        clerk = auth.sign_in(db, "clerk", DEMO_PASSWORD).actor
        with db.uow(clerk.username) as uow:
            accounts.change_own_password(uow, clerk, DEMO_PASSWORD, "clerk-own-pw", "clerk-own-pw")
            uow.commit()
        assert installation.unlock(paths, "clerk", "clerk-own-pw") == db.key
    finally:
        db.dispose()


def test_another_offices_account_never_touches_this_offices_slots(
    encrypted_demo: tuple[DataPaths, str],
) -> None:
    """An account received from elsewhere has no hash; its name may be one of ours (``admin``)."""
    paths, _ = encrypted_demo
    db = installation.open_unlocked(paths, "admin", DEMO_PASSWORD)
    try:
        with db.uow("sync") as uow:
            ours = uow.session.execute(select(User).where(User.username == "admin")).scalar_one()
            uow.session.add(
                User(
                    username="admin", display_name="外站管理员", password_hash="", role=Role.ADMIN.value,
                    area_code=ours.area_code, origin_station="430623102",
                )
            )  # fmt: skip
            uow.commit()
        assert installation.unlock(paths, "admin", DEMO_PASSWORD) == db.key
    finally:
        db.dispose()


def test_a_plain_installation_is_encrypted_without_a_password(demo_paths: DataPaths) -> None:
    old_copy = demo_paths.backups / "jiuzhu-20261101.sqlite3"
    installation.open_database(demo_paths).dispose()
    conn = sqlite3.connect(demo_paths.database)
    with sqlite3.connect(old_copy) as out:
        conn.backup(out)
    conn.close()
    assert installation.needs_encryption(demo_paths)
    assert installation.encrypt(demo_paths) == ""  # the app's first start: no recovery key to show
    assert not installation.needs_encryption(demo_paths)
    assert not old_copy.read_bytes().startswith(cipher.PLAIN_HEADER)  # old plain copies encrypted too
    db = installation.open_unlocked(demo_paths, "cadre", DEMO_PASSWORD)  # every account: its own password
    try:
        assert ids_in_clear(demo_paths, db) == []
        assert cipher.connect(old_copy, db.key).execute("SELECT count(*) FROM household").fetchone()[0] > 0
    finally:
        db.dispose()


def test_the_recovery_key_resets_an_administrators_password(encrypted_demo: tuple[DataPaths, str]) -> None:
    paths, recovery_key = encrypted_demo
    before = paths.database.read_bytes()
    with pytest.raises(UserError, match="恢复密钥"):
        recovery.reset_with_recovery_key(paths, "0000-0000-0000-0000-0000-0000-0000-0000", "admin", "x" * 9)
    with pytest.raises(UserError, match="没有管理员账户"):
        recovery.reset_with_recovery_key(paths, recovery_key, "clerk", "new-admin-pw")
    assert paths.database.read_bytes() == before
    recovery.reset_with_recovery_key(paths, recovery_key.lower(), "admin", "new-admin-pw")
    db = installation.open_unlocked(paths, "admin", "new-admin-pw")
    try:
        assert not auth.sign_in(db, "admin", "new-admin-pw").must_change_password
        with pytest.raises(UserError):
            auth.sign_in(db, "admin", DEMO_PASSWORD)
    finally:
        db.dispose()


def test_a_new_recovery_key_replaces_the_old_one(encrypted_demo: tuple[DataPaths, str]) -> None:
    paths, old_key = encrypted_demo
    db = installation.open_unlocked(paths, "admin", DEMO_PASSWORD)
    try:
        clerk = auth.sign_in(db, "clerk", DEMO_PASSWORD).actor
        with db.uow("clerk") as uow, pytest.raises(PermissionDenied):
            recovery.new_recovery_key(uow, clerk)
        actor = admin(db)
        with db.uow(actor.username) as uow:
            assert recovery.has_recovery_key(uow, actor) is True
            new_key = recovery.new_recovery_key(uow, actor)
        key = db.key
    finally:
        db.dispose()
    slots_now = KeySlots.load(paths.root)
    assert slots_now.unlock_with_recovery(new_key) == key
    with pytest.raises(UserError):
        slots_now.unlock_with_recovery(old_key)


def test_a_plain_database_has_no_recovery_key(station: Database) -> None:
    actor = admin_of(station)
    with station.uow(actor.username) as uow:
        assert recovery.has_recovery_key(uow, actor) is None
        with pytest.raises(UserError, match="没有加密"):
            recovery.new_recovery_key(uow, actor)


def admin_of(db: Database) -> Actor:
    from tests.conftest import ADMIN_PASSWORD

    return auth.sign_in(db, "admin", ADMIN_PASSWORD).actor


def test_init_refuses_a_folder_that_holds_a_database(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    installation.new_keys(paths)
    with pytest.raises(UserError, match="已初始化"):
        installation.new_keys(paths)


def test_pages_carry_an_hmac_sha256_and_reads_keep_a_warm_cache(enc_db: Database) -> None:
    """The format decision 0012 records: SQLCipher 4 pages with HMAC-SHA256 (a copy made with SQLCipher's
    own default, SHA512, does not open), and read connections that keep what they decrypted."""
    from app.models.db import ENCRYPTED_READ_CACHE_KIB

    assert enc_db.read_engine is not None
    with enc_db.read_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cipher_hmac_algorithm").scalar() == cipher.HMAC_ALGORITHM
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -ENCRYPTED_READ_CACHE_KIB
    import sqlcipher3

    file = Path(str(enc_db.engine.url.database))
    assert enc_db.key is not None
    conn = sqlcipher3.connect(str(file))
    try:
        conn.execute(f'PRAGMA key = "{cipher.raw_key(enc_db.key)}"')
        conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA512")
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
