"""Input rows and findings of the audit checks (domain.md §5); the checks are in ``app.domain.checks``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain import idcard, relations
from app.domain.codes import Program, Sex
from app.domain.deadlines import Deadline
from app.domain.money import parse_month
from app.domain.workflow import CaseState
from app.errors import UserError


class Severity(StrEnum):
    SEVERE = "severe"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"severe": "严重", "warning": "警告"}.get(self.value, "提示")

    @property
    def rank(self) -> int:
        """Sort key: 0 for the most serious."""
        return {"severe": 0, "warning": 1}.get(self.value, 2)


# What ``Finding.record_id`` refers to, per finding code.
RECORD_KINDS: dict[str, str] = {
    **dict.fromkeys(("dup_id_household", "dup_id_households", "dibao_and_tekun"), "person"),
    **dict.fromkeys(("covered_members", "single_person_covered", "paid_after_death"), "benefit"),
    **dict.fromkeys(
        ("amount_mismatch", "start_month", "gradual_exit_too_long", "gradual_exit_dates"), "benefit"
    ),
    **dict.fromkeys(("review_overdue", "deadline_overdue", "deadline_soon"), "case"),
    **dict.fromkeys(("near_relative_unfiled", "near_relative_no_visit"), "case"),
    **dict.fromkeys(
        ("invalid_id", "sex_mismatch", "birth_mismatch", "relation_unknown", "relation_sex"), "person"
    ),
    **dict.fromkeys(("relation_age", "relation_age_gap", "multiple_heads"), "person"),
    **dict.fromkeys(("match_flag",), "person"),
    **dict.fromkeys(("account_holder", "shared_account", "tekun_minor_adult"), "benefit"),
    **dict.fromkeys(("rotation",), "case"),
    **dict.fromkeys(("village_spike",), "village"),
    # "check_not_run" (a check that could not run, and why) is about no record.
}


@dataclass(frozen=True)
class Finding:
    """One audit finding: which §5 item, a stable code, how serious, what it is about and why.

    ``subject`` is a human reference (case number, or name with a masked ID number) and
    ``record_id`` the id of the row to open: a person, a benefit or a case (see ``record_kind``).
    """

    item: int
    code: str
    severity: Severity
    subject: str
    record_id: str
    reason: str

    @property
    def record_kind(self) -> str:
        """``"person"``, ``"benefit"``, ``"case"`` or ``"village"`` (empty: about no one record)."""
        return RECORD_KINDS.get(self.code, "")


@dataclass(frozen=True)
class PersonRow:
    id: str
    household_id: str
    name: str
    id_number: str
    sex: Sex
    birth_date: date
    relation_code: str
    death_date: date | None = None


@dataclass(frozen=True)
class CaseRow:
    id: str
    case_number: str
    household_id: str
    program: Program
    state: CaseState
    single_person: bool = False
    applicant_id: str = ""


@dataclass(frozen=True)
class NearRelativeCase:
    """A case registered as a caseworker's or village cadre's near relative."""

    id: str
    case_number: str
    state: CaseState
    filed: bool  # 单独登记备案
    county_visited: bool


@dataclass(frozen=True)
class BenefitRow:
    """A benefit record; ``expected_fen`` is the amount the rules give (None when unknown)."""

    id: str
    case_id: str
    case_number: str
    household_id: str
    program: Program
    status: CaseState
    monthly_fen: int
    expected_fen: int | None
    start_month: str
    approved_on: date | None
    exit_start_month: str | None
    exit_end_month: str | None
    covered: frozenset[str]


@dataclass(frozen=True)
class ReviewDue:
    """An open (not yet done) periodic review."""

    case_id: str
    case_number: str
    due_on: date


@dataclass(frozen=True)
class CaseDeadline:
    case_id: str
    case_number: str
    deadline: Deadline


def person_ref(person: PersonRow) -> str:
    """``户主 张三（430623********1234）``: the name with the ID number masked, never in full."""
    prefix = "户主 " if relations.is_head(person.relation_code) else ""
    number = person.id_number.strip()
    masked = idcard.mask(number) if number else "无身份证号"
    return f"{prefix}{person.name}（{masked}）"


def person_finding(item: int, code: str, severity: Severity, person: PersonRow, reason: str) -> Finding:
    """A finding about a person: the subject is the name with the masked ID number."""
    return Finding(item, code, severity, person_ref(person), person.id, reason)


def id_key(raw: str) -> str:
    """The normalised ID number used to compare people; an unparseable number is compared as typed."""
    text = raw.strip().upper()
    if len(text) == 18 and text.isascii():
        return text
    try:
        return idcard.normalize(raw)
    except UserError:
        return text


def case_covers(case: CaseRow, person: PersonRow) -> bool:
    """A 特困 or 单人户 case with a known applicant covers only the applicant; otherwise the household."""
    if case.household_id != person.household_id:
        return False
    if case.applicant_id and (case.single_person or case.program is Program.TEKUN):
        return case.applicant_id == person.id
    return True


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Count findings by severity value; every severity is present (zero when none)."""
    counts = dict.fromkeys((s.value for s in Severity), 0)
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most serious first, then by §5 item, code and subject (stable for equal keys)."""
    return sorted(findings, key=lambda f: (f.severity.rank, f.item, f.code, f.subject))


def month_or_none(text: str | None) -> str | None:
    """``text`` as "YYYY-MM", or None when it is empty or not a month."""
    try:
        return parse_month(text) if text else None
    except UserError:
        return None
