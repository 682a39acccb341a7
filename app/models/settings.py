"""Business settings that travel in bundles: standards, holidays, key/value settings; and the installation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, SyncMixin, UTCDateTime, utcnow


class Standard(SyncMixin, Base):
    """A 低保/特困 standard for one area, 城/乡 and year; ``unit`` is "month" or "year"."""

    __tablename__ = "standard"
    __table_args__ = (UniqueConstraint("area_code", "program", "urban_rural", "effective_from"),)

    year: Mapped[int] = mapped_column(Integer)
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    program: Mapped[str] = mapped_column(String(10), default="dibao")
    urban_rural: Mapped[str] = mapped_column(String(8))
    amount_fen: Mapped[int] = mapped_column(Money)
    unit: Mapped[str] = mapped_column(String(6))
    effective_from: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")


class Holiday(Base):
    """The editable holiday table: days off, and make-up workdays on weekends (调休)."""

    __tablename__ = "holiday"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "holiday" | "workday"
    name: Mapped[str] = mapped_column(String(20), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Setting(Base):
    """A business setting stored as JSON text (time limits, benefit rules, office phone…)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class Installation(Base):
    """The single row that says what this database is: a township station or the county master."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "station" | "county"
    code: Mapped[str] = mapped_column(String(12))  # 9-digit township or 6-digit county prefix
    name: Mapped[str] = mapped_column(String(60))
    county_code: Mapped[str] = mapped_column(String(6))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    demo: Mapped[int] = mapped_column(Integer, default=0)


class Counter(Base):
    """Per-station counters for human-facing numbers (case numbers, certificates)."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
