"""Record ids compared bytewise on PostgreSQL; two indexes that a unique constraint already leads dropped.

On PostgreSQL every VARCHAR(36) column (a record's id, the foreign keys to it and a bundle's id) takes
the collation "C", as SQLite compares them: a server initialised in zh_CN or another locale collated
each key lookup and foreign-key check of an import by language rules (decision 0013). SQLite keeps its
columns; both lose ``ix_case_event_case_id`` and ``ix_benefit_member_benefit_id``, which the unique
(case_id, seq) and (benefit_id, person_id) serve.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_LED = {
    "ix_case_event_case_id": ("case_event", "case_id"),
    "ix_benefit_member_benefit_id": ("benefit_member", "benefit_id"),
}

_KEYS = sa.text(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND data_type = 'character varying' AND character_maximum_length = 36 ORDER BY table_name, column_name"
)


def _collate(collation: str) -> None:
    """Every VARCHAR(36) column to ``collation``, one ALTER TABLE per table (its indexes rebuilt once)."""
    bind = op.get_bind()
    tables: dict[str, list[str]] = {}
    for table, column in bind.execute(_KEYS):
        tables.setdefault(table, []).append(column)
    quote = bind.dialect.identifier_preparer.quote
    for table, columns in tables.items():
        changes = ", ".join(f"ALTER COLUMN {quote(c)} TYPE VARCHAR(36) COLLATE {collation}" for c in columns)
        bind.execute(sa.text(f"ALTER TABLE {quote(table)} {changes}"))


def upgrade() -> None:
    for index, (table, _column) in _LED.items():
        op.drop_index(index, table_name=table)
    if op.get_bind().dialect.name == "postgresql":
        _collate('"C"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _collate('"default"')
    for index, (table, column) in _LED.items():
        op.create_index(index, table, [column], unique=False)
