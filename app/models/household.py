"""The household file: household, members, incomes, assets and legal supporters (township-owned)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, SyncMixin


class Household(SyncMixin, Base):
    __tablename__ = "household"
    # The registry walks households by village and the head's name in pinyin order, and sorts by the
    # head's pinyin (100,000 rows); the name breaks ties between readings, the id completes both orders
    # and lets a walk read the households from the index alone.
    __table_args__ = (
        Index("ix_household_village_code_head_pinyin", "village_code", "head_pinyin", "head_name", "id"),
        Index("ix_household_head_pinyin", "head_pinyin", "head_name", "id"),
    )

    village_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    address: Mapped[str] = mapped_column(String(200), default="")
    urban_rural: Mapped[str] = mapped_column(String(8))
    head_name: Mapped[str] = mapped_column(String(40), default="")
    # The head's name in pinyin, syllables spaced (app.domain.names.pinyin_key): lists of households
    # are ordered by it, as WPS and Excel sort names. Set with head_name (below, and by bulk writers).
    head_pinyin: Mapped[str] = mapped_column(String(300), default="")
    housing_type: Mapped[str | None] = mapped_column(String(20))
    housing_area: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    decoration: Mapped[str | None] = mapped_column(String(10))
    poverty_causes: Mapped[str] = mapped_column(String(100), default="")
    three_no: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(30), default="")
    bank_name: Mapped[str] = mapped_column(String(60), default="")
    account_no: Mapped[str] = mapped_column(String(40), default="")
    account_holder: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


@event.listens_for(Household.head_name, "set")
def _head_pinyin(target: Household, value: Any, _old: Any, _initiator: Any) -> None:
    """Keep ``head_pinyin`` in step with every ORM write of ``head_name``."""
    from app.domain.names import pinyin_key  # pypinyin's tables load on the first name, not at start

    target.head_pinyin = pinyin_key(value or "")


class Person(SyncMixin, Base):
    __tablename__ = "person"
    # Pinyin searches read the household from the index itself (no row fetched per match); a walk over
    # households tests an ID prefix on the household's index entries alone.
    __table_args__ = (
        Index("ix_person_household_id", "household_id", "id_number"),
        Index("ix_person_name_pinyin", "name_pinyin", "household_id"),
        Index("ix_person_name_initials", "name_initials", "household_id"),
    )

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"))
    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    name_initials: Mapped[str] = mapped_column(String(40), default="")
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    relation_code: Mapped[str] = mapped_column(String(2))
    is_member: Mapped[bool] = mapped_column(Boolean, default=True)
    not_member_reason: Mapped[str] = mapped_column(String(100), default="")
    hukou_type: Mapped[str] = mapped_column(String(10), default="")
    health: Mapped[str] = mapped_column(String(10), default="healthy")
    illness: Mapped[str] = mapped_column(String(60), default="")
    disability_category: Mapped[str | None] = mapped_column(String(1))
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    disability_card: Mapped[str] = mapped_column(String(24), default="")
    labour_capacity: Mapped[str] = mapped_column(String(10), default="full")
    employment: Mapped[str] = mapped_column(String(24), default="")
    marital_status: Mapped[str] = mapped_column(String(10), default="")
    education: Mapped[str] = mapped_column(String(20), default="")
    is_student: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(30), default="")
    death_date: Mapped[date | None] = mapped_column(Date)


class IncomeItem(SyncMixin, Base):
    """One income (or deduction) line; ``amount_fen`` covers ``period_months`` months."""

    __tablename__ = "income_item"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(Money)
    period_months: Mapped[int] = mapped_column(Integer, default=1)
    counted: Mapped[bool | None] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(60), default="")


class AssetItem(SyncMixin, Base):
    __tablename__ = "asset_item"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    area_m2: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    value_fen: Mapped[int] = mapped_column(Money, default=0)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_reason: Mapped[str] = mapped_column(String(200), default="")


class Supporter(SyncMixin, Base):
    """A legal supporter (赡养/扶养/抚养义务人) living outside the household."""

    __tablename__ = "supporter"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    relation: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    health: Mapped[str] = mapped_column(String(10), default="healthy")
    occupation: Mapped[str] = mapped_column(String(40), default="")
    annual_income_fen: Mapped[int] = mapped_column(Money, default=0)
    support_paid_fen: Mapped[int] = mapped_column(Money, default=0)
    able_to_support: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
