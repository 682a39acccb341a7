"""The head's name in pinyin on each household, so that lists of households follow pinyin order.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.domain.names import pinyin_key

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_OLD = {
    "ix_household_village_code_head_name": ["village_code", "head_name", "id"],
    "ix_household_head_name": ["head_name", "id"],
}
_NEW = {
    "ix_household_village_code_head_pinyin": ["village_code", "head_pinyin", "head_name", "id"],
    "ix_household_head_pinyin": ["head_pinyin", "head_name", "id"],
}


def upgrade() -> None:
    # Not batch mode: SQLite adds a column in place, and the household's rows keep their rowids.
    op.add_column(
        "household", sa.Column("head_pinyin", sa.String(length=300), nullable=False, server_default="")
    )
    bind = op.get_bind()
    heads = bind.execute(sa.text("SELECT id, head_name FROM household")).all()
    update = sa.text("UPDATE household SET head_pinyin = :pinyin WHERE id = :id")
    for start in range(0, len(heads), 5000):
        part = heads[start : start + 5000]
        bind.execute(update, [{"id": key, "pinyin": pinyin_key(name or "")} for key, name in part])
    for index in _OLD:
        op.drop_index(index, table_name="household")
    for index, columns in _NEW.items():
        op.create_index(index, "household", columns, unique=False)


def downgrade() -> None:
    for index in _NEW:
        op.drop_index(index, table_name="household")
    for index, columns in _OLD.items():
        op.create_index(index, "household", columns, unique=False)
    with op.batch_alter_table("household") as batch:
        batch.drop_column("head_pinyin")
