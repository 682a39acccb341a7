"""The year summary for the annual performance self-evaluation (绩效自评): persons assisted, funds paid,
share paid through the bank, reviews done on time, notices posted, cases decided within the limit.

Payments count only approved runs (what was actually sent to the bank), never drafts.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, func, not_, select
from sqlalchemy.orm import Session

from app import clock
from app.documents.reports import MonthFigures, YearSummary
from app.domain.codes import Program, RuleMode
from app.domain.deadlines import TimeLimits
from app.domain.payments import FROZEN
from app.errors import UserError
from app.models.case import Case, Decision, Review
from app.models.db import UnitOfWork
from app.models.notice import NoticeEntry, PublicNotice
from app.models.payment import PaymentLine, PaymentResult, PaymentRun
from app.printing.catalog import NoticeKind
from app.services import settings
from app.services.context import Actor, query
from app.services.county_office import office_name, require_county_actor
from app.services.reports.linshi import linshi_rows


def _frozen(year: int) -> list[ColumnElement[bool]]:
    """Approved runs of the year (months are "YYYY-MM", so a range compares as text on every database)."""
    return [
        PaymentRun.month.between(f"{year:04d}-01", f"{year:04d}-12"),
        PaymentRun.status.in_([s.value for s in FROZEN]),
    ]


def _payments(session: Session, s: YearSummary) -> None:
    by_month = {m.month: m for m in s.months}
    failed = select(PaymentResult.line_id).where(PaymentResult.status == "failed")
    query = (
        select(
            PaymentRun.month,
            PaymentRun.status,
            func.count(),
            func.sum(PaymentLine.persons),
            func.sum(PaymentLine.total_fen),
        )
        .join(PaymentLine, PaymentLine.run_id == PaymentRun.id)
        .where(*_frozen(s.year))
        .group_by(PaymentRun.month, PaymentRun.status)
    )
    for month, status, households, persons, total in session.execute(query):
        m = by_month[month]
        m.status, m.households, m.persons, m.total_fen = status, int(households), int(persons), int(total)
    banked = (
        select(PaymentRun.month, func.sum(PaymentLine.total_fen))
        .join(PaymentLine, PaymentLine.run_id == PaymentRun.id)
        .where(*_frozen(s.year), PaymentLine.account_no != "", not_(PaymentLine.id.in_(failed)))
        .group_by(PaymentRun.month)
    )
    for month, fen in session.execute(banked):
        by_month[month].bank_fen = int(fen or 0)
    per_household = (
        select(PaymentLine.household_id, func.max(PaymentLine.persons).label("n"))
        .join(PaymentRun, PaymentRun.id == PaymentLine.run_id)
        .where(*_frozen(s.year))
        .group_by(PaymentLine.household_id)
        .subquery()
    )
    households, persons = session.execute(
        select(func.count(), func.coalesce(func.sum(per_household.c.n), 0))
    ).one()
    s.households, s.persons = int(households), int(persons)
    s.person_months = sum(m.persons for m in s.months)
    s.funds_fen = sum(m.total_fen for m in s.months)
    s.bank_fen = sum(m.bank_fen for m in s.months)
    by_category = (
        select(PaymentLine.category, func.sum(PaymentLine.total_fen))
        .join(PaymentRun, PaymentRun.id == PaymentLine.run_id)
        .where(*_frozen(s.year))
        .group_by(PaymentLine.category)
    )
    s.funds_by_category = {cat: int(fen) for cat, fen in session.execute(by_category)}


def _linshi(session: Session, s: YearSummary, start: date, end: date) -> None:
    cases, fen = session.execute(
        select(func.count(), func.coalesce(func.sum(Decision.amount_fen), 0))
        .join(Case, Case.id == Decision.case_id)
        .where(Case.program == Program.LINSHI.value, Decision.kind == "approve")
        .where(Decision.decided_on.between(start, end))
    ).one()
    s.linshi_cases, s.linshi_fen = int(cases), int(fen or 0)
    s.linshi_rows = linshi_rows(session, start, end)


def _reviews(session: Session, s: YearSummary, start: date, end: date) -> None:
    rows = session.execute(select(Review.due_on, Review.done_on).where(Review.due_on.between(start, end)))
    counts = dict.fromkeys(("due", "on_time", "late", "overdue_open", "not_due"), 0)
    for due, done in rows:
        counts["due"] += 1
        if done is not None:
            counts["on_time" if done <= due else "late"] += 1
        else:
            counts["overdue_open" if due < s.today else "not_due"] += 1
    s.reviews = counts


def _notices(session: Session, s: YearSummary, start: date, end: date) -> None:
    query = (
        select(PublicNotice.kind, func.count())
        .where(PublicNotice.starts_on.between(start, end))
        .group_by(PublicNotice.kind)
    )
    labels = {k.value: k.label for k in NoticeKind}
    s.notices = {labels.get(kind, kind): int(n) for kind, n in session.execute(query)}
    s.notice_entries = int(
        session.execute(
            select(func.count())
            .select_from(NoticeEntry)
            .join(PublicNotice, PublicNotice.id == NoticeEntry.notice_id)
            .where(PublicNotice.starts_on.between(start, end))
        ).scalar_one()
    )


def _decided(session: Session, s: YearSummary, start: date, end: date) -> None:
    limits = settings.time_limits(session)
    cal = settings.calendar(session)
    rows = session.execute(
        select(Case.program, Case.rule_mode, Case.accepted_on, Case.extended, Decision.decided_on)
        .join(Case, Case.id == Decision.case_id)
        .where(Decision.kind.in_(("approve", "refuse")), Decision.decided_on.between(start, end))
    )
    decided: dict[str, list[int]] = {}
    for program, mode, accepted, extended, decided_on in rows:
        if program == Program.TEKUN.value or accepted is None:
            s.no_limit += 1
            continue
        limit = _total_limit(Program(program), RuleMode(mode), extended, limits)
        counts = decided.setdefault(Program(program).label, [0, 0])
        counts[0] += 1
        counts[1] += decided_on <= cal.add_working_days(accepted, limit)
    s.decided = {label: (n, k) for label, (n, k) in decided.items()}


def _total_limit(program: Program, mode: RuleMode, extended: bool, limits: TimeLimits) -> int:
    """The overall working-day limit from acceptance to the decision (S1 Art.22; S5 §4; local 临时救助)."""
    if program is Program.LINSHI:
        return limits.linshi_total_wd
    if extended:
        return limits.total_extended_wd
    return limits.delegated_total_wd if mode is RuleMode.DELEGATED else limits.total_wd


@query
def year_summary(uow: UnitOfWork, actor: Actor, year: int) -> YearSummary:
    """The year's summary for the whole county (the county's staff only), as of today."""
    session = uow.session
    inst = require_county_actor(session, actor, "生成年度汇总")
    if not 1900 <= year <= 2199:
        raise UserError(f"年份不正确：{year}")
    start, end = date(year, 1, 1), date(year, 12, 31)
    months = [MonthFigures(f"{year:04d}-{m:02d}") for m in range(1, 13)]
    s = YearSummary(inst.name, office_name(session, inst), year, clock.today(), months)
    _payments(session, s)
    _linshi(session, s, start, end)
    _reviews(session, s, start, end)
    _notices(session, s, start, end)
    _decided(session, s, start, end)
    return s
