"""Posting records: where, when and by whom a 公示 was put up, with the photo's content address.

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_posting",
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("posted_by", sa.String(length=40), nullable=False),
        sa.Column("photo_name", sa.String(length=200), nullable=False),
        sa.Column("photo_mime", sa.String(length=60), nullable=False),
        sa.Column("photo_size", sa.Integer(), nullable=False),
        sa.Column("photo_sha256", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_station", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["public_notice.id"], name=op.f("fk_notice_posting_notice_id_public_notice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_posting")),
    )
    with op.batch_alter_table("notice_posting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_posting_notice_id"), ["notice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notice_posting_photo_sha256"), ["photo_sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notice_posting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_posting_photo_sha256"))
        batch_op.drop_index(batch_op.f("ix_notice_posting_notice_id"))
    op.drop_table("notice_posting")
