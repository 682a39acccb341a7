"""Outbox of local changes for sync bundles; queue every existing record once.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Tables whose records travel, keyed by UUID (the station sends them all in its first bundle).
TRAVELLING = (
    "household",
    "person",
    "income_item",
    "asset_item",
    "supporter",
    "case_file",
    "case_event",
    "investigation",
    "appraisal",
    "objection",
    "decision",
    "benefit",
    "benefit_member",
    "review",
    "public_notice",
    "notice_entry",
    "standard",
    "attachment",
)


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_record_id"), ["record_id"], unique=False)
    bind = op.get_bind()
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    for table in TRAVELLING:
        bind.execute(
            sa.text(
                f"INSERT INTO outbox (table_name, record_id, version, op, at) "
                f"SELECT :t, id, version, 'upsert', :now FROM {table} ORDER BY updated_at, id"
            ),
            {"t": table, "now": now},
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_record_id"))
    op.drop_table("outbox")
