"""The county's digest of each township, kept in the database and moved with what changes.

Counting a township's digest in full reads and hashes every record it has, and grows with the county.
So the county keeps each township's digest (setting ``local.digest.<code>``, which never travels) with
the outbox position it is true at, and moves it:

- an up bundle's import adds the records it writes and takes away the versions they replace;
- the county's own changes since (its outbox: a change made here raises a version by one, a resend
  leaves it) are applied when the digest is next needed;
- anything it cannot follow (a record deleted here) counts the township again in full.

A stored digest that went wrong some other way shows as a mismatch with the station's; the county
then counts in full before it believes the mismatch (:func:`app.sync.drift.after_up`), and every down
bundle carries a digest counted in full.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models.outbox import OutboxEntry
from app.models.settings import Setting
from app.sync import state
from app.sync.bulk import chunks
from app.sync.digest import Digest, scope_digest
from app.sync.tables import DIGEST_TABLES, pk_name, scope_where, table

PREFIX = "local.digest."


def _load(session: Session, code: str) -> tuple[Digest, int] | None:
    raw = session.execute(select(Setting.value).where(Setting.key == PREFIX + code)).scalar()
    try:
        stored = json.loads(raw) if raw else {}
        return Digest.from_dict(stored["digest"]), int(stored["outbox_seq"])
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


def _save(session: Session, code: str, digest: Digest, seq: int) -> None:
    value = json.dumps({"digest": digest.to_dict(), "outbox_seq": seq}, sort_keys=True)
    conn = session.connection()
    found = conn.execute(update(Setting).where(Setting.key == PREFIX + code).values(value=value))
    if found.rowcount == 0:
        conn.execute(insert(Setting).values(key=PREFIX + code, value=value, updated_at=state.now()))


def recount(session: Session, code: str) -> Digest:
    """Count township ``code`` in full, and keep that as its digest from now on."""
    session.flush()
    digest = scope_digest(session, code)
    _save(session, code, digest, state.outbox_head(session))
    return digest


def current(session: Session, code: str) -> Digest:
    """Township ``code``'s digest as the database holds it now."""
    session.flush()
    head = state.outbox_head(session)
    stored = _load(session, code)
    if stored is None:
        return recount(session, code)
    digest, seq = stored
    if seq < head:
        if not _catch_up(session, code, digest, seq):
            return recount(session, code)
        _save(session, code, digest, head)
    return digest


def _catch_up(session: Session, code: str, digest: Digest, since: int) -> bool:
    """Apply the county's own changes after outbox ``since``; False when one cannot be followed."""
    first: dict[tuple[str, str], tuple[str, int]] = {}
    query = (
        select(OutboxEntry.table_name, OutboxEntry.record_id, OutboxEntry.op, OutboxEntry.version)
        .where(OutboxEntry.seq > since, OutboxEntry.table_name.in_(DIGEST_TABLES))
        .order_by(OutboxEntry.seq)
    )
    for name, key, op, version in session.execute(query):
        if op == "delete":
            return False  # its township can no longer be told
        first.setdefault((name, key), (op, int(version)))
    wanted: dict[str, list[str]] = defaultdict(list)
    for name, key in first:
        wanted[name].append(key)
    for name, keys in wanted.items():
        t = table(name)
        pk = t.c[pk_name(name)]
        for part in chunks(keys):
            where = pk.in_(part) & scope_where(name, code)
            for key, version in session.execute(select(pk, t.c.version).where(where)):
                op, made = first[(name, key)]
                before = made - 1 if op == "upsert" else made  # "resend": sent again unchanged
                if before > 0:
                    digest.remove(name, key, before)
                digest.add(name, key, int(version))
    return True


class Tracker:
    """Moves a township's digest with the rows one import writes; :meth:`save` at the end."""

    def __init__(self, session: Session, code: str) -> None:
        self.session = session
        self.code = code
        self.digest = current(session, code)

    def written(self, name: str, records: Iterable[tuple[str, int]], before: dict[str, int]) -> None:
        """Records (key, new version) written to ``name``; ``before`` holds the versions they replace."""
        if name not in DIGEST_TABLES:
            return
        records = list(records)
        if before:
            self.digest.remove_all(name, [(k, before[k]) for k, _ in records if k in before])
        self.digest.add_all(name, records)

    def deleted(self, name: str, key: str, version: int) -> None:
        if name in DIGEST_TABLES:
            self.digest.remove(name, key, version)

    def save(self) -> None:
        self.session.flush()
        _save(self.session, self.code, self.digest, state.outbox_head(self.session))
