"""Local user accounts: argon2 password hash, role, area scope and lock-out state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import UUID, Base, UTCDateTime, new_id, utcnow


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An initial or reset password: the user must choose a new one before the main window opens.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
