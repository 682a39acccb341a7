"""Assign every incoming row to its household (the unit of quarantine) and check it belongs to the sender."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain import idcard
from app.errors import UserError
from app.sync.bulk import lookup
from app.sync.payload import Batch
from app.sync.tables import HOUSEHOLD_LINK


def id_problem(number: str) -> str | None:
    """None for a well-formed 18-character ID number as stored (upper case, check character right)."""
    digits = number[:17]
    if (
        len(number) == 18
        and digits.isascii()
        and digits.isdigit()
        and idcard.check_char(digits) == number[17]
    ):
        return None
    try:
        if idcard.normalize(number) == number:
            return None
    except UserError as exc:
        return f"身份证号码“{number}”不正确：{exc.message}"
    return f"身份证号码“{number}”不是规范形式"


def in_township(code12: object, station: str) -> bool:
    return isinstance(code12, str) and len(code12) == 12 and code12.startswith(station)


class Grouper:
    """Resolves household ids (from the bundle, then the database) and marks rows that may not land."""

    def __init__(self, session: Session, station: str, county: str, batches: dict[str, Batch]) -> None:
        self.session = session
        self.station = station
        self.origins = {station, county}
        self.batches = batches
        self.village: dict[str, object] = {}  # household id -> village code
        self.parent: dict[str, dict[str, object]] = {"case_file": {}, "benefit": {}}  # id -> household id

    def _column(self, batch: Batch, i: int, column: str) -> object:
        return batch.wire[i][batch.codec.index(column)]

    def _collect(self) -> None:
        households = self.batches.get("household")
        if households:
            for i in range(len(households.wire)):
                self.village[households.key(i)] = self._column(households, i, "village_code")
        for name in ("case_file", "benefit"):
            batch = self.batches.get(name)
            if batch:
                for i in range(len(batch.wire)):
                    self.parent[name][batch.key(i)] = self._column(batch, i, "household_id")
        wanted: dict[str, set[str]] = {"case_file": set(), "benefit": set()}
        for name, (column, parent) in HOUSEHOLD_LINK.items():
            batch = self.batches.get(name)
            if batch and parent in wanted:
                for i in range(len(batch.wire)):
                    ref = self._column(batch, i, column)
                    if isinstance(ref, str) and ref not in self.parent[parent]:
                        wanted[parent].add(ref)
        for parent, ids in wanted.items():
            self.parent[parent].update(lookup(self.session, parent, "household_id", ids))
        missing: set[str] = set()
        for name, (column, parent) in HOUSEHOLD_LINK.items():
            batch = self.batches.get(name)
            if batch and parent == "household":
                refs = (self._column(batch, i, column) for i in range(len(batch.wire)))
                missing.update(r for r in refs if isinstance(r, str) and r not in self.village)
        for parents in self.parent.values():
            missing.update(h for h in parents.values() if isinstance(h, str) and h not in self.village)
        self.village.update(lookup(self.session, "household", "village_code", missing))

    def household_of(self, name: str, batch: Batch, i: int) -> tuple[str, str | None]:
        """(group key, problem) for row ``i``: the household it hangs from, or its own key."""
        if name == "household":
            return batch.key(i), None
        if name == "area":
            return f"area:{batch.key(i)}", None
        if name == "public_notice":
            return f"notice:{batch.key(i)}", None
        column, parent = HOUSEHOLD_LINK[name]
        ref = self._column(batch, i, column)
        if not isinstance(ref, str):
            return f"{name}:{batch.key(i)}", f"字段“{column}”缺失"
        household = ref if parent == "household" else self.parent[parent].get(ref)
        if not isinstance(household, str):
            label = "申请" if parent == "case_file" else "保障金记录"
            return f"{name}:{batch.key(i)}", f"所属{label}（{ref}）不存在"
        return household, None

    def assign(self) -> None:
        """Fill each batch's ``groups`` and ``problems`` (scope and origin)."""
        self._collect()
        for name, batch in self.batches.items():
            batch.groups, batch.problems = [], []
            origin_at = batch.codec.columns.index("origin_station") if name != "area" else -1
            for i in range(len(batch.wire)):
                group, problem = self.household_of(name, batch, i)
                batch.groups.append(group)
                if problem is None:
                    problem = self._scope_problem(name, batch, i, group)
                if problem is None and name == "person" and batch.rows[i] is not None:
                    problem = id_problem(batch.wire[i][batch.codec.index("id_number")])
                if problem is None and origin_at >= 0 and batch.wire[i][origin_at] not in self.origins:
                    problem = f"记录来源“{str(batch.wire[i][origin_at])[:12]}”既不是本乡镇也不是县级"
                batch.problems.append(problem)

    def _scope_problem(self, name: str, batch: Batch, i: int, group: str) -> str | None:
        if name == "area":
            area = batch.key(i)
            return None if in_township(area, self.station) else f"区划 {area} 不属于本乡镇"
        if name == "public_notice":
            village = self._column(batch, i, "village_code")
            return None if in_township(village, self.station) else f"公示所在村（{village}）不属于本乡镇"
        if group not in self.village:
            return f"所属家庭（{group}）不存在"
        village = self.village[group]
        if not in_township(village, self.station):
            return f"家庭所在村（{village}）不属于本乡镇（{self.station}）"
        return None
