"""A case (one application under one program) and the steps of its procedure."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Money, Month, SyncMixin, UTCDateTime


class Case(SyncMixin, Base):
    __tablename__ = "case_file"
    __table_args__ = (Index("ix_case_file_household_id_applied_on", "household_id", "applied_on"),)

    case_number: Mapped[str] = mapped_column(String(32), unique=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"))
    applicant_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    program: Mapped[str] = mapped_column(String(10), index=True)
    state: Mapped[str] = mapped_column(String(24), index=True)
    rule_mode: Mapped[str] = mapped_column(String(10))
    applied_on: Mapped[date] = mapped_column(Date)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    state_since: Mapped[date] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    single_person: Mapped[bool] = mapped_column(Boolean, default=False)
    near_relative: Mapped[bool] = mapped_column(Boolean, default=False)
    relative_filed: Mapped[bool] = mapped_column(Boolean, default=False)
    complaint: Mapped[bool] = mapped_column(Boolean, default=False)
    county_visit_done: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_on: Mapped[date | None] = mapped_column(Date)
    materials_missing: Mapped[str] = mapped_column(Text, default="")
    apply_reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # 申请理由, in their words
    opinion: Mapped[str] = mapped_column(Text, default="")
    opinion_by: Mapped[str] = mapped_column(String(40), default="")
    opinion_on: Mapped[date | None] = mapped_column(Date)
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseEvent(SyncMixin, Base):
    """Append-only history of a case: who did what, when, on which legal basis, and why."""

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"))  # led by the unique (case_id, seq)
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(24))
    from_state: Mapped[str] = mapped_column(String(24), default="")
    to_state: Mapped[str] = mapped_column(String(24))
    on_date: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    legal_basis: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class Investigation(SyncMixin, Base):
    """入户调查, 邻里访问, 信函索证 or 信息核对, done by at least two staff."""

    __tablename__ = "investigation"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    started_on: Mapped[date] = mapped_column(Date)
    finished_on: Mapped[date | None] = mapped_column(Date)
    staff: Mapped[str] = mapped_column(String(200))  # names separated by "、"
    findings: Mapped[str] = mapped_column(Text, default="")
    eligible: Mapped[bool | None] = mapped_column(Boolean)


class Appraisal(SyncMixin, Base):
    """民主评议: attendance, resident representatives and a secret ballot."""

    __tablename__ = "appraisal"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(100), default="")
    chair: Mapped[str] = mapped_column(String(40), default="")
    recorder: Mapped[str] = mapped_column(String(40), default="")
    attendance: Mapped[int] = mapped_column(Integer)
    representatives: Mapped[int] = mapped_column(Integer)
    votes_for: Mapped[int] = mapped_column(Integer)
    votes_against: Mapped[int] = mapped_column(Integer)
    votes_abstain: Mapped[int] = mapped_column(Integer, default=0)
    passed: Mapped[bool] = mapped_column(Boolean)
    record: Mapped[str] = mapped_column(Text, default="")


class Objection(SyncMixin, Base):
    __tablename__ = "objection"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    notice_id: Mapped[str | None] = mapped_column(ForeignKey("public_notice.id"))
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10))
    real_name: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None] = mapped_column(Date)


class Decision(SyncMixin, Base):
    """A county-owned decision (or the township's, where the power is delegated)."""

    __tablename__ = "decision"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(64))
    amount_fen: Mapped[int | None] = mapped_column(Money)
    start_month: Mapped[str | None] = mapped_column(Month)
    legal_basis: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    certificate_no: Mapped[str] = mapped_column(String(32), default="")
    home_visit_done: Mapped[bool] = mapped_column(Boolean, default=False)


class Benefit(SyncMixin, Base):
    """What is paid: amount from a start month, the covered members, gradual exit."""

    __tablename__ = "benefit"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    program: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), index=True)
    tier: Mapped[str] = mapped_column(String(20), default="")
    start_month: Mapped[str] = mapped_column(Month)
    end_month: Mapped[str | None] = mapped_column(Month)
    base_fen: Mapped[int] = mapped_column(Money)
    topup_fen: Mapped[int] = mapped_column(Money, default=0)
    monthly_fen: Mapped[int] = mapped_column(Money)
    exit_start_month: Mapped[str | None] = mapped_column(Month)
    exit_end_month: Mapped[str | None] = mapped_column(Month)


class BenefitMember(SyncMixin, Base):
    __tablename__ = "benefit_member"
    __table_args__ = (UniqueConstraint("benefit_id", "person_id"),)

    benefit_id: Mapped[str] = mapped_column(ForeignKey("benefit.id"))  # led by the unique pair
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    topup_fen: Mapped[int] = mapped_column(Money, default=0)


class Review(SyncMixin, Base):
    """A periodic or triggered review (复核) and what the township proposes."""

    __tablename__ = "review"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    frequency: Mapped[str] = mapped_column(String(12), default="")
    due_on: Mapped[date] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(64), default="")
    stable_income: Mapped[bool] = mapped_column(Boolean, default=True)
    finding: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str] = mapped_column(String(16), default="")
    proposed_fen: Mapped[int | None] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(Text, default="")
