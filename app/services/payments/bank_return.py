"""The bank's return file (回盘): paid or failed per account, matched to the approved run's lines.

All or nothing: a row whose account is not in the run, whose amount differs, or whose result cannot be
read refuses the whole file (nothing is written), so a file for the wrong month never half-lands.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select

from app.domain.codes import RunStatus
from app.domain.money import fen_to_yuan, month_cn, parse_month
from app.domain.payments import account_key
from app.domain.privacy import mask_account
from app.errors import UserError
from app.models import tracking
from app.models.base import new_id, utcnow
from app.models.db import UnitOfWork
from app.models.payment import PaymentLine, PaymentResult, PaymentRun
from app.services.context import Actor
from app.services.county_office import Cancel, Progress, require_county_actor
from app.services.payments.runs import get_run
from app.spreadsheets import cells
from app.spreadsheets.lists import NAME_FIELD, FieldSpec, read_table

ACCOUNT = FieldSpec(
    "account", "账号", ("账号", "卡号", "银行账号", "账户", "收款账号", "一卡通账号"), ("账号", "卡号")
)
AMOUNT = FieldSpec("amount", "金额", ("金额", "发放金额", "交易金额", "实发金额", "入账金额"), ("金额",))
STATUS = FieldSpec(
    "status", "处理结果", ("状态", "处理结果", "结果", "交易状态", "入账状态", "处理状态"), ("状态", "结果")
)
REASON = FieldSpec("reason", "失败原因", ("失败原因", "原因", "备注", "说明", "错误信息"), ("原因",))
PAID_WORDS = ("成功", "已入账", "入账成功", "已发放", "正常", "已支付", "paid", "success", "s", "0", "00")
FAILED_WORDS = ("失败", "退回", "未入账", "退票", "入账失败", "异常", "failed", "fail", "f", "1")
SHOWN_PROBLEMS = 20


@dataclass
class BankReturnReport:
    month: str
    rows: int = 0
    paid: int = 0
    failed: int = 0
    paid_fen: int = 0
    failed_fen: int = 0
    outstanding: int = 0
    status: str = ""
    failures: list[str] = field(default_factory=list)


def parse_status(value: Any) -> str | None:
    """ "paid" or "failed" from the bank's wording; None when it says neither."""
    text = cells.text(value).replace(" ", "").lower()
    if not text:
        return None
    if text in FAILED_WORDS or any(w in text for w in FAILED_WORDS[:6]):
        return "failed"
    if text in PAID_WORDS or any(w in text for w in PAID_WORDS[:6]):
        return "paid"
    return None


def _lines(uow: UnitOfWork, run: PaymentRun) -> dict[str, list[tuple[str, int, str, str]]]:
    found: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
    rows = uow.session.execute(
        select(
            PaymentLine.id,
            PaymentLine.account_no,
            PaymentLine.total_fen,
            PaymentLine.account_holder,
            PaymentLine.head_name,
        )
        .where(PaymentLine.run_id == run.id)
        .order_by(PaymentLine.seq)
    )
    for line_id, account, total, holder, head in rows:
        if account:
            found[account_key(account)].append((line_id, total, holder or head, head))
    return found


def import_bank_return(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    path: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BankReturnReport:
    """Record the bank's result for every row of ``path`` against the month's approved run."""
    session = uow.session
    month = parse_month(month)
    require_county_actor(session, actor, "导入银行回盘")
    run = get_run(session, month)
    if run is None or run.status == RunStatus.DRAFT:
        raise UserError(f"{month_cn(month)}的发放批次尚未审批，不能导入银行回盘")
    table = read_table(
        path, [ACCOUNT, AMOUNT, STATUS, REASON, NAME_FIELD], ["account", "status"], what="银行回盘文件"
    )
    if progress:
        progress(1, 2, f"已读取银行回盘{len(table.rows)}行")
    if cancel is not None and cancel():
        raise UserError("已停止导入银行回盘，未写入任何结果")
    lines = _lines(uow, run)
    used: dict[str, int] = {}
    problems: list[str] = []
    results: list[dict[str, Any]] = []
    report = BankReturnReport(month)
    now = utcnow()

    def problem(row_no: int, text: str) -> None:
        problems.append(f"第{row_no}行：{text}")

    for row_no, row in table.rows:
        raw_account = table.value(row, "account")
        if cells.is_blank(raw_account):
            continue
        report.rows += 1
        try:
            account = account_key(cells.account(raw_account, "账号") or "")
            amount = cells.amount_fen(table.value(row, "amount"))
        except ValueError as exc:
            problem(row_no, str(exc))
            continue
        status = parse_status(table.value(row, "status"))
        if status is None:
            problem(row_no, f"处理结果“{cells.text(table.value(row, 'status'))}”无法识别（应为成功或失败）")
            continue
        candidates = [c for c in lines.get(account, []) if c[0] not in used]
        if amount is not None:
            candidates = [c for c in candidates if c[1] == amount] or candidates
        name = cells.name(table.value(row, "name"))
        if name and len(candidates) > 1:
            candidates = [c for c in candidates if name in (c[2], c[3])] or candidates
        if not candidates:
            seen = account in lines
            problem(
                row_no,
                f"账号{mask_account(account)}"
                + ("在回盘文件中重复出现" if seen else f"不在{month_cn(month)}的发放名册中"),
            )
            continue
        line_id, total, _holder, head = candidates[0]
        if amount is not None and amount != total:
            problem(row_no, f"金额{fen_to_yuan(amount)}元与名册中{head}户的{fen_to_yuan(total)}元不符")
            continue
        used[line_id] = row_no
        reason = cells.text(table.value(row, "reason"))[:200] if status == "failed" else ""
        results.append(
            {
                "id": new_id(),
                "run_id": run.id,
                "line_id": line_id,
                "status": status,
                "amount_fen": total,
                "reason": reason,
                "source_file": Path(path).name[:200],
                "source_row": row_no,
                "imported_by": actor.username,
                "imported_at": now,
            }
        )
        if status == "failed" and len(report.failures) < SHOWN_PROBLEMS:
            report.failures.append(f"{head}户 账号{mask_account(account)}：{reason or '银行未说明原因'}")
    if problems:
        shown = "\n".join(problems[:SHOWN_PROBLEMS])
        more = f"\n……另有{len(problems) - SHOWN_PROBLEMS}处" if len(problems) > SHOWN_PROBLEMS else ""
        raise UserError(
            f"银行回盘文件 {Path(path).name} 有{len(problems)}处问题，未导入任何结果：\n{shown}{more}"
        )
    if not results:
        raise UserError(f"银行回盘文件 {Path(path).name} 中没有可导入的结果行")
    session.execute(
        delete(PaymentResult).where(PaymentResult.run_id == run.id, PaymentResult.line_id.in_(list(used)))
    )
    session.execute(insert(PaymentResult), results)
    _totals(uow, run)
    _mark_status(run)
    summary = {"run": run.id, "month": month, "rows": len(results), "file": Path(path).name}
    tracking.record_bulk(
        session, actor=actor.username, action="bank_return", table="payment_result", summary=summary
    )
    report.paid, report.failed = run.paid_count, run.failed_count
    report.paid_fen, report.failed_fen = run.paid_fen, run.failed_fen
    report.outstanding = run.households - run.paid_count - run.failed_count
    report.status = run.status
    return report


def _totals(uow: UnitOfWork, run: PaymentRun) -> None:
    rows = uow.session.execute(
        select(PaymentResult.status, func.count(), func.coalesce(func.sum(PaymentResult.amount_fen), 0))
        .where(PaymentResult.run_id == run.id)
        .group_by(PaymentResult.status)
    )
    by = {status: (int(n), int(fen)) for status, n, fen in rows}
    run.paid_count, run.paid_fen = by.get("paid", (0, 0))
    run.failed_count, run.failed_fen = by.get("failed", (0, 0))


def _mark_status(run: PaymentRun) -> None:
    """Sent while bank results are outstanding; closed once every line has one."""
    if run.paid_count + run.failed_count >= run.households:
        run.status, run.closed_at = RunStatus.CLOSED.value, utcnow()
    elif run.status == RunStatus.APPROVED:
        run.status = RunStatus.SENT.value
    if run.sent_at is None:
        run.sent_at = utcnow()
