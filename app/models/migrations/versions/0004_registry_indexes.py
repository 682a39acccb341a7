"""Registry indexes: households by village and head name, by head name; cases by household and date.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index("ix_household_village_code")
        batch_op.create_index(
            "ix_household_village_code_head_name", ["village_code", "head_name"], unique=False
        )
        batch_op.create_index("ix_household_head_name", ["head_name"], unique=False)
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_household_id")
        batch_op.create_index(
            "ix_case_file_household_id_applied_on", ["household_id", "applied_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_household_id_applied_on")
        batch_op.create_index("ix_case_file_household_id", ["household_id"], unique=False)
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index("ix_household_head_name")
        batch_op.drop_index("ix_household_village_code_head_name")
        batch_op.create_index("ix_household_village_code", ["village_code"], unique=False)
