"""Monthly payment runs: prepare a draft, approve it (frozen), flags to clear, and the roster to print.

The rules (what pays, how much, which findings) are pure and live in app/domain/payments.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app import clock
from app.documents.roster import Roster, RosterLine, township_totals
from app.domain.codes import FlagStatus, RunStatus
from app.domain.money import month_cn, parse_month
from app.domain.payments import FLAG_LABELS, FlagLine, find_flags, is_frozen
from app.errors import UserError
from app.models import tracking
from app.models.base import new_id, utcnow
from app.models.db import UnitOfWork
from app.models.payment import PaymentFlag, PaymentLine, PaymentResult, PaymentRun
from app.services.context import Actor, query
from app.services.county_office import (
    COUNTY_HEADS,
    Cancel,
    Progress,
    office_name,
    require_county,
    require_county_actor,
)
from app.services.payments.lines import compute_lines, covered_numbers


@dataclass
class RunSummary:
    id: str
    month: str
    status: str
    households: int
    persons: int
    base_fen: int
    topup_fen: int
    total_fen: int
    flags: list[PaymentFlag] = field(default_factory=list)

    @classmethod
    def of(cls, run: PaymentRun, flags: list[PaymentFlag]) -> RunSummary:
        return cls(
            run.id,
            run.month,
            run.status,
            run.households,
            run.persons,
            run.base_fen,
            run.topup_fen,
            run.total_fen,
            flags,
        )


def get_run(session: Session, month: str) -> PaymentRun | None:
    return session.execute(
        select(PaymentRun).where(PaymentRun.month == parse_month(month))
    ).scalar_one_or_none()


def flags_of(session: Session, run_id: str) -> list[PaymentFlag]:
    return list(
        session.execute(
            select(PaymentFlag)
            .where(PaymentFlag.run_id == run_id)
            .order_by(PaymentFlag.kind, PaymentFlag.key)
        ).scalars()
    )


def _refuse_frozen(run: PaymentRun) -> None:
    if is_frozen(run.status):
        when = f"{run.approved_at:%Y-%m-%d}" if run.approved_at else ""
        raise UserError(
            f"{month_cn(run.month)}发放批次已于{when}审批，名册已冻结，不能重新生成；"
            "审批后发生的增发、减发、停发从下一批次起生效"
        )


def _fill(
    uow: UnitOfWork,
    actor: Actor,
    run: PaymentRun,
    progress: Progress | None,
    cancel: Cancel | None,
    *,
    stamp: bool,
) -> None:
    """(Re)write the run's lines and flags from the file as it stands now (Core executemany, audited)."""
    session = uow.session
    lines = compute_lines(session, run.month)
    if progress:
        progress(1, 2, f"计算完成：{len(lines)}户")
    if cancel is not None and cancel():
        raise UserError(f"已停止生成{month_cn(run.month)}发放名册，未写入任何内容")
    # a flag cleared on the draft stays cleared when the same finding comes back
    kept = {(f.kind, f.key): f for f in flags_of(session, run.id) if f.status == FlagStatus.CLEARED}
    session.execute(delete(PaymentFlag).where(PaymentFlag.run_id == run.id))
    session.execute(delete(PaymentLine).where(PaymentLine.run_id == run.id))
    rows = []
    for seq, line in enumerate(lines, start=1):
        rows.append({**line.values, "id": new_id(), "run_id": run.id, "seq": seq})
    found = find_flags(
        [
            FlagLine(
                r["id"], r["benefit_id"], r["household_id"], r["head_name"], r["category"], r["account_no"]
            )
            for r in rows
        ],
        covered_numbers(session, run.month),
        run.month,
    )
    marks: dict[str, list[str]] = {}
    for flag in found:
        for line_id in flag.line_ids:
            marks.setdefault(line_id, []).append(FLAG_LABELS[flag.kind])
    for r in rows:
        if r["id"] in marks:
            note = "待核：" + "、".join(marks[r["id"]])
            r["remark"] = "；".join(filter(None, [r["remark"], note]))[:200]
    if rows:
        session.execute(insert(PaymentLine), rows)
    now = utcnow()
    flag_rows = []
    for flag in found:
        old = kept.get((flag.kind, flag.key))
        flag_rows.append(
            {
                "id": new_id(),
                "origin_station": uow.station,
                "version": 1,
                "updated_at": now,
                "updated_by": actor.username,
                "run_id": run.id,
                "kind": flag.kind,
                "key": flag.key,
                "line_ids": ",".join(flag.line_ids),
                "reason": flag.reason,
                "status": old.status if old else FlagStatus.OPEN.value,
                "resolved_by": old.resolved_by if old else "",
                "resolved_at": old.resolved_at if old else None,
                "note": old.note if old else "",
            }
        )
    if flag_rows:
        session.execute(insert(PaymentFlag), flag_rows)
    run.households = len(rows)
    run.persons = sum(r["persons"] for r in rows)
    run.base_fen = sum(r["base_fen"] for r in rows)
    run.topup_fen = sum(r["topup_fen"] for r in rows)
    run.total_fen = sum(r["total_fen"] for r in rows)
    if stamp or not run.prepared_by:  # 制表: who drew up the lines (approval keeps the preparer)
        run.prepared_by, run.prepared_at = actor.username, now
    summary = {"run": run.id, "month": run.month, "lines": len(rows), "total_fen": run.total_fen}
    tracking.record_bulk(
        session, actor=actor.username, action="payment_lines", table="payment_line", summary=summary
    )
    if flag_rows:
        tracking.record_bulk(
            session,
            actor=actor.username,
            action="payment_flags",
            table="payment_flag",
            summary={**summary, "flags": len(flag_rows)},
        )
    if progress:
        progress(2, 2, f"已写入{len(rows)}户")
    session.flush()


def _open_run(uow: UnitOfWork, month: str) -> PaymentRun:
    """The month's run, a new draft if there is none; refused once it is frozen."""
    run = get_run(uow.session, month)
    if run is None:
        run = PaymentRun(month=month, status=RunStatus.DRAFT.value)
        uow.session.add(run)
        uow.session.flush()
    _refuse_frozen(run)
    return run


def prepare(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RunSummary:
    """制表: create or refresh the month's draft run from the file as it stands."""
    month = parse_month(month)
    require_county_actor(uow.session, actor, "生成发放名册")
    run = _open_run(uow, month)
    _fill(uow, actor, run, progress, cancel, stamp=True)
    return RunSummary.of(run, flags_of(uow.session, run.id))


def approve(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RunSummary:
    """审批: recompute the month's lines one last time and freeze them; later edits no longer change them."""
    session = uow.session
    month = parse_month(month)
    require_county_actor(session, actor, "审批发放名册", COUNTY_HEADS)
    run = _open_run(uow, month)
    _fill(uow, actor, run, progress, cancel, stamp=False)
    if run.households == 0:
        raise UserError(f"{month_cn(month)}没有应发放的保障对象，无需审批")
    run.status = RunStatus.APPROVED.value
    run.approved_by, run.approved_at = actor.username, utcnow()
    session.flush()
    return RunSummary.of(run, flags_of(session, run.id))


def mark_sent(uow: UnitOfWork, actor: Actor, month: str) -> RunSummary:
    """The approved roster has gone to the bank."""
    session = uow.session
    require_county_actor(session, actor, "登记名册已送银行")
    run = get_run(session, month)
    if run is None or run.status == RunStatus.DRAFT:
        raise UserError(f"{month_cn(parse_month(month))}的发放批次尚未审批，不能送银行")
    if run.status == RunStatus.APPROVED:
        run.status, run.sent_at = RunStatus.SENT.value, utcnow()
    session.flush()
    return RunSummary.of(run, flags_of(session, run.id))


def clear_flag(uow: UnitOfWork, actor: Actor, flag_id: str, note: str) -> PaymentFlag:
    """Clear a run flag after checking it, with a note saying what was found."""
    session = uow.session
    require_county_actor(session, actor, "核销发放疑点")
    flag = session.get(PaymentFlag, flag_id)
    if flag is None:
        raise UserError("找不到该疑点")
    if not note.strip():
        raise UserError("核销疑点须写明核实情况", field="核实情况")
    if flag.status != FlagStatus.OPEN:
        raise UserError("该疑点已处理")
    flag.status, flag.note = FlagStatus.CLEARED.value, note.strip()
    flag.resolved_by, flag.resolved_at = actor.username, utcnow()
    session.flush()
    return flag


_LINE_COLUMNS = (
    PaymentLine.seq,
    PaymentLine.township,
    PaymentLine.village,
    PaymentLine.head_name,
    PaymentLine.id_number,
    PaymentLine.persons,
    PaymentLine.category,
    PaymentLine.tier,
    PaymentLine.base_fen,
    PaymentLine.topup_fen,
    PaymentLine.total_fen,
    PaymentLine.bank_name,
    PaymentLine.account_no,
    PaymentLine.remark,
)


@query
def roster(uow: UnitOfWork, actor: Actor, month: str) -> Roster:
    """The month's roster as stored in its run (frozen once approved), for the county's staff."""
    require_county_actor(uow.session, actor, "查看发放名册")
    return stored_roster(uow.session, month)


def stored_roster(session: Session, month: str) -> Roster:
    """The month's roster as stored in its run; the caller has checked the actor."""
    inst = require_county(session, "打印发放名册")
    run = get_run(session, month)
    if run is None:
        raise UserError(f"{month_cn(parse_month(month))}还没有发放批次，请先生成发放名册")
    failed = dict(
        session.execute(
            select(PaymentResult.line_id, PaymentResult.reason).where(
                PaymentResult.run_id == run.id, PaymentResult.status == "failed"
            )
        ).all()
    )
    query = (
        select(PaymentLine.id, *_LINE_COLUMNS).where(PaymentLine.run_id == run.id).order_by(PaymentLine.seq)
    )
    lines = []
    for (
        line_id,
        seq,
        town,
        village,
        head,
        number,
        persons,
        cat,
        tier,
        base,
        topup,
        total,
        bank,
        acct,
        rem,
    ) in session.execute(query):
        if line_id in failed:
            rem = "；".join(filter(None, [rem, f"银行退回：{failed[line_id]}"]))
        category = f"{cat}/{tier}" if tier else cat
        lines.append(
            RosterLine(
                seq, town, village, head, number, persons, category, base, topup, total, bank, acct, rem
            )
        )
    prepared = run.prepared_at.date() if run.prepared_at else clock.today()
    return Roster(
        county=inst.name,
        office=office_name(session, inst),
        month=run.month,
        status=run.status,
        lines=lines,
        prepared_on=prepared,
        approved_on=run.approved_at.date() if run.approved_at else None,
        townships=township_totals(lines),
    )
