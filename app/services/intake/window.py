"""Intake at the window: look the applicant up, estimate the amount live, create the file and case at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import idcard
from app.domain.assessment import Standards, compute
from app.domain.benefit import BenefitResult, BenefitRules, MemberFacts
from app.domain.codes import AssetKind, DisabilityCategory, Program, UrbanRural
from app.domain.deadlines import days_left, due_note
from app.domain.income import IncomeAssessment, IncomeLine
from app.domain.workflow import Action
from app.errors import PermissionDenied, UserError
from app.models.area import Area
from app.models.case import Case
from app.models.db import UnitOfWork
from app.models.household import AssetItem, Household, Person
from app.services import settings
from app.services.cases import assessment, procedure
from app.services.cases.worklist import running_deadlines
from app.services.cases.workspace import DeadlineLine
from app.services.context import TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.households import registry
from app.services.intake import household
from app.services.intake.household import HouseholdInput, IncomeInput, MemberInput

WHAT = "受理申请"


@dataclass(frozen=True)
class KnownMember:
    name: str
    relation_code: str
    sex: str
    birth_date: date
    id_number: str


@dataclass(frozen=True)
class KnownApplicant:
    """The applicant is already on file: the intake reuses this household, never a duplicate."""

    person_id: str
    name: str
    id_number: str
    household_id: str
    head_name: str
    village_code: str
    village: str
    urban_rural: str
    address: str
    members: list[KnownMember]
    open_cases: list[str]  # "低保 初审公示 430623101-2026-000012"


@dataclass(frozen=True)
class Lookup:
    """The answer to the intake's first question: the normalised ID number, and who is on file with it."""

    id_number: str
    known: KnownApplicant | None  # None: someone new


@query
def lookup_applicant(uow: UnitOfWork, actor: Actor, id_number: str) -> Lookup:
    """The person with this ID number and their household, or ``known=None`` for someone new.

    Raises:
        UserError: the number is invalid; PermissionDenied for a role that takes no applications, or
        when the person is on file outside the actor's area.
    """
    require_role(actor, TOWNSHIP_ROLES, WHAT)
    session = uow.session
    number = idcard.normalize(id_number)
    person = household.find_person(session, number)
    if person is None:
        return Lookup(number, None)
    return Lookup(number, _known(session, actor, person))


def _known(session: Session, actor: Actor, person: Person) -> KnownApplicant:
    found = session.get(Household, person.household_id)
    assert found is not None
    area = session.get(Area, found.village_code)
    village = area.name if area else found.village_code
    if not actor.covers(found.village_code):
        raise PermissionDenied(f"{person.name}已在{village}{found.head_name}户的档案中，不在您的管辖范围内")
    people = session.execute(
        select(Person)
        .where(Person.household_id == found.id)
        .order_by(Person.relation_code, Person.birth_date)
    ).scalars()
    running = session.execute(
        select(Case).where(Case.household_id == found.id).order_by(Case.applied_on.desc())
    ).scalars()
    return KnownApplicant(
        person.id,
        person.name,
        person.id_number,
        found.id,
        found.head_name,
        found.village_code,
        village,
        found.urban_rural,
        found.address,
        [KnownMember(p.name, p.relation_code, p.sex, p.birth_date, p.id_number) for p in people],
        [
            f"{registry.program_label(c.program)} {registry.state_label(c.state)} {c.case_number}"
            for c in running
            if procedure.is_open(c)
        ],
    )


@dataclass(frozen=True)
class IntakeBasis:
    """What the live estimate needs, loaded once: villages, the standards table and the benefit rules."""

    villages: list[tuple[str, str]]
    standards: Standards
    rules: BenefitRules


@query
def intake_basis(uow: UnitOfWork, actor: Actor) -> IntakeBasis:
    """The villages of the actor's area, the standards and the rules, for the intake's live estimate."""
    require_role(actor, TOWNSHIP_ROLES, WHAT)
    session = uow.session
    return IntakeBasis(
        registry.village_list(session, actor.area_code),
        assessment.load_standards(session),
        settings.benefit_rules(session),
    )


@query
def estimate_on_file(
    uow: UnitOfWork, actor: Actor, household_id: str, program: Program, on: date
) -> tuple[IncomeAssessment, BenefitResult]:
    """The live estimate for a household already on file, from its file as it stands."""
    require_role(actor, TOWNSHIP_ROLES, WHAT)
    found = uow.session.get(Household, household_id)
    if found is None:
        raise UserError("找不到该家庭档案")
    require_area(actor, found.village_code, "测算该户")
    return assessment.estimate(uow.session, household_id, program.value, on)


def draft_estimate(
    basis: IntakeBasis,
    program: Program,
    urban_rural: UrbanRural,
    on: date,
    members: list[MemberInput],
    incomes: list[IncomeInput],
    covered: list[int] | None = None,
    village_code: str | None = None,
) -> tuple[IncomeAssessment, BenefitResult]:
    """The per-capita income and amount for a household not yet saved, by the one shared calculation.

    ``covered``: indexes of the members covered (all when None); ``village_code`` picks a township's own
    standard where there is one.
    """
    if program is Program.LINSHI:
        raise UserError("临时救助按一事一议确定救助金额，不按标准测算")
    if not members:
        raise UserError("请先录入家庭成员")
    standard = basis.standards.monthly(program.value, urban_rural.value, on, village_code)
    if standard is None:
        raise UserError(f"尚未录入{on.year}年适用的保障标准，请先在“设置—保障标准”中录入")
    ids = [f"m{i}" for i in range(len(members))]
    facts = []
    for i, m in enumerate(members):
        born = idcard.parse(m.id_number).birth_date if idcard.is_valid(m.id_number) else m.birth_date
        if born is None:
            raise UserError(f"第{i + 1}位成员的身份证号无效，无法计算年龄", field="身份证号", row=i + 1)
        category = DisabilityCategory(m.disability_category) if m.disability_category else None
        facts.append(
            MemberFacts(ids[i], max(0, idcard.age_on(born, on)), category, m.disability_grade, m.health)
        )
    lines = [
        IncomeLine(
            inc.kind,
            inc.amount_fen,
            inc.period_months,
            inc.counted,
            inc.reason or None,
            ids[inc.member_index] if inc.member_index is not None else None,
        )
        for inc in incomes
    ]
    chosen = [facts[i] for i in covered] if covered is not None else facts
    return compute(standard, lines, len(members), chosen, basis.rules, three_no=False)


@dataclass(frozen=True)
class AssetInput:
    kind: AssetKind
    description: str = ""
    value_fen: int = 0
    quantity: int = 1
    exempt: bool = False
    exempt_reason: str = ""


MAX_REASON = 500


@dataclass(frozen=True)
class Application:
    """What the intake wizard hands over: a new household (or an existing one's id) and the application."""

    applicant_id_number: str
    program: Program
    applied_on: date
    consent_on: date | None
    household: HouseholdInput | None = None
    household_id: str | None = None
    assets: list[AssetInput] = field(default_factory=list)
    single_person: bool = False
    near_relative: bool = False
    accept_now: bool = False
    reason: str = ""  # 申请理由, as the applicant gives it (printed on the 申请书)


@dataclass(frozen=True)
class Created:
    case_id: str
    case_number: str
    household_id: str
    head_name: str
    state: str
    deadlines: list[DeadlineLine]


def submit_application(uow: UnitOfWork, actor: Actor, app: Application, today: date | None = None) -> Created:
    """Create the household (if new) with its members, incomes and assets, open the case, and accept it
    when the materials are complete; all in one unit of work, so a refusal writes nothing."""
    require_role(actor, TOWNSHIP_ROLES, WHAT)
    session = uow.session
    today = today or clock.today()
    if app.household is not None:
        found = household.create_household(uow, actor, app.household, today)
        for a in app.assets:
            if a.value_fen < 0 or a.quantity < 1:
                raise UserError(f"“{a.kind.label}”的数量或价值不正确", field="财产")
            session.add(
                AssetItem(
                    household_id=found.id,
                    kind=a.kind.value,
                    description=a.description,
                    quantity=a.quantity,
                    value_fen=a.value_fen,
                    exempt=a.exempt,
                    exempt_reason=a.exempt_reason,
                )
            )
        session.flush()
    elif app.household_id is not None:
        on_file = session.get(Household, app.household_id)
        if on_file is None:
            raise UserError("找不到该家庭档案")
        require_area(actor, on_file.village_code, "为该户登记申请")
        found = on_file
    else:
        raise UserError("请先确定申请家庭")
    applicant = household.find_person(session, app.applicant_id_number)
    if applicant is None or applicant.household_id != found.id:
        raise UserError("申请人必须是该户的家庭成员", field="申请人")
    case = procedure.open_case(
        uow,
        actor,
        household_id=found.id,
        applicant_id=applicant.id,
        program=app.program,
        applied_on=app.applied_on,
        single_person=app.single_person,
        near_relative=app.near_relative,
        consent_on=app.consent_on,
    )
    reason = app.reason.strip()
    if len(reason) > MAX_REASON:
        raise UserError(f"申请理由不超过{MAX_REASON}字（现为{len(reason)}字）", field="申请理由")
    case.apply_reason = reason
    if app.accept_now:
        procedure.act(uow, actor, case.id, Action.ACCEPT, app.applied_on)
    cal = settings.calendar(session)
    return Created(
        case.id,
        case.case_number,
        found.id,
        found.head_name,
        case.state,
        [
            DeadlineLine(d.label, d.due, days_left(d, today, cal), d.basis, due_note(d.due, cal))
            for d in running_deadlines(session, case)
        ],
    )
