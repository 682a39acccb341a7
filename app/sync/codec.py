"""Wire values to canonical row values: checked a column at a time, written without re-conversion.

Canonical values are what SQLite stores: text for dates ("YYYY-MM-DD") and UTC times
("YYYY-MM-DD HH:MM:SS.ffffff"), Decimal for numerics, and plain str, int, bool otherwise.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property, partial
from operator import attrgetter, is_not, itemgetter
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, Integer, Numeric, SmallInteger, String, Text, TypeDecorator

from app.models.base import UTCDateTime
from app.sync.format import BundleError
from app.sync.tables import pk_name, wire_columns

NONE = type(None)
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
MAX_NUMBER_TEXT = 30
_present = partial(is_not, None)  # ``_present(v)`` is ``v is not None``, for filter() in C
_tzinfo = attrgetter("tzinfo")


class OutOfRange(BundleError):
    """An integer its column cannot hold: no station's database holds one, so the bundle is damaged or
    forged, and it is refused whole (not one household quarantined)."""


def int_range(column: Any) -> tuple[int, int]:
    """What an integer column holds on every database Jiuzhu runs on (PostgreSQL is the strictest)."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, BigInteger):
        return INT64
    if isinstance(kind, SmallInteger):
        return (-(2**15), 2**15 - 1)
    return INT32


def canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def wire_time(text: str) -> str:
    """A wire time (ISO 8601; no offset means UTC) as canonical text; raises ValueError."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None and len(text) == 26 and text[10] == " ":
        return text
    return canonical_time(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))


def canonical(value: Any) -> Any:
    """A value read from the database (typed by SQLAlchemy) in canonical form."""
    if isinstance(value, datetime):
        return canonical_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _kind(column: Any) -> str:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "time"
    if isinstance(kind, TypeDecorator):  # e.g. Money: an integer with a result converter
        kind = kind.impl_instance
    for cls, name in ((Date, "date"), (Numeric, "num"), (Boolean, "bool"), (Integer, "int")):
        if isinstance(kind, cls):
            return name
    if isinstance(kind, String | Text):
        return "str"
    raise TypeError(f"no codec for {column.name}: {kind!r}")  # pragma: no cover


def _is_date(text: str) -> bool:
    """``YYYY-MM-DD`` and a real day (``date.fromisoformat`` alone also takes week dates and more)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _all_dates(values: list[str]) -> bool:
    """Every value ``YYYY-MM-DD`` and a real day, checked column-wide in C (the common case)."""
    if set(map(len, values)) != {10}:
        return False
    if set(map(itemgetter(4), values)) != {"-"} or set(map(itemgetter(7), values)) != {"-"}:
        return False
    try:
        deque(map(date.fromisoformat, values), maxlen=0)
    except ValueError:
        return False
    return True


def _all_canonical_times(values: list[str]) -> bool:
    """Every value already a canonical UTC time (26 characters, a space, no offset)."""
    if set(map(len, values)) != {26} or set(map(itemgetter(10), values)) != {" "}:
        return False
    try:
        parsed = list(map(datetime.fromisoformat, values))
    except ValueError:
        return False
    return set(map(_tzinfo, parsed)) == {None}


@dataclass(frozen=True)
class Column:
    """One column's wire rule: its position, kind, the Python types it takes, and its bounds."""

    at: int
    name: str
    kind: str
    allowed: frozenset[type]
    limit: int | None  # the most characters of a string column
    bounds: tuple[int, int] | None  # the integers an integer column holds


@dataclass(frozen=True)
class Codec:
    """A table's wire form: column names in table order, their kinds, and the key's position."""

    name: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    rules: tuple[Column, ...]
    pk_index: int
    version_index: int

    def index(self, column: str) -> int:
        return self.columns.index(column)

    def at(self, kind: str) -> tuple[int, ...]:
        return tuple(i for i, k in enumerate(self.kinds) if k == kind)

    @cached_property
    def dates(self) -> tuple[int, ...]:
        return self.at("date")

    @cached_property
    def times(self) -> tuple[int, ...]:
        return self.at("time")

    @cached_property
    def nums(self) -> tuple[int, ...]:
        return self.at("num")

    def check_columns(self, columns: list[Sequence[Any]]) -> dict[int, str]:
        """Check a table's values a column at a time (codec column order) and make them canonical:
        a column whose values change is replaced in ``columns`` by a list of the new ones.

        Returns a Chinese message for each row with a bad value (its household is quarantined; the
        row is left as received). Raises BundleError for a list or an object where a value belongs,
        and OutOfRange for an integer no column holds: those refuse the whole bundle.
        """
        errors: dict[int, str] = {}
        for rule in self.rules:
            done = self._check_column(rule, columns[rule.at], errors)
            if done is not None:
                columns[rule.at] = done
        return errors

    def _check_column(self, rule: Column, column: Sequence[Any], errors: dict[int, str]) -> list[Any] | None:
        """Check one column; returns its canonical values where some differ from what came."""
        types = set(map(type, column))
        if list in types or dict in types:  # nesting where the format has a value: damaged or forged
            raise BundleError(f"数据包内容格式错误（表“{self.name}”字段“{rule.name}”的值是嵌套结构），已拒绝")
        values = column
        if not types <= rule.allowed:
            values = list(column)
            for i, value in enumerate(column):
                if type(value) not in rule.allowed:
                    errors.setdefault(i, f"字段“{rule.name}”的值不正确：{str(value)[:40]}")
                    values[i] = None  # left out of the checks below
        if rule.limit is not None and max(map(len, filter(None, values)), default=0) > rule.limit:
            for i, value in enumerate(values):
                if value and len(value) > rule.limit:
                    errors.setdefault(i, f"字段“{rule.name}”过长")
        if rule.bounds is not None:
            self._check_bounds(rule, values)
        elif rule.kind == "date":
            given = list(filter(_present, values))
            if given and not _all_dates(given):
                self._each(rule, column, values, errors, lambda v: v if _is_date(v) else None)
        elif rule.kind == "time":
            given = list(filter(_present, values))
            if given and not _all_canonical_times(given):
                return self._each(rule, column, values, errors, wire_time)
        elif rule.kind == "num":
            return self._each(rule, column, values, errors, _number)
        return None

    def _check_bounds(self, rule: Column, values: Sequence[Any]) -> None:
        assert rule.bounds is not None
        lo, hi = rule.bounds
        given = list(filter(None, values))  # None and 0 left out: 0 fits every column
        if not given or (lo <= min(given) and max(given) <= hi):
            return
        value = next(v for v in given if not lo <= v <= hi)
        shown = str(value) if abs(value) < 10**40 else "（位数过多）"
        raise OutOfRange(
            f"数据包中“{self.name}”表字段“{rule.name}”的整数{shown}超出范围，已拒绝，未作任何改动"
        )

    @staticmethod
    def _each(
        rule: Column, column: Sequence[Any], values: Sequence[Any], errors: dict[int, str], convert: Any
    ) -> list[Any]:
        """Value by value: ``convert(v)`` gives the canonical value (None or ValueError when bad); a
        bad value stays as it came."""
        out = list(column)
        for i, value in enumerate(values):
            if value is None:
                continue
            try:
                done = convert(value)
            except (ValueError, TypeError, InvalidOperation):
                done = None
            if done is None:
                errors.setdefault(i, f"字段“{rule.name}”的值不正确：{str(value)[:40]}")
            else:
                out[i] = done
        return out

    def typed(self, row: Sequence[Any]) -> list[Any]:
        """Python values for SQLAlchemy's typed columns (for databases other than SQLite)."""
        out = list(row)
        for at in self.dates:
            if out[at] is not None:
                out[at] = date.fromisoformat(out[at])
        for at in self.times:
            if out[at] is not None:
                out[at] = datetime.fromisoformat(out[at]).replace(tzinfo=UTC)
        return out


def _number(text: str) -> Decimal | None:
    number = Decimal(text)
    return number if number.is_finite() and len(text) <= MAX_NUMBER_TEXT else None


@cache
def codec(name: str) -> Codec:
    columns = tuple(wire_columns(name))
    kinds = tuple(_kind(c) for c in columns)
    python = {"str": str, "int": int, "bool": bool, "date": str, "time": str, "num": str}
    rules = []
    for at, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
        length = getattr(column.type, "length", None)
        rules.append(
            Column(
                at,
                column.name,
                kind,
                frozenset({python[kind], NONE} if column.nullable else {python[kind]}),
                length if kind == "str" and isinstance(length, int) else None,
                int_range(column) if kind == "int" else None,
            )
        )
    names = tuple(c.name for c in columns)
    return Codec(name, names, kinds, tuple(rules), names.index(pk_name(name)), names.index("version"))
