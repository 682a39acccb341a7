"""Wire values to canonical row values and back: checked once per row, written without re-conversion.

Canonical values are what SQLite stores: text for dates ("YYYY-MM-DD") and UTC times
("YYYY-MM-DD HH:MM:SS.ffffff"), Decimal for numerics, and plain str, int, bool otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, Integer, Numeric, SmallInteger, String, Text, TypeDecorator

from app.models.base import UTCDateTime
from app.sync.format import BundleError
from app.sync.tables import pk_name, table

NONE = type(None)
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


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


@dataclass(frozen=True)
class Codec:
    """A table's wire form: column names in table order, their kinds, and the key's position."""

    name: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    allowed: tuple[frozenset[type], ...]
    limits: tuple[tuple[int, int], ...]  # (index, max length) of string columns
    pk_index: int
    seen: set[tuple[type, ...]] = field(default_factory=set, compare=False)

    def index(self, column: str) -> int:
        return self.columns.index(column)

    def at(self, kind: str) -> tuple[int, ...]:
        return tuple(i for i, k in enumerate(self.kinds) if k == kind)

    def _types(self, values: list[Any], signature: tuple[type, ...]) -> None:
        if len(values) != len(self.columns):
            raise ValueError("记录字段数不符")
        for name, allowed, got, value in zip(self.columns, self.allowed, signature, values, strict=True):
            if got is list or got is dict:  # nesting where the format has a value: damaged or forged
                raise BundleError(f"数据包内容格式错误（表“{self.name}”字段“{name}”的值是嵌套结构），已拒绝")
            if got not in allowed:
                raise ValueError(f"字段“{name}”的值不正确：{str(value)[:40]}")
        self.seen.add(signature)

    def decode(self, values: list[Any]) -> list[Any]:
        """Canonical values for one row; raises ValueError with a Chinese message on a bad value
        (the row's household is quarantined), OutOfRange for an integer no column holds (the bundle
        is refused)."""
        signature = tuple(map(type, values))
        if signature not in self.seen:
            self._types(values, signature)  # each combination of types (None or not) is checked once
        row = list(values)
        for at, limit in self.limits:
            if row[at] is not None and len(row[at]) > limit:
                raise ValueError(f"字段“{self.columns[at]}”过长")
        for at, lo, hi in _RANGES[self.name]:
            if row[at] is not None and not lo <= row[at] <= hi:
                value = str(row[at]) if abs(row[at]) < 10**40 else "（位数过多）"
                raise OutOfRange(
                    f"数据包中“{self.name}”表字段“{self.columns[at]}”的整数{value}超出范围，已拒绝，未作任何改动"
                )
        at = -1
        try:
            for at in self.dates:
                if row[at] is not None and (len(row[at]) != 10 or not date.fromisoformat(row[at])):
                    raise ValueError(row[at])
            for at in self.times:
                v = row[at]
                if v is not None and (len(v) != 26 or v[10] != " " or not datetime.fromisoformat(v)):
                    row[at] = wire_time(v)  # not already canonical
            for at in self.nums:
                if row[at] is not None:
                    number = Decimal(row[at])
                    if not number.is_finite() or len(row[at]) > 30:
                        raise ValueError(row[at])
                    row[at] = number
        except (ValueError, TypeError, InvalidOperation):
            raise ValueError(f"字段“{self.columns[at]}”的值不正确：{str(row[at])[:40]}") from None
        return row

    @property
    def dates(self) -> tuple[int, ...]:
        return self._index["date"]

    @property
    def times(self) -> tuple[int, ...]:
        return self._index["time"]

    @property
    def nums(self) -> tuple[int, ...]:
        return self._index["num"]

    @property
    def _index(self) -> dict[str, tuple[int, ...]]:
        return _INDEX[self.name]

    def typed(self, row: list[Any]) -> list[Any]:
        """Python values for SQLAlchemy's typed columns (for databases other than SQLite)."""
        out = list(row)
        for at in self.dates:
            if out[at] is not None:
                out[at] = date.fromisoformat(out[at])
        for at in self.times:
            if out[at] is not None:
                out[at] = datetime.fromisoformat(out[at]).replace(tzinfo=UTC)
        return out


_INDEX: dict[str, dict[str, tuple[int, ...]]] = {}
_RANGES: dict[str, tuple[tuple[int, int, int], ...]] = {}


@cache
def codec(name: str) -> Codec:
    columns = tuple(table(name).columns)
    kinds = tuple(_kind(c) for c in columns)
    python = {"str": str, "int": int, "bool": bool, "date": str, "time": str, "num": str}
    allowed = tuple(
        frozenset({python[k], NONE} if c.nullable else {python[k]})
        for c, k in zip(columns, kinds, strict=True)
    )
    lengths = [getattr(c.type, "length", None) for c in columns]
    limits = tuple((i, n) for i, n in enumerate(lengths) if kinds[i] == "str" and isinstance(n, int))
    names = tuple(c.name for c in columns)
    result = Codec(name, names, kinds, allowed, limits, names.index(pk_name(name)))
    _INDEX[name] = {k: result.at(k) for k in ("int", "date", "time", "num")}
    _RANGES[name] = tuple((at, *int_range(columns[at])) for at in result.at("int"))
    return result
