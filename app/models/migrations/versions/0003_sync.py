"""Sync bookkeeping: peers, keys, bundle log, receipts, acknowledgements, quarantine, conflicts, duplicates.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _str(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def _int(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _serial() -> sa.Column:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "sync_ack",
        _str("table_name", 40),
        _str("record_id", 40),
        _int("acked_version"),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_ack")),
    )
    op.create_table(
        "sync_bundle",
        _serial(),
        _str("bundle_id", 36),
        _str("direction", 4),
        _str("peer_code", 12),
        _str("kind", 4),
        _int("seq"),
        _str("file_hash", 64),
        _str("prev_hash", 64),
        _str("status", 10),
        _utc("created_at"),
        _utc("processed_at", nullable=True),
        _int("outbox_lo"),
        _int("outbox_hi"),
        _int("audit_hw"),
        _int("receipts_through"),
        _str("held_path", 300),
        _text("result"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle")),
        sa.UniqueConstraint(
            "direction", "peer_code", "seq", name=op.f("uq_sync_bundle_direction_peer_code_seq")
        ),
    )
    _index("sync_bundle", "bundle_id")
    op.create_table(
        "sync_conflict",
        _serial(),
        _str("peer_code", 12),
        _int("bundle_seq"),
        _str("table_name", 40),
        _str("record_id", 40),
        _str("kind", 8),
        _text("fields"),
        _int("station_version"),
        _int("county_version"),
        _text("station_values"),
        _text("county_values"),
        _str("status", 10),
        _utc("created_at"),
        _utc("resolved_at", nullable=True),
        _str("resolved_by", 64),
        _str("resolution", 10),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    _index("sync_conflict", "peer_code", "record_id")
    op.create_table(
        "sync_duplicate",
        _serial(),
        _str("id_number", 18),
        _text("persons"),
        _str("status", 10),
        _utc("created_at"),
        _utc("resolved_at", nullable=True),
        _str("resolved_by", 64),
        _text("note"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_duplicate")),
    )
    _index("sync_duplicate", "id_number")
    op.create_table(
        "sync_key",
        _str("key_id", 16),
        _str("peer_code", 12),
        _str("age_recipient", 100),
        _str("sign_public", 64),
        _str("status", 10),
        _utc("created_at"),
        _utc("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_sync_key")),
    )
    _index("sync_key", "peer_code")
    op.create_table(
        "sync_peer",
        _str("code", 12),
        _str("kind", 8),
        _str("name", 60),
        _str("status", 10),
        _str("key_id", 16),
        _int("in_seq"),
        _str("in_hash", 64),
        _int("out_seq"),
        _str("out_hash", 64),
        _int("acked_seq"),
        _int("acked_outbox_seq"),
        _int("acked_audit_seq"),
        sa.Column("full_down", sa.Boolean(), nullable=False),
        sa.Column("rebaseline", sa.Boolean(), nullable=False),
        _str("drift", 12),
        _utc("last_in_at", nullable=True),
        _utc("last_out_at", nullable=True),
        _utc("provisioned_at", nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_sync_peer")),
    )
    op.create_table(
        "sync_quarantine",
        _serial(),
        _str("peer_code", 12),
        _int("bundle_seq"),
        _str("group_key", 60),
        _text("reason"),
        _text("payload"),
        _str("status", 10),
        _utc("created_at"),
        _utc("resolved_at", nullable=True),
        _str("resolved_by", 64),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
    )
    _index("sync_quarantine", "group_key", "peer_code")
    op.create_table(
        "sync_receipt",
        _serial(),
        _str("peer_code", 12),
        _int("bundle_seq"),
        _str("table_name", 40),
        _str("record_id", 40),
        _int("record_version"),
        _str("status", 12),
        _str("detail", 8),
        _text("reason"),
        _int("county_version"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_receipt")),
    )
    _index("sync_receipt", "peer_code")


def downgrade() -> None:
    for table in (
        "sync_receipt",
        "sync_quarantine",
        "sync_peer",
        "sync_key",
        "sync_duplicate",
        "sync_conflict",
        "sync_bundle",
        "sync_ack",
    ):
        op.drop_table(table)
