"""The monthly payment rules as pure functions: whether a benefit pays in a month, how much, and run flags.

No database here: app/services/payments loads plain rows and asks these functions, so every rule is
testable month by month in microseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain import idcard
from app.domain.codes import Program, RunStatus
from app.domain.money import add_months, month_cn, months_between
from app.domain.privacy import mask_account
from app.domain.workflow import CaseState

PAID_PROGRAMS = (Program.DIBAO.value, Program.TEKUN.value)  # 临时救助 is paid once, not monthly
AMOUNT_KINDS = frozenset({"approve", "adjust", "gradual_exit"})
HEAD_CODES = ("02", "01")  # 户主, 本人: the payee of a household case
# A run is frozen from its approval on: its lines no longer change, later edits pay from the next run.
FROZEN = frozenset({RunStatus.APPROVED, RunStatus.SENT, RunStatus.CLOSED})


def is_frozen(status: str) -> bool:
    """Whether a run in ``status`` is frozen ("" — no run yet — is not)."""
    return status in FROZEN


@dataclass(frozen=True)
class BenefitTerms:
    """What decides a benefit's monthly payment (a Benefit row, or a test's hand-made one)."""

    id: str
    program: str
    status: str
    start_month: str
    end_month: str | None
    exit_start_month: str | None
    exit_end_month: str | None
    topup_fen: int  # the covered persons' 分类施保 top-ups added up
    monthly_fen: int
    persons: int


@dataclass(frozen=True)
class AmountDecision:
    """A decision on the benefit's case: approve/adjust/gradual_exit set an amount, stop ends payment."""

    kind: str
    start_month: str | None
    amount_fen: int | None
    decided_on: date


@dataclass(frozen=True)
class AmountChange:
    """A ``BenefitChange`` row: the split paid from ``from_month`` on."""

    from_month: str
    base_fen: int
    topup_fen: int
    monthly_fen: int
    persons: int


@dataclass(frozen=True)
class Due:
    """What one benefit pays in one month."""

    base_fen: int
    topup_fen: int
    total_fen: int
    persons: int
    remark: str = ""


def last_month(b: BenefitTerms, decisions: Iterable[AmountDecision]) -> str | None:
    """The last month the benefit pays (None while it runs on): its end, the end of a 渐退期, or a stop."""
    ends = [m for m in (b.end_month, b.exit_end_month) if m]
    ends += [add_months(d.start_month, -1) for d in decisions if d.kind == "stop" and d.start_month]
    if ends:
        return min(ends)
    if b.status == CaseState.STOPPED:  # stopped without a recorded end: pay nothing rather than guess
        return add_months(b.start_month, -1)
    return None


def pays_in(b: BenefitTerms, decisions: Sequence[AmountDecision], month: str) -> bool:
    """Started on or before ``month`` and not stopped before it (a 低保 or 特困 benefit)."""
    if b.program not in PAID_PROGRAMS or b.start_month > month:
        return False
    last = last_month(b, decisions)
    return last is None or month <= last


def due(
    b: BenefitTerms,
    decisions: Sequence[AmountDecision],
    changes: Sequence[AmountChange],
    month: str,
) -> Due | None:
    """What ``b`` pays in ``month`` (None: nothing).

    The amount is the latest change at or before the month (增发/减发 take effect from the month they
    name). Without recorded changes it is the benefit's amount, unless a later decision has changed it
    since: then the amount of the decision in force in the month is paid. The 分类施保金 is the covered
    persons' top-ups (capped at the amount); the 低保金 is the rest, rounding included.
    """
    if not pays_in(b, decisions, month):
        return None
    earlier = [c for c in changes if c.from_month <= month]
    if earlier:
        c = max(enumerate(earlier), key=lambda pair: (pair[1].from_month, pair[0]))[1]
        topup, total, persons = c.topup_fen, c.monthly_fen, c.persons
    else:
        topup, total, persons = b.topup_fen, b.monthly_fen, b.persons
        amounts = [
            (d.start_month, d.decided_on, i, d.amount_fen)
            for i, d in enumerate(decisions)
            if d.kind in AMOUNT_KINDS and d.amount_fen is not None and d.start_month
        ]
        ruling = [a for a in amounts if a[0] <= month]
        if ruling and any(a[0] > month for a in amounts):  # the benefit already shows a later amount
            total = max(ruling)[3] or 0
    if total <= 0:
        return None
    topup = min(max(topup, 0), total)  # rounding differences belong to the 低保金, never a negative top-up
    return Due(total - topup, topup, total, persons, exit_remark(b, month))


def exit_remark(b: BenefitTerms, month: str) -> str:
    """「渐退期第2个月（共6个月）」 for a month inside the 渐退期."""
    start, end = b.exit_start_month, b.exit_end_month
    if not start or not end or not start <= month <= end:
        return ""
    return f"渐退期第{months_between(start, month) + 1}个月（共{months_between(start, end) + 1}个月）"


def category(program: str, urban_rural: str) -> str:
    """类别 on the roster: 城市低保 / 农村低保 / 特困供养."""
    if program == Program.TEKUN:
        return "特困供养"
    return "城市低保" if urban_rural == "urban" else "农村低保"


# ------------------------------------------------------------------ flags of a run


@dataclass(frozen=True)
class FlagLine:
    """What the flag checks read of a run line."""

    id: str
    benefit_id: str
    household_id: str
    head_name: str
    category: str
    account_no: str


@dataclass(frozen=True)
class FlagData:
    kind: str  # "paid_twice" | "shared_account"
    key: str
    line_ids: tuple[str, ...]
    reason: str


def account_key(account: str) -> str:
    """An account number compared without spaces and dashes."""
    return "".join(ch for ch in account if ch not in " -\u3000").upper()


def find_flags(
    lines: Sequence[FlagLine], covered: Mapping[str, Sequence[tuple[str, str]]], month: str
) -> list[FlagData]:
    """One person paid twice in the month, and one account used by several households.

    Args:
        covered: per benefit id, the (ID number, name) of each covered person.
    """
    by_benefit = {line.benefit_id: line for line in lines}
    persons: dict[str, list[FlagLine]] = defaultdict(list)
    names: dict[str, str] = {}
    for benefit_id, people in covered.items():
        line = by_benefit.get(benefit_id)
        if line is None:
            continue
        for number, name in people:
            key = number.strip().upper()
            if key and line not in persons[key]:
                persons[key].append(line)
                names.setdefault(key, name)
    found: list[FlagData] = []
    for number, twice in sorted(persons.items()):
        if len(twice) < 2:
            continue
        where = "、".join(f"{x.head_name}户（{x.category}）" for x in twice)
        reason = (
            f"{names[number]}（{idcard.mask(number)}）在{month_cn(month)}发放名册中出现{len(twice)}次：{where}；"
            "同一人同一月只能享受一份保障，请核实后停发重复的一项"
        )
        found.append(FlagData("paid_twice", number, tuple(x.id for x in twice), reason))
    accounts: dict[str, list[FlagLine]] = defaultdict(list)
    for line in lines:
        key = account_key(line.account_no)
        if key:
            accounts[key].append(line)
    for key, shared in sorted(accounts.items()):
        households = {x.household_id for x in shared}
        if len(households) < 2:
            continue
        where = "、".join(f"{x.head_name}户" for x in shared)
        reason = (
            f"账号{mask_account(key)}由{len(households)}户共用：{where}；一个账户用于多户须有书面协议并报县级备案"
            "（《最低生活保障审核确认办法》第二十六条），请核实"
        )
        found.append(FlagData("shared_account", key, tuple(x.id for x in shared), reason))
    return found


FLAG_LABELS = {"paid_twice": "重复享受", "shared_account": "多户共用账号"}
