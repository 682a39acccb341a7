"""SQLCipher at rest: an encrypted copy of the demo holds no ID number or account in clear, opens only with
its key, keeps every row, and stays encrypted in its WAL and its backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from app.errors import UserError
from app.models import cipher
from app.models.db import Database, make_engine, sqlite_url
from app.models.household import Household, Person
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.reports.checks import run_all


def secrets_of(path: Path) -> list[bytes]:
    """Some of the demo's ID numbers and bank accounts, read from the plain file."""
    with sqlite3.connect(path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id_number FROM person WHERE id_number <> '' LIMIT 200")]
        accounts = [
            r[0] for r in conn.execute("SELECT account_no FROM household WHERE account_no <> '' LIMIT 200")
        ]
    assert len(ids) == 200 and len(accounts) > 50
    return [value.encode() for value in ids + accounts]


def counts(db: Database) -> tuple[int, int]:
    with db.uow("test") as uow:
        persons = uow.session.scalar(select(func.count()).select_from(Person))
        households = uow.session.scalar(select(func.count()).select_from(Household))
    assert persons is not None and households is not None
    return persons, households


@pytest.fixture
def encrypted(demo_paths: DataPaths, tmp_path: Path) -> tuple[Path, bytes, list[bytes]]:
    key = bytes(range(32))
    dest = tmp_path / "encrypted.sqlite3"
    found = secrets_of(demo_paths.database)
    assert all(value in demo_paths.database.read_bytes() for value in found[:20])  # in clear before
    cipher.encrypt_copy(demo_paths.database, dest, key)
    return dest, key, found


def test_the_encrypted_copy_holds_nothing_in_clear_and_every_row(
    demo_paths: DataPaths, encrypted: tuple[Path, bytes, list[bytes]]
) -> None:
    dest, key, found = encrypted
    raw = dest.read_bytes()
    assert cipher.is_encrypted(dest) and not cipher.is_encrypted(demo_paths.database)
    assert not raw.startswith(cipher.PLAIN_HEADER)
    assert [value for value in found if value in raw] == []
    plain, secret = (
        Database(make_engine(sqlite_url(demo_paths.database))),
        Database(make_engine(sqlite_url(dest), key)),
    )
    try:
        assert counts(secret) == counts(plain)
        with secret.engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version"))
    finally:
        plain.dispose()
        secret.dispose()


def test_it_opens_only_with_its_key(encrypted: tuple[Path, bytes, list[bytes]]) -> None:
    dest, key, _ = encrypted
    with pytest.raises(UserError, match="无法用这个密钥打开"):
        cipher.connect(dest, bytes(32)).close()
    with pytest.raises(UserError):
        cipher.connect(dest, None).close()
    with sqlite3.connect(dest) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    cipher.connect(dest, key).close()


def test_writes_and_the_wal_stay_encrypted(encrypted: tuple[Path, bytes, list[bytes]]) -> None:
    dest, key, _ = encrypted
    db = Database(make_engine(sqlite_url(dest), key))
    new_account = "6228480000000000000"
    try:
        with db.engine.connect() as reader:  # an open reader keeps the WAL from being checkpointed away
            reader.execute(text("SELECT count(*) FROM household")).scalar()
            with db.uow("test") as uow:
                uow.session.execute(update(Household).values(account_no=new_account))
                uow.commit()
            wal = dest.with_name(dest.name + "-wal")
            assert wal.exists() and wal.stat().st_size > 0
            assert new_account.encode() not in wal.read_bytes()
    finally:
        db.dispose()
    assert new_account.encode() not in dest.read_bytes()


def test_an_encrypted_backup_is_encrypted_and_complete(
    encrypted: tuple[Path, bytes, list[bytes]], tmp_path: Path
) -> None:
    dest, key, found = encrypted
    copy = tmp_path / "backup.sqlite3"
    cipher.encrypted_backup(dest, key, copy)
    raw = copy.read_bytes()
    assert cipher.is_encrypted(copy) and [value for value in found if value in raw] == []
    one, two = Database(make_engine(sqlite_url(dest), key)), Database(make_engine(sqlite_url(copy), key))
    try:
        assert counts(one) == counts(two)
    finally:
        one.dispose()
        two.dispose()


def test_check_runs_its_integrity_thread_on_an_encrypted_database(
    demo_paths: DataPaths, encrypted: tuple[Path, bytes, list[bytes]]
) -> None:
    """`jiuzhu check` checks the pages on a connection of its own (a thread): it must be keyed too."""
    dest, key, _ = encrypted
    plain, secret = (
        Database(make_engine(sqlite_url(demo_paths.database))),
        Database(make_engine(sqlite_url(dest), key)),
    )
    try:
        with plain.uow("check") as uow:
            expected = run_all(uow, system_actor("430623"))
        with secret.uow("check") as uow:
            report = run_all(uow, system_actor("430623"))
        assert report.integrity == [] and report.audit == expected.audit
        assert len(report.findings) == len(expected.findings) > 0
    finally:
        plain.dispose()
        secret.dispose()
