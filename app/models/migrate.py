"""Open a database: create or upgrade its schema with Alembic, backing the file up first.

The schema head is a constant so that opening an up-to-date database costs one query and
no Alembic import (cold start budget); a test keeps it equal to the scripts' head.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from app import clock, log
from app.errors import UserError
from app.paths import PRIVATE_FILE, private_dir, private_file

if TYPE_CHECKING:
    from alembic.config import Config

SCHEMA_HEAD = "0013"
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            if inspect(conn).get_table_names():
                raise UserError("该文件不是救助通数据库（缺少版本信息），已拒绝打开")
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(db_file: Path, dest: Path, key: bytes | None = None) -> None:
    """A consistent copy through SQLite's online backup API (encrypted with ``key`` when it is given)."""
    private_dir(dest.parent)
    os.close(os.open(dest, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))  # made private before it holds data
    private_file(dest)
    if key is not None:
        from app.models.cipher import encrypted_backup

        encrypted_backup(db_file, key, dest)
        return
    src = sqlite3.connect(db_file)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()


def upgrade(
    engine: Engine, target: str = "head", *, backup_dir: Path | None = None, key: bytes | None = None
) -> str | None:
    """Bring the schema to ``target``; return the revision it had before (None if empty).

    A database whose revision this program does not know is newer than the program:
    it is refused with a clear message and left untouched.
    """
    before = current_revision(engine)
    if before == SCHEMA_HEAD and target == "head":
        return before
    from alembic import command

    if before is not None and before not in known_revisions():
        raise UserError(
            f"数据库版本（{before}）比本程序新，请升级救助通后再打开。为保护数据，本程序不会改动该文件。"
        )
    if before is not None and backup_dir is not None and engine.dialect.name == "sqlite":
        db_file = Path(str(engine.url.database))
        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
        dest = backup_dir / f"jiuzhu-before-upgrade-{before}-{stamp}.sqlite3"
        backup_sqlite(db_file, dest, key)
        log.db.info("backed up %s to %s before upgrading from %s", db_file, dest, before)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)
    log.db.info("schema upgraded from %s to %s", before, target)
    return before
