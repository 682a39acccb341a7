"""What importing a bundle did, as typed results: an up bundle at the county, a return bundle at a station.

The importer keeps each applied bundle's result in ``sync_bundle.result`` as JSON (``to_dict``), so that
a replay reports exactly what the first import did (``result_from_dict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.domain.codes import BundleStatus

DIGEST_MATCH, DIGEST_MISMATCH, DIGEST_PENDING = "match", "mismatch", "pending"


@dataclass(frozen=True)
class Quarantined:
    """A household held back at the county: its group key, why, and how many records it carried."""

    group: str
    reason: str
    records: int


@dataclass(frozen=True)
class UpResult:
    """An up bundle applied at the county."""

    accepted: dict[str, int] = field(default_factory=dict)  # records written, by table
    unchanged: int = 0
    deleted: int = 0
    quarantined: tuple[Quarantined, ...] = ()
    soft_conflicts: int = 0
    hard_conflicts: int = 0
    duplicates: int = 0  # ID numbers now active in two households or townships
    digest: str = ""  # DIGEST_MATCH, DIGEST_MISMATCH or DIGEST_PENDING

    @property
    def accepted_total(self) -> int:
        return sum(self.accepted.values())

    @property
    def quarantined_records(self) -> int:
        return sum(q.records for q in self.quarantined)

    def with_digest(self, digest: str) -> UpResult:
        return replace(self, digest=digest)

    def to_dict(self) -> dict[str, Any]:
        return {
            "accepted": dict(self.accepted),
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "quarantined": [
                {"group": q.group, "reason": q.reason, "records": q.records} for q in self.quarantined
            ],
            "conflicts": {"soft": self.soft_conflicts, "hard": self.hard_conflicts},
            "duplicates": self.duplicates,
            "digest": self.digest,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> UpResult:
        conflicts = raw.get("conflicts") or {}
        return cls(
            accepted={str(k): int(v) for k, v in (raw.get("accepted") or {}).items()},
            unchanged=int(raw.get("unchanged", 0)),
            deleted=int(raw.get("deleted", 0)),
            quarantined=tuple(
                Quarantined(str(q.get("group", "")), str(q.get("reason", "")), int(q.get("records", 0)))
                for q in raw.get("quarantined") or []
            ),
            soft_conflicts=int(conflicts.get("soft", 0)),
            hard_conflicts=int(conflicts.get("hard", 0)),
            duplicates=int(raw.get("duplicates", 0)),
            digest=str(raw.get("digest", "")),
        )


@dataclass(frozen=True)
class ReceiptCounts:
    """The county's receipts a return bundle carried: how many bundles, and what became of their records."""

    bundles: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    quarantined: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "bundles": self.bundles,
            "accepted": self.accepted,
            "duplicate": self.duplicate,
            "conflict": self.conflict,
            "quarantined": self.quarantined,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ReceiptCounts:
        return cls(**{name: int(raw.get(name, 0)) for name in cls().to_dict()})


@dataclass(frozen=True)
class DownResult:
    """A return bundle applied at a station."""

    receipts: ReceiptCounts = ReceiptCounts()
    written: dict[str, int] = field(default_factory=dict)  # county records written, by table
    merged: int = 0
    deleted: int = 0
    skipped: int = 0
    key_changed: bool = False
    rebaseline: bool = False
    digest: str = ""

    @property
    def written_total(self) -> int:
        return sum(self.written.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "receipts": self.receipts.to_dict(),
            "written": dict(self.written),
            "merged": self.merged,
            "deleted": self.deleted,
            "skipped": self.skipped,
            "key_changed": self.key_changed,
            "rebaseline": self.rebaseline,
            "digest": self.digest,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DownResult:
        return cls(
            receipts=ReceiptCounts.from_dict(raw.get("receipts") or {}),
            written={str(k): int(v) for k, v in (raw.get("written") or {}).items()},
            merged=int(raw.get("merged", 0)),
            deleted=int(raw.get("deleted", 0)),
            skipped=int(raw.get("skipped", 0)),
            key_changed=bool(raw.get("key_changed", False)),
            rebaseline=bool(raw.get("rebaseline", False)),
            digest=str(raw.get("digest", "")),
        )


BundleResult = UpResult | DownResult


def result_from_dict(raw: dict[str, Any]) -> BundleResult | None:
    """A stored result read back: an up bundle's has "accepted", a return bundle's "receipts"."""
    if not raw:
        return None
    return UpResult.from_dict(raw) if "accepted" in raw else DownResult.from_dict(raw)


@dataclass
class Outcome:
    """What happened to one file: applied, held (waiting for an earlier one), replay, or refused."""

    file: str
    status: BundleStatus
    sender: str = ""
    seq: int = 0
    message: str = ""
    result: BundleResult | None = None
