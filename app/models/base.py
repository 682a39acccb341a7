"""Declarative base, shared column types and the sync mixin every travelling record carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import clock

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A UUID made where the record is born (architecture.md, data model principles)."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return clock.now()


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime, stored naive-UTC on SQLite and timestamptz on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


class Money(TypeDecorator[int]):
    """Integer fen, never float. PostgreSQL sums a bigint as numeric: results come back as int here,
    for the column and for SUM()/COALESCE() over it alike."""

    impl = BigInteger
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else int(value)


Month = String(7)  # "YYYY-MM"
# A record's id. PostgreSQL compares it bytewise (collation "C"), as SQLite does: a county's server set
# up in zh_CN or another locale would otherwise collate every key lookup and foreign-key check by
# language rules (decision 0013). Foreign keys take the type, collation included, from the key.
UUID = String(36).with_variant(String(36, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    """Columns of every record that travels in bundles.

    ``version`` is +1 on every change and ``updated_at``/``updated_by`` are set by the
    change tracker (``app.models.tracking``) for ORM writes; bulk writers set them too.
    """

    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    origin_station: Mapped[str] = mapped_column(String(12), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


SYNC_COLUMNS = ("id", "origin_station", "version", "updated_at", "updated_by")
