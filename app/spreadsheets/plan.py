"""Compare ledger households with the file on record: rows to insert, fields to update, what to report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.domain import idcard
from app.domain.codes import Program, UrbanRural
from app.domain.money import fen_to_yuan
from app.domain.names import name_pinyin, pinyin_key
from app.domain.relations import RELATIONS
from app.spreadsheets.model import LedgerHousehold, LedgerMember, Problem, Severity
from app.spreadsheets.records import (
    BENEFIT_FIELDS,
    CONSTANTS,
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    TABLES,
    Row,
    uuid4_strings,
)


@dataclass
class Existing:
    """What the file already holds for the people in the ledger (loaded by the service)."""

    persons: dict[str, Row] = field(default_factory=dict)  # id_number → person
    households: dict[str, Row] = field(default_factory=dict)  # id → household
    members: dict[str, list[Row]] = field(default_factory=dict)  # household id → persons
    benefits: dict[str, list[Row]] = field(default_factory=dict)  # household id → benefits in payment


@dataclass(frozen=True)
class Update:
    table: str
    record_id: str
    values: dict[str, Any]  # the new values of the fields that change


@dataclass
class Plan:
    inserts: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    constants: dict[str, Row] = field(default_factory=lambda: {t: dict(c) for t, c in CONSTANTS.items()})
    updates: list[Update] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Context:
    station: str
    actor: str
    now: datetime
    today: date
    rule_mode: str
    default_program: str
    start_month: str
    village_names: dict[str, str]
    next_case_number: Callable[[], str]
    covers: Callable[[str], bool] = lambda _code: True


def _show(key: str, value: Any, ctx: Context) -> str:
    if value is None or value == "":
        return "（空）"
    if key == "village_code":
        return str(ctx.village_names.get(value, value))
    if key == "urban_rural":
        return UrbanRural(value).label
    if key == "monthly_fen":
        return f"{fen_to_yuan(value)}元"
    if key == "relation_code":
        return str(RELATIONS.get(value, value))
    return str(value)


class Planner:
    def __init__(self, ctx: Context, existing: Existing) -> None:
        self.ctx = ctx
        self.existing = existing
        self.plan = Plan()
        self.claimed: dict[str, LedgerHousehold] = {}
        self.ids = uuid4_strings()
        self.plan.constants["case_file"].update(rule_mode=ctx.rule_mode, state_since=ctx.today)
        self.plan.constants["case_event"].update(on_date=ctx.today, at=ctx.now, actor=ctx.actor)

    def error(self, h: LedgerHousehold, reason: str) -> None:
        self.plan.problems.append(Problem(h.sheet, h.first_row, "", reason))

    def change(
        self, h: LedgerHousehold, table: str, rec: Row, new: dict[str, Any], labels: dict[str, str]
    ) -> int:
        diff = {k: v for k, v in new.items() if v is not None and rec.get(k) != v}
        if not diff:
            return 0
        self.plan.updates.append(Update(table, rec["id"], diff))
        who = "" if table != "person" else f"{rec['name']}的"
        for k, v in diff.items():
            if not labels.get(k):
                continue
            old, now = _show(k, rec.get(k), self.ctx), _show(k, v, self.ctx)
            self.plan.changes.append(f"{h.label}：{who}{labels[k]}由“{old}”改为“{now}”")
        return len(diff)

    # ---------------------------------------------------------------- households
    def add(self, h: LedgerHousehold) -> None:
        found = {
            self.existing.persons[m.id_number]["household_id"]
            for m in h.members
            if m.id_number in self.existing.persons
        }
        if len(found) > 1:
            names = "、".join(sorted(self.existing.households[i]["head_name"] + "户" for i in found))
            self.error(h, f"本户成员在档案中分属不同家庭（{names}），请先在家庭档案中核对")
            return
        if not found:
            self.create(h)
            return
        hid = found.pop()
        if hid in self.claimed:
            self.error(h, f"与{self.claimed[hid].label}对应档案中的同一户，请核对是否重复登记")
            return
        if not self.ctx.covers(self.existing.households[hid]["village_code"]):
            self.error(h, "本户在档案中属于您管辖范围以外的村（社区），不能用本台账修改")
            return
        active = self.existing.benefits.get(hid, [])
        if h.program and active and all(b["program"] != h.program for b in active):
            self.error(
                h,
                f"档案中该户在保类别为{Program(active[0]['program']).label}，台账为{Program(h.program).label}；"
                "变更保障类别须按程序办理",
            )
            return
        self.claimed[hid] = h
        self.update(h, hid)

    def program_of(self, h: LedgerHousehold) -> str | None:
        return h.program or (self.ctx.default_program if h.monthly_fen is not None else None)

    def household_values(self, h: LedgerHousehold) -> dict[str, Any]:
        values: dict[str, Any] = {"village_code": h.village_code, "head_name": h.head.name, **h.texts}
        values["urban_rural"] = h.urban_rural
        return values

    def create(self, h: LedgerHousehold) -> None:
        hid = next(self.ids)
        village = self.ctx.village_names.get(h.village_code or "", "")
        ur = h.urban_rural or (UrbanRural.URBAN.value if village.endswith("社区") else UrbanRural.RURAL.value)
        row = {"id": hid, **dict.fromkeys(HOUSEHOLD_FIELDS, "")}
        row.update({k: v for k, v in self.household_values(h).items() if v is not None}, urban_rural=ur)
        row["head_pinyin"] = pinyin_key(row["head_name"])  # updates go through the ORM, which keeps it
        self.plan.inserts["household"].append(row)
        ids = [self.person(hid, m) for m in h.members]
        self.plan.created += 1
        program = self.program_of(h)
        if program:
            head = next(i for i, m in zip(ids, h.members, strict=True) if m.relation_code in ("01", "02"))
            self.benefit(h, hid, head, ids, program)

    def person(self, hid: str, m: LedgerMember) -> str:
        pinyin, initials = name_pinyin(m.name)
        pid = next(self.ids)
        self.plan.inserts["person"].append(
            {"id": pid, "household_id": hid, "name": m.name, "name_pinyin": pinyin, "name_initials": initials}
            | {
                "id_number": m.id_number,
                "sex": m.sex,
                "birth_date": m.birth_date,
                "relation_code": m.relation_code,
            }
        )
        return pid

    def benefit(self, h: LedgerHousehold, hid: str, head_id: str, ids: list[str], program: str) -> None:
        """A case already in payment before Jiuzhu: registered as 在保, with the ledger as its record."""
        ins, ctx = self.plan.inserts, self.ctx
        case_id, bid = next(self.ids), next(self.ids)
        start = h.start_month or ctx.start_month
        ins["case_file"].append(
            {
                "id": case_id,
                "case_number": ctx.next_case_number(),
                "household_id": hid,
                "applicant_id": head_id,
            }
            | {"program": program, "applied_on": date(int(start[:4]), int(start[5:]), 1)}
        )
        where = f"工作表“{h.sheet}”第{h.first_row}行"
        reason = f"由原有台账导入（{where}），此前的审批材料见纸质档案"
        ins["case_event"].append({"id": next(self.ids), "case_id": case_id, "reason": reason})
        monthly = h.monthly_fen or 0
        ins["benefit"].append(
            {"id": bid, "case_id": case_id, "household_id": hid, "program": program, "tier": h.tier or ""}
            | {"start_month": start, "base_fen": monthly, "monthly_fen": monthly}
        )
        covered = [head_id] if program == Program.TEKUN.value else ids
        ins["benefit_member"].extend(
            {"id": next(self.ids), "benefit_id": bid, "person_id": pid} for pid in covered
        )

    def update(self, h: LedgerHousehold, hid: str) -> None:
        record = self.existing.households[hid]
        changed = self.change(h, "household", record, self.household_values(h), HOUSEHOLD_FIELDS)
        pids: dict[str, str] = {}
        new_ids: list[str] = []
        for m in h.members:
            rec = self.existing.persons.get(m.id_number)
            if rec is None:
                pids[m.id_number] = self.person(hid, m)
                new_ids.append(pids[m.id_number])
                self.plan.changes.append(f"{h.label}：新增家庭成员{m.name}（{idcard.mask(m.id_number)}）")
                continue
            pids[m.id_number] = rec["id"]
            heads = {rec["relation_code"], m.relation_code} <= {"01", "02"}
            new = {"name": m.name, "relation_code": rec["relation_code"] if heads else m.relation_code}
            if m.name != rec["name"]:
                new["name_pinyin"], new["name_initials"] = name_pinyin(m.name)
            changed += self.change(h, "person", rec, new, PERSON_FIELDS)
            if rec["death_date"] is not None:
                self.warn(
                    h, f"{m.name}（{idcard.mask(m.id_number)}）在档案中已登记死亡，但仍列在台账中，请核实"
                )
        for rec in self.existing.members.get(hid, []):
            if rec["id_number"] not in pids and rec["death_date"] is None:
                self.warn(
                    h,
                    f"档案中的家庭成员{rec['name']}（{idcard.mask(rec['id_number'])}）不在本台账中，档案未改动；"
                    "如已迁出或死亡，请在家庭档案中办理",
                )
        changed += len(new_ids) + self.update_benefit(h, hid, pids, new_ids)
        if changed:
            self.plan.updated += 1
        else:
            self.plan.unchanged += 1

    def warn(self, h: LedgerHousehold, reason: str) -> None:
        self.plan.problems.append(Problem(h.sheet, h.first_row, "", reason, Severity.WARNING))

    def update_benefit(self, h: LedgerHousehold, hid: str, pids: dict[str, str], new_ids: list[str]) -> int:
        """The benefit in payment follows the ledger (amount, tier, start), or is registered if none."""
        active = [b for b in self.existing.benefits.get(hid, []) if h.program in (None, b["program"])]
        if not active:
            program = self.program_of(h)
            if program is None:
                return 0
            self.benefit(h, hid, pids[h.head.id_number], list(pids.values()), program)
            self.plan.changes.append(f"{h.label}：新增在保记录（{Program(program).label}）")
            return 1
        b = active[0]
        new: dict[str, Any] = {"monthly_fen": h.monthly_fen, "tier": h.tier, "start_month": h.start_month}
        if h.monthly_fen is not None and h.monthly_fen != b["monthly_fen"]:
            new["base_fen"] = max(0, h.monthly_fen - b["topup_fen"])
        changed = self.change(h, "benefit", b, new, BENEFIT_FIELDS)
        if b["program"] != Program.TEKUN.value:
            self.plan.inserts["benefit_member"].extend(
                {"id": next(self.ids), "benefit_id": b["id"], "person_id": pid} for pid in new_ids
            )
        return changed
