"""Data matching (信息比对, county-owned): lists imported from other departments and the flags they raise."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncMixin, UTCDateTime


class MatchList(SyncMixin, Base):
    """One imported list: deaths and cremations, vehicles, real estate, businesses, payroll, housing fund."""

    __tablename__ = "match_list"

    kind: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(100), default="")
    rows: Mapped[int] = mapped_column(Integer, default=0)
    unreadable: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MatchFlag(SyncMixin, Base):
    """A list row that names a beneficiary or a member of a household receiving assistance.

    ``status`` is open until a county officer clears it (with a note) or acts on it (a death stops the
    person's share and schedules the household's review; other kinds schedule a review).
    """

    __tablename__ = "match_flag"

    list_id: Mapped[str] = mapped_column(ForeignKey("match_list.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    row_no: Mapped[int] = mapped_column(Integer)
    row_data: Mapped[str] = mapped_column(Text)  # the list row as JSON: {column title: value}
    event_date: Mapped[date | None] = mapped_column(Date)  # the date of death or cremation
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"))
    benefit_id: Mapped[str | None] = mapped_column(ForeignKey("benefit.id"))
    covered: Mapped[bool] = mapped_column(Boolean, default=False)  # the person is covered, not only a member
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decision.id"))
    review_id: Mapped[str | None] = mapped_column(ForeignKey("review.id"))
