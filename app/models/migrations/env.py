"""Alembic environment: always driven programmatically by ``app.models.migrate``."""

from __future__ import annotations

from alembic import context

from app.models.all import metadata
from app.models.search_index import in_models

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("run migrations through app.models.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=in_models,
)
with context.begin_transaction():
    context.run_migrations()
