"""Sync bookkeeping: peers and their keys, the bundle log, receipts, acknowledgements and review queues."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import UUID, Base, UTCDateTime, utcnow

# None of these tables has a ``version`` column: the change tracker must not queue them in the outbox.


class SyncPeer(Base):
    """The other side of a sync link: each station at the county, the county at a station.

    ``in_*`` is what we applied from the peer, ``out_*`` what we sent it, ``acked_*`` what it told us
    it applied (our outbox and audit high-water marks at the time we made that bundle).
    """

    __tablename__ = "sync_peer"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "station" | "county"
    name: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(10), default="active")  # "active" | "revoked"
    key_id: Mapped[str] = mapped_column(String(16), default="")
    in_seq: Mapped[int] = mapped_column(Integer, default=0)
    in_hash: Mapped[str] = mapped_column(String(64), default="")
    out_seq: Mapped[int] = mapped_column(Integer, default=0)
    out_hash: Mapped[str] = mapped_column(String(64), default="")
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_outbox_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    full_down: Mapped[bool] = mapped_column(Boolean, default=False)
    rebaseline: Mapped[bool] = mapped_column(Boolean, default=False)
    drift: Mapped[str] = mapped_column(String(12), default="")
    last_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    provisioned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncKey(Base):
    """A public key pair of a peer (or of this installation): age recipient and Ed25519 verify key."""

    __tablename__ = "sync_key"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    peer_code: Mapped[str] = mapped_column(String(12), index=True)
    age_recipient: Mapped[str] = mapped_column(String(100))
    sign_public: Mapped[str] = mapped_column(String(64))  # hex of the raw 32-byte Ed25519 key
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | revoked | replaced
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncBundle(Base):
    """One bundle sent or received; a replay is recognised by (direction, peer, seq) and its hash."""

    __tablename__ = "sync_bundle"
    __table_args__ = (UniqueConstraint("direction", "peer_code", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(UUID, index=True)
    direction: Mapped[str] = mapped_column(String(4))  # "in" | "out"
    peer_code: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(4))  # "up" | "down"
    seq: Mapped[int] = mapped_column(Integer)
    file_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(10))  # sent | applied | held
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outbox_lo: Mapped[int] = mapped_column(Integer, default=0)
    outbox_hi: Mapped[int] = mapped_column(Integer, default=0)
    audit_hw: Mapped[int] = mapped_column(Integer, default=0)
    receipts_through: Mapped[int] = mapped_column(Integer, default=0)
    held_path: Mapped[str] = mapped_column(String(300), default="")
    result: Mapped[str] = mapped_column(Text, default="")


class SyncReceipt(Base):
    """A receipt that is not a plain "accepted": duplicate, conflict or quarantined, with the reason."""

    __tablename__ = "sync_receipt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    peer_code: Mapped[str] = mapped_column(String(12), index=True)
    bundle_seq: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(40))
    record_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # duplicate | conflict | quarantined
    detail: Mapped[str] = mapped_column(String(8), default="")  # soft | hard for conflicts
    reason: Mapped[str] = mapped_column(Text, default="")
    county_version: Mapped[int] = mapped_column(Integer, default=0)


class SyncAck(Base):
    """At a station: the county's confirmed version of a record (the base of the next change to it)."""

    __tablename__ = "sync_ack"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    acked_version: Mapped[int] = mapped_column(Integer)


class SyncQuarantine(Base):
    """A household (or other group) from a bundle that failed validation, kept with its rows and reason."""

    __tablename__ = "sync_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    peer_code: Mapped[str] = mapped_column(String(12), index=True)
    bundle_seq: Mapped[int] = mapped_column(Integer)
    group_key: Mapped[str] = mapped_column(String(60), index=True)
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)  # JSON: {table: {"columns": [...], "rows": [...]}}
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | resolved | superseded
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str] = mapped_column(String(64), default="")


class SyncConflict(Base):
    """A station change based on an older county version: soft (other fields) or hard (the same field)."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    peer_code: Mapped[str] = mapped_column(String(12), index=True)
    bundle_seq: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # soft | hard
    fields: Mapped[str] = mapped_column(Text, default="")
    station_version: Mapped[int] = mapped_column(Integer)
    county_version: Mapped[int] = mapped_column(Integer)
    station_values: Mapped[str] = mapped_column(Text, default="")
    county_values: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | resolved
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolution: Mapped[str] = mapped_column(String(10), default="")  # county | station


class SyncDuplicate(Base):
    """An ID number active in two households (or two townships), waiting for a person to decide."""

    __tablename__ = "sync_duplicate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    persons: Mapped[str] = mapped_column(Text)  # JSON list of {person, household, station}
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | resolved
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class StationAuditHead(Base):
    """At the county: the last audit head (sequence and hash) each station reported in an applied up
    bundle, against which the next bundle's history is checked (decision 0008).

    ``accept_next`` is set by a person who has looked into a held bundle: its break is accepted once.
    """

    __tablename__ = "station_audit_head"

    peer_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")
    bundle_seq: Mapped[int] = mapped_column(Integer, default=0)
    accept_next: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
