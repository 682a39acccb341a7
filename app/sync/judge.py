"""Judge each incoming change against the county's row: new, unchanged, fast-forward, soft or hard."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.sync import queues
from app.sync.bulk import county_versions, event_numbers, existing_versions, fetch_rows
from app.sync.changes import Changes
from app.sync.payload import Batch
from app.sync.tables import APPEND_ONLY, META, county_fields, pk_name, shared_fields

# table, key, version, status, detail, reason, county version
Exception_ = tuple[str, str, int, str, str, str, int]


@dataclass
class Plan:
    """What happens to each good row: applied as is, merged (soft), held as a hard conflict, or nothing."""

    apply: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    merged: list[tuple[str, list[Any], Sequence[Any], frozenset[str], int]] = field(default_factory=list)
    unchanged: int = 0


class Judge:
    """Decides, per record, by versions and the fields each side changed; never by clock."""

    def __init__(
        self,
        session: Session,
        station: str,
        seq: int,
        batches: dict[str, Batch],
        changes: Changes,
        exceptions: list[Exception_],
    ) -> None:
        self.session = session
        self.station = station
        self.seq = seq
        self.batches = batches
        self.changes = changes
        self.exceptions = exceptions
        self.county_made: dict[str, list[int]] = {}
        self.existing: dict[str, dict[str, int]] = {}

    def classify(self, batch: Batch, rows: Sequence[int], plan: Plan) -> None:
        name = batch.name
        every = isinstance(rows, range) and len(rows) == len(batch)
        keys = batch.column(pk_name(name)) if every else [batch.key(i) for i in rows]
        current = existing_versions(self.session, name, keys)
        self.existing[name] = current
        candidates = []
        if not current:  # all new (a township's first bundle): no row to look at one by one
            plan.apply[name].extend(rows)
            rows = []
        for i in rows:
            have = current.get(batch.key(i))
            if have is None:
                plan.apply[name].append(i)
            elif have == batch.version(i) and batch.base[i] >= have:
                plan.unchanged += 1  # an equal version is only the same record when it was not changed here
            else:
                candidates.append(i)
        if name == "case_event":
            self._event_clashes(batch, plan)
        if not candidates:
            return
        county_rows = fetch_rows(self.session, name, [batch.key(i) for i in candidates])
        self.county_made = county_versions(self.session, name, [batch.key(i) for i in candidates])
        columns = batch.codec.columns
        data_fields = frozenset(columns) - META
        for i in candidates:
            mine, theirs = county_rows[batch.key(i)], batch.rows[i]
            said = batch.changed[i]
            claimed = data_fields if said is None else said
            differ = frozenset(
                c for c, a, b in zip(columns, mine, theirs, strict=True) if c in claimed and a != b
            )
            self._judge(batch, i, mine, differ, plan)

    def _event_clashes(self, batch: Batch, plan: Plan) -> None:
        """A new history entry whose number the county already used: both sides acted on the same case."""
        case_at, seq_at = batch.codec.index("case_id"), batch.codec.index("seq")
        cases = self.batches.get("case_file")
        fresh = {cases.key(i) for i in plan.apply.get("case_file", [])} if cases else set()
        fresh -= set(self.existing.get("case_file", ()))
        new = [i for i in plan.apply.get("case_event", []) if batch.rows[i][case_at] not in fresh]
        taken = event_numbers(self.session, [(batch.rows[i][case_at], batch.rows[i][seq_at]) for i in new])
        if not taken:
            return
        theirs = fetch_rows(self.session, "case_event", [key for key, _ in taken.values()])
        keep = [i for i in plan.apply.get("case_event", []) if batch.rows[i][case_at] in fresh]
        for i in new:
            other = taken.get((batch.rows[i][case_at], batch.rows[i][seq_at]))
            if other is None:
                keep.append(i)
                continue
            mine = theirs[other[0]]
            why = f"县级已在该申请上办理了第{batch.rows[i][seq_at]}步，乡镇依据旧状态办理的记录未导入"
            self._conflict(batch, i, mine, frozenset({"action", "to_state", "actor"}), "hard", why)
            self.changes.force_down("case_event", other[0], other[1])
        plan.apply["case_event"] = keep

    def _judge(self, batch: Batch, i: int, mine: list[Any], differ: frozenset[str], plan: Plan) -> None:
        name, key, version, base = batch.name, batch.key(i), batch.version(i), batch.base[i]
        county_version = mine[batch.codec.index("version")]
        made_since = [v for v in self.county_made.get(key, ()) if v > base]
        changed_here = bool(made_since)  # the county itself changed the record since the station's base
        if changed_here and version < min(made_since):
            plan.unchanged += 1  # re-sent as it was before the county's change: the county's row goes down
            return
        if not differ:
            if version > county_version:
                plan.apply[name].append(i)
            else:
                plan.unchanged += 1
            return
        reason = ""
        if name in APPEND_ONLY:
            reason = "办理记录只能追加，不能修改"
        elif differ & county_fields(name):
            reason = f"乡镇修改了由县级决定的字段：{'、'.join(sorted(differ & county_fields(name)))}"
        elif changed_here and batch.changed[i] is None:
            reason = "县级已修改该记录，乡镇未说明改了哪些字段（全量重传），无法自动合并"
        elif changed_here and differ & shared_fields(name):
            reason = f"县级已办理该记录（版本{county_version}），乡镇依据旧版本{base}修改了同一字段"
        if reason:
            self._conflict(batch, i, mine, differ, "hard", reason)
            self.changes.force_down(name, key, county_version)
        elif not changed_here:
            plan.apply[name].append(i)  # fast-forward: the county's version came from this station
        else:
            self._conflict(
                batch, i, mine, differ, "soft", "县级已更新该记录的其他字段，已合并乡镇的修改，请核对"
            )
            plan.merged.append((name, mine, batch.rows[i], differ, version))

    def _conflict(
        self, batch: Batch, i: int, mine: list[Any], fields: frozenset[str], kind: str, why: str
    ) -> None:
        columns, theirs = batch.codec.columns, batch.rows[i]
        county_version = mine[batch.codec.index("version")]
        queues.add_conflict(
            self.session,
            peer_code=self.station,
            bundle_seq=self.seq,
            table_name=batch.name,
            record_id=batch.key(i),
            kind=kind,
            fields="、".join(sorted(fields)),
            station_version=batch.version(i),
            county_version=county_version,
            station_values=queues.values_json(columns, theirs, fields),
            county_values=queues.values_json(columns, mine, fields),
        )
        self.exceptions.append(
            (batch.name, batch.key(i), batch.version(i), "conflict", kind, why, county_version)
        )
