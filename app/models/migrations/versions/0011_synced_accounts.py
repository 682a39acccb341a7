"""Accounts travel to the county: app_user gets the sync columns, user names are unique per office.

Existing accounts get this installation's code as their origin and are queued in the outbox, so a
station's next up bundle carries them (without their password hashes; decision 0006).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app import clock

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("origin_station", sa.String(length=12), nullable=False, server_default=""))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("updated_by", sa.String(length=64), nullable=False, server_default=""))
        batch.alter_column("password_hash", existing_type=sa.String(length=200), server_default="")
        batch.alter_column("failed_attempts", existing_type=sa.Integer(), server_default=sa.text("0"))
    code = bind.execute(sa.text("SELECT code FROM installation")).scalar() or ""
    bind.execute(
        sa.text("UPDATE app_user SET origin_station = :code, updated_at = created_at"), {"code": code}
    )
    with op.batch_alter_table("app_user") as batch:
        batch.alter_column("updated_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.alter_column("origin_station", existing_type=sa.String(length=12), server_default=None)
        batch.alter_column("version", existing_type=sa.Integer(), server_default=None)
        batch.alter_column("updated_by", existing_type=sa.String(length=64), server_default=None)
        batch.drop_constraint("uq_app_user_username", type_="unique")
        batch.create_unique_constraint("uq_app_user_origin_station_username", ["origin_station", "username"])
    now = clock.now()
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    bind.execute(
        sa.text(
            "INSERT INTO outbox (table_name, record_id, version, op, at) "
            "SELECT 'app_user', id, version, 'upsert', :now FROM app_user ORDER BY created_at, id"
        ),
        {"now": now},
    )


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint("uq_app_user_origin_station_username", type_="unique")
        batch.create_unique_constraint("uq_app_user_username", ["username"])
        batch.drop_column("updated_by")
        batch.drop_column("updated_at")
        batch.drop_column("version")
        batch.drop_column("origin_station")
