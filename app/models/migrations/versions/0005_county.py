"""County office: payment runs and their frozen lines, bank results, run flags, amount changes, data matching.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _sync() -> list[sa.Column]:
    """The columns of ``SyncMixin`` (written out: revisions never import the models)."""
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_station", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
    ]


def _str(name: str, length: int, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _int(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def _money(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def _utc(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def _drop_indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))


def upgrade() -> None:
    op.create_table(
        "payment_run",
        _str("month", 7),
        _str("status", 10),
        _int("households"),
        _int("persons"),
        _money("base_fen"),
        _money("topup_fen"),
        _money("total_fen"),
        _str("prepared_by", 64),
        _utc("prepared_at"),
        _str("approved_by", 64),
        _utc("approved_at"),
        _utc("sent_at"),
        _utc("closed_at"),
        _int("paid_count"),
        _money("paid_fen"),
        _int("failed_count"),
        _money("failed_fen"),
        *_sync(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_run")),
        sa.UniqueConstraint("month", name=op.f("uq_payment_run_month")),
    )
    op.create_table(
        "payment_line",
        _str("id", 36),
        _str("run_id", 36),
        _int("seq"),
        _str("benefit_id", 36),
        _str("case_id", 36),
        _str("household_id", 36),
        _str("township_code", 12),
        _str("township", 60),
        _str("village_code", 12),
        _str("village", 60),
        _str("head_name", 40),
        _str("id_number", 18),
        _int("persons"),
        _str("program", 10),
        _str("category", 20),
        _str("tier", 20),
        _money("base_fen"),
        _money("topup_fen"),
        _money("total_fen"),
        _str("bank_name", 60),
        _str("account_no", 40),
        _str("account_holder", 40),
        _str("remark", 200),
        _fk("payment_line", "run_id", "payment_run"),
        _fk("payment_line", "benefit_id", "benefit"),
        _fk("payment_line", "case_id", "case_file"),
        _fk("payment_line", "household_id", "household"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_line")),
        sa.UniqueConstraint("run_id", "seq", name=op.f("uq_payment_line_run_id_seq")),
    )
    _index("payment_line", "run_id")
    op.create_table(
        "payment_result",
        _str("id", 36),
        _str("run_id", 36),
        _str("line_id", 36),
        _str("status", 8),
        _money("amount_fen"),
        _str("reason", 200),
        _str("source_file", 200),
        _int("source_row"),
        _str("imported_by", 64),
        _utc("imported_at", nullable=False),
        _fk("payment_result", "run_id", "payment_run"),
        _fk("payment_result", "line_id", "payment_line"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_result")),
        sa.UniqueConstraint("run_id", "line_id", name=op.f("uq_payment_result_run_id_line_id")),
    )
    _index("payment_result", "run_id")
    op.create_table(
        "payment_flag",
        _str("run_id", 36),
        _str("kind", 16),
        _str("key", 40),
        _text("line_ids"),
        _text("reason"),
        _str("status", 8),
        _str("resolved_by", 64),
        _utc("resolved_at"),
        _text("note"),
        *_sync(),
        _fk("payment_flag", "run_id", "payment_run"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_flag")),
    )
    _index("payment_flag", "run_id")
    op.create_table(
        "benefit_change",
        _str("benefit_id", 36),
        _str("decision_id", 36, nullable=True),
        _str("from_month", 7),
        _money("base_fen"),
        _money("topup_fen"),
        _money("monthly_fen"),
        _int("persons"),
        _text("reason"),
        *_sync(),
        _fk("benefit_change", "benefit_id", "benefit"),
        _fk("benefit_change", "decision_id", "decision"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefit_change")),
    )
    _index("benefit_change", "benefit_id")
    op.create_table(
        "match_list",
        _str("kind", 10),
        _str("file_name", 200),
        _str("source", 100),
        _int("rows"),
        _int("unreadable"),
        _int("matched"),
        _str("imported_by", 64),
        _utc("imported_at", nullable=False),
        *_sync(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_list")),
    )
    op.create_table(
        "match_flag",
        _str("list_id", 36),
        _str("kind", 10),
        _str("id_number", 18),
        _int("row_no"),
        _text("row_data"),
        sa.Column("event_date", sa.Date(), nullable=True),
        _str("person_id", 36),
        _str("household_id", 36),
        _str("case_id", 36, nullable=True),
        _str("benefit_id", 36, nullable=True),
        sa.Column("covered", sa.Boolean(), nullable=False),
        _text("reason"),
        _str("status", 8),
        _str("resolved_by", 64),
        _utc("resolved_at"),
        _text("note"),
        _str("decision_id", 36, nullable=True),
        _str("review_id", 36, nullable=True),
        *_sync(),
        _fk("match_flag", "list_id", "match_list"),
        _fk("match_flag", "person_id", "person"),
        _fk("match_flag", "household_id", "household"),
        _fk("match_flag", "case_id", "case_file"),
        _fk("match_flag", "benefit_id", "benefit"),
        _fk("match_flag", "decision_id", "decision"),
        _fk("match_flag", "review_id", "review"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_flag")),
    )
    _index("match_flag", "list_id", "kind", "id_number", "person_id", "status")


def downgrade() -> None:
    _drop_indexes("match_flag", "list_id", "kind", "id_number", "person_id", "status")
    op.drop_table("match_flag")
    op.drop_table("match_list")
    _drop_indexes("benefit_change", "benefit_id")
    op.drop_table("benefit_change")
    _drop_indexes("payment_flag", "run_id")
    op.drop_table("payment_flag")
    _drop_indexes("payment_result", "run_id")
    op.drop_table("payment_result")
    _drop_indexes("payment_line", "run_id")
    op.drop_table("payment_line")
    op.drop_table("payment_run")
