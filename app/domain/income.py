"""Household income assessment per S1 Art.13: counted, excluded and deducted items."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from app.domain.codes import IncomeKind
from app.domain.money import Rounding, round_ratio
from app.errors import UserError

_S1_ART13 = "（《最低生活保障审核确认办法》第十三条）"

DEDUCTION_KINDS: frozenset[IncomeKind] = frozenset(
    {
        IncomeKind.EMPLOYMENT_COST,
        IncomeKind.RIGID_EXPENSE,
        IncomeKind.SUPPORT_PAID,
        IncomeKind.TAX_CONTRIBUTION,
    }
)

DEFAULT_EXCLUDED: dict[IncomeKind, str] = {
    kind: f"{kind.label}不计入家庭收入{_S1_ART13}"
    for kind in (
        IncomeKind.SPECIAL_CARE,
        IncomeKind.FAMILY_PLANNING,
        IncomeKind.SCHOLARSHIP,
        IncomeKind.HEROISM,
        IncomeKind.SOCIAL_ASSISTANCE,
        IncomeKind.BASIC_PENSION,
    )
}


@dataclass(frozen=True)
class IncomeLine:
    """One income (or deduction) item; ``amount_fen`` covers the whole ``period_months``."""

    kind: IncomeKind
    amount_fen: int
    period_months: int = 1
    counted: bool | None = None
    reason: str | None = None
    person_id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, IncomeKind):
            IncomeKind(self.kind)  # an unknown kind raises here
        if (
            type(self.amount_fen) is int
            and self.amount_fen >= 0
            and type(self.period_months) is int
            and self.period_months >= 1
            and (self.counted is not False or (self.reason and self.reason.strip()))
        ):
            return  # the usual case, checked without building the messages below
        label = IncomeKind(self.kind).label
        if isinstance(self.amount_fen, bool) or not isinstance(self.amount_fen, int):
            raise UserError(f"“{label}”的金额必须是整数（分）")
        if self.amount_fen < 0:
            raise UserError(f"“{label}”的金额不能为负数")
        if isinstance(self.period_months, bool) or not isinstance(self.period_months, int):
            raise UserError(f"“{label}”的计算期限必须是整数（月）")
        if self.period_months < 1:
            raise UserError(f"“{label}”的计算期限至少为1个月")
        if self.counted is False and not (self.reason and self.reason.strip()):
            raise UserError(f"“{label}”不计入时必须注明理由")

    @property
    def is_deduction(self) -> bool:
        return self.kind in DEDUCTION_KINDS

    @property
    def is_counted(self) -> bool:
        """Whether the line takes effect (an income counted, or a deduction applied)."""
        if self.counted is not None:
            return self.counted
        return self.kind not in DEFAULT_EXCLUDED

    @property
    def exclusion_reason(self) -> str | None:
        """Why the line does not take effect, or None when it does."""
        if self.is_counted:
            return None
        return self.reason or DEFAULT_EXCLUDED.get(self.kind) or "未计入"

    def monthly(self) -> Fraction:
        """The exact monthly value in fen (amount ÷ period)."""
        return Fraction(self.amount_fen, self.period_months)


@dataclass(frozen=True)
class IncomeAssessment:
    members: int
    counted_monthly_fen: int
    excluded_monthly_fen: int
    deductions_monthly_fen: int
    net_monthly_fen: int
    per_capita_fen: int
    excluded: tuple[tuple[IncomeLine, str], ...]


def assess(lines: Iterable[IncomeLine], members: int, rounding: Rounding = Rounding.FEN) -> IncomeAssessment:
    """Monthly household income: counted − deductions (floored at 0), and per capita over ``members``.

    Sums are kept exact; the monthly totals are rounded to the fen (half up) and the per-capita
    figure is rounded per ``rounding`` from the exact net.
    """
    if isinstance(members, bool) or not isinstance(members, int) or members < 1:
        raise UserError("共同生活家庭成员人数至少为1人")
    lines = list(lines)
    # Exact sums in integers: every monthly value as a multiple of 1/common fen.
    common = math.lcm(1, *(line.period_months for line in lines))
    counted = excluded_sum = deductions = 0
    excluded: list[tuple[IncomeLine, str]] = []
    for line in lines:
        monthly = line.amount_fen * (common // line.period_months)
        reason = line.exclusion_reason
        if reason is not None:
            excluded.append((line, reason))
            if not line.is_deduction:
                excluded_sum += monthly
        elif line.is_deduction:
            deductions += monthly
        else:
            counted += monthly
    net = max(0, counted - deductions)
    return IncomeAssessment(
        members=members,
        counted_monthly_fen=round_ratio(counted, common, Rounding.FEN),
        excluded_monthly_fen=round_ratio(excluded_sum, common, Rounding.FEN),
        deductions_monthly_fen=round_ratio(deductions, common, Rounding.FEN),
        net_monthly_fen=round_ratio(net, common, Rounding.FEN),
        per_capita_fen=round_ratio(net, common * members, rounding),
        excluded=tuple(excluded),
    )
