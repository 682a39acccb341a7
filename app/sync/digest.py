"""Order-independent digest of (table, id, version) over one township's records, with counts per table."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.tables import DIGEST_TABLES, pk_name, scope_where, table

MODULUS = 1 << 128


def record_hash(table_name: str, key: str, version: int) -> int:
    data = f"{table_name}\x1f{key}\x1f{version}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


def hash_sum(table_name: str, records: Iterable[tuple[str, int]]) -> tuple[int, int]:
    """The sum of the records' hashes (not reduced) and how many there were."""
    prefix = f"{table_name}\x1f"
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    total = count = 0
    for key, version in records:
        total += from_bytes(blake2b(f"{prefix}{key}\x1f{version}".encode(), digest_size=16).digest(), "big")
        count += 1
    return total, count


@dataclass
class Digest:
    """A multiset hash: the sum of the records' hashes modulo 2^128, so order does not matter."""

    value: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, table_name: str, key: str, version: int) -> None:
        self.value = (self.value + record_hash(table_name, key, version)) % MODULUS
        self.counts[table_name] = self.counts.get(table_name, 0) + 1

    def remove(self, table_name: str, key: str, version: int) -> None:
        self.value = (self.value - record_hash(table_name, key, version)) % MODULUS
        self.counts[table_name] = self.counts.get(table_name, 0) - 1

    def add_all(self, table_name: str, records: Iterable[tuple[str, int]]) -> None:
        total, count = hash_sum(table_name, records)
        self.value = (self.value + total) % MODULUS
        self.counts[table_name] = self.counts.get(table_name, 0) + count

    def remove_all(self, table_name: str, records: Iterable[tuple[str, int]]) -> None:
        total, count = hash_sum(table_name, records)
        self.value = (self.value - total) % MODULUS
        self.counts[table_name] = self.counts.get(table_name, 0) - count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        counts = {k: v for k, v in sorted(self.counts.items()) if v}
        return {"hash": f"{self.value:032x}", "counts": counts, "total": sum(counts.values())}

    @classmethod
    def from_dict(cls, raw: Any) -> Digest:
        if not isinstance(raw, dict) or not isinstance(raw.get("hash"), str):
            raise ValueError("digest")
        counts = raw.get("counts")
        if not isinstance(counts, dict) or not all(
            isinstance(k, str) and type(v) is int for k, v in counts.items()
        ):
            raise ValueError("digest")
        return cls(int(raw["hash"], 16) % MODULUS, dict(counts))

    def matches(self, other: Digest) -> bool:
        mine = {k: v for k, v in self.counts.items() if v}
        theirs = {k: v for k, v in other.counts.items() if v}
        return self.value == other.value and mine == theirs


def scope_digest(session: Session, code: str) -> Digest:
    """The digest of township ``code``'s records as this database holds them, counted in full."""
    digest = Digest()
    for name in DIGEST_TABLES:
        t = table(name)
        digest.add_all(
            name, session.execute(select(t.c[pk_name(name)], t.c.version).where(scope_where(name, code)))
        )
    digest.counts = {k: v for k, v in digest.counts.items() if v}
    return digest
