"""Money rounding in integers gives exactly what the earlier ``Fraction`` arithmetic gave.

The reference functions below are the implementations before issue 17 (exact ``Fraction`` sums and
rounding), kept here to compare against on many random inputs, rounding ties included.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from app.domain.benefit import is_edge_household
from app.domain.codes import IncomeKind
from app.domain.income import IncomeLine, assess
from app.domain.money import Rounding, round_fen, round_ratio


def old_half_up(q: Fraction) -> int:
    if q >= 0:
        return math.floor(q + Fraction(1, 2))
    return -math.floor(-q + Fraction(1, 2))


def old_round_fen(value: Decimal | Fraction | int, rounding: Rounding) -> int:
    unit = Rounding(rounding).unit_fen
    q = Fraction(value) / unit
    if rounding is Rounding.YUAN_UP:
        return math.ceil(q) * unit
    return old_half_up(q) * unit


def old_assess(lines: list[IncomeLine], members: int, rounding: Rounding) -> tuple[int, ...]:
    counted = excluded_sum = deductions = Fraction(0)
    for line in lines:
        monthly = Fraction(line.amount_fen, line.period_months)
        if line.exclusion_reason is not None:
            if not line.is_deduction:
                excluded_sum += monthly
        elif line.is_deduction:
            deductions += monthly
        else:
            counted += monthly
    net = max(Fraction(0), counted - deductions)
    return (
        old_round_fen(counted, Rounding.FEN),
        old_round_fen(excluded_sum, Rounding.FEN),
        old_round_fen(deductions, Rounding.FEN),
        old_round_fen(net, Rounding.FEN),
        old_round_fen(net / members, rounding),
    )


@pytest.mark.parametrize("rounding", list(Rounding))
def test_round_ratio_matches_fraction_rounding(rounding: Rounding) -> None:
    rng = random.Random(f"ratio-{rounding}")
    cases = [(n, d) for d in (1, 2, 3, 4, 5, 6, 7, 10, 12, 20, 100, 200, 1000) for n in range(-2100, 2100, 7)]
    # ties on every rounding step: x.5 fen, 5 jiao, 50 fen, and just either side of them
    for unit in (1, 10, 100):
        for k in range(-30, 30):
            for d in (2, 4, 6, 12):
                tie = (2 * k + 1) * unit * d // 2
                cases += [(tie, d), (tie - 1, d), (tie + 1, d)]
    cases += [(rng.randint(-(10**12), 10**12), rng.randint(1, 10**6)) for _ in range(20_000)]
    for numerator, denominator in cases:
        expected = old_round_fen(Fraction(numerator, denominator), rounding)
        assert round_ratio(numerator, denominator, rounding) == expected, (numerator, denominator)
        assert round_fen(Fraction(numerator, denominator), rounding) == expected


def test_round_fen_of_ints_and_decimals_is_unchanged() -> None:
    rng = random.Random(5)
    for _ in range(5_000):
        n = rng.randint(-(10**9), 10**9)
        d = Decimal(n) / Decimal(10 ** rng.randint(0, 4))
        for rounding in Rounding:
            assert round_fen(n, rounding) == old_round_fen(n, rounding)
            assert round_fen(d, rounding) == old_round_fen(d, rounding)
    with pytest.raises(ValueError):
        round_fen(Decimal("NaN"), Rounding.FEN)
    with pytest.raises(TypeError):
        round_fen(1.5, Rounding.FEN)  # type: ignore[arg-type]


def test_assess_in_integers_matches_the_fraction_sums() -> None:
    rng = random.Random(17)
    kinds = list(IncomeKind)
    for _ in range(4_000):
        lines = []
        for _ in range(rng.randint(0, 8)):
            kind = rng.choice(kinds)
            counted = rng.choice([None, None, True, False])
            lines.append(
                IncomeLine(
                    kind,
                    rng.choice([rng.randint(0, 5_000_00), rng.randint(0, 99) * 50, 1, 0]),
                    rng.randint(1, 24),
                    counted,
                    "另有原因" if counted is False else None,
                )
            )
        members = rng.randint(1, 9)
        rounding = rng.choice(list(Rounding))
        got = assess(lines, members, rounding)
        assert (
            got.counted_monthly_fen,
            got.excluded_monthly_fen,
            got.deductions_monthly_fen,
            got.net_monthly_fen,
            got.per_capita_fen,
        ) == old_assess(lines, members, rounding)


def test_edge_household_test_in_integers() -> None:
    rng = random.Random(3)
    for _ in range(20_000):
        pc, std = rng.randint(0, 300_000), rng.randint(1, 200_000)
        multiplier = Decimal(rng.choice(["1.5", "1.3", "2", "1.25", "1.333", "1"]))
        old = Fraction(pc) < Fraction(std) * Fraction(multiplier)
        assert is_edge_household(pc, std, multiplier) is old
    assert is_edge_household(90_000, 60_000) is False and is_edge_household(89_999, 60_000) is True
