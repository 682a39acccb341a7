"""The data a case's paper forms are filled from: plain values, loaded by app.services.cases.printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.codes import Program


@dataclass(frozen=True)
class Office:
    """Who issues the paper: the county, the township (with its office contacts) and the village."""

    county: str
    township: str
    village: str
    office_name: str = ""
    phone: str = ""
    address: str = ""
    hotline: str = "12349"

    @property
    def county_bureau(self) -> str:
        return f"{self.county}民政局"

    @property
    def township_government(self) -> str:
        return f"{self.township}人民政府"


@dataclass(frozen=True)
class Member:
    """A household member as the forms show them (forms are not public: the ID number is printed)."""

    name: str
    id_number: str
    sex: str
    birth_date: date
    age: int
    relation: str
    is_member: bool = True
    health: str = ""
    disability: str = ""
    labour: str = ""
    employment: str = ""
    marital: str = ""
    education: str = ""
    monthly_income_fen: int = 0
    covered: bool = False
    note: str = ""


@dataclass(frozen=True)
class IncomeRow:
    person: str
    kind: str
    monthly_fen: int
    counted: bool
    note: str = ""


@dataclass(frozen=True)
class AssetRow:
    kind: str
    description: str
    quantity: int
    value_fen: int
    exempt: bool
    note: str = ""


@dataclass(frozen=True)
class SupporterRow:
    name: str
    id_number: str
    relation: str
    age: int | None
    health: str
    occupation: str
    annual_income_fen: int
    support_paid_fen: int
    able: bool


@dataclass(frozen=True)
class InvestigationRow:
    kind: str
    started_on: date
    finished_on: date | None
    staff: tuple[str, ...]
    findings: str
    eligible: bool | None


@dataclass(frozen=True)
class AppraisalRow:
    held_on: date
    place: str
    chair: str
    recorder: str
    attendance: int
    representatives: int
    votes_for: int
    votes_against: int
    votes_abstain: int
    passed: bool
    record: str


@dataclass(frozen=True)
class DecisionRow:
    kind: str  # approve | refuse | stop | adjust | gradual_exit
    decided_on: date
    decided_by: str
    amount_fen: int | None
    start_month: str | None
    legal_basis: str
    reason: str
    certificate_no: str = ""


@dataclass(frozen=True)
class BenefitInfo:
    status: str
    category: str
    start_month: str
    end_month: str | None
    base_fen: int
    topup_fen: int
    monthly_fen: int
    exit_end_month: str | None = None


@dataclass(frozen=True)
class EventRow:
    on: date
    action: str
    actor: str
    basis: str
    reason: str


@dataclass(frozen=True)
class Means:
    """The means test as the file stands (absent when no standard is set)."""

    standard_fen: int
    income_fen: int
    per_capita_fen: int
    amount_fen: int
    eligible: bool
    reason: str = ""


@dataclass(frozen=True)
class CaseFile:
    """One case and its household, ready to be printed on any form."""

    office: Office
    case_number: str
    program: Program
    program_title: str
    rule_mode: str
    state: str
    applied_on: date
    accepted_on: date | None
    applicant: Member
    head_name: str
    address: str
    urban_rural: str
    phone: str
    members: tuple[Member, ...]
    printed_on: date
    single_person: bool = False
    near_relative: bool = False
    three_no: bool = False
    housing: str = ""
    poverty_causes: str = ""
    apply_reason: str = ""  # 申请理由, as the applicant gave it at intake
    bank: str = ""
    account_masked: str = ""
    opinion: str = ""
    opinion_by: str = ""
    opinion_on: date | None = None
    notice_period: tuple[date, date] | None = None
    objections: tuple[str, ...] = ()
    incomes: tuple[IncomeRow, ...] = ()
    assets: tuple[AssetRow, ...] = ()
    supporters: tuple[SupporterRow, ...] = ()
    investigations: tuple[InvestigationRow, ...] = ()
    appraisals: tuple[AppraisalRow, ...] = ()
    decisions: tuple[DecisionRow, ...] = ()
    events: tuple[EventRow, ...] = ()
    benefit: BenefitInfo | None = None
    means: Means | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def living_members(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.is_member)

    @property
    def covered(self) -> tuple[Member, ...]:
        found = tuple(m for m in self.members if m.covered)
        return found or ((self.applicant,) if self.single_person else self.living_members)

    def last_decision(self, *kinds: str) -> DecisionRow | None:
        found = [d for d in self.decisions if d.kind in kinds]
        return found[-1] if found else None
