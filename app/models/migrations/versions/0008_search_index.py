"""Person search index: FTS5 tables over names and ID numbers, kept by triggers (SQLite only);
pinyin indexes that carry the household, the household index carrying the ID number, the registry's
household orders completed by the id.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from app.models import search_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


_HOUSEHOLD_ORDERS = {
    "ix_household_village_code_head_name": ["village_code", "head_name"],
    "ix_household_head_name": ["head_name"],
}


def upgrade() -> None:
    for index, columns in _HOUSEHOLD_ORDERS.items():  # the registry's orders, completed by the id
        op.drop_index(index, table_name="household")
        op.create_index(index, "household", [*columns, "id"], unique=False)
    # Not batch mode: recreating the person table would renumber the rowids the index is keyed by.
    for column, second in (
        ("name_pinyin", "household_id"),
        ("name_initials", "household_id"),
        ("household_id", "id_number"),
    ):
        op.drop_index(f"ix_person_{column}", table_name="person")
        op.create_index(f"ix_person_{column}", "person", [column, second], unique=False)
    search_index.install(op.get_bind())


def downgrade() -> None:
    search_index.drop(op.get_bind())
    for column in ("name_pinyin", "name_initials", "household_id"):
        op.drop_index(f"ix_person_{column}", table_name="person")
        op.create_index(f"ix_person_{column}", "person", [column], unique=False)
    for index, columns in _HOUSEHOLD_ORDERS.items():
        op.drop_index(index, table_name="household")
        op.create_index(index, "household", columns, unique=False)
