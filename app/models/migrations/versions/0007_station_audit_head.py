"""Tamper evidence: the county keeps each station's last reported audit head (decision 0008).

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "station_audit_head",
        sa.Column("peer_code", sa.String(length=12), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("bundle_seq", sa.Integer(), nullable=False),
        sa.Column("accept_next", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("peer_code", name=op.f("pk_station_audit_head")),
    )


def downgrade() -> None:
    op.drop_table("station_audit_head")
