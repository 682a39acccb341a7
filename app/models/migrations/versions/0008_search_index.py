"""Person search index: FTS5 tables over names and ID numbers, kept by triggers (SQLite only).

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from app.models import search_index

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.install(op.get_bind())


def downgrade() -> None:
    search_index.drop(op.get_bind())
