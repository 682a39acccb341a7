"""Monthly payment runs (county-owned): the run, its frozen lines, bank results, flags, and amount changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import UUID, Base, Money, Month, SyncMixin, UTCDateTime, new_id


class PaymentRun(SyncMixin, Base):
    """One month's payment run: draft → approved (frozen) → sent → closed (every bank result in)."""

    __tablename__ = "payment_run"

    month: Mapped[str] = mapped_column(Month, unique=True)
    status: Mapped[str] = mapped_column(String(10))
    households: Mapped[int] = mapped_column(Integer, default=0)
    persons: Mapped[int] = mapped_column(Integer, default=0)
    base_fen: Mapped[int] = mapped_column(Money, default=0)
    topup_fen: Mapped[int] = mapped_column(Money, default=0)
    total_fen: Mapped[int] = mapped_column(Money, default=0)
    prepared_by: Mapped[str] = mapped_column(String(64), default="")
    prepared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paid_count: Mapped[int] = mapped_column(Integer, default=0)
    paid_fen: Mapped[int] = mapped_column(Money, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_fen: Mapped[int] = mapped_column(Money, default=0)


class PaymentLine(Base):
    """One household's payment in a run, copied when the run is prepared and again when it is approved.

    Every value the roster shows is copied here, so later edits to the household, its account or its
    benefit do not change an approved run. Lines are written in bulk and never updated.
    """

    __tablename__ = "payment_line"
    __table_args__ = (UniqueConstraint("run_id", "seq"),)

    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    run_id: Mapped[str] = mapped_column(ForeignKey("payment_run.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    benefit_id: Mapped[str] = mapped_column(ForeignKey("benefit.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"))
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"))
    township_code: Mapped[str] = mapped_column(String(12))
    township: Mapped[str] = mapped_column(String(60))
    village_code: Mapped[str] = mapped_column(String(12))
    village: Mapped[str] = mapped_column(String(60))
    head_name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(18))
    persons: Mapped[int] = mapped_column(Integer)
    program: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(20))
    tier: Mapped[str] = mapped_column(String(20), default="")
    base_fen: Mapped[int] = mapped_column(Money)
    topup_fen: Mapped[int] = mapped_column(Money)
    total_fen: Mapped[int] = mapped_column(Money)
    bank_name: Mapped[str] = mapped_column(String(60), default="")
    account_no: Mapped[str] = mapped_column(String(40), default="")
    account_holder: Mapped[str] = mapped_column(String(40), default="")
    remark: Mapped[str] = mapped_column(String(200), default="")


class PaymentResult(Base):
    """The bank's answer for one line: paid, or failed with the bank's reason (the latest import wins)."""

    __tablename__ = "payment_result"
    __table_args__ = (UniqueConstraint("run_id", "line_id"),)

    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    run_id: Mapped[str] = mapped_column(ForeignKey("payment_run.id"), index=True)
    line_id: Mapped[str] = mapped_column(ForeignKey("payment_line.id"))
    status: Mapped[str] = mapped_column(String(8))  # "paid" | "failed"
    amount_fen: Mapped[int] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(200), default="")
    source_file: Mapped[str] = mapped_column(String(200), default="")
    source_row: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PaymentFlag(SyncMixin, Base):
    """A run's finding to check: a person paid twice in the month, or one account for several households."""

    __tablename__ = "payment_flag"

    run_id: Mapped[str] = mapped_column(ForeignKey("payment_run.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "paid_twice" | "shared_account"
    key: Mapped[str] = mapped_column(String(40))  # the ID number or the account number
    line_ids: Mapped[str] = mapped_column(Text)  # the lines concerned, comma-separated
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="open")  # "open" | "cleared"
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")


class BenefitChange(SyncMixin, Base):
    """The amount a benefit pays from ``from_month`` on (增发/减发), with its split and covered persons.

    The monthly run reads the latest change at or before its month, so a change decided today takes
    effect from the month it names and never rewrites the months before it.
    """

    __tablename__ = "benefit_change"

    benefit_id: Mapped[str] = mapped_column(ForeignKey("benefit.id"), index=True)
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decision.id"))
    from_month: Mapped[str] = mapped_column(Month)
    base_fen: Mapped[int] = mapped_column(Money)
    topup_fen: Mapped[int] = mapped_column(Money)
    monthly_fen: Mapped[int] = mapped_column(Money)
    persons: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
