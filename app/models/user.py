"""Local user accounts: argon2 password hash, role, area scope and lock-out state.

Accounts travel up to the county (decision 0006) without their local columns (``LOCAL_COLUMNS``): the
county holds a station's accounts with an empty hash, to name who signed what; nobody can sign in with
one. A user name is unique per office (``origin_station``), not county-wide: every office has an admin.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncMixin, UTCDateTime, utcnow

# Kept by each office and never sent: the secret, and the sign-in state that only matters where it is.
LOCAL_COLUMNS = ("password_hash", "failed_attempts", "locked_until", "must_change_password")


class User(SyncMixin, Base):
    __tablename__ = "app_user"
    __table_args__ = (UniqueConstraint("origin_station", "username"),)
    # A change to these alone is audited but makes no new version: nothing the county holds changed.
    LOCAL: ClassVar[frozenset[str]] = frozenset(LOCAL_COLUMNS)

    username: Mapped[str] = mapped_column(String(40))
    display_name: Mapped[str] = mapped_column(String(40))
    # Empty for an account synced from another office: it cannot sign in here.
    password_hash: Mapped[str] = mapped_column(String(200), server_default="")
    role: Mapped[str] = mapped_column(String(20))
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An initial or reset password: the user must choose a new one before the main window opens.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
