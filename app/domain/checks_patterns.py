"""Audit-finding checks of domain.md §5 items 3, 6 and 10, and the end of a minor's 特困 support (S4 Art.24).

Pure functions over plain rows, as ``app.domain.checks``; the service loads the rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.calendar import format_cn
from app.domain.checks_rows import BenefitRow, Finding, PersonRow, Severity, person_finding
from app.domain.codes import DisabilityCategory, Program
from app.domain.idcard import age_on
from app.domain.money import add_months, month_cn, month_of, months_between
from app.domain.tekun import minor_coverage_ends, no_labour_capacity
from app.domain.workflow import BENEFIT_STATES, S1, S4

SPIKE_MIN = 5  # a village month with at least this many new approvals …
SPIKE_FACTOR = 3  # … and this many times its usual month is flagged [GK]
SPIKE_MONTHS = 12  # the months looked at, and the months before each that make its usual level
ROTATION_MONTHS = 12  # back on the list within this many months of a stop: 轮流保 pattern [GK]


@dataclass(frozen=True)
class MatchRow:
    """An open data-matching flag (信息比对) on a member of a household receiving assistance."""

    person: PersonRow
    kind_label: str
    reason: str
    covered: bool


def check_match_flags(flags: Iterable[MatchRow]) -> list[Finding]:
    """Item 3: a member on a vehicle, real-estate, business, payroll or housing-fund list, not yet cleared."""
    found = []
    for flag in flags:
        who = "保障对象" if flag.covered else "家庭成员"
        reason = f"{who}出现在{flag.kind_label}中：{flag.reason}；请核实后核销或调整（{S1}第十七条）"
        found.append(person_finding(3, "match_flag", Severity.WARNING, flag.person, reason))
    return found


@dataclass(frozen=True)
class AccountRow:
    """The bank account a household's benefit is paid into, and the names of the persons it covers."""

    benefit: BenefitRow
    account_no: str
    holder: str
    covered_names: frozenset[str]


def _account_key(number: str) -> str:
    plain = number.replace(" ", "").replace("-", "")
    if plain.isalnum():  # the usual case: only spaces or dashes to drop
        return plain.upper()
    return "".join(ch for ch in number if ch.isalnum()).upper()


def check_accounts(accounts: Sequence[AccountRow]) -> list[Finding]:
    """Item 6: the account holder is not a person the benefit covers, or several households share an account.

    Both are lawful only with a written agreement filed with the county (S1 Art.26), which Jiuzhu does not
    record: the finding asks for it to be checked.
    """
    paying = [a for a in accounts if a.benefit.status in BENEFIT_STATES and _account_key(a.account_no)]
    found: list[Finding] = []
    for a in paying:
        holder = a.holder.strip()
        if holder and holder not in a.covered_names:
            reason = (
                f"保障金账户户名为“{holder}”，不是本案保障对象；由他人代领或代管存折、银行卡的，"
                f"须与保障家庭签订书面协议并报县级民政部门备案（{S1}第二十六条）"
            )
            b = a.benefit
            found.append(Finding(6, "account_holder", Severity.WARNING, b.case_number, b.id, reason))
    by_account: dict[str, list[AccountRow]] = defaultdict(list)
    for a in paying:
        by_account[_account_key(a.account_no)].append(a)
    for same in by_account.values():
        households = {a.benefit.household_id for a in same}
        if len(households) < 2:
            continue
        numbers = "、".join(sorted({a.benefit.case_number for a in same}))
        masked = f"尾号{_account_key(same[0].account_no)[-4:]}"
        for a in same:
            b = a.benefit
            reason = (
                f"同一银行账户（{masked}）用于{len(households)}户的保障金发放（{numbers}）；"
                f"一个账户只应发放给一户，代管须有书面协议并报县备案（{S1}第二十六条）"
            )
            found.append(Finding(6, "shared_account", Severity.WARNING, b.case_number, b.id, reason))
    return found


@dataclass(frozen=True)
class ApprovalRow:
    """An approval (确认) and where the household lives."""

    case_id: str
    case_number: str
    household_id: str
    village_code: str
    village: str
    decided_on: date


@dataclass(frozen=True)
class StopRow:
    household_id: str
    decided_on: date


def check_village_spikes(approvals: Sequence[ApprovalRow], today: date) -> list[Finding]:
    """Item 10 [GK]: a village whose new approvals in one month jump far above its usual month."""
    this_month = month_of(today)
    first = add_months(this_month, -(2 * SPIKE_MONTHS - 1))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for a in approvals:
        month = month_of(a.decided_on)
        if first <= month <= this_month:
            counts[a.village_code][month] += 1
            names[a.village_code] = a.village
    found = []
    for village, by_month in counts.items():
        for month, n in sorted(by_month.items()):
            if months_between(month, this_month) >= SPIKE_MONTHS or n < SPIKE_MIN:
                continue
            before = [by_month.get(add_months(month, -k), 0) for k in range(1, SPIKE_MONTHS + 1)]
            usual = sum(before) / SPIKE_MONTHS
            if n >= SPIKE_FACTOR * max(usual, 1):
                reason = (
                    f"{names[village]}{month_cn(month)}新纳入保障{n}户，前{SPIKE_MONTHS}个月平均每月"
                    f"{usual:.1f}户；请核实是否存在集中纳入、“平均保”或“关系保”"
                )
                found.append(Finding(10, "village_spike", Severity.INFO, names[village], village, reason))
    return found


def check_rotation(approvals: Sequence[ApprovalRow], stops: Sequence[StopRow]) -> list[Finding]:
    """Item 10 [GK]: a household stopped and approved again within ``ROTATION_MONTHS`` (轮流保 pattern)."""
    stopped: dict[str, list[date]] = defaultdict(list)
    for s in stops:
        stopped[s.household_id].append(s.decided_on)
    found = []
    for a in approvals:
        for stop_on in stopped.get(a.household_id, ()):
            if stop_on < a.decided_on and months_between(month_of(stop_on), month_of(a.decided_on)) <= (
                ROTATION_MONTHS
            ):
                reason = (
                    f"该户于{format_cn(stop_on)}停发后，{format_cn(a.decided_on)}又被纳入保障；"
                    "请核实是否存在“轮流保”"
                )
                found.append(Finding(10, "rotation", Severity.INFO, a.case_number, a.case_id, reason))
                break
    return found


@dataclass(frozen=True)
class SupportedPerson:
    """What S4 Art.5 and 24 need to know of a person a 特困 benefit covers."""

    id: str
    name: str
    birth_date: date
    disability_category: DisabilityCategory | None = None
    disability_grade: int | None = None
    in_school: bool = False


def check_tekun_minors(
    benefits: Sequence[BenefitRow], people: Mapping[str, SupportedPerson], today: date
) -> list[Finding]:
    """A minor supported as 特困 is supported until 18, longer only while in school (S4 Art.24); an adult
    with no other ground of 无劳动能力 (S4 Art.5) is then to be terminated."""
    found = []
    for b in benefits:
        if b.program is not Program.TEKUN or b.status not in BENEFIT_STATES:
            continue
        for pid in sorted(b.covered):
            p = people.get(pid)
            if p is None:
                continue
            ends = minor_coverage_ends(p.birth_date, p.in_school)
            age = age_on(p.birth_date, today)
            if (
                ends is None
                or ends > today
                or no_labour_capacity(age, p.disability_category, p.disability_grade)
            ):
                continue
            reason = (
                f"{p.name}已于{format_cn(ends)}年满18周岁，不在校就读，也无其他无劳动能力情形，"
                f"应终止特困人员救助供养（{S4}第五条、第二十四条）"
            )
            found.append(Finding(8, "tekun_minor_adult", Severity.WARNING, b.case_number, b.id, reason))
    return found
