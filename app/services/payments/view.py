"""What the 发放 screen shows of a month's run: its state, a page of its lines, its flags (plain data).

No ID numbers or account numbers leave here: the screen does not need them (the roster file has them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app import clock
from app.domain.codes import FlagStatus, RunStatus
from app.domain.money import month_of, next_month, parse_month
from app.domain.payments import FLAG_LABELS, is_frozen
from app.models.db import UnitOfWork
from app.models.payment import PaymentLine, PaymentResult
from app.services.context import Actor, query
from app.services.county_office import require_county_actor
from app.services.payments.runs import flags_of, get_run


@dataclass(frozen=True)
class FlagRow:
    id: str
    kind: str
    kind_label: str
    reason: str
    status: str  # FlagStatus: open or cleared
    note: str
    resolved_by: str


@dataclass(frozen=True)
class LineRow:
    seq: int
    township: str
    village_code: str
    village: str
    head_name: str
    persons: int
    category: str
    total_fen: int
    bank_result: str  # "", "paid" or "failed"


@dataclass(frozen=True)
class RunView:
    month: str
    status: str  # "" (no run yet) or a RunStatus
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
        return is_frozen(self.status)

    @property
    def open_flags(self) -> int:
        return sum(1 for f in self.flags if f.status == FlagStatus.OPEN)


@dataclass(frozen=True)
class RunPage:
    """What the 发放 tab loads at once: the run and its first lines."""

    view: RunView
    lines: list[LineRow]


def default_month(session: Session) -> str:
    """This month while its run is still to be approved, else the next month (the one to prepare)."""
    current = month_of(clock.today())
    run = get_run(session, current)
    if run is None or run.status == RunStatus.DRAFT:
        return current
    return next_month(current)


def flag_rows(session: Session, run_id: str) -> list[FlagRow]:
    return [
        FlagRow(f.id, f.kind, FLAG_LABELS.get(f.kind, f.kind), f.reason, f.status, f.note, f.resolved_by)
        for f in flags_of(session, run_id)
    ]


@query
def run_page(uow: UnitOfWork, actor: Actor, month: str | None, limit: int) -> RunPage:
    """The run of ``month`` (None: the month to work on today, see ``default_month``) and its first lines."""
    require_county_actor(uow.session, actor, "查看发放批次")
    view = run_view(uow, actor, month or default_month(uow.session))
    lines = run_lines(uow, actor, view.month, 0, limit) if view.status else []
    return RunPage(view, lines)


@query
def run_view(uow: UnitOfWork, actor: Actor, month: str) -> RunView:
    """The month's run as the screen shows it (``status`` "" when there is none)."""
    session = uow.session
    month = parse_month(month)
    require_county_actor(session, actor, "查看发放批次")
    run = get_run(session, month)
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


@query
def run_lines(uow: UnitOfWork, actor: Actor, month: str, offset: int, limit: int) -> list[LineRow]:
    """Lines ``offset`` to ``offset + limit`` of the month's run, by their roster order."""
    session = uow.session
    require_county_actor(session, actor, "查看发放名册")
    run = get_run(session, parse_month(month))
    if run is None:
        return []
    query = (
        select(
            PaymentLine.seq,
            PaymentLine.township,
            PaymentLine.village_code,
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
        LineRow(
            seq, town, code, village, head, persons, f"{cat}/{tier}" if tier else cat, total, result or ""
        )
        for seq, town, code, village, head, persons, cat, tier, total, result in session.execute(query)
    ]
