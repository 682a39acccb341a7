"""Public notices (公示) and their rows: only what may be published is stored here."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, SyncMixin


class PublicNotice(SyncMixin, Base):
    __tablename__ = "public_notice"

    kind: Mapped[str] = mapped_column(String(16))
    village_code: Mapped[str] = mapped_column(ForeignKey("area.code"), index=True)
    program: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    day_kind: Mapped[str] = mapped_column(String(10), default="calendar")
    issued_by: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(10), default="running")


class NoticeEntry(SyncMixin, Base):
    __tablename__ = "notice_entry"

    notice_id: Mapped[str] = mapped_column(ForeignKey("public_notice.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    display_name: Mapped[str] = mapped_column(String(40))
    persons: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20), default="")
    monthly_fen: Mapped[int | None] = mapped_column(Money)
    remark: Mapped[str] = mapped_column(String(100), default="")


class NoticePosting(SyncMixin, Base):
    """Where, when and by whom a notice was put up on a board, with the photo of it (stored by content)."""

    __tablename__ = "notice_posting"

    notice_id: Mapped[str] = mapped_column(ForeignKey("public_notice.id"), index=True)
    posted_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(100))
    posted_by: Mapped[str] = mapped_column(String(40))
    photo_name: Mapped[str] = mapped_column(String(200))
    photo_mime: Mapped[str] = mapped_column(String(60))
    photo_size: Mapped[int] = mapped_column(Integer)
    photo_sha256: Mapped[str] = mapped_column(String(64), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
