"""Audit-finding data checks (domain.md §5 items 1, 2, 4, 5, 7, 8, 9) as pure functions over plain rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from app import clock
from app.domain import idcard, relations
from app.domain.calendar import format_cn
from app.domain.checks_rows import RECORD_KINDS as RECORD_KINDS
from app.domain.checks_rows import (
    BenefitRow,
    CaseDeadline,
    CaseRow,
    Finding,
    NearRelativeCase,
    PersonRow,
    ReviewDue,
    Severity,
    case_covers,
    id_key,
    month_or_none,
    person_finding,
    person_ref,
)
from app.domain.checks_rows import sort_findings as sort_findings
from app.domain.checks_rows import summarise as summarise
from app.domain.codes import Program, Sex
from app.domain.deadlines import DayOffCalendar, countdown, days_left, due_note
from app.domain.money import (
    fen_to_yuan,
    last_day,
    month_cn,
    month_of,
    months_between,
    next_month,
    parse_month,
)
from app.domain.reviews import GRADUAL_EXIT_MAX_MONTHS, is_review_overdue
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, S1

DEADLINE_SOON_WD = 3  # a countdown is shown this many working days before a deadline
_LIVE_STATES = BENEFIT_STATES | PRE_DECISION_STATES
_PLAIN_ID = re.compile(r"\d{17}[\dX]")
_EARLIEST_BIRTH = date(1900, 1, 1)  # as idcard.normalize


# ------------------------------------------------------------------ item 2: duplicate ID numbers


def check_duplicate_ids(persons: Sequence[PersonRow], cases: Sequence[CaseRow]) -> list[Finding]:
    """The same ID number twice in a household, in several households with live cases, or in 低保 and 特困."""
    by_key: dict[str, list[PersonRow]] = {}
    for person in persons:
        key = id_key(person.id_number)
        if key:
            by_key.setdefault(key, []).append(person)
    live: dict[str, list[CaseRow]] = {}
    for case in cases:
        if case.state in _LIVE_STATES:
            live.setdefault(case.household_id, []).append(case)
    found: list[Finding] = []
    for people in by_key.values():
        if len(people) == 1 and len(live.get(people[0].household_id, ())) < 2:
            continue  # one person, at most one live case: nothing below can find anything
        households: dict[str, list[PersonRow]] = {}
        for person in people:
            households.setdefault(person.household_id, []).append(person)
        for same in households.values():
            if len(same) > 1:
                names = "、".join(p.name for p in same)
                reason = f"同一户内同一身份证号登记了{len(same)}次（{names}）；同一人在一户中只能登记一次"
                found.append(person_finding(2, "dup_id_household", Severity.SEVERE, same[0], reason))
        found.extend(_across_households(households, live))
        found.extend(_dibao_and_tekun(people, live))
    return found


def _across_households(
    households: dict[str, list[PersonRow]], live: dict[str, list[CaseRow]]
) -> list[Finding]:
    with_cases = [(people[0], live[hh]) for hh, people in households.items() if hh in live]
    if len(with_cases) < 2:
        return []
    paid = sum(any(c.state in BENEFIT_STATES for c in cs) for _, cs in with_cases)
    parts = [
        f"{p.name}：" + "、".join(f"{c.case_number}（{c.program.label}，{c.state.label}）" for c in cs)
        for p, cs in with_cases
    ]
    reason = f"同一身份证号登记在{len(with_cases)}个家庭中，且各有在办或在保案件：{'；'.join(parts)}。"
    if paid >= 2:
        reason += f"其中{paid}个家庭正在享受保障。"
    reason += "同一人只能作为一个家庭的成员申请或享受救助"
    severity = Severity.SEVERE if paid >= 2 else Severity.WARNING
    return [person_finding(2, "dup_id_households", severity, with_cases[0][0], reason)]


def _dibao_and_tekun(people: list[PersonRow], live: dict[str, list[CaseRow]]) -> list[Finding]:
    by_program: dict[Program, list[CaseRow]] = {}
    for person in people:
        for case in live.get(person.household_id, ()):
            if case.state in BENEFIT_STATES and case_covers(case, person):
                by_program.setdefault(case.program, []).append(case)
    if Program.DIBAO not in by_program or Program.TEKUN not in by_program:
        return []
    dibao = "、".join(c.case_number for c in by_program[Program.DIBAO])
    tekun = "、".join(c.case_number for c in by_program[Program.TEKUN])
    reason = f"同一人同时被低保案件{dibao}和特困供养案件{tekun}纳入保障；已认定为特困人员的不再同时享受低保"
    return [person_finding(2, "dibao_and_tekun", Severity.SEVERE, people[0], reason)]


# ------------------------------------------------------------------ item 4: near relatives


def check_near_relatives(cases: Iterable[NearRelativeCase]) -> list[Finding]:
    """A near relative's case must be filed separately, and decided only after the county's home visit."""
    found: list[Finding] = []
    for c in cases:
        if not c.filed:
            reason = f"经办人员或村干部近亲属申请，未单独登记备案（{S1}第十一条）"
            found.append(Finding(4, "near_relative_unfiled", Severity.SEVERE, c.case_number, c.id, reason))
        if c.state in BENEFIT_STATES and not c.county_visited:
            reason = f"近亲属备案的保障对象，县级未入户核查即予确认（{S1}第二十条）"
            found.append(Finding(4, "near_relative_no_visit", Severity.SEVERE, c.case_number, c.id, reason))
    return found


# ------------------------------------------------------------------ item 5: covered persons


def check_covered_members(
    benefits: Sequence[BenefitRow], members: Mapping[str, frozenset[str]], cases: Mapping[str, CaseRow]
) -> list[Finding]:
    """Covered persons ≠ living household members (not 单人户); a 单人户 or 特困 case covers exactly one."""
    found: list[Finding] = []
    for b in benefits:
        if b.status not in BENEFIT_STATES:
            continue
        case = cases.get(b.case_id)
        if b.program is Program.TEKUN or (case is not None and case.single_person):
            applicant = case.applicant_id if case is not None else ""
            if len(b.covered) != 1:
                reason = f"单人户（单独申请）或特困供养应只保障1人，实际保障{len(b.covered)}人"
            elif applicant and applicant not in b.covered:
                reason = "单人户（单独申请）或特困供养的保障对象应为申请人本人，但登记的保障对象不是申请人"
            else:
                continue
            found.append(Finding(5, "single_person_covered", Severity.WARNING, b.case_number, b.id, reason))
            continue
        expected = members.get(b.household_id, frozenset())
        missing, extra = len(expected - b.covered), len(b.covered - expected)
        if missing or extra:
            parts = ([f"{missing}名共同生活家庭成员未纳入保障"] if missing else []) + (
                [f"{extra}名保障对象不是本户在世的共同生活家庭成员"] if extra else []
            )
            reason = (
                f"保障对象与家庭成员不一致：{'，'.join(parts)}。非单人户应将全部共同生活家庭成员"
                f"纳入保障（{S1}第七条）"
            )
            found.append(Finding(5, "covered_members", Severity.WARNING, b.case_number, b.id, reason))
    return found


# ------------------------------------------------------------------ item 7: amounts and months


def check_amounts(benefits: Sequence[BenefitRow]) -> list[Finding]:
    """Amount ≠ the rules; start month ≠ the month after approval; 渐退期 over 6 months or malformed."""
    found: list[Finding] = []
    for b in benefits:

        def add(code: str, severity: Severity, reason: str, b: BenefitRow = b) -> None:
            found.append(Finding(7, code, severity, b.case_number, b.id, reason))

        if b.expected_fen is not None and b.monthly_fen != b.expected_fen:
            diff = b.monthly_fen - b.expected_fen
            add(
                "amount_mismatch",
                Severity.SEVERE,
                f"月保障金额为{fen_to_yuan(b.monthly_fen)}元，按{b.program.label}标准和家庭收入核定应为"
                f"{fen_to_yuan(b.expected_fen)}元（{'多' if diff > 0 else '少'}{fen_to_yuan(abs(diff))}元）；"
                "保障金额应按补差或分档标准核定",
            )
        if b.approved_on is not None:
            due = next_month(month_of(b.approved_on))
            start = month_or_none(b.start_month)
            if start != due:
                when = f"“{b.start_month}”无法识别" if start is None else month_cn(start)
                when += "" if start is None else ("，早于次月" if start < due else "，晚于次月")
                add(
                    "start_month",
                    Severity.WARNING,
                    f"起始发放月份为{when}；审核确认日期为{format_cn(b.approved_on)}，"
                    f"应从次月即{month_cn(due)}起发放（{S1}第二十一条）",
                )
        first, last = month_or_none(b.exit_start_month), month_or_none(b.exit_end_month)
        if (b.exit_start_month and first is None) or (b.exit_end_month and last is None):
            add("gradual_exit_dates", Severity.WARNING, "渐退期的起止月份无法识别，请核对")
        elif first and last:
            months = months_between(first, last) + 1
            if months < 1:
                add("gradual_exit_dates", Severity.WARNING, "渐退期结束月份早于开始月份，请核对")
            elif months > GRADUAL_EXIT_MAX_MONTHS:
                add(
                    "gradual_exit_too_long",
                    Severity.SEVERE,
                    f"渐退期为{month_cn(first)}至{month_cn(last)}共{months}个月，"
                    f"超过{GRADUAL_EXIT_MAX_MONTHS}个月（{S1}第三十三条：渐退期原则上不超过6个月）",
                )
    return found


# ------------------------------------------------------------------ item 8: reviews and deadlines


def check_reviews(reviews: Iterable[ReviewDue], today: date) -> list[Finding]:
    """Open periodic reviews whose due date has passed."""
    found: list[Finding] = []
    for r in reviews:
        if is_review_overdue(r.due_on, today):
            reason = (
                f"复核已逾期{(today - r.due_on).days}天（应于{format_cn(r.due_on)}前完成）；"
                f"在保家庭应按规定定期核查（{S1}第三十一条）"
            )
            found.append(Finding(8, "review_overdue", Severity.WARNING, r.case_number, r.case_id, reason))
    return found


def check_deadlines(deadlines: Iterable[CaseDeadline], today: date, cal: DayOffCalendar) -> list[Finding]:
    """Deadlines already missed (warning) or due within ``DEADLINE_SOON_WD`` working days (countdown).

    “今天到期” only on the due date itself; a due date on a weekend or holiday says which day it is.
    """
    found: list[Finding] = []
    for item in deadlines:
        d = item.deadline
        left = days_left(d, today, cal)
        if left < 0:
            code, severity = "deadline_overdue", Severity.WARNING
        elif left <= DEADLINE_SOON_WD:
            code, severity = "deadline_soon", Severity.INFO
        else:
            continue
        note = due_note(d.due, cal)
        basis = f"期限为{format_cn(d.due)}{f'，{note}' if note else ''}，依据{d.basis}"
        text = f"{d.label}{countdown(d.due, today, cal)}（{basis}）"
        found.append(Finding(8, code, severity, item.case_number, item.case_id, text))
    return found


# ------------------------------------------------------------------ item 9: identity consistency


def _looks_consistent(person: PersonRow, head_birth: date | None, today: date, latest: date) -> bool:
    """Fast accept: True only when ``idcard.inconsistencies`` would surely find nothing."""
    number, born = person.id_number, person.birth_date
    if not (_PLAIN_ID.fullmatch(number) and _EARLIEST_BIRTH <= born <= latest):
        return False
    if number[6:14] != f"{born.year:04d}{born.month:02d}{born.day:02d}":
        return False
    if (int(number[16]) % 2 == 1) != (person.sex is Sex.MALE) or idcard.check_char(number[:17]) != number[17]:
        return False
    head_age = idcard.age_on(head_birth, today) if head_birth is not None else None
    return not relations.relation_problems(
        person.relation_code, person.sex, idcard.age_on(born, today), head_age
    )


def _identity_finding(person: PersonRow, problem: idcard.Inconsistency) -> Finding:
    message, severity = problem.message, Severity.WARNING
    if problem.field == idcard.FIELD:
        code, hint = "invalid_id", "请对照身份证或户口簿核对号码"
    elif problem.field == "性别":
        code, hint = "sex_mismatch", "登记的性别应与身份证号一致"
    elif problem.field == "出生日期":
        code, hint = "birth_mismatch", "登记的出生日期应与身份证号一致"
    elif not relations.is_known(person.relation_code):
        code, hint = "relation_unknown", "与户主关系应使用GB/T 4761-2008代码"
    elif "性别应为" in message:
        code, hint = "relation_sex", "请核对与户主关系或性别"
    elif "至少相差" in message:
        code, hint, severity = "relation_age_gap", "年龄差异偏小，请核实", Severity.INFO
    else:
        code, hint = "relation_age", "请核对与户主关系、出生日期及户主登记"
    return person_finding(9, code, severity, person, f"{message}；{hint}")


def check_identity(persons: Sequence[PersonRow], today: date) -> list[Finding]:
    """Invalid ID numbers and sex/birth/relation inconsistencies, grouped by household (linear time).

    Ages against the head use the birth date of the household's only 户主 (relation 01/02); with
    none or several heads the age checks are skipped (several heads are a finding of their own).
    """
    by_household: dict[str, list[PersonRow]] = {}
    for person in persons:
        by_household.setdefault(person.household_id, []).append(person)
    latest = clock.today()  # idcard rejects birth dates after the real today
    found: list[Finding] = []
    for people in by_household.values():
        heads = [p for p in people if relations.is_head(p.relation_code)]
        head_birth = heads[0].birth_date if len(heads) == 1 else None
        if len(heads) > 1:
            names = "、".join(p.name for p in heads)
            reason = f"同一户登记了{len(heads)}名户主（{names}）；每户只能有一名户主，成员年龄关系暂未核对"
            found.append(person_finding(9, "multiple_heads", Severity.WARNING, heads[0], reason))
        for p in people:
            if _looks_consistent(p, head_birth, today, latest):
                continue
            problems = idcard.inconsistencies(
                p.id_number,
                sex=p.sex,
                birth_date=p.birth_date,
                relation_code=p.relation_code,
                head_birth_date=head_birth,
                on=today,
            )
            found.extend(_identity_finding(p, problem) for problem in problems)
    return found


# ------------------------------------------------------------------ item 1: payments after death


def check_deaths(persons: Sequence[PersonRow], benefits: Sequence[BenefitRow], month: str) -> list[Finding]:
    """Covered persons who died on or before the last day of ``month`` while the benefit pays that month."""
    month = parse_month(month)
    end = last_day(month)
    dead = {p.id: (p, p.death_date) for p in persons if p.death_date is not None and p.death_date <= end}
    found: list[Finding] = []
    for b in benefits:
        if b.status not in BENEFIT_STATES or not dead:
            continue
        start, exit_end = month_or_none(b.start_month), month_or_none(b.exit_end_month)
        if (start is not None and start > month) or (exit_end is not None and exit_end < month):
            continue
        for person_id in sorted(b.covered & dead.keys()):
            p, died = dead[person_id]
            reason = (
                f"{p.name}已于{format_cn(died)}死亡，但仍是{month_cn(month)}发放的保障对象（案件"
                f"{b.case_number}）；应及时停发或调整，并在3个月内重新核查家庭情况"
            )
            subject = f"{b.case_number} {person_ref(p)}"
            found.append(Finding(1, "paid_after_death", Severity.SEVERE, subject, b.id, reason))
    return found
