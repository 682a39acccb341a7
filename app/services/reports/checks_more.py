"""`jiuzhu check`, continued: the §5 checks that read more than the household file (deaths, matching lists,
accounts, village patterns, 特困 minors), and a note for each check that cannot run here, saying why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import checks
from app.domain.checks_patterns import (
    AccountRow,
    ApprovalRow,
    MatchRow,
    StopRow,
    SupportedPerson,
    check_accounts,
    check_match_flags,
    check_rotation,
    check_tekun_minors,
    check_village_spikes,
)
from app.domain.checks_rows import BenefitRow, Finding, PersonRow, Severity
from app.domain.codes import DisabilityCategory, FlagStatus, Program
from app.domain.money import month_of
from app.domain.workflow import BENEFIT_STATES
from app.models.area import Area
from app.models.case import Benefit, Case, Decision
from app.models.household import Household, Person
from app.models.matching import MatchFlag, MatchList

NOT_RUN = "check_not_run"
# Matching lists that feed item 3 (deaths feed item 1), as app.services.matching names them.
ITEM3_LISTS = {
    "vehicle": "车辆登记信息",
    "property": "不动产登记信息",
    "business": "市场主体登记信息",
    "payroll": "财政供养人员名单",
    "fund": "住房公积金缴存信息",
}


def note(item: int, reason: str) -> Finding:
    """A check that could not run (or ran only in part), and why: shown with the findings as a 提示."""
    return Finding(item, NOT_RUN, Severity.INFO, f"第{item}项未能完整核查", "", reason)


def _imported(session: Session) -> set[str]:
    return set(session.execute(select(MatchList.kind).group_by(MatchList.kind)).scalars())


def deaths(
    session: Session, persons: Sequence[PersonRow], benefits: Sequence[BenefitRow], today: date
) -> list[Finding]:
    """Item 1: a covered person who died (in the file, or on an imported death list not yet acted on) while
    the benefit still pays this month; named, with the masked ID number."""
    listed: dict[str, date] = {}
    for person_id, died in session.execute(
        select(MatchFlag.person_id, MatchFlag.event_date).where(
            MatchFlag.kind == "death",
            MatchFlag.status == FlagStatus.OPEN.value,
            MatchFlag.event_date.is_not(None),
        )
    ):
        if died is not None:
            listed[person_id] = min(died, listed.get(person_id, died))
    dead = [
        replace(p, death_date=listed[p.id]) if p.death_date is None and p.id in listed else p for p in persons
    ]
    found = checks.check_deaths(dead, benefits, month_of(today))
    if "death" not in _imported(session):
        found.append(
            note(1, "尚未导入死亡、火化名单，只按档案中登记的死亡日期核查；导入名单后可发现档案未登记的死亡")
        )
    return found


def match_flags(session: Session, persons: dict[str, PersonRow]) -> list[Finding]:
    """Item 3: open flags from the vehicle, real-estate, business, payroll and housing-fund lists."""
    rows = [
        MatchRow(persons[pid], ITEM3_LISTS.get(kind, kind), reason, bool(covered))
        for pid, kind, reason, covered in session.execute(
            select(MatchFlag.person_id, MatchFlag.kind, MatchFlag.reason, MatchFlag.covered).where(
                MatchFlag.status == FlagStatus.OPEN.value, MatchFlag.kind.in_(list(ITEM3_LISTS))
            )
        )
        if pid in persons
    ]
    found = check_match_flags(rows)
    missing = [label for kind, label in ITEM3_LISTS.items() if kind not in _imported(session)]
    if missing:
        found.append(
            note(3, f"尚未导入{'、'.join(missing)}，这些名单的比对无法进行（在“信息比对”中导入后核查）")
        )
    return found


def accounts(
    session: Session, benefits: Sequence[BenefitRow], persons: dict[str, PersonRow]
) -> list[Finding]:
    """Item 6: account holder and shared accounts."""
    paying = [b for b in benefits if b.status in BENEFIT_STATES]
    households = {
        hid: (number, holder)
        for hid, number, holder in session.execute(
            select(Household.id, Household.account_no, Household.account_holder)
            .join(Benefit, Benefit.household_id == Household.id)
            .where(Benefit.status.in_([s.value for s in BENEFIT_STATES]))
        )
    }
    rows = []
    for b in paying:
        number, holder = households.get(b.household_id, ("", ""))
        names = frozenset(persons[pid].name for pid in b.covered if pid in persons)
        rows.append(AccountRow(b, number or "", holder or "", names))
    found = check_accounts(rows)
    found.append(
        note(6, "代管存折、银行卡的书面协议不在系统中登记，户名不一致或共用账户的，请对照备案协议核实")
    )
    return found


def patterns(session: Session, today: date) -> list[Finding]:
    """Item 10 [GK]: village spikes of new approvals, and households rotating off and back on."""
    approvals = [
        ApprovalRow(case_id, number, hid, village, name or village, on)
        for case_id, number, hid, village, name, on in session.execute(
            select(
                Case.id,
                Case.case_number,
                Case.household_id,
                Household.village_code,
                Area.name,
                Decision.decided_on,
            )
            .join(Decision, Decision.case_id == Case.id)
            .join(Household, Household.id == Case.household_id)
            .outerjoin(Area, Area.code == Household.village_code)
            .where(Decision.kind == "approve", Case.program != Program.LINSHI.value)
        )
    ]
    stops = [
        StopRow(hid, on)
        for hid, on in session.execute(
            select(Case.household_id, Decision.decided_on)
            .join(Decision, Decision.case_id == Case.id)
            .where(Decision.kind == "stop")
        )
    ]
    found = check_village_spikes(approvals, today) + check_rotation(approvals, stops)
    found.append(
        note(10, "“轮流保”“平均保”只能凭经验提示：本项列出村级新增异常和停发后一年内又纳入的家庭，须人工核实")
    )
    return found


def tekun_minors(session: Session, benefits: Sequence[BenefitRow], today: date) -> list[Finding]:
    """特困 minors who have turned 18 out of school (S4 Art.24)."""
    wanted = {pid for b in benefits if b.program is Program.TEKUN for pid in b.covered}
    if not wanted:
        return []
    people: dict[str, SupportedPerson] = {}
    for chunk in _chunks(sorted(wanted)):
        for pid, name, born, category, grade, student in session.execute(
            select(
                Person.id,
                Person.name,
                Person.birth_date,
                Person.disability_category,
                Person.disability_grade,
                Person.is_student,
            ).where(Person.id.in_(chunk))
        ):
            kind = DisabilityCategory(category) if category else None
            people[pid] = SupportedPerson(pid, name, born, kind, grade, bool(student))
    return check_tekun_minors(benefits, people, today)


def _chunks(ids: list[str], size: int = 900) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def cross_county() -> list[Finding]:
    """Item 2 covers this database only."""
    return [note(2, "同一人跨县（市、区）重复享受须与省级或全国名单比对，本机只核查本数据库内的重复")]


def more_findings(
    session: Session,
    persons: Sequence[PersonRow],
    benefits: Sequence[BenefitRow],
    today: date,
) -> list[Finding]:
    """Items 1, 3, 6 and 10, 特困 minors, and the notes of what could not run."""
    by_id = {p.id: p for p in persons}
    found = deaths(session, persons, benefits, today)
    found += match_flags(session, by_id)
    found += accounts(session, benefits, by_id)
    found += patterns(session, today)
    found += tekun_minors(session, benefits, today)
    found += cross_county()
    return found
