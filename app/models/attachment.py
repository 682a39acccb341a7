"""Scans and photos of signed forms; the bytes live in the data folder, addressed by SHA-256."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncMixin


class Attachment(SyncMixin, Base):
    __tablename__ = "attachment"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
