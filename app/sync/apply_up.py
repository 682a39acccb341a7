"""Apply a station's up bundle at the county: quarantine bad households, judge each change by version."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models.sync import SyncReceipt
from app.paths import DataPaths
from app.sync import digest_store, queues
from app.sync.bulk import existing_versions, insert_rows, write_rows
from app.sync.changes import Changes
from app.sync.codec import codec
from app.sync.grouping import Grouper
from app.sync.judge import Exception_, Judge, Plan
from app.sync.payload import Batch, read_blobs, read_deletes, read_table, read_tables
from app.sync.results import Quarantined, UpResult
from app.sync.tables import APPEND_ONLY, LABELS, UP_TABLES, pk_name, table

# Audited record by record at the county, so that `check` replays them (app/models/replay.py).
PER_RECORD = frozenset({"app_user"})


@dataclass
class UpContext:
    session: Session
    paths: DataPaths
    station: str
    county: str
    seq: int
    actor: str
    writing: Callable[[], object] = lambda: None  # told when the rows are about to be written


class UpApplier:
    def __init__(self, ctx: UpContext, doc: dict[str, Any], tables: dict[str, Batch] | None = None) -> None:
        """``tables``: the bundle's tables if they were read already (app/sync/ahead.py)."""
        self.ctx = ctx
        self.session = ctx.session
        self.batches = tables if tables is not None else read_tables(doc, UP_TABLES, with_meta=True)
        self.deletes = read_deletes(doc, UP_TABLES)
        self.blobs = read_blobs(doc)
        self.exceptions: list[Exception_] = []
        self.quarantined: list[Quarantined] = []
        self.changes = Changes(self.session, ctx.actor)
        self.judge = Judge(self.session, ctx.station, ctx.seq, self.batches, self.changes, self.exceptions)
        self.digest = digest_store.Tracker(self.session, ctx.station)  # before anything is written

    # -- grouping and quarantine ------------------------------------------------------------------
    def _group(self) -> None:
        Grouper(self.session, self.ctx.station, self.ctx.county, self.batches).assign()
        touched = {g for b in self.batches.values() for g in b.groups}
        retry = queues.open_quarantines(self.session, self.ctx.station, touched)
        if not retry:
            return
        present = {(b.name, b.key(i)) for b in self.batches.values() for i in range(len(b))}
        for item in retry:
            for name, part in queues.quarantine_payload(item).items():
                old = read_table({"name": name, **part}, UP_TABLES, with_meta=True)
                for i in range(len(old)):
                    if (name, old.key(i)) in present:
                        continue
                    single = old.only(i)
                    if name in self.batches:
                        self.batches[name].extend(single)
                    else:
                        self.batches[name] = single
        queues.supersede(self.session, retry)
        Grouper(self.session, self.ctx.station, self.ctx.county, self.batches).assign()

    def _quarantine(self, bad: dict[str, str]) -> None:
        if not bad:
            return
        members: dict[str, dict[str, list[list[Any]]]] = defaultdict(lambda: defaultdict(list))
        for batch in self.batches.values():
            for i, group in enumerate(batch.groups):
                if group in bad:
                    fields = batch.changed[i]
                    meta = [batch.base[i], sorted(fields) if fields is not None else None]
                    members[group][batch.name].append([*batch.wire(i), *meta])
                    self.exceptions.append(
                        (batch.name, batch.key(i), batch.version(i), "quarantined", "", bad[group], 0)
                    )
        for group, rows in members.items():
            queues.add_quarantine(self.session, self.ctx.station, self.ctx.seq, group, bad[group], rows)
            self.quarantined.append(Quarantined(group, bad[group], sum(map(len, rows.values()))))

    def _bad_groups(self) -> dict[str, str]:
        bad: dict[str, str] = {}
        for batch in self.batches.values():
            for i in sorted(batch.errors.keys() | batch.problems.keys()):
                group = batch.groups[i]
                if group not in bad:
                    bad[group] = f"{LABELS[batch.name]} {batch.key(i)}：{batch.problem(i)}"
        return bad

    # -- writing ----------------------------------------------------------------------------------
    def _write(self, plan: Plan, bad: dict[str, str]) -> dict[str, list[int]]:
        """Rows the plan applies, by table: new ones inserted, known ones upserted, in one savepoint."""
        written: dict[str, list[int]] = {}
        self.ctx.writing()
        try:
            with self.session.begin_nested():
                for name in UP_TABLES:
                    idxs = plan.apply.get(name, [])
                    batch = self.batches.get(name)
                    if batch and idxs:
                        known = self.judge.existing.get(name, {})
                        if not known and len(idxs) == len(batch):  # all of them new
                            insert_rows(self.session, name, batch.rows)
                        else:
                            new = [i for i in idxs if batch.key(i) not in known]
                            insert_rows(self.session, name, [batch.rows[i] for i in new])
                            old = [i for i in idxs if batch.key(i) in known]
                            write_rows(self.session, name, [batch.rows[i] for i in old])
                        written[name] = list(idxs)
        except IntegrityError:
            written = self._write_by_group(plan, bad)
        for name, idxs in written.items():
            batch = self.batches[name]
            if len(idxs) == len(batch):
                records = list(zip(batch.column(pk_name(name)), batch.column("version"), strict=True))
            else:
                records = [(batch.key(i), batch.version(i)) for i in idxs]
            self.digest.written(name, records, self.judge.existing.get(name, {}))
        return written

    def _write_by_group(self, plan: Plan, bad: dict[str, str]) -> dict[str, list[int]]:
        """The bulk write hit a constraint: apply household by household and quarantine the culprits."""
        by_group: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for name in UP_TABLES:
            batch = self.batches.get(name)
            for i in plan.apply.get(name, []):
                assert batch is not None
                by_group[batch.groups[i]].append((name, i))
        order = sorted(by_group, key=lambda g: (not g.startswith("area:"), not g.startswith("notice:"), g))
        written: dict[str, list[int]] = defaultdict(list)
        failed: dict[str, str] = {}
        for group in order:
            try:
                with self.session.begin_nested():
                    for name, i in by_group[group]:
                        write_rows(self.session, name, [self.batches[name].rows[i]])
            except IntegrityError as exc:
                failed[group] = f"数据库约束不满足（{str(exc.orig)[:120]}）"
                continue
            for name, i in by_group[group]:
                written[name].append(i)
        if failed:
            self._quarantine(failed)
            bad.update(failed)
        return dict(written)

    def _renamed_accounts(self, plan: Plan) -> None:
        """An account made again at the station under a name the county holds with another id (a laptop
        restored from the county starts with a new admin): the station's current one of that name wins.
        Records name their signers by user name, so nothing refers to the old one's id."""
        batch = self.batches.get("app_user")
        rows = plan.apply.get("app_user", [])
        if batch is None or not rows:
            return
        at = batch.codec.index("username")
        incoming = {batch.rows[i][at]: batch.key(i) for i in rows}
        t = table("app_user")
        query = select(t.c.id, t.c.username).where(
            t.c.origin_station == self.ctx.station, t.c.username.in_(list(incoming))
        )
        for key, username in self.session.execute(query).all():
            if key != incoming[username]:
                self.changes.delete("app_user", key)

    def _apply_deletes(self) -> int:
        done = 0
        for name in reversed(UP_TABLES):
            for table_name, key, version, base in self.deletes:
                if table_name != name:
                    continue
                have = existing_versions(self.session, name, [key]).get(key)
                if have is None:
                    continue
                if name in APPEND_ONLY or (have > base and have != version):
                    why = "办理记录不能删除" if name in APPEND_ONLY else "县级已修改该记录，不能按旧版本删除"
                    self.exceptions.append((name, key, version, "conflict", "hard", why, have))
                    self.changes.force_down(name, key, have)
                    continue
                if self.changes.delete(name, key):
                    self.digest.deleted(name, key, have)
                    done += 1
                else:
                    self.exceptions.append(
                        (name, key, version, "conflict", "hard", "仍有关联记录，不能删除", have)
                    )
        return done

    def run(self) -> UpResult:
        self._group()
        bad = self._bad_groups()
        self._quarantine(bad)
        plan = Plan()
        for name in UP_TABLES:
            batch = self.batches.get(name)
            if batch:
                good = [i for i, g in enumerate(batch.groups) if g not in bad] if bad else range(len(batch))
                self.judge.classify(batch, good, plan)
        self._renamed_accounts(plan)
        written = self._write(plan, bad)
        accepted = {name: len(idxs) for name, idxs in written.items()}
        for name, mine, theirs, fields, version in plan.merged:
            key, was = str(mine[codec(name).pk_index]), int(mine[codec(name).version_index])
            self.digest.written(
                name, [(key, self.changes.merge(name, mine, theirs, fields, version))], {key: was}
            )
        deleted = self._apply_deletes()
        duplicates = self._duplicates(plan, bad)
        self._store_blobs(plan, bad)
        if self.exceptions:
            self.session.execute(insert(SyncReceipt), [self._receipt(e) for e in self.exceptions])
        for name in PER_RECORD & written.keys():
            batch = self.batches[name]
            rows = [batch.rows[i] for i in written[name]]
            self.changes.each_row(name, rows, self.judge.existing.get(name, {}))
        bulk = {name: count for name, count in accepted.items() if name not in PER_RECORD}
        self.changes.audit_bulk(bulk, self.ctx.seq, self.ctx.station)
        self.digest.save()
        kinds = [e[4] for e in self.exceptions if e[3] == "conflict"]
        return UpResult(
            accepted=accepted,
            unchanged=plan.unchanged,
            deleted=deleted,
            quarantined=tuple(self.quarantined),
            soft_conflicts=kinds.count("soft"),
            hard_conflicts=kinds.count("hard"),
            duplicates=duplicates,
        )

    def _receipt(self, e: Exception_) -> dict[str, Any]:
        return {
            "peer_code": self.ctx.station,
            "bundle_seq": self.ctx.seq,
            "table_name": e[0],
            "record_id": e[1],
            "record_version": e[2],
            "status": e[3],
            "detail": e[4],
            "reason": e[5],
            "county_version": e[6],
        }

    def _duplicates(self, plan: Plan, bad: dict[str, str]) -> int:
        batch = self.batches.get("person")
        if batch is None:
            return 0
        at = batch.codec.index("id_number")
        applied = [i for i in plan.apply.get("person", []) if batch.groups[i] not in bad]
        numbers = {str(batch.rows[i][at]) for i in applied}
        found = queues.record_duplicates(self.session, numbers) if numbers else {}
        flagged = {pid for people in found.values() for pid in people}
        for i in applied:
            if batch.key(i) in flagged:
                reason = "该身份证号同时在另一户或另一乡镇在册，已列入重复人员待核查"
                self.exceptions.append(("person", batch.key(i), batch.version(i), "duplicate", "", reason, 0))
        return len(found)

    def _store_blobs(self, plan: Plan, bad: dict[str, str]) -> None:
        batch = self.batches.get("attachment")
        if batch is None or not self.blobs:
            return
        at = batch.codec.index("sha256")
        for i in plan.apply.get("attachment", []):
            sha = str(batch.rows[i][at])
            if batch.groups[i] not in bad and sha in self.blobs:
                self.changes.store_blob(self.ctx.paths, sha, self.blobs[sha])
