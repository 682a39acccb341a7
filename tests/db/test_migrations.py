"""Schema migrations: head equals the models, upgrades keep data, newer databases are refused."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from app.errors import UserError
from app.models.all import metadata
from app.models.db import make_engine, sqlite_url
from app.models.migrate import SCHEMA_HEAD, alembic_config, current_revision, upgrade
from app.models.search_index import TABLES, in_models
from app.paths import DataPaths
from app.services.setup.installation import open_database


def test_schema_head_constant_matches_the_scripts() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [SCHEMA_HEAD]


def test_upgrade_head_on_empty_database_equals_the_models(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "empty.sqlite3"))
    assert upgrade(engine) is None
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": in_models}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert diff == []
    assert set(TABLES) <= tables  # the search index, which the models do not describe


def test_sqlite_pragmas_are_set(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "p.sqlite3"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    engine.dispose()


def _seed_first_revision(db_file: Path) -> None:
    """A database at revision 0001 with a household, a member and a case in it."""
    engine = make_engine(sqlite_url(db_file))
    upgrade(engine, "0001")
    engine.dispose()
    conn = sqlite3.connect(db_file)
    now = "2024-05-01 08:00:00.000000"
    common = f"'430623101', 3, '{now}', 'clerk'"
    conn.executescript(f"""
        INSERT INTO area (code, level, name, parent_code, version, updated_at, updated_by)
            VALUES ('430623000000', 'county', '华容县', NULL, 1, '{now}', ''),
                   ('430623101000', 'township', '三封寺镇', '430623000000', 1, '{now}', ''),
                   ('430623101201', 'village', '长岭村', '430623101000', 1, '{now}', '');
        INSERT INTO installation (id, kind, code, name, county_code, created_at, demo)
            VALUES (1, 'station', '430623101', '三封寺镇', '430623', '{now}', 0);
        INSERT INTO household (id, origin_station, version, updated_at, updated_by, village_code, address,
            urban_rural, head_name, poverty_causes, three_no, phone, bank_name, account_no, account_holder, notes)
            VALUES ('h1', {common}, '430623101201', '长岭村3组', 'rural', '张三', '', 0, '', '', '', '', '');
        INSERT INTO person (id, origin_station, version, updated_at, updated_by, household_id, name, name_pinyin,
            name_initials, id_number, sex, birth_date, relation_code, is_member, not_member_reason, hukou_type,
            health, illness, disability_card, labour_capacity, employment, marital_status, education,
            is_student, phone)
            VALUES ('p1', {common}, 'h1', '张三', 'zhangsan', 'zs', '11010519491231002X', 'F', '1949-12-31',
            '02', 1, '', '', 'healthy', '', '', 'none', '', '', '', 0, '');
        INSERT INTO case_file (id, origin_station, version, updated_at, updated_by, case_number, household_id,
            applicant_id, program, state, rule_mode, applied_on, state_since, extended, single_person,
            near_relative, relative_filed, complaint, county_visit_done, materials_missing, opinion, opinion_by,
            emergency)
            VALUES ('c1', {common}, '430623101-2024-000001', 'h1', 'p1', 'dibao', 'applied', '2021',
            '2024-05-01', '2024-05-01', 0, 0, 0, 0, 0, 0, '', '', '', 0);
    """)
    conn.commit()
    conn.close()


def test_upgrade_from_first_revision_keeps_data_and_queues_it(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    _seed_first_revision(paths.database)
    db = open_database(paths)  # upgrades on open, backing the file up first
    try:
        assert current_revision(db.engine) == SCHEMA_HEAD
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM person WHERE id='p1'")).scalar() == "张三"
            assert conn.execute(text("SELECT version FROM household WHERE id='h1'")).scalar() == 3
            # 0011 fills the head's pinyin of the households already there, with the program's own function
            assert (
                conn.execute(text("SELECT head_pinyin FROM household WHERE id='h1'")).scalar() == "zhang san"
            )
            queued = set(
                tuple(r) for r in conn.execute(text("SELECT table_name, record_id, version FROM outbox"))
            )
        assert {("household", "h1", 3), ("person", "p1", 3), ("case_file", "c1", 3)} <= queued
        assert db.station == "430623101"
    finally:
        db.dispose()
    backups = list(paths.backups.glob("jiuzhu-before-upgrade-0001-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_database_newer_than_the_program_is_refused_untouched(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    engine = make_engine(sqlite_url(paths.database))
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num='9999'"))
    engine.dispose()
    before = paths.database.read_bytes()
    with pytest.raises(UserError, match="比本程序新"):
        open_database(paths)
    assert paths.database.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with pytest.raises(UserError, match="不是救助通数据库"):
        open_database(paths)


def check_accounts_upgrade(engine: Engine) -> None:
    """0010 → 0011 with accounts in the database: they become this office's, queued to travel up, and
    a user name is unique per office (the county holds every station's admin beside its own)."""
    upgrade(engine, "0010")
    pg = engine.dialect.name == "postgresql"
    stamp: object = datetime(2024, 5, 1, 8, tzinfo=UTC) if pg else "2024-05-01 08:00:00.000000"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO area (code, level, name, parent_code, version, updated_at, updated_by) VALUES "
                "('430623000000', 'county', '华容县', NULL, 1, :t, ''),"
                "('430623101000', 'township', '三封寺镇', '430623000000', 1, :t, '')"
            ),
            {"t": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO installation (id, kind, code, name, county_code, created_at, demo) "
                "VALUES (1, 'station', '430623101', '三封寺镇', '430623', :t, 0)"
            ),
            {"t": stamp},
        )
        for uid, name in (("u1", "admin"), ("u2", "clerk")):
            conn.execute(
                text(
                    "INSERT INTO app_user (id, username, display_name, password_hash, role, area_code, active, "
                    "must_change_password, failed_attempts, locked_until, created_at) VALUES "
                    "(:id, :name, :name, 'hash', 'admin', '430623101000', true, false, 0, NULL, :t)"
                ),
                {"id": uid, "name": name, "t": stamp},
            )
    upgrade(engine)
    with engine.begin() as conn:
        rows = conn.execute(
            text("SELECT id, origin_station, version, updated_at, created_at FROM app_user ORDER BY id")
        ).all()
        assert [(r[0], r[1], r[2]) for r in rows] == [("u1", "430623101", 1), ("u2", "430623101", 1)]
        assert all(r[3] == r[4] for r in rows)
        queued = conn.execute(text("SELECT record_id FROM outbox WHERE table_name = 'app_user'")).scalars()
        assert sorted(queued) == ["u1", "u2"]
        insert = text(
            "INSERT INTO app_user (id, origin_station, version, updated_at, updated_by, username, display_name, "
            "role, area_code, active, must_change_password, created_at) VALUES "
            "(:id, :origin, 1, :t, '', 'admin', '镇管理员', 'admin', '430623101000', true, false, :t)"
        )
        conn.execute(insert, {"id": "u3", "origin": "430623102", "t": stamp})  # another office's admin
        failed_attempts, password_hash = conn.execute(
            text("SELECT failed_attempts, password_hash FROM app_user WHERE id = 'u3'")
        ).one()
        assert (failed_attempts, password_hash) == (0, "")  # what a received account gets
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert, {"id": "u4", "origin": "430623101", "t": stamp})  # this office's second admin
    engine.dispose()


def test_accounts_get_their_office_and_travel_after_the_upgrade(tmp_path: Path) -> None:
    check_accounts_upgrade(make_engine(sqlite_url(tmp_path / "accounts.sqlite3")))
