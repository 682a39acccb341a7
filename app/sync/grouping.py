"""Assign every incoming row to its household (the unit of quarantine) and check it belongs to the sender."""

from __future__ import annotations

from typing import Any

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
    """Resolves household ids (from the bundle, then the database) and marks rows that may not land.

    Column at a time: a table's groups come from one column lookup, and a row is looked at on its own
    only when the column-wide checks (village in the township, known origin, valid ID number) fail.
    """

    def __init__(self, session: Session, station: str, county: str, batches: dict[str, Batch]) -> None:
        self.session = session
        self.station = station
        self.origins = {station, county}
        self.batches = batches
        self.village: dict[str, object] = {}  # household id -> village code
        self.parent: dict[str, dict[str, object]] = {"case_file": {}, "benefit": {}}  # id -> household id

    def _column(self, batch: Batch, i: int, column: str) -> object:
        return batch.rows[i][batch.codec.index(column)]

    def _collect(self) -> None:
        households = self.batches.get("household")
        if households:
            self.village.update(zip(households.column("id"), households.column("village_code"), strict=True))
        for name in ("case_file", "benefit"):
            batch = self.batches.get(name)
            if batch:
                self.parent[name].update(zip(batch.column("id"), batch.column("household_id"), strict=True))
        wanted: dict[str, set[str]] = {"case_file": set(), "benefit": set()}
        for name, (column, parent) in HOUSEHOLD_LINK.items():
            batch = self.batches.get(name)
            if batch and parent in wanted:
                refs = set(batch.column(column)) - self.parent[parent].keys()
                wanted[parent].update(r for r in refs if isinstance(r, str))
        for parent, ids in wanted.items():
            self.parent[parent].update(lookup(self.session, parent, "household_id", ids))
        missing: set[str] = set()
        for name, (column, parent) in HOUSEHOLD_LINK.items():
            batch = self.batches.get(name)
            if batch and parent == "household":
                missing.update(r for r in set(batch.column(column)) if isinstance(r, str))
        for parents in self.parent.values():
            missing.update(h for h in set(parents.values()) if isinstance(h, str))
        missing -= self.village.keys()
        self.village.update(lookup(self.session, "household", "village_code", missing))

    def household_of(self, name: str, batch: Batch, i: int) -> tuple[str, str | None]:
        """(group key, problem) for row ``i``: the household it hangs from, or its own key."""
        if name == "household":
            return batch.key(i), None
        if name == "area":
            return f"area:{batch.key(i)}", None
        if name == "app_user":
            return f"user:{batch.key(i)}", None
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

    def _groups(self, name: str, batch: Batch) -> tuple[list[str], list[object]]:
        """Each row's group and the village it lies in (None where there is none: checked row by row)."""
        if name == "area":
            keys = batch.column("code")
            return [f"area:{k}" for k in keys], keys
        if name == "app_user":
            return [f"user:{k}" for k in batch.column("id")], batch.column("area_code")
        if name == "public_notice":
            return [f"notice:{k}" for k in batch.column("id")], batch.column("village_code")
        if name == "household":
            households: list[Any] = batch.column("id")
        else:
            column, parent = HOUSEHOLD_LINK[name]
            households = batch.column(column)
            if parent != "household":
                households = list(map(self.parent[parent].get, households))
        villages = list(map(self.village.get, households))
        if set(map(type, households)) == {str}:
            return households, villages
        return [
            h if isinstance(h, str) else self.household_of(name, batch, i)[0]
            for i, h in enumerate(households)
        ], villages

    def _suspects(self, name: str, batch: Batch, villages: list[object]) -> set[int]:
        """Rows a column-wide check does not clear; the others have no problem."""
        township = {v for v in set(villages) if in_township(v, self.station)}
        suspects: set[int] = set()
        if not all(map(township.__contains__, villages)):
            suspects.update(i for i, v in enumerate(villages) if v not in township)
        if name != "area":
            origins = batch.column("origin_station")
            allowed = {self.station} if name == "app_user" else self.origins  # the county's stay home
            if not set(origins) <= allowed:
                suspects.update(i for i, o in enumerate(origins) if o not in allowed)
        if name == "person":
            numbers = batch.column("id_number")
            suspects.update(i for i, n in enumerate(numbers) if i not in batch.errors and id_problem(n))
        return suspects

    def assign(self) -> None:
        """Fill each batch's ``groups`` and ``problems`` (scope and origin)."""
        self._collect()
        for name, batch in self.batches.items():
            batch.groups, villages = self._groups(name, batch)
            batch.problems = {}
            for i in sorted(self._suspects(name, batch, villages)):
                problem = self._problem(name, batch, i)
                if problem is not None:
                    batch.problems[i] = problem

    def _problem(self, name: str, batch: Batch, i: int) -> str | None:
        """Row ``i``'s problem, found one check after the other (the first one is the reason given)."""
        group, problem = self.household_of(name, batch, i)
        if problem is None:
            problem = self._scope_problem(name, batch, i, group)
        if problem is None and name == "person" and i not in batch.errors:
            problem = id_problem(self._column(batch, i, "id_number"))  # type: ignore[arg-type]
        origin = self._column(batch, i, "origin_station") if name != "area" else self.station
        if problem is None and origin not in self.origins:
            problem = f"记录来源“{str(origin)[:12]}”既不是本乡镇也不是县级"
        if problem is None and name == "app_user" and origin != self.station:
            problem = f"账户来源“{str(origin)[:12]}”不是本乡镇：只有本乡镇自己的账户可以上报"
        return problem

    def _scope_problem(self, name: str, batch: Batch, i: int, group: str) -> str | None:
        if name == "area":
            area = batch.key(i)
            return None if in_township(area, self.station) else f"区划 {area} 不属于本乡镇"
        if name == "app_user":
            place = self._column(batch, i, "area_code")
            return None if in_township(place, self.station) else f"账户所在地区（{place}）不属于本乡镇"
        if name == "public_notice":
            village = self._column(batch, i, "village_code")
            return None if in_township(village, self.station) else f"公示所在村（{village}）不属于本乡镇"
        if group not in self.village:
            return f"所属家庭（{group}）不存在"
        village = self.village[group]
        if not in_township(village, self.station):
            return f"家庭所在村（{village}）不属于本乡镇（{self.station}）"
        return None
