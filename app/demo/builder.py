"""Builds the demo's rows (plain dicts per table) from invented households walked through the rules."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from app.demo import cases as demo_cases
from app.demo.people import BANKS, MemberSpec, PersonFactory
from app.domain import benefit as rules_benefit
from app.domain import idcard, tekun
from app.domain.benefit import BenefitRules, MemberFacts
from app.domain.calendar import WorkCalendar
from app.domain.codes import AssetKind, HousingType, IncomeKind, Program, RuleMode, Sex, UrbanRural
from app.domain.income import IncomeLine, assess
from app.domain.names import name_pinyin, pinyin_key
from app.domain.workflow import Action, CaseState

Row = dict[str, Any]

# Invented demo standards (元): Huarong's real standards were not found (domain.md §3) and are
# entered by the county in the standards table; these only make the demo's amounts plausible.
DEMO_STANDARDS: dict[tuple[str, int], tuple[int, str]] = {
    **{
        ("urban", y): (a * 100, "month")
        for y, a in (
            (2017, 500),
            (2018, 520),
            (2019, 550),
            (2020, 580),
            (2021, 600),
            (2022, 630),
            (2023, 650),
            (2024, 680),
            (2025, 700),
            (2026, 720),
        )
    },
    **{
        ("rural", y): (a * 100, "year")
        for y, a in (
            (2017, 3600),
            (2018, 3840),
            (2019, 4080),
            (2020, 4500),
            (2021, 4800),
            (2022, 5040),
            (2023, 5400),
            (2024, 5640),
            (2025, 5880),
            (2026, 6120),
        )
    },
}


def monthly_standard(urban_rural: str, year: int) -> int:
    year = min(max(year, 2017), 2026)
    amount, unit = DEMO_STANDARDS[(urban_rural, year)]
    return rules_benefit.monthly_standard(amount, unit)


@dataclass
class Village:
    code: str
    name: str
    urban: bool
    station: str  # 9-digit township code: the origin station of its records


class DemoBuilder:
    """Produces rows for every table; deterministic for a given seed, size and ``today``."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        cal: WorkCalendar,
        county6: str,
        villages: list[Village],
        rules: BenefitRules,
        users: dict[str, str],
        heads: dict[str, str] | None = None,
    ) -> None:
        self.rng = rng
        self.today = today
        self.cal = cal
        self.villages = villages
        self.rules = rules
        self.users = users  # role level -> username stamped on records
        self.heads = heads or {}  # 9-digit township -> the username of its head (who signs its opinions)
        self.per_township: dict[str, int] = defaultdict(int)  # households made so far in each township
        self.by_township = False
        self.people = PersonFactory(rng, county6)
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.counters: dict[str, int] = defaultdict(int)
        self.notices: dict[tuple[str, str, date], str] = {}  # (village, kind, first day) -> id

    # -- helpers -------------------------------------------------------------------------------
    def head_of(self, station: str) -> str:
        """The township head's username: each township's opinions are signed by its own head."""
        return self.heads.get(station, self.users["head"])

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stamp(self, station: str, on: date, by: str | None = None) -> Row:
        return {
            "id": self.uid(),
            "origin_station": station,
            "version": 1,
            "updated_at": datetime.combine(on, time(1, 30), UTC),
            "updated_by": by or self.users["township"],
        }

    def next_number(self, station: str, year: int) -> str:
        key = f"case:{station}:{year}"
        self.counters[key] += 1
        return f"{station}-{year}-{self.counters[key]:06d}"

    # -- households ----------------------------------------------------------------------------
    def build(self, count: int) -> dict[str, list[Row]]:
        """Every row at once (the benches of the writes alone); the demo itself writes in batches."""
        rows: dict[str, list[Row]] = defaultdict(list)
        for batch in self.batches(count, max(count, 1)):
            for name, part in batch.items():
                rows[name].extend(part)
        return rows

    def batches(self, count: int, size: int) -> Iterator[dict[str, list[Row]]]:
        """The rows of ``count`` households, ``size`` households at a time: each batch holds the 公示
        its entries are the first to appear on, so it can be written before the next is made."""
        townships = len({v.station for v in self.villages})
        self.by_township = count >= 2 * len(demo_cases.MIX) * townships
        for start in range(0, count, size):
            for index in range(start, min(count, start + size)):
                self.household(index)
            done, self.rows = self.rows, defaultdict(list)
            yield done

    def household(self, index: int) -> None:
        rng = self.rng
        village = (
            self.villages[index % len(self.villages)]
            if index < len(self.villages)
            else rng.choice(self.villages)
        )
        # every kind of case first, then the weighted mix: in each township when the demo is big enough
        # for every township to hold every kind, else once in the whole demo
        slot = self.per_township[village.station] if self.by_township else index
        self.per_township[village.station] += 1
        target, program, mode = demo_cases.pick_mix(rng, slot)
        if program is Program.TEKUN:
            sex = Sex.MALE if rng.random() < 0.6 else Sex.FEMALE
            members = [self.people.member("02", sex, rng.randint(62, 94), self.today)]
        else:
            members = self.people.household(self.today)
        walk = demo_cases.walk(rng, self.cal, self.today, target, program, mode, rng.random() < 0.2)
        urban = village.urban
        ur = UrbanRural.URBAN.value if urban else UrbanRural.RURAL.value
        decided = walk.date_of(Action.APPROVE) or walk.date_of(Action.REFUSE) or walk.last_on
        standard = monthly_standard(ur, decided.year)
        hh_id = self.uid()
        head = members[0]
        created = walk.applied_on
        self.rows["household"].append(
            {
                **self.stamp(village.station, created),
                "id": hh_id,
                "village_code": village.code,
                "address": f"{village.name}{rng.randint(1, 12)}组{rng.randint(1, 80)}号",
                "urban_rural": ur,
                "head_name": head.name,
                "head_pinyin": pinyin_key(head.name),
                "housing_type": rng.choice(
                    [HousingType.SELF_BUILT.value] * 4
                    + [
                        HousingType.RENTED.value,
                        HousingType.WITH_CHILDREN.value,
                        HousingType.COMMERCIAL.value,
                    ]
                ),
                "housing_area": rng.randint(30, 140),
                "decoration": rng.choice(("未装饰", "未装饰", "中等")),
                "poverty_causes": self.causes(members),
                "three_no": program is Program.TEKUN,
                "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                "bank_name": rng.choice(BANKS),
                "account_no": f"6217{rng.randrange(10**15):015d}",
                "account_holder": head.name,
                "notes": "",
            }
        )
        person_ids = [self.person(hh_id, m, village.station, created) for m in members]
        per_capita_target = self.income_target(target, standard)
        lines = self.incomes(hh_id, members, person_ids, per_capita_target, village.station, created)
        self.assets(hh_id, person_ids[0], village.station, created, urban)
        if program is Program.TEKUN or (len(members) == 1 and rng.random() < 0.5):
            self.supporters(hh_id, head, village.station, created, able=program is not Program.TEKUN)
        assessment = assess(lines, len(members))
        facts = [self.facts(pid, m, decided) for pid, m in zip(person_ids, members, strict=True)]
        result = rules_benefit.calculate(
            standard, assessment.per_capita_fen, facts, self.rules, three_no=program is Program.TEKUN
        )
        self.case(hh_id, person_ids, members, village, program, mode, target, walk, result)

    def causes(self, members: list[MemberSpec]) -> str:
        found = []
        if any(m.disability for m in members):
            found.append("残疾")
        if any(m.illness for m in members):
            found.append("重病")
        if len(members) == 1:
            found.append("孤寡")
        return "、".join(found or [self.rng.choice(("缺乏劳动力", "因学", "灾害", "其他"))])

    def person(self, hh_id: str, m: MemberSpec, station: str, on: date) -> str:
        pinyin, initials = name_pinyin(m.name)
        age = idcard.age_on(m.birth, self.today)
        row = {
            **self.stamp(station, on),
            "household_id": hh_id,
            "name": m.name,
            "name_pinyin": pinyin,
            "name_initials": initials,
            "id_number": m.id_number,
            "sex": m.sex.value,
            "birth_date": m.birth,
            "relation_code": m.relation,
            "is_member": True,
            "not_member_reason": "",
            "hukou_type": "农业" if self.rng.random() < 0.8 else "非农业",
            "health": m.health.value,
            "illness": m.illness,
            "disability_category": m.disability.value if m.disability else None,
            "disability_grade": m.grade,
            "disability_card": f"{m.id_number}{m.disability.value}{m.grade}" if m.disability else "",
            "labour_capacity": tekun.labour_capacity(age, m.disability, m.grade, m.health).value,
            "employment": self.employment(age, m),
            "marital_status": m.marital,
            "education": "",
            "is_student": m.student,
            "phone": "",
            "death_date": None,
        }
        self.rows["person"].append(row)
        return str(row["id"])

    def employment(self, age: int, m: MemberSpec) -> str:
        if age < 6:
            return "preschool"
        if m.student:
            return "student"
        if age >= 60:
            return "retired" if self.rng.random() < 0.2 else "farming"
        return self.rng.choice(("farming", "flexible", "unemployed", "employed"))

    def facts(self, pid: str, m: MemberSpec, on: date) -> MemberFacts:
        """What the amount depends on, as it stood on the decision day."""
        return MemberFacts(pid, max(0, idcard.age_on(m.birth, on)), m.disability, m.grade, m.health)

    def income_target(self, target: CaseState, standard: int) -> int:
        if target is CaseState.REFUSED or target is CaseState.INELIGIBLE_NOTIFIED:
            return int(standard * self.rng.uniform(1.1, 1.6))
        if target in (CaseState.STOPPED, CaseState.GRADUAL_EXIT):
            return int(standard * self.rng.uniform(0.5, 0.9))
        return int(standard * self.rng.uniform(0.0, 0.8))

    def incomes(
        self, hh_id: str, members: list[MemberSpec], pids: list[str], per_capita: int, station: str, on: date
    ) -> list[IncomeLine]:
        rng = self.rng
        total = per_capita * len(members)
        earners = [
            (pid, m)
            for pid, m in zip(pids, members, strict=True)
            if 16 <= idcard.age_on(m.birth, self.today) < 60 and not m.student and not m.disability
        ]
        lines: list[IncomeLine] = []
        if total > 0:
            if earners:
                share = total // len(earners)
                for pid, _m in earners:
                    if rng.random() < 0.5:
                        lines.append(IncomeLine(IncomeKind.FARMING, share * 12, 12, person_id=pid))
                    else:
                        lines.append(IncomeLine(IncomeKind.WAGE, share, 1, person_id=pid))
                lines.append(IncomeLine(IncomeKind.OTHER, total - share * len(earners), 1))
            else:
                lines.append(IncomeLine(IncomeKind.SUPPORT_RECEIVED, total, 1))
        for pid, m in zip(pids, members, strict=True):
            if idcard.age_on(m.birth, self.today) >= 60:
                lines.append(
                    IncomeLine(IncomeKind.BASIC_PENSION, rng.choice((14300, 15800)), 1, person_id=pid)
                )
        if rng.random() < 0.05:
            lines.append(IncomeLine(IncomeKind.SPECIAL_CARE, 60000, 12, person_id=pids[0]))
        for line in lines:
            if line.amount_fen == 0:
                continue
            self.rows["income_item"].append(
                {
                    **self.stamp(station, on),
                    "household_id": hh_id,
                    "person_id": line.person_id,
                    "kind": line.kind.value,
                    "amount_fen": line.amount_fen,
                    "period_months": line.period_months,
                    "counted": None,
                    "reason": line.exclusion_reason or "",
                    "source": "入户调查",
                }
            )
        return lines

    def assets(self, hh_id: str, head_id: str, station: str, on: date, urban: bool) -> None:
        rng = self.rng
        items = [(AssetKind.HOUSE, "自住房屋", 1, 0)]
        if not urban and rng.random() < 0.4:
            items.append((AssetKind.LIVESTOCK, rng.choice(("生猪", "鸡鸭", "耕牛")), rng.randint(1, 20), 0))
        if rng.random() < 0.5:
            items.append((AssetKind.DEPOSIT, "银行存款", 1, rng.randint(0, 800) * 1000))
        for kind, desc, qty, value in items:
            self.rows["asset_item"].append(
                {
                    **self.stamp(station, on),
                    "household_id": hh_id,
                    "person_id": head_id,
                    "kind": kind.value,
                    "description": desc,
                    "quantity": qty,
                    "area_m2": None,
                    "value_fen": value,
                    "exempt": kind is AssetKind.HOUSE,
                    "exempt_reason": "生活必需的自住房屋" if kind is AssetKind.HOUSE else "",
                }
            )

    def supporters(self, hh_id: str, head: MemberSpec, station: str, on: date, able: bool) -> None:
        for _ in range(self.rng.randint(1, 2)):
            sex = Sex.MALE if self.rng.random() < 0.5 else Sex.FEMALE
            age = max(18, idcard.age_on(head.birth, self.today) - self.rng.randint(24, 34))
            self.rows["supporter"].append(
                {
                    **self.stamp(station, on),
                    "household_id": hh_id,
                    "name": self.people.name(sex),
                    "id_number": "",
                    "relation": "子" if sex is Sex.MALE else "女",
                    "birth_date": self.people.birth(age, self.today),
                    "health": "healthy",
                    "occupation": self.rng.choice(("外出务工", "务农", "个体")),
                    "annual_income_fen": self.rng.randint(8, 40) * 100000,
                    "support_paid_fen": 0,
                    "able_to_support": able,
                    "reason": "" if able else "本人为低保对象，无履行能力",
                }
            )

    def case(
        self,
        hh_id: str,
        pids: list[str],
        members: list[MemberSpec],
        village: Village,
        program: Program,
        mode: RuleMode,
        target: CaseState,
        walk: demo_cases.Walk,
        result: rules_benefit.BenefitResult,
    ) -> None:
        from app.demo.steps import record_case

        record_case(self, hh_id, pids, members, village, program, mode, target, walk, result)
