"""Turn the file's records (read by app.services.cases.printing) into the plain CaseFile the forms print."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from app.domain import relations
from app.domain.codes import (
    AssetKind,
    DisabilityCategory,
    Employment,
    Health,
    HousingType,
    IncomeKind,
    LabourCapacity,
    Marital,
    Program,
    Sex,
    UrbanRural,
)
from app.domain.idcard import age_on
from app.domain.income import IncomeLine
from app.domain.workflow import Action, CaseState
from app.printing.casefile import (
    AppraisalRow,
    AssetRow,
    BenefitInfo,
    CaseFile,
    DecisionRow,
    EventRow,
    IncomeRow,
    InvestigationRow,
    Means,
    Member,
    Office,
    SupporterRow,
)
from app.printing.wording import PROGRAM_TITLES, category

INVESTIGATION_KINDS = {
    "home_visit": "入户调查",
    "neighbour": "邻里访问",
    "letter": "信函索证",
    "matching": "信息核对",
    "visit": "入户走访",
    "county_visit": "县级入户核查",
}


@dataclass
class Records:
    """The rows of one case as read from the database (ORM objects or anything with the same attributes)."""

    office: Office
    case: Any
    household: Any
    persons: Sequence[Any]
    on: date
    incomes: Sequence[Any] = ()
    assets: Sequence[Any] = ()
    supporters: Sequence[Any] = ()
    investigations: Sequence[Any] = ()
    appraisals: Sequence[Any] = ()
    decisions: Sequence[Any] = ()
    events: Sequence[Any] = ()
    objections: Sequence[Any] = ()
    notices: Sequence[Any] = ()
    benefit: Any | None = None
    covered_ids: Sequence[str] = ()
    means: Means | None = None
    users: Mapping[str, str] = field(default_factory=dict)


def _who(rec: Any, user: str, origin: str) -> str:
    """A user name as its user's name: the recording office's account first, then this office's."""
    name: str = rec.users.get(f"{origin}:{user}") or rec.users.get(user, user)
    return name


def _label(enum: Any, value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _line(item: Any) -> IncomeLine:
    return IncomeLine(
        IncomeKind(item.kind),
        item.amount_fen,
        item.period_months,
        item.counted,
        item.reason or None,
        item.person_id,
    )


def _member(p: Any, on: date, income: Mapping[str, Fraction], covered: set[str]) -> Member:
    disability = ""
    if p.disability_category:
        grade = f"{p.disability_grade}级" if p.disability_grade else ""
        disability = f"{_label(DisabilityCategory, p.disability_category)}残疾{grade}"
    health = _label(Health, p.health)
    if p.illness:
        health = f"{health}（{p.illness}）"
    note = "已故" if p.death_date else ("" if p.is_member else (p.not_member_reason or "非共同生活成员"))
    return Member(
        name=p.name,
        id_number=p.id_number,
        sex=_label(Sex, p.sex),
        birth_date=p.birth_date,
        age=max(0, age_on(p.birth_date, on)),
        relation=relations.RELATIONS.get(p.relation_code, p.relation_code),
        is_member=bool(p.is_member) and p.death_date is None,
        health=health,
        disability=disability,
        labour=_label(LabourCapacity, p.labour_capacity),
        employment="在校学生" if p.is_student else _label(Employment, p.employment),
        marital=_label(Marital, p.marital_status),
        education=p.education or "",
        monthly_income_fen=round(income.get(p.id, Fraction(0))),
        covered=p.id in covered,
        note=note,
    )


def _benefit(b: Any, program: Program, ur: str) -> BenefitInfo:
    return BenefitInfo(
        status=_label(CaseState, b.status),
        category=category(program, ur, b.tier),
        start_month=b.start_month,
        end_month=b.end_month,
        base_fen=b.base_fen,
        topup_fen=b.topup_fen,
        monthly_fen=b.monthly_fen,
        exit_end_month=b.exit_end_month,
    )


def case_file(rec: Records) -> CaseFile:
    """The CaseFile for the forms: members in relation order, incomes per month, history in order."""
    case, hh = rec.case, rec.household
    program = Program(case.program)
    ur = _label(UrbanRural, hh.urban_rural)
    lines = [(_line(i), i) for i in rec.incomes]
    income: dict[str, Fraction] = {}
    for line, _item in lines:
        if line.person_id and line.is_counted and not line.is_deduction:
            income[line.person_id] = income.get(line.person_id, Fraction(0)) + line.monthly()
    covered = set(rec.covered_ids)
    persons = sorted(rec.persons, key=lambda p: (p.relation_code, p.birth_date))
    members = tuple(_member(p, rec.on, income, covered) for p in persons)
    by_id = {p.id: m for p, m in zip(persons, members, strict=True)}
    applicant = by_id.get(case.applicant_id) or members[0]
    housing = _label(HousingType, hh.housing_type)
    if hh.housing_area:
        housing = f"{housing}，{float(hh.housing_area):g}平方米"
    if hh.decoration:
        housing = f"{housing}，{hh.decoration}"
    notice_period = None
    preliminary = [n for n in rec.notices if n.kind == "preliminary"]
    if preliminary:
        notice_period = (preliminary[-1].starts_on, preliminary[-1].ends_on)
    names = {p.id: p.name for p in persons}
    return CaseFile(
        office=rec.office,
        case_number=case.case_number,
        program=program,
        program_title=PROGRAM_TITLES[program],
        rule_mode=case.rule_mode,
        state=_label(CaseState, case.state),
        applied_on=case.applied_on,
        accepted_on=case.accepted_on,
        applicant=applicant,
        head_name=hh.head_name or applicant.name,
        address=hh.address,
        urban_rural=ur,
        phone=hh.phone,
        members=members,
        printed_on=rec.on,
        single_person=bool(case.single_person),
        near_relative=bool(case.near_relative),
        three_no=bool(hh.three_no),
        housing=housing,
        poverty_causes=hh.poverty_causes,
        apply_reason=case.apply_reason,
        bank=hh.bank_name,
        account_masked=_mask(hh.account_no),
        opinion=case.opinion,
        opinion_by=_who(rec, case.opinion_by, case.origin_station),
        opinion_on=case.opinion_on,
        notice_period=notice_period,
        objections=tuple(f"{o.received_on:%Y-%m-%d} {o.channel}：{o.content}" for o in rec.objections),
        incomes=tuple(
            IncomeRow(
                names.get(item.person_id or "", "全家"),
                _label(IncomeKind, item.kind),
                round(line.monthly()),
                line.is_counted,
                line.exclusion_reason or item.source or "",
            )
            for line, item in lines
        ),
        assets=tuple(
            AssetRow(
                _label(AssetKind, a.kind), a.description, a.quantity, a.value_fen, a.exempt, a.exempt_reason
            )
            for a in rec.assets
        ),
        supporters=tuple(
            SupporterRow(
                s.name,
                s.id_number,
                s.relation,
                age_on(s.birth_date, rec.on) if s.birth_date else None,
                _label(Health, s.health),
                s.occupation,
                s.annual_income_fen,
                s.support_paid_fen,
                bool(s.able_to_support),
            )
            for s in rec.supporters
        ),
        investigations=tuple(
            InvestigationRow(
                INVESTIGATION_KINDS.get(i.kind, i.kind),
                i.started_on,
                i.finished_on,
                tuple(x for x in i.staff.split("、") if x),
                i.findings,
                i.eligible,
            )
            for i in rec.investigations
        ),
        appraisals=tuple(
            AppraisalRow(
                a.held_on,
                a.place,
                a.chair,
                a.recorder,
                a.attendance,
                a.representatives,
                a.votes_for,
                a.votes_against,
                a.votes_abstain,
                a.passed,
                a.record,
            )
            for a in rec.appraisals
        ),
        decisions=tuple(
            DecisionRow(
                d.kind,
                d.decided_on,
                _who(rec, d.decided_by, d.origin_station),
                d.amount_fen,
                d.start_month,
                d.legal_basis,
                d.reason,
                d.certificate_no,
            )
            for d in rec.decisions
        ),
        events=tuple(
            EventRow(
                e.on_date,
                "申请" if e.action == "apply" else _label(Action, e.action),
                _who(rec, e.actor, e.origin_station),
                e.legal_basis,
                e.reason,
            )
            for e in rec.events
        ),
        benefit=_benefit(rec.benefit, program, ur) if rec.benefit is not None else None,
        means=rec.means,
    )


def _mask(account: str) -> str:
    digits = "".join(ch for ch in account if ch.isalnum())
    return f"账号尾号{digits[-4:]}" if len(digits) > 4 else ""
