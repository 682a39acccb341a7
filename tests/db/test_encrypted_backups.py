"""Issue 14, "Copies": an encrypted installation's backups, automatic backups and safety copies are
encrypted; a backup is useless without a password of that installation (or its recovery key), opens here
only if it is this installation's, and comes back on a new PC with its administrator's password."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.demo.run import DEMO_PASSWORD
from app.domain.codes import Role
from app.errors import UserError
from app.models import cipher
from app.models.db import Database, make_engine, sqlite_url
from app.models.household import Household, Person
from app.models.migrate import upgrade
from app.paths import DataPaths
from app.services.context import Actor
from app.services.setup import auth, auto_backup, backup, backup_file, installation
from app.services.setup.keyslots import KeySlots
from tests.backup_files import members, other_encrypted_station
from tests.conftest import DEMO_TODAY

ADMIN = Actor("admin", "系统管理员", Role.ADMIN, "430623101000")
HEAD = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
PLAIN_HEADER = b"SQLite format 3"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def enc_backup(enc_db: Database, enc_paths: DataPaths, tmp_path: Path) -> Path:
    out = tmp_path / "usb"
    out.mkdir()
    with enc_db.uow(HEAD.username) as uow:
        done = backup.backup(uow, HEAD, enc_paths, out, enc_db.key)
        uow.commit()
    return done.path


def secrets_of(db: Database) -> list[bytes]:
    """The demo's ID numbers and bank accounts, read through the unlocked database."""
    with db.uow("test") as uow:
        ids = uow.session.execute(select(Person.id_number).where(Person.id_number != "")).scalars()
        accounts = uow.session.execute(
            select(Household.account_no).where(Household.account_no != "")
        ).scalars()
        found = [*ids, *accounts]
    assert len(found) > 40
    return [value.encode() for value in found]


def holds_none(data: bytes, secrets: list[bytes]) -> bool:
    return not any(secret in data for secret in secrets)


def test_a_backup_is_a_zip_of_the_encrypted_database_its_slots_and_a_manifest(
    enc_db: Database, enc_backup: Path
) -> None:
    assert enc_backup.suffix == ".zip" and enc_backup.name.startswith("jiuzhu-430623101-")
    parts = members(enc_backup)
    assert sorted(parts) == ["jiuzhu.sqlite3", "keyslots.json", "manifest.json"]
    assert not parts["jiuzhu.sqlite3"].startswith(PLAIN_HEADER)
    secrets = secrets_of(enc_db)
    assert holds_none(enc_backup.read_bytes(), secrets)
    for data in parts.values():  # after unzipping too
        assert holds_none(data, secrets)
    assert b'"code": "430623101"' in parts["manifest.json"]


def test_a_backup_of_this_installation_previews_with_its_key(
    enc_db: Database, enc_paths: DataPaths, enc_backup: Path
) -> None:
    with enc_db.uow(ADMIN.username) as uow:
        preview = backup.preview_restore(uow, ADMIN, enc_paths, enc_backup, enc_db.key)
    assert preview.identity.code == "430623101" and preview.households == 40
    assert not list(enc_paths.cache.iterdir())  # the copy read out of the zip is gone


def test_a_backup_opens_only_with_the_key(
    enc_db: Database, enc_paths: DataPaths, enc_backup: Path, tmp_path: Path
) -> None:
    """Another installation of the same township (its own key): refused, nothing changed."""
    other = other_encrypted_station(tmp_path / "other")
    key = installation.unlock(other, "admin", DEMO_PASSWORD)
    db = installation.open_database(other, key=key)
    with db.uow(ADMIN.username) as uow, pytest.raises(UserError, match="不能用本机的密钥打开"):
        backup.preview_restore(uow, ADMIN, other, enc_backup, db.key)
    db.dispose()
    before = digest(other.database)
    with pytest.raises(UserError, match="不能用本机的密钥打开") as refused:
        backup.restore(other, enc_backup, actor=ADMIN, key=key)
    assert "数据库没有任何改动" in str(refused.value)
    assert digest(other.database) == before and not list(other.backups.glob("jiuzhu-before-restore-*"))
    with pytest.raises(UserError, match="数据库已加密"):  # nor without the key at all
        backup.restore(other, enc_backup, actor=ADMIN, key=None)


def test_another_townships_backup_is_named_in_the_refusal(
    enc_paths: DataPaths, enc_backup: Path, tmp_path: Path
) -> None:
    other = other_encrypted_station(tmp_path / "other", "430623102")
    key = installation.unlock(other, "admin", DEMO_PASSWORD)
    with pytest.raises(UserError, match=r"三封寺镇.*430623101.*不能恢复到本机"):
        backup.restore(other, enc_backup, key=key)


def test_restore_keeps_an_encrypted_safety_copy_and_the_database_stays_encrypted(
    enc_db: Database, enc_paths: DataPaths, enc_backup: Path
) -> None:
    secrets = secrets_of(enc_db)
    key = enc_db.key
    assert key is not None
    enc_db.dispose()
    safety = backup.restore(enc_paths, enc_backup, actor=ADMIN, key=key)
    assert safety is not None and safety.suffix == ".zip"
    assert holds_none(safety.read_bytes(), secrets)
    assert not members(safety)["jiuzhu.sqlite3"].startswith(PLAIN_HEADER)
    assert cipher.is_encrypted(enc_paths.database)
    db = installation.open_unlocked(enc_paths, "admin", DEMO_PASSWORD)
    try:
        assert auth.sign_in(db, "admin", DEMO_PASSWORD).actor.role is Role.ADMIN
    finally:
        db.dispose()


def test_a_backup_restores_on_a_new_pc_with_its_administrators_password(
    enc_backup: Path, tmp_path: Path, encrypted_template: tuple[Path, str]
) -> None:
    fresh = DataPaths(tmp_path / "new-pc")
    with pytest.raises(UserError, match="用户名或密码错误"):
        backup.restore(fresh, enc_backup, credentials=lambda: ("admin", "wrong-password"))
    with pytest.raises(UserError, match="不是有效的管理员"):  # a clerk's password opens a slot, not a restore
        backup.restore(fresh, enc_backup, credentials=lambda: ("clerk", DEMO_PASSWORD))
    with pytest.raises(UserError, match="账户和密码"):
        backup.restore(fresh, enc_backup)
    assert not fresh.root.exists()  # every refusal before anything is written
    assert backup.restore(fresh, enc_backup, credentials=lambda: ("admin", DEMO_PASSWORD)) is None
    assert cipher.is_encrypted(fresh.database) and KeySlots.exists(fresh.root)
    db = installation.open_unlocked(fresh, "admin", DEMO_PASSWORD)
    try:
        signed = auth.sign_in(db, "admin", DEMO_PASSWORD)
        assert signed.actor.role is Role.ADMIN and signed.installation_name == "三封寺镇"
        with db.uow("test") as uow:
            assert uow.session.execute(select(func.count()).select_from(Household)).scalar_one() == 40
    finally:
        db.dispose()
    recovery = encrypted_template[1]  # the recovery key printed for the installation still opens it
    assert KeySlots.load(fresh.root).unlock_with_recovery(recovery) == installation.unlock(
        fresh, "admin", DEMO_PASSWORD
    )


def test_an_old_plain_backup_restores_into_an_encrypted_database(
    demo_db: Database, demo_paths: DataPaths, enc_paths: DataPaths, tmp_path: Path
) -> None:
    """A backup made before encryption (the same township): encrypted with this installation's key."""
    old = tmp_path / "old.sqlite3"
    with demo_db.uow(HEAD.username) as uow:
        backup.backup(uow, HEAD, demo_paths, old)
        uow.commit()
    assert old.read_bytes().startswith(PLAIN_HEADER)
    key = installation.unlock(enc_paths, "admin", DEMO_PASSWORD)
    backup.restore(enc_paths, old, actor=ADMIN, key=key)
    assert cipher.is_encrypted(enc_paths.database)
    assert not enc_paths.database.read_bytes().startswith(PLAIN_HEADER)
    db = installation.open_unlocked(enc_paths, "admin", DEMO_PASSWORD)  # the old accounts' slots
    try:
        auth.sign_in(db, "admin", DEMO_PASSWORD)
        with db.uow("test") as uow:
            households = uow.session.execute(select(func.count()).select_from(Household)).scalar_one()
    finally:
        db.dispose()
    with demo_db.uow("test") as uow:
        assert households == uow.session.execute(select(func.count()).select_from(Household)).scalar_one()


def test_the_slots_follow_the_restored_accounts(
    enc_db: Database, enc_paths: DataPaths, enc_backup: Path
) -> None:
    """A password changed after the backup: once restored, the backup's password signs in (the slot and
    the password hash agree again), the new one does not."""
    new = "Xinmima-2027"
    auth.change_password_at_sign_in(enc_db, "head", DEMO_PASSWORD, new, new)
    assert installation.unlock(enc_paths, "head", new)
    key = enc_db.key
    enc_db.dispose()
    backup.restore(enc_paths, enc_backup, key=key, account="admin")
    with pytest.raises(UserError, match="用户名或密码错误"):
        installation.unlock(enc_paths, "head", new)
    db = installation.open_unlocked(enc_paths, "head", DEMO_PASSWORD)
    try:
        assert auth.sign_in(db, "head", DEMO_PASSWORD).actor.role is Role.TOWNSHIP_HEAD
    finally:
        db.dispose()


def test_automatic_backups_are_encrypted_and_need_the_key(enc_db: Database, enc_paths: DataPaths) -> None:
    assert auto_backup.auto_backup(enc_paths, DEMO_TODAY) is None  # locked: nothing to copy with
    written = auto_backup.auto_backup(enc_paths, DEMO_TODAY, key=enc_db.key)
    assert written is not None and written.name == "jiuzhu-auto-20261120.zip"
    assert not members(written)[backup_file.DATABASE].startswith(PLAIN_HEADER)
    assert holds_none(written.read_bytes(), secrets_of(enc_db))
    assert auto_backup.auto_backup(enc_paths, DEMO_TODAY, key=enc_db.key) is None  # once a day
    assert [day for day, _path in auto_backup.automatic_backups(enc_paths.backups)] == [DEMO_TODAY]


def test_a_backup_needs_the_key_of_an_encrypted_database(
    enc_db: Database, enc_paths: DataPaths, tmp_path: Path
) -> None:
    with enc_db.uow(HEAD.username) as uow, pytest.raises(UserError, match="数据库已加密"):
        backup.backup(uow, HEAD, enc_paths, tmp_path, None)
    assert [p.name for p in tmp_path.iterdir()] == ["enc"]


def test_the_bare_encrypted_copy_kept_before_an_upgrade_restores_here_only(
    enc_db: Database, enc_paths: DataPaths, tmp_path: Path
) -> None:
    """app/models/migrate.py keeps the encrypted file itself (no slots): this installation's key opens it."""
    key = enc_db.key
    assert key is not None
    copy = enc_paths.backups / "jiuzhu-before-upgrade-0009-20261120-080000.sqlite3"
    cipher.encrypted_backup(enc_paths.database, key, copy)
    enc_db.dispose()
    with pytest.raises(UserError, match="不带密钥"):
        backup.restore(DataPaths(tmp_path / "new-pc"), copy, credentials=lambda: ("admin", DEMO_PASSWORD))
    assert not (tmp_path / "new-pc").exists()
    other = other_encrypted_station(tmp_path / "other")
    with pytest.raises(UserError, match="不能用本机的密钥打开"):
        backup.restore(other, copy, key=installation.unlock(other, "admin", DEMO_PASSWORD))
    assert backup.restore(enc_paths, copy, actor=ADMIN, key=key) is not None
    assert cipher.is_encrypted(enc_paths.database)


def test_the_copy_kept_before_an_upgrade_is_encrypted(tmp_path: Path) -> None:
    """An encrypted database at an older revision, opened by this program: the copy it keeps first."""
    paths = DataPaths(tmp_path / "old")
    key, _recovery = installation.new_keys(paths)
    engine = make_engine(sqlite_url(paths.database), key)
    upgrade(engine, "0009")
    engine.dispose()
    installation.open_database(paths, key=key).dispose()
    [kept] = paths.backups.glob("jiuzhu-before-upgrade-0009-*")
    assert cipher.is_encrypted(kept) and not kept.read_bytes().startswith(PLAIN_HEADER)
    conn = cipher.connect(kept, key)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0009"
    finally:
        conn.close()
