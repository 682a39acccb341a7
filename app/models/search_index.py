"""The person search index (SQLite): FTS5 tables over names and ID numbers, kept up to date by triggers.

Two full-text tables answer the registry's substring searches without scanning the persons:

- ``person_name_index`` (contentless, ``unicode61``) holds each name with a space after every character,
  so that each character is a token and a phrase query finds any run of characters: ``"张 丽"`` is
  ``name LIKE '%张丽%'``, for one character as for five.
- ``person_id_index`` (external content over ``person``, ``trigram``) finds any fragment of at least
  three characters of an ID number.

Both are keyed by ``person.rowid`` and written by triggers on ``person``, so every writer (the ORM,
Core bulk inserts, sync upserts, the demo) keeps them in step without knowing they exist. A migration
that rebuilds the ``person`` table (Alembic batch mode copies it, renumbering rowids and dropping its
triggers) must call :func:`install` again afterwards. PostgreSQL has no such tables: searches there
use plain ``LIKE``, helped by ``pg_trgm`` indexes where the server allows the extension.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

NAME_INDEX = "person_name_index"
ID_INDEX = "person_id_index"
TABLES = (NAME_INDEX, ID_INDEX)
NAME_CHARS = 40  # person.name is String(40); characters past this are not indexed


PG_INDEXES = ("ix_person_search_name", "ix_person_search_id_number")


def is_index_table(name: str | None) -> bool:
    """A table of the search index or one of FTS5's own tables behind it (not in the models)."""
    return name is not None and any(name == t or name.startswith(f"{t}_") for t in TABLES)


def in_models(name: str | None, kind: str, _parents: object = None) -> bool:
    """For Alembic's comparison (``include_name``): False for the search index's tables and indexes,
    which the models do not describe."""
    if kind == "table":
        return not is_index_table(name)
    if kind == "index":
        return name not in PG_INDEXES
    return True


def _spaced(column: str) -> str:
    """SQL: ``column`` with a space after each of its first NAME_CHARS characters (built-ins only, so
    that any connection, even a bare sqlite3 one, can run the triggers)."""
    return "||' '||".join(f"substr({column}, {i}, 1)" for i in range(1, NAME_CHARS + 1))


def _name_row(row: str) -> str:
    return f"{row}.rowid, {_spaced(f'{row}.name')}"


def _insert_trigger(exists_ok: bool = False) -> str:
    add_name = f"INSERT INTO {NAME_INDEX}(rowid, chars) VALUES ({_name_row('new')});"
    add_id = f"INSERT INTO {ID_INDEX}(rowid, id_number) VALUES (new.rowid, new.id_number);"
    maybe = "IF NOT EXISTS " if exists_ok else ""
    return (
        f"CREATE TRIGGER {maybe}trg_{NAME_INDEX}_insert AFTER INSERT ON person BEGIN {add_name} {add_id} END"
    )


def _statements() -> list[str]:
    name_row = _name_row
    add_name = f"INSERT INTO {NAME_INDEX}(rowid, chars) VALUES ({name_row('new')});"
    drop_name = f"INSERT INTO {NAME_INDEX}({NAME_INDEX}, rowid, chars) VALUES ('delete', {name_row('old')});"
    add_id = f"INSERT INTO {ID_INDEX}(rowid, id_number) VALUES (new.rowid, new.id_number);"
    drop_id = (
        f"INSERT INTO {ID_INDEX}({ID_INDEX}, rowid, id_number) VALUES ('delete', old.rowid, old.id_number);"
    )
    return [
        f"CREATE VIRTUAL TABLE {NAME_INDEX} USING fts5(chars, content='', tokenize='unicode61')",
        f"CREATE VIRTUAL TABLE {ID_INDEX} USING fts5("
        "id_number, content='person', content_rowid='rowid', tokenize='trigram')",
        _insert_trigger(),
        f"CREATE TRIGGER trg_{NAME_INDEX}_delete AFTER DELETE ON person BEGIN {drop_name} {drop_id} END",
        f"CREATE TRIGGER trg_{NAME_INDEX}_name AFTER UPDATE OF name ON person "
        f"BEGIN {drop_name} {add_name} END",
        f"CREATE TRIGGER trg_{ID_INDEX}_id AFTER UPDATE OF id_number ON person BEGIN {drop_id} {add_id} END",
        f"INSERT INTO {NAME_INDEX}(rowid, chars) SELECT rowid, {_spaced('name')} FROM person",
        f"INSERT INTO {ID_INDEX}({ID_INDEX}) VALUES ('rebuild')",
    ]


BULK_ROWS = 500  # from this many new persons at once, index them together (see bulk_insert)


@contextmanager
def bulk_insert(conn: Connection, rows: int) -> Iterator[None]:
    """Insert many new persons in the block (SQLite): the per-row insert trigger is set aside, and the
    new rows (``rowid`` above the largest before) are indexed by two statements at the end.

    Row by row, each insert runs the trigger's two FTS statements under a statement journal, which
    with temporary storage in memory (SQLCipher's, so that no temporary file holds rows in clear)
    costs about 1 ms a row; together they cost what the rows do. DDL is transactional in SQLite: if
    the block fails, the rollback of the caller's transaction or savepoint brings the trigger back,
    and it is recreated here in any case.
    """
    if conn.dialect.name != "sqlite" or rows < BULK_ROWS:
        yield
        return
    before = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM person").scalar_one()
    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{NAME_INDEX}_insert")
    try:
        yield
    finally:
        conn.exec_driver_sql(_insert_trigger(exists_ok=True))
    conn.exec_driver_sql(
        f"INSERT INTO {NAME_INDEX}(rowid, chars) SELECT rowid, {_spaced('name')} FROM person WHERE rowid > ?",
        (before,),
    )
    conn.exec_driver_sql(
        f"INSERT INTO {ID_INDEX}(rowid, id_number) SELECT rowid, id_number FROM person WHERE rowid > ?",
        (before,),
    )


def _install_pg_trgm(conn: Connection) -> None:
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:
        return
    for index, column in zip(PG_INDEXES, ("name", "id_number"), strict=True):
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {index} ON person USING gin ({column} gin_trgm_ops)"
        )


def drop(conn: Connection) -> None:
    """Remove the index and its triggers."""
    if conn.dialect.name == "postgresql":
        for index in PG_INDEXES:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index}")
        return
    if conn.dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "name"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{NAME_INDEX}_{trigger}")
    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{ID_INDEX}_id")
    for table in TABLES:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


def install(conn: Connection) -> None:
    """(Re)create the index and its triggers and fill it from the persons (SQLite).

    On PostgreSQL: trigram GIN indexes on names and ID numbers when the ``pg_trgm`` extension can be
    had (``LIKE '%…%'`` then uses them); without it (no right to create extensions) nothing, and the
    searches scan.
    """
    if conn.dialect.name == "postgresql":
        _install_pg_trgm(conn)
        return
    if conn.dialect.name != "sqlite":
        return
    drop(conn)
    for statement in _statements():
        conn.exec_driver_sql(statement)


def name_match(text: str) -> str:
    """The MATCH expression for names containing ``text`` (one phrase of its characters)."""
    chars = " ".join(text)
    return f'chars : "{chars.replace(chr(34), chr(34) * 2)}"'


def id_match(text: str) -> str:
    """The MATCH expression for ID numbers containing ``text`` (at least three characters)."""
    return f'id_number : "{text.replace(chr(34), chr(34) * 2)}"'


def integrity_problems(conn: Connection) -> list[str]:
    """FTS5's own check of the ID index against the persons (the name index is contentless)."""
    if conn.dialect.name != "sqlite":
        return []
    try:
        conn.exec_driver_sql(f"INSERT INTO {ID_INDEX}({ID_INDEX}, rank) VALUES ('integrity-check', 1)")
    except DBAPIError as exc:
        return [f"身份证号检索索引与人员表不一致：{exc}"]
    return []
