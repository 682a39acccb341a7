"""Hand-made bundles for the refusal tests: validly signed and encrypted, with whatever payload we like."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pyrage
from sqlalchemy import select

from app import __version__
from app.models.sync import SyncKey, SyncPeer
from app.sync import format as fmt
from app.sync import keys, state
from app.sync.keys import KeyPair
from tests.sync.conftest import STATION_SECRET, World


def station_pair(world: World, station: str) -> KeyPair:
    return keys.load_keystore(world.paths(station), STATION_SECRET[station])


def forge(
    world: World,
    station: str,
    payload: dict[str, Any] | bytes,
    *,
    pair: KeyPair | None = None,
    plain_size: int | None = None,
    recipient: keys.PublicKeys | None = None,
    seq: int | None = None,
    bundle_id: str | None = None,
    header: dict[str, Any] | None = None,
) -> bytes:
    """An up bundle from ``station`` with the next sequence number and ``payload`` as its content;
    ``header`` overrides fields of the signed header (it is still validly signed)."""
    pair = pair or station_pair(world, station)
    db = world.db(station)
    try:
        with db.uow("test") as uow:
            peer = uow.session.execute(select(SyncPeer).where(SyncPeer.kind == "county")).scalar_one()
            county_key = uow.session.get(SyncKey, peer.key_id)
            assert county_key is not None
            county = state.public_of(county_key)
            prev = peer.out_hash or fmt.GENESIS if seq is None else fmt.GENESIS
            seq = peer.out_seq + 1 if seq is None else seq
    finally:
        db.dispose()
    bundle_id = bundle_id or str(uuid.uuid4())
    if isinstance(payload, dict):
        payload = fmt.encode_payload({"bundle_id": bundle_id, **payload})
    target = recipient or county
    encrypted = pyrage.encrypt(fmt.compress(payload), [target.recipient()])
    signed = fmt.Header(
        format=fmt.FORMAT_VERSION,
        bundle_id=bundle_id,
        kind="up",
        sender=station,
        recipient=county.code,
        seq=seq,
        prev_hash=prev,
        created_at=state.now().isoformat(),
        payload_sha256=fmt.sha256_hex(encrypted),
        payload_size=len(encrypted),
        plain_size=plain_size if plain_size is not None else len(payload),
        signer_key=pair.key_id,
        recipient_key=county.key_id,
        app_version=__version__,
    )
    return fmt.pack(dataclasses.replace(signed, **(header or {})), pair.sign, encrypted)


def minimal(**overrides: Any) -> dict[str, Any]:
    """A well-formed, empty up payload (bundle_id is added by :func:`forge`)."""
    doc: dict[str, Any] = {
        "format": 1,
        "kind": "up",
        "tables": [],
        "deletes": [],
        "blobs": [],
        "ack": 0,
        "digest": {"hash": "0" * 32, "counts": {}, "total": 0},
        "baseline": False,
    }
    doc.update(overrides)
    return doc
