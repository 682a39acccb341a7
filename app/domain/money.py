"""Money in integer fen, rounding rules, and "YYYY-MM" month arithmetic."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction

from app.errors import UserError


class Rounding(StrEnum):
    """How a computed amount is rounded (a local setting)."""

    FEN = "fen"
    JIAO = "jiao"
    YUAN = "yuan"
    YUAN_UP = "yuan_up"

    @property
    def label(self) -> str:
        return _ROUNDING_LABELS[self]

    @property
    def unit_fen(self) -> int:
        """The size of the rounding step in fen."""
        return {Rounding.FEN: 1, Rounding.JIAO: 10}.get(self, 100)


_ROUNDING_LABELS = {
    Rounding.FEN: "精确到分",
    Rounding.JIAO: "四舍五入到角",
    Rounding.YUAN: "四舍五入到元",
    Rounding.YUAN_UP: "进位到元",
}


def round_ratio(numerator: int, denominator: int, rounding: Rounding) -> int:
    """Round ``numerator / denominator`` fen to whole fen per ``rounding``, in integers only.

    Half up means ties away from zero (like ROUND_HALF_UP); ``YUAN_UP`` rounds up (towards +∞).
    """
    if denominator <= 0:
        raise ValueError("the denominator of an amount must be positive")
    unit = Rounding(rounding).unit_fen
    step = denominator * unit
    if rounding is Rounding.YUAN_UP:
        return -((-numerator) // step) * unit
    if numerator >= 0:
        return (2 * numerator + step) // (2 * step) * unit
    return -((-2 * numerator + step) // (2 * step)) * unit


def round_fen(value: Decimal | Fraction | int, rounding: Rounding) -> int:
    """Round an amount given in fen (possibly fractional) to whole fen per ``rounding``."""
    if isinstance(value, bool) or not isinstance(value, Decimal | Fraction | int):
        raise TypeError(f"round_fen needs Decimal, Fraction or int, not {type(value).__name__}")
    if isinstance(value, int):
        return round_ratio(value, 1, rounding)
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite amount: {value}")
    numerator, denominator = value.as_integer_ratio()
    return round_ratio(numerator, denominator, rounding)


# Full-width digits, separators and signs → ASCII (one character for one, so positions keep).
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋　￥",
    "0123456789.,-+ ¥",
)
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _bad_amount(text: object) -> UserError:
    return UserError(f"金额格式不正确：“{text}”，请填写如 320 或 320.50 的数字")


def yuan_to_fen(value: str | int | Decimal) -> int:
    """Parse an amount in yuan ("320", "320.5", "1,200.00", "320元", full-width) into fen."""
    if isinstance(value, bool):
        raise _bad_amount(value)
    if isinstance(value, int):
        if value < 0:
            raise UserError(f"金额不能为负数：“{value}”")
        return value * 100
    if isinstance(value, Decimal):
        return _decimal_to_fen(value, str(value))
    if not isinstance(value, str):
        raise _bad_amount(value)
    text = value.translate(_FULLWIDTH).strip()
    text = text.removeprefix("¥").removesuffix("元").strip()
    negative = text.startswith("-")
    body = text.removeprefix("-").removeprefix("+").strip()
    if not (_PLAIN.fullmatch(body) or _GROUPED.fullmatch(body)):
        raise _bad_amount(value)
    if negative and body.strip("0.,"):
        raise UserError(f"金额不能为负数：“{value}”")
    return _decimal_to_fen(Decimal(body.replace(",", "")), value)


def _decimal_to_fen(amount: Decimal, original: str) -> int:
    if not amount.is_finite():
        raise _bad_amount(original)
    if amount < 0:
        raise UserError(f"金额不能为负数：“{original}”")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise UserError(f"金额最多保留两位小数（到分）：“{original}”")
    try:
        return int(amount * 100)
    except (InvalidOperation, ValueError) as exc:
        raise _bad_amount(original) from exc


def fen_to_yuan(fen: int, grouping: bool = False) -> str:
    """Format fen as yuan with two decimals: 32000 → "320.00" (or "1,200.00" with grouping)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    whole_text = f"{whole:,}" if grouping else str(whole)
    return f"{sign}{whole_text}.{cents:02d}"


def yuan(fen: int | None) -> str:
    """The one way amounts are shown and printed: 123456789 → "1,234,567.89"; "" when unknown."""
    return "" if fen is None else fen_to_yuan(fen, grouping=True)


def yuan_unit(fen: int | None) -> str:
    """An amount in a sentence of a printed form: "1,234.00元"; "" when unknown."""
    return "" if fen is None else f"{yuan(fen)}元"


def yuan_value(fen: int) -> Decimal:
    """An amount as the number a spreadsheet cell holds: 32050 → Decimal("320.5")."""
    return Decimal(fen) / 100


# ---------------------------------------------------------------- months ("YYYY-MM")

_MONTH = re.compile(r"(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?")


def parse_month(s: str) -> str:
    """Validate a month and return it as "YYYY-MM" (also accepts "2025-3", "2025/03", "2025年3月")."""
    match = _MONTH.fullmatch(str(s).translate(_FULLWIDTH).strip())
    if not match:
        raise UserError(f"月份格式不正确：“{s}”，应为“YYYY-MM”，如 2025-03")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 1900 <= year <= 2199:
        raise UserError(f"月份不存在：“{s}”")
    return f"{year:04d}-{month:02d}"


BLANK_MONTH = "＿＿＿＿年＿＿月"


def month_cn(month: str | None) -> str:
    """The one way a month is written: "2026-12" → "2026年12月"; blanks to fill in by hand when none."""
    if not month:
        return BLANK_MONTH
    return f"{int(month[:4])}年{int(month[5:7])}月"


def _split(month: str) -> tuple[int, int]:
    canonical = parse_month(month)
    return int(canonical[:4]), int(canonical[5:])


def add_months(month: str, n: int) -> str:
    """The month ``n`` months after ``month`` (``n`` may be negative)."""
    year, mon = _split(month)
    index = year * 12 + (mon - 1) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def next_month(month: str) -> str:
    return add_months(month, 1)


def month_of(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def months_between(a: str, b: str) -> int:
    """Number of months from ``a`` to ``b`` (b − a): ("2025-01", "2025-04") → 3."""
    ya, ma = _split(a)
    yb, mb = _split(b)
    return (yb * 12 + mb) - (ya * 12 + ma)


def first_day(month: str) -> date:
    year, mon = _split(month)
    return date(year, mon, 1)


def last_day(month: str) -> date:
    year, mon = _split(month)
    return date(year, mon, calendar.monthrange(year, mon)[1])


def add_months_to_date(d: date, n: int) -> date:
    """Same day-of-month ``n`` months later, clamped to the month's last day (2025-01-31 + 1 → 02-28)."""
    index = d.year * 12 + (d.month - 1) + n
    year, mon = index // 12, index % 12 + 1
    return date(year, mon, min(d.day, calendar.monthrange(year, mon)[1]))
