"""Replay the audit log against the rows: an edit made around the application (a direct SQL UPDATE of an
address, an account, an ID number, a role or a password hash) leaves a row that differs from what its
audit events say it should hold (decision 0008).

Each per-record event carries the values it wrote: an insert every column, an update the changed ones.
Replayed in order, they give each row's expected fields; a field whose current value differs was
changed without an audit event. Rows written in bulk (the demo, a ledger's new households, a bundle's
rows) are audited as one summary event per table; their fields are known only once the application
changes them one by one, and a bundle applied in bulk makes the table's earlier knowledge uncertain
(it may have updated those rows), so replay starts afresh for that table. What cannot be replayed is
at least counted: a table holding more rows without per-record history than its bulk events wrote
has rows added around the application.

Messages name the table, the record's key and the field — never a value (an ID number or an account
must not be printed in clear).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, DateTime, func, select

from app.models import tracking
from app.models.audit import AuditEvent

WATCHED = ("household", "person", "benefit", "benefit_member", "app_user")
LABELS = {
    "household": "家庭",
    "person": "人员",
    "benefit": "待遇",
    "benefit_member": "待遇成员",
    "app_user": "用户",
}
# Stamped by the change tracker after the values are taken, or moved by the login counter.
_UNTRACKED = frozenset({"version", "updated_at", "updated_by", "failed_attempts", "locked_until"})
# A bundle applied in bulk may have changed any row of its tables.
_UNSETTLING = frozenset({"sync-import"})
MAX_PER_TABLE = 50


@dataclass
class Expected:
    """Per table: each record's expected fields (None once deleted) and the rows written in bulk."""

    rows: dict[str, dict[str, dict[str, Any] | None]] = field(default_factory=dict)
    bulk: dict[str, int] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _same(current: Any, want: Any) -> bool:
    """The current value equals the one the event wrote (a number by value: 85.5 is 85.50; a secret by
    its digest, as the log keeps it)."""
    if isinstance(want, str) and want.startswith("sha256:") and current is not None:
        return tracking.redacted(current) == want
    if isinstance(current, Decimal | float) and not isinstance(want, bool):
        try:
            return Decimal(str(current)) == Decimal(str(want))
        except ArithmeticError:
            return False
    return bool(_plain(current) == want)


def _rows_of(summary: str) -> int:
    try:
        rows = json.loads(summary).get("rows", 0) if summary else 0
    except (ValueError, AttributeError):
        return 0
    return rows if type(rows) is int and rows > 0 else 0


def expected(conn: Connection, tables: Iterable[str] = WATCHED) -> Expected:
    """Replay the audit events of ``tables`` in order."""
    names = tuple(tables)
    out = Expected({n: {} for n in names}, dict.fromkeys(names, 0))
    query = (
        select(AuditEvent.table_name, AuditEvent.record_id, AuditEvent.action, AuditEvent.new_values)
        .where(AuditEvent.table_name.in_(names))
        .order_by(AuditEvent.seq)
    )
    for table, rid, action, new in conn.execute(query).yield_per(5000):
        known = out.rows[table]
        if rid == "*":
            out.bulk[table] += _rows_of(new)
            if action in _UNSETTLING:
                known.clear()
            continue
        if action in ("delete", "sync-delete"):
            known[rid] = None
            continue
        try:
            values = json.loads(new) if new else {}
        except ValueError:
            continue  # an unreadable event is the chain check's finding
        if not isinstance(values, dict):
            continue
        state = known.get(rid)
        if state is None:
            state = known[rid] = {}
        state.update(values)
    return out


def _table(name: str) -> Any:
    from app.models.all import metadata  # every model registered, whoever imported what

    return metadata.tables[name]


@dataclass
class Coverage:
    """How many rows were replayed field by field, and how many (written in bulk) only counted."""

    replayed: int = 0
    counted: int = 0


def differences(
    conn: Connection, tables: Iterable[str] = WATCHED, coverage: Coverage | None = None
) -> list[str]:
    """A Chinese message per row whose fields differ from its replayed audit events."""
    exp = expected(conn, tables)
    cover = coverage if coverage is not None else Coverage()
    problems: list[str] = []
    for name, known in exp.rows.items():
        table = _table(name)
        [pk] = list(table.primary_key.columns)
        compared = [c for c in table.columns if c.name not in _UNTRACKED and not isinstance(c.type, DateTime)]
        current, total = _current_rows(conn, table, pk, compared, known)
        found: list[str] = []
        label = f"{LABELS.get(name, name)}表（{name}）"
        for rid, state in known.items():
            row = current.get(rid)
            if state is None:
                if row is not None:
                    found.append(f"{label}记录 {rid} 按审计记录已删除，却仍在库中（审计之外被恢复或写入）")
                continue
            if row is None:
                found.append(f"{label}记录 {rid} 不在库中，审计记录中没有删除它（审计之外被删除）")
                continue
            for at, column in enumerate(compared, start=1):
                if column.name not in state:
                    continue
                want = state[column.name]
                if want is None:
                    continue  # a default filled in at insert time: not known to the event
                if not _same(row[at], want):
                    found.append(
                        f"{label}记录 {rid} 的字段“{column.name}”与审计记录不符（审计之外被改动，值不显示）"
                    )
        unknown = total - sum(1 for rid in current if rid in known)
        cover.counted += unknown
        cover.replayed += total - unknown
        if unknown > exp.bulk[name]:
            found.append(
                f"{label}有{unknown}条记录没有逐条审计记录，而批量写入的审计记录只有{exp.bulk[name]}条"
                "（有记录在程序之外新增）"
            )
        if len(found) > MAX_PER_TABLE:
            found = [*found[:MAX_PER_TABLE], f"{label}另有{len(found) - MAX_PER_TABLE}处不符未列出"]
        problems += found
    return problems


_FEW = 4  # audited rows fewer than a quarter of the table's are read by id, the rest only counted


def _current_rows(
    conn: Connection, table: Any, pk: Any, compared: list[Any], known: dict[str, Any]
) -> tuple[dict[str, Any], int]:
    """The rows ``differences`` compares: every row, or, where most rows were bulk-written (the demo,
    a ledger import, a sync) and so have no event of their own, only the audited ones by id (the
    others are only counted: reading 190,000 rows of a 30,000-household station for nothing took a
    second of `jiuzhu check`). Returns the rows by id and how many rows the table has."""
    stmt = select(pk, *compared)
    if pk.type.python_type is str:
        total = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        if len(known) * _FEW < total:
            ids = list(known)
            rows: dict[str, Any] = {}
            for start in range(0, len(ids), 500):
                chunk = stmt.where(pk.in_(ids[start : start + 500]))
                rows.update((str(r[0]), r) for r in conn.execute(chunk))
            return rows, total
    rows = {str(r[0]): r for r in conn.execute(stmt).yield_per(5000)}
    return rows, len(rows)


def missing_log(conn: Connection) -> list[str]:
    """An installation with data but no audit events, or whose first event is not number 1."""
    first = conn.execute(select(func.min(AuditEvent.seq))).scalar()
    if first is None:
        rows = sum(
            int(conn.execute(select(func.count()).select_from(_table(n))).scalar_one()) for n in WATCHED
        )
        if rows:
            return [
                f"审计记录全部缺失：库中有{rows}条家庭、人员、待遇或用户记录，却没有任何审计记录（日志被删除）"
            ]
        return []
    if first != 1:
        return [f"审计记录的开头缺失：第一条是第{first}条，前{first - 1}条被删除"]
    return []
