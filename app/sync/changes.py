"""Writes made while applying a bundle that need an audit trail or a place in the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.fileio import write_atomically
from app.models import tracking
from app.models.audit import append_events
from app.models.base import utcnow
from app.models.outbox import OutboxEntry
from app.paths import DataPaths, private_dir
from app.sync import state
from app.sync.bulk import delete_keys, write_rows
from app.sync.codec import canonical_time, codec


class Changes:
    """Collects audit events and outbox entries, written once by :meth:`audit_bulk`."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self.at = state.now()
        self.events: list[dict[str, Any]] = []
        self.outbox: list[dict[str, Any]] = []

    def _event(self, action: str, name: str, key: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.events.append(
            {
                "at": self.at,
                "actor": self.actor,
                "action": action,
                "table_name": name,
                "record_id": key,
                "old_values": tracking.dumps(old) if old else "",
                "new_values": tracking.dumps(new) if new else "",
            }
        )

    def each_row(self, name: str, rows: Sequence[Sequence[Any]], known: dict[str, int]) -> None:
        """An audit event per record written (the accounts: few, and ``check`` replays them one by one,
        which a summary event would make it give up on for the county's own accounts too)."""
        c = codec(name)
        for row in rows:
            key = str(row[c.pk_index])
            action = "sync-update" if key in known else "sync-insert"
            self._event(action, name, key, {}, dict(zip(c.columns, c.typed(row), strict=True)))

    def force_down(self, name: str, key: str, version: int, op: str = "resend") -> None:
        """Queue a record in this side's outbox so that the next bundle to the peer carries it.

        "resend" marks a record sent again unchanged; "upsert" a new version made here.
        """
        self.outbox.append(
            {"table_name": name, "record_id": key, "version": version, "op": op, "at": self.at}
        )

    def merge(
        self, name: str, mine: list[Any], theirs: Sequence[Any], fields: frozenset[str], version: int
    ) -> int:
        """Take ``fields`` from the peer's row onto ours, as a new version that travels back; returns
        that version."""
        c = codec(name)
        row = list(mine)
        old, new = {}, {}
        for f in fields:
            at = c.index(f)
            old[f], new[f] = row[at], theirs[at]
            row[at] = theirs[at]
        ver = max(int(mine[c.index("version")]), version) + 1
        row[c.index("version")] = ver
        row[c.index("updated_at")] = canonical_time(self.at)
        if "updated_by" in c.columns:
            row[c.index("updated_by")] = self.actor
        write_rows(self.session, name, [row])
        key = str(row[c.pk_index])
        self._event("sync-merge", name, key, old, new)
        self.force_down(name, key, ver, op="upsert")
        return ver

    def delete(self, name: str, key: str) -> bool:
        try:
            with self.session.begin_nested():
                delete_keys(self.session, name, [key])
        except IntegrityError:
            return False
        self._event("sync-delete", name, key, {"id": key}, {})
        return True

    def store_blob(self, paths: DataPaths, sha: str, data: bytes) -> None:
        target = paths.attachments / sha[:2] / sha
        if target.exists():
            return
        private_dir(target.parent)
        write_atomically(target, data)

    def audit_bulk(self, written: dict[str, int], seq: int, peer: str) -> None:
        """One audit event per table written in bulk, then the per-record events, appended together
        (one read of the chain's head, one insert); then the outbox entries."""
        at = utcnow()
        summary = [
            tracking.bulk_event(
                actor=self.actor,
                action="sync-import",
                table=name,
                summary={"rows": count, "peer": peer, "bundle_seq": seq},
                at=at,
            )
            for name, count in written.items()
            if count
        ]
        events = summary + self.events
        if events:
            append_events(self.session.connection(), events)
        if self.outbox:
            self.session.execute(insert(OutboxEntry), self.outbox)
        self.events, self.outbox = [], []
