"""What the 发放 screen shows of a month's run: its state, a page of its lines, its flags (plain data).

No ID numbers or account numbers leave here: the screen does not need them (the roster file has them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.domain.money import month_of, next_month, parse_month
from app.models.payment import PaymentLine, PaymentResult
from app.services.context import Actor
from app.services.county_office import require_county_actor
from app.services.payments import runs as payments
from app.services.payments.rules import FLAG_LABELS


@dataclass(frozen=True)
class FlagRow:
    id: str
    kind: str
    kind_label: str
    reason: str
    status: str  # "open" | "cleared"
    note: str
    resolved_by: str


@dataclass(frozen=True)
class LineRow:
    seq: int
    township: str
    village: str
    head_name: str
    persons: int
    category: str
    total_fen: int
    bank_result: str  # "", "paid" or "failed"


@dataclass(frozen=True)
class RunView:
    month: str
    status: str  # "" (no run yet), "draft", "approved", "sent", "closed"
    households: int = 0
    persons: int = 0
    base_fen: int = 0
    topup_fen: int = 0
    total_fen: int = 0
    paid_count: int = 0
    paid_fen: int = 0
    failed_count: int = 0
    failed_fen: int = 0
    approved_by: str = ""
    approved_on: date | None = None
    flags: list[FlagRow] = field(default_factory=list)

    @property
    def frozen(self) -> bool:
        return self.status in payments.FROZEN

    @property
    def open_flags(self) -> int:
        return sum(1 for f in self.flags if f.status == "open")


def default_month(session: Session, today: date) -> str:
    """This month while its run is still to be approved, else the next month (the one to prepare)."""
    current = month_of(today)
    run = payments.get_run(session, current)
    if run is None or run.status == "draft":
        return current
    return next_month(current)


def flag_rows(session: Session, run_id: str) -> list[FlagRow]:
    return [
        FlagRow(f.id, f.kind, FLAG_LABELS.get(f.kind, f.kind), f.reason, f.status, f.note, f.resolved_by)
        for f in payments.flags_of(session, run_id)
    ]


def run_view(session: Session, actor: Actor, month: str) -> RunView:
    """The month's run as the screen shows it (``status`` "" when there is none)."""
    month = parse_month(month)
    require_county_actor(session, actor, "查看发放批次")
    run = payments.get_run(session, month)
    if run is None:
        return RunView(month, "")
    return RunView(
        month=run.month,
        status=run.status,
        households=run.households,
        persons=run.persons,
        base_fen=run.base_fen,
        topup_fen=run.topup_fen,
        total_fen=run.total_fen,
        paid_count=run.paid_count,
        paid_fen=run.paid_fen,
        failed_count=run.failed_count,
        failed_fen=run.failed_fen,
        approved_by=run.approved_by,
        approved_on=run.approved_at.date() if run.approved_at else None,
        flags=flag_rows(session, run.id),
    )


def run_lines(session: Session, actor: Actor, month: str, offset: int, limit: int) -> list[LineRow]:
    """Lines ``offset`` to ``offset + limit`` of the month's run, by their roster order."""
    require_county_actor(session, actor, "查看发放名册")
    run = payments.get_run(session, parse_month(month))
    if run is None:
        return []
    query = (
        select(
            PaymentLine.seq,
            PaymentLine.township,
            PaymentLine.village,
            PaymentLine.head_name,
            PaymentLine.persons,
            PaymentLine.category,
            PaymentLine.tier,
            PaymentLine.total_fen,
            PaymentResult.status,
        )
        .outerjoin(
            PaymentResult, and_(PaymentResult.line_id == PaymentLine.id, PaymentResult.run_id == run.id)
        )
        .where(PaymentLine.run_id == run.id)
        .order_by(PaymentLine.seq)
        .offset(offset)
        .limit(limit)
    )
    return [
        LineRow(seq, town, village, head, persons, f"{cat}/{tier}" if tier else cat, total, result or "")
        for seq, town, village, head, persons, cat, tier, total, result in session.execute(query)
    ]
