"""Intake of a household file: look the applicant up first, then create the household and its members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import idcard, relations
from app.domain.codes import AreaLevel, DisabilityCategory, Health, IncomeKind, Sex, UrbanRural
from app.domain.names import name_pinyin
from app.errors import UserError
from app.models.area import Area
from app.models.db import UnitOfWork
from app.models.household import Household, IncomeItem, Person
from app.services.context import TOWNSHIP_ROLES, Actor, require_area, require_role


@dataclass(frozen=True)
class MemberInput:
    """One member as typed on the intake form; sex and birth date default to the ID number's."""

    name: str
    id_number: str
    relation_code: str
    sex: Sex | None = None
    birth_date: date | None = None
    health: Health = Health.HEALTHY
    disability_category: DisabilityCategory | None = None
    disability_grade: int | None = None
    is_student: bool = False
    employment: str = ""
    marital_status: str = ""


@dataclass(frozen=True)
class IncomeInput:
    kind: IncomeKind
    amount_fen: int
    period_months: int = 1
    member_index: int | None = None  # position in HouseholdInput.members
    counted: bool | None = None
    reason: str = ""


@dataclass(frozen=True)
class HouseholdInput:
    village_code: str
    urban_rural: UrbanRural
    address: str
    members: list[MemberInput]
    incomes: list[IncomeInput] = field(default_factory=list)
    phone: str = ""
    housing_type: str | None = None


def find_person(session: Session, id_number: str) -> Person | None:
    """The person already on file with this ID number (intake looks the applicant up first)."""
    number = idcard.normalize(id_number)
    return session.execute(select(Person).where(Person.id_number == number)).scalars().first()


def checked_member(
    session: Session,
    member: MemberInput,
    *,
    row: int | None = None,
    person_id: str | None = None,
    head_birth: date | None = None,
    today: date | None = None,
) -> str:
    """The normalised ID number of a member as typed, or ``UserError`` naming the field and row.

    The intake's rules: a name, a valid ID number not already on file for anyone else (in this
    household or another), a known relation, and a stated sex and birth date that fit the number.
    """
    if not member.name.strip():
        raise UserError("姓名不能为空", field="姓名", row=row)
    try:
        number = idcard.normalize(member.id_number)
    except UserError as exc:
        raise UserError(exc.message, field=idcard.FIELD, row=row) from None
    if not relations.is_known(member.relation_code):
        raise UserError(f"与户主关系代码“{member.relation_code}”无效", field="与户主关系", row=row)
    existing = find_person(session, number)
    if existing is not None and existing.id != person_id:
        household = session.get(Household, existing.household_id)
        where = f"{household.head_name}户" if household else "另一户"
        raise UserError(
            f"{member.name}（{idcard.mask(number)}）已在{where}的档案中，请从已有档案办理，不要重复建档",
            field=idcard.FIELD,
            row=row,
        )
    problems = idcard.inconsistencies(
        number,
        sex=member.sex,
        birth_date=member.birth_date,
        relation_code=member.relation_code,
        head_birth_date=None if relations.is_head(member.relation_code) else head_birth,
        on=today,
    )
    hard = [p for p in problems if p.field in ("性别", "出生日期")]
    if hard:
        raise UserError(hard[0].message, field=hard[0].field, row=row)
    return number


def _validated_members(
    session: Session, members: list[MemberInput], today: date
) -> list[tuple[MemberInput, str]]:
    if not members:
        raise UserError("至少需要一名家庭成员", field="家庭成员")
    seen: dict[str, int] = {}
    out = []
    for row, m in enumerate(members, start=1):
        number = checked_member(session, m, row=row, today=today)
        if number in seen:
            raise UserError(f"身份证号与第{seen[number]}行重复", field=idcard.FIELD, row=row)
        seen[number] = row
        out.append((m, number))
    if sum(relations.is_head(m.relation_code) for m in members) != 1:
        raise UserError("家庭成员中必须有且只有一名户主（与户主关系为“户主”或“本人”）", field="与户主关系")
    return out


def create_household(
    uow: UnitOfWork, actor: Actor, data: HouseholdInput, today: date | None = None
) -> Household:
    """Create a household with its members (and incomes) as one change; refuses duplicates.

    Sex and birth date are taken from the ID number when not given; a stated value that contradicts
    the number is refused with the row and field at fault.
    """
    require_role(actor, TOWNSHIP_ROLES, "建立家庭档案")
    session = uow.session
    today = today or clock.today()
    village = session.get(Area, data.village_code)
    if village is None or village.level != AreaLevel.VILLAGE.value:
        raise UserError(f"村（社区）代码“{data.village_code}”不存在", field="村（社区）")
    require_area(actor, village.code, "在该村建档")
    validated = _validated_members(session, data.members, today)
    head_input = next(m for m, _ in validated if relations.is_head(m.relation_code))
    household = Household(
        village_code=village.code,
        urban_rural=data.urban_rural.value,
        address=data.address,
        head_name=head_input.name.strip(),
        phone=data.phone,
        housing_type=data.housing_type,
    )
    session.add(household)
    session.flush()
    people: list[Person] = []
    for m, number in validated:  # each already checked against its ID number by checked_member
        info = idcard.parse(number)
        pinyin, initials = name_pinyin(m.name)
        person = Person(
            household_id=household.id,
            name=m.name.strip(),
            name_pinyin=pinyin,
            name_initials=initials,
            id_number=number,
            sex=info.sex.value,
            birth_date=info.birth_date,
            relation_code=m.relation_code,
            health=m.health.value,
            disability_category=m.disability_category.value if m.disability_category else None,
            disability_grade=m.disability_grade,
            is_student=m.is_student,
            employment=m.employment,
            marital_status=m.marital_status,
        )
        session.add(person)
        people.append(person)
    session.flush()
    for inc in data.incomes:
        person_id = people[inc.member_index].id if inc.member_index is not None else None
        session.add(
            IncomeItem(
                household_id=household.id,
                person_id=person_id,
                kind=inc.kind.value,
                amount_fen=inc.amount_fen,
                period_months=inc.period_months,
                counted=inc.counted,
                reason=inc.reason,
            )
        )
    session.flush()
    return household
