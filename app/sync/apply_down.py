"""Apply the county's return bundle at a station: receipts, county records, reference data, key changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.codes import KeyStatus
from app.models.settings import Standard
from app.models.sync import SyncAck, SyncKey, SyncPeer
from app.sync import state
from app.sync.bulk import chunks, event_numbers, existing_versions, fetch_rows, write_rows
from app.sync.changes import Changes
from app.sync.digest import Digest, scope_digest
from app.sync.export import changed_fields
from app.sync.format import BundleError
from app.sync.grouping import Grouper
from app.sync.keys import PublicKeys
from app.sync.payload import Batch, read_deletes, read_tables
from app.sync.receipts import acked_versions, apply_receipts
from app.sync.results import DIGEST_MATCH, DIGEST_MISMATCH, DIGEST_PENDING, DownResult, ReceiptCounts
from app.sync.tables import DOWN_TABLES, GLOBAL_TABLES, META, UP_TABLES, county_fields, table


class DownApplier:
    def __init__(
        self, session: Session, peer: SyncPeer, station: str, doc: dict[str, Any], actor: str
    ) -> None:
        self.session = session
        self.peer = peer
        self.station = station
        self.doc = doc
        self.changes = Changes(session, actor)
        self.batches = read_tables(doc, DOWN_TABLES, with_meta=False)
        self.deletes = read_deletes(doc, DOWN_TABLES)
        for batch in self.batches.values():
            for i, error in batch.errors.items():
                raise BundleError(f"回执包中的{batch.name}记录 {batch.key(i)} 格式错误：{error}；已拒绝")
        self.skipped = 0
        self.merged = 0
        self._local_changes: dict[tuple[str, str], set[str] | None] | None = None

    def _local(self) -> dict[tuple[str, str], set[str] | None]:
        if self._local_changes is None:
            self._local_changes = changed_fields(self.session, self.peer.acked_audit_seq)
        return self._local_changes

    def _standards(self, batch: Batch) -> None:
        """County standards replace a local one with the same area, programme, 城乡 and start date."""
        c = batch.codec
        for row in batch.rows:
            natural = [Standard.area_code, Standard.program, Standard.urban_rural, Standard.effective_from]
            typed = c.typed(row)
            cond = and_(*(col == typed[c.index(col.key)] for col in natural), Standard.id != row[c.pk_index])
            self.session.execute(delete(Standard).where(cond))
        write_rows(self.session, "standard", batch.rows)

    def _records(self, batch: Batch) -> int:
        name, c = batch.name, batch.codec
        keep = [i for i in range(len(batch)) if i not in batch.problems]
        self.skipped += len(batch) - len(keep)
        keys = [batch.key(i) for i in keep]
        local = existing_versions(self.session, name, keys)
        acks = acked_versions(self.session, name, keys)
        plain, merge = [], []
        for i in keep:
            have = local.get(batch.key(i))
            if have is not None and have > acks.get(batch.key(i), 0):
                merge.append(i)  # changed here since the county last confirmed it
            else:
                plain.append(i)  # an equal version number may still differ: the county's row wins
        if name == "case_event" and plain:
            self._make_room(batch, plain)
        write_rows(self.session, name, [batch.rows[i] for i in plain])
        self._ack(name, [(batch.key(i), batch.version(i)) for i in plain])
        if merge:
            mine = fetch_rows(self.session, name, [batch.key(i) for i in merge])
            data = frozenset(c.columns) - META
            for i in merge:
                ours, theirs = mine[batch.key(i)], list(batch.rows[i])
                kept = self._local().get((name, batch.key(i)))
                kept_fields = (data if kept is None else frozenset(kept)) - county_fields(name)
                for f in kept_fields:
                    theirs[c.index(f)] = ours[c.index(f)]
                theirs[c.index("version")] = max(ours[c.index("version")], batch.version(i)) + 1
                write_rows(self.session, name, [theirs])
                self.merged += 1
        return len(plain) + len(merge)

    def _make_room(self, batch: Batch, rows: list[int]) -> None:
        """Local history entries numbered like incoming county ones: drop those the county has already
        judged (they sit in its conflict queue), renumber the others after the county's."""
        case_at, seq_at = batch.codec.index("case_id"), batch.codec.index("seq")
        incoming = {(batch.rows[i][case_at], batch.rows[i][seq_at]): batch.key(i) for i in rows}
        clashes = {
            at: v for at, v in event_numbers(self.session, list(incoming)).items() if v[0] != incoming[at]
        }
        if not clashes:
            return
        acks = acked_versions(self.session, "case_event", [key for key, _ in clashes.values()])
        t = table("case_event")
        for (case_id, _seq), (key, version) in clashes.items():
            if acks.get(key) == version:
                self.changes.delete("case_event", key)
                continue
            last = self.session.execute(select(func.max(t.c.seq)).where(t.c.case_id == case_id)).scalar_one()
            top = max([last or 0] + [s for c, s in incoming if c == case_id]) + 1
            self.session.execute(update(t).where(t.c.id == key).values(seq=top, version=version + 1))

    def _ack(self, name: str, pairs: list[tuple[str, int]]) -> None:
        """The county's version of these records is now the base of the next change made here."""
        for part in chunks(pairs):
            stale = SyncAck.record_id.in_([k for k, _ in part])
            self.session.execute(delete(SyncAck).where(SyncAck.table_name == name, stale))
            rows = [{"table_name": name, "record_id": k, "acked_version": v} for k, v in part]
            self.session.execute(insert(SyncAck), rows)

    def _deletes(self) -> int:
        done = 0
        for name in reversed(DOWN_TABLES):
            for table_name, key, _version, _base in self.deletes:
                if table_name != name:
                    continue
                have = existing_versions(self.session, name, [key]).get(key)
                pending = have is not None and have > acked_versions(self.session, name, [key]).get(key, 0)
                if have is None or (name in UP_TABLES and pending):
                    continue
                if self.changes.delete(name, key):
                    done += 1
        return done

    def _keys(self) -> bool:
        raw = self.doc.get("keys", {}).get("county") if isinstance(self.doc.get("keys"), dict) else None
        if raw is None:
            return False
        try:
            public = PublicKeys(str(raw["code"]), str(raw["age_recipient"]), str(raw["sign_public"]))
        except (KeyError, TypeError):
            raise BundleError("回执包中的密钥信息格式错误，已拒绝") from None
        if public.code != self.peer.code or public.key_id == self.peer.key_id:
            return False
        for key in self.session.execute(select(SyncKey).where(SyncKey.peer_code == self.peer.code)).scalars():
            if key.status == KeyStatus.ACTIVE:
                key.status = KeyStatus.REPLACED
        self.session.add(
            SyncKey(
                key_id=public.key_id,
                peer_code=public.code,
                age_recipient=public.age_recipient,
                sign_public=public.sign_public,
            )
        )
        self.peer.key_id = public.key_id
        return True

    def run(self) -> DownResult:
        receipts = apply_receipts(self.session, self.peer, self.doc.get("receipts", []))
        up = {n: b for n, b in self.batches.items() if n in UP_TABLES}
        Grouper(self.session, self.station, self.peer.code, up).assign()
        written: dict[str, int] = {}
        try:
            with self.session.begin_nested():
                for name in GLOBAL_TABLES + UP_TABLES:
                    batch = self.batches.get(name)
                    if batch is None:
                        continue
                    if name == "standard":
                        self._standards(batch)
                        written[name] = len(batch.rows)
                    elif name in GLOBAL_TABLES:
                        write_rows(self.session, name, batch.rows)
                        written[name] = len(batch.rows)
                    else:
                        written[name] = self._records(batch)
        except IntegrityError as exc:
            raise BundleError(f"回执包中的记录与本站数据冲突，无法应用（{str(exc.orig)[:120]}）") from None
        deleted = self._deletes()
        rotated = self._keys()
        rebaseline = bool(self.doc.get("rebaseline"))
        drift = self._drift()
        if rebaseline or drift == DIGEST_MISMATCH:
            state.queue_all(self.session)
            self.peer.rebaseline = True
        self.changes.audit_bulk(written, 0, self.peer.code)
        return DownResult(
            receipts=ReceiptCounts.from_dict(receipts),
            written=written,
            merged=self.merged,
            deleted=deleted,
            skipped=self.skipped,
            key_changed=rotated,
            rebaseline=rebaseline,
            digest=drift,
        )

    def _drift(self) -> str:
        """Compare digests when nothing is in flight: the county applied all we sent, we changed nothing."""
        theirs = self.doc.get("digest")
        if self.doc.get("ack") != self.peer.out_seq or self.peer.acked_seq != self.peer.out_seq:
            self.peer.drift = DIGEST_PENDING
            return DIGEST_PENDING
        if state.outbox_head(self.session) > self.peer.acked_outbox_seq:
            self.peer.drift = DIGEST_PENDING
            return DIGEST_PENDING
        try:
            expected = Digest.from_dict(theirs)
        except ValueError:
            raise BundleError("回执包中的摘要格式错误，已拒绝") from None
        self.session.flush()
        ours = scope_digest(self.session, self.station)
        self.peer.drift = DIGEST_MATCH if ours.matches(expected) else DIGEST_MISMATCH
        return self.peer.drift
