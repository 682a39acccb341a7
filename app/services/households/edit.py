"""Editing an existing household file: its facts, members, incomes, assets and legal supporters.

Every use case is ``fn(uow, actor, ...)``: township roles only, inside the actor's area. A refusal
raises ``UserError`` naming the field (and row) before anything is written; versions, audit rows and
the outbox follow from the ORM changes (see ``app.models.tracking``). People are never deleted: a
member who no longer lives in the household is marked so, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import idcard, relations
from app.domain.codes import AssetKind, Health, HousingType, IncomeKind, UrbanRural
from app.domain.names import name_pinyin
from app.errors import PermissionDenied, UserError
from app.models.area import Area
from app.models.db import UnitOfWork
from app.models.household import AssetItem, Household, IncomeItem, Person, Supporter
from app.services.context import TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.households import attachments
from app.services.intake.household import MemberInput, checked_member

WHAT = "修改家庭档案"

# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class HouseholdFields:
    """The household's own facts as edited on the 家庭 tab."""

    address: str
    urban_rural: UrbanRural
    phone: str = ""
    housing_type: HousingType | None = None
    housing_area: str = ""  # square metres as typed; "" = not recorded
    bank_name: str = ""
    account_no: str = ""
    account_holder: str = ""
    notes: str = ""


@dataclass(frozen=True)
class IncomeData:
    kind: IncomeKind
    amount_fen: int
    period_months: int = 1
    person_id: str | None = None
    counted: bool | None = None
    reason: str = ""
    source: str = ""


@dataclass(frozen=True)
class AssetData:
    kind: AssetKind
    description: str = ""
    quantity: int = 1
    value_fen: int = 0
    person_id: str | None = None
    exempt: bool = False
    exempt_reason: str = ""


@dataclass(frozen=True)
class SupporterData:
    name: str
    id_number: str = ""
    relation: str = ""
    health: Health = Health.HEALTHY
    occupation: str = ""
    annual_income_fen: int = 0
    support_paid_fen: int = 0
    able_to_support: bool = True
    reason: str = ""


# ---------------------------------------------------------------- what the editor shows


@dataclass(frozen=True)
class MemberView:
    person_id: str
    name: str
    id_number: str
    relation_code: str
    sex: str
    birth_date: date
    health: str
    is_member: bool
    not_member_reason: str


@dataclass(frozen=True)
class IncomeView:
    item_id: str
    kind: str
    amount_fen: int
    period_months: int
    person_id: str | None
    reason: str


@dataclass(frozen=True)
class AssetView:
    item_id: str
    kind: str
    description: str
    quantity: int
    value_fen: int
    exempt: bool


@dataclass(frozen=True)
class SupporterView:
    item_id: str
    name: str
    id_number: str
    relation: str
    annual_income_fen: int
    support_paid_fen: int
    able_to_support: bool


@dataclass(frozen=True)
class AttachmentView:
    attachment_id: str
    kind: str
    filename: str
    size: int
    sha256: str
    note: str


@dataclass(frozen=True)
class HouseholdFile:
    household_id: str
    village_code: str
    village: str
    head_name: str
    fields: HouseholdFields
    members: list[MemberView]
    incomes: list[IncomeView]
    assets: list[AssetView]
    supporters: list[SupporterView]
    attachments: list[AttachmentView]
    read_only_reason: str  # "" when the actor may edit

    @property
    def editable(self) -> bool:
        return not self.read_only_reason


# ---------------------------------------------------------------- shared checks


def editable_household(uow: UnitOfWork, actor: Actor, household_id: str) -> Household:
    require_role(actor, TOWNSHIP_ROLES, WHAT)
    household = uow.session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案，可能已被删除")
    require_area(actor, household.village_code, WHAT)
    return household


def editable_row(
    uow: UnitOfWork, actor: Actor, model: type, item_id: str, what: str
) -> tuple[Household, object]:
    item = uow.session.get(model, item_id)
    if item is None:
        raise UserError(f"找不到该{what}，可能已被删除")
    return editable_household(uow, actor, item.household_id), item


def _head_birth(session: Session, household_id: str, except_id: str | None = None) -> date | None:
    for p in session.execute(
        select(Person).where(Person.household_id == household_id, Person.is_member.is_(True))
    ).scalars():
        if p.id != except_id and relations.is_head(p.relation_code):
            return p.birth_date
    return None


def _fill_person(person: Person, member: MemberInput, number: str) -> None:
    info = idcard.parse(number)
    pinyin, initials = name_pinyin(member.name)
    person.name = member.name.strip()
    person.name_pinyin = pinyin
    person.name_initials = initials
    person.id_number = number
    person.sex = info.sex.value
    person.birth_date = info.birth_date
    person.relation_code = member.relation_code
    person.health = member.health.value
    person.disability_category = member.disability_category.value if member.disability_category else None
    person.disability_grade = member.disability_grade
    person.is_student = member.is_student
    person.employment = member.employment
    person.marital_status = member.marital_status


def _other_head(session: Session, household_id: str, person_id: str | None) -> Person | None:
    for p in session.execute(
        select(Person).where(Person.household_id == household_id, Person.is_member.is_(True))
    ).scalars():
        if p.id != person_id and relations.is_head(p.relation_code):
            return p
    return None


def check_household_member(
    session: Session, household_id: str, person_id: str | None, row: int | None
) -> None:
    if person_id is None:
        return
    person = session.get(Person, person_id)
    if person is None or person.household_id != household_id:
        raise UserError("所选家庭成员不属于该户", field="家庭成员", row=row)


# ---------------------------------------------------------------- reading


@query
def load(uow: UnitOfWork, actor: Actor, household_id: str) -> HouseholdFile:
    """The whole file as the editor shows it; read-only (with the reason) for those who may not edit."""
    session = uow.session
    household = session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案，可能已被删除")
    if not actor.covers(household.village_code):
        raise PermissionDenied("该家庭不在您的管辖范围内")
    reason = ""
    try:
        require_role(actor, TOWNSHIP_ROLES, WHAT)
    except PermissionDenied as exc:
        reason = exc.message
    village = session.get(Area, household.village_code)
    people = session.execute(
        select(Person)
        .where(Person.household_id == household_id)
        .order_by(Person.is_member.desc(), Person.relation_code, Person.birth_date)
    ).scalars()
    incomes = session.execute(
        select(IncomeItem).where(IncomeItem.household_id == household_id).order_by(IncomeItem.id)
    ).scalars()
    assets = session.execute(
        select(AssetItem).where(AssetItem.household_id == household_id).order_by(AssetItem.id)
    ).scalars()
    supporters = session.execute(
        select(Supporter).where(Supporter.household_id == household_id).order_by(Supporter.id)
    ).scalars()
    housing = household.housing_type
    return HouseholdFile(
        household_id=household.id,
        village_code=household.village_code,
        village=village.name if village else household.village_code,
        head_name=household.head_name,
        fields=HouseholdFields(
            address=household.address,
            urban_rural=UrbanRural(household.urban_rural),
            phone=household.phone,
            housing_type=HousingType(housing) if housing in {h.value for h in HousingType} else None,
            housing_area="" if household.housing_area is None else str(household.housing_area),
            bank_name=household.bank_name,
            account_no=household.account_no,
            account_holder=household.account_holder,
            notes=household.notes,
        ),
        members=[
            MemberView(
                p.id,
                p.name,
                p.id_number,
                p.relation_code,
                p.sex,
                p.birth_date,
                p.health,
                p.is_member,
                p.not_member_reason,
            )
            for p in people
        ],
        incomes=[
            IncomeView(i.id, i.kind, i.amount_fen, i.period_months, i.person_id, i.reason) for i in incomes
        ],
        assets=[AssetView(a.id, a.kind, a.description, a.quantity, a.value_fen, a.exempt) for a in assets],
        supporters=[
            SupporterView(
                s.id,
                s.name,
                s.id_number,
                s.relation,
                s.annual_income_fen,
                s.support_paid_fen,
                s.able_to_support,
            )
            for s in supporters
        ],
        attachments=[
            AttachmentView(a.id, a.kind, a.filename, a.size, a.sha256, a.note)
            for a in attachments.listed(session, household_id)
        ],
        read_only_reason=reason,
    )


# ---------------------------------------------------------------- the household


def update_household(uow: UnitOfWork, actor: Actor, household_id: str, data: HouseholdFields) -> None:
    household = editable_household(uow, actor, household_id)
    area: Decimal | None = None
    if data.housing_area.strip():
        try:
            area = Decimal(data.housing_area.strip())
        except InvalidOperation:
            raise UserError("住房面积应为数字（平方米）", field="住房面积") from None
        if area < 0 or area >= Decimal("1000000"):
            raise UserError("住房面积超出范围", field="住房面积")
        area = area.quantize(Decimal("0.01"))
    if len(data.address) > 200:
        raise UserError("地址不能超过200字", field="地址")
    household.address = data.address.strip()
    household.urban_rural = data.urban_rural.value
    household.phone = data.phone.strip()
    household.housing_type = data.housing_type.value if data.housing_type else None
    if area != household.housing_area:
        household.housing_area = area
    household.bank_name = data.bank_name.strip()
    household.account_no = data.account_no.strip()
    household.account_holder = data.account_holder.strip()
    household.notes = data.notes
    uow.session.flush()


# ---------------------------------------------------------------- members


def add_member(
    uow: UnitOfWork, actor: Actor, household_id: str, member: MemberInput, today: date | None = None
) -> str:
    """Add a member with the intake's checks; returns the new person's id."""
    household = editable_household(uow, actor, household_id)
    session = uow.session
    if relations.is_head(member.relation_code) and _other_head(session, household_id, None):
        raise UserError("该户已有户主；请先修改原户主的关系", field="与户主关系")
    number = checked_member(
        session, member, head_birth=_head_birth(session, household_id), today=today or clock.today()
    )
    person = Person(household_id=household.id)
    _fill_person(person, member, number)
    session.add(person)
    if relations.is_head(member.relation_code):
        household.head_name = person.name
    session.flush()
    return person.id


def update_member(
    uow: UnitOfWork, actor: Actor, person_id: str, member: MemberInput, today: date | None = None
) -> None:
    person = uow.session.get(Person, person_id)
    if person is None:
        raise UserError("找不到该家庭成员，可能已被删除")
    household = editable_household(uow, actor, person.household_id)
    session = uow.session
    if relations.is_head(member.relation_code) and _other_head(session, household.id, person.id):
        raise UserError("该户已有户主；请先修改原户主的关系", field="与户主关系")
    was_head = relations.is_head(person.relation_code) and person.is_member
    if was_head and not relations.is_head(member.relation_code):
        raise UserError("户主不能直接改为其他关系；请先指定新户主", field="与户主关系")
    number = checked_member(
        session,
        member,
        person_id=person.id,
        head_birth=_head_birth(session, household.id, except_id=person.id),
        today=today or clock.today(),
    )
    _fill_person(person, member, number)
    if relations.is_head(member.relation_code) and person.is_member:
        household.head_name = person.name
    session.flush()


def remove_member(uow: UnitOfWork, actor: Actor, person_id: str, reason: str) -> None:
    """Mark a person as no longer living in the household (never deleted); the reason is required."""
    person = uow.session.get(Person, person_id)
    if person is None:
        raise UserError("找不到该家庭成员，可能已被删除")
    editable_household(uow, actor, person.household_id)
    if not reason.strip():
        raise UserError("请填写不再共同生活的原因", field="原因")
    if len(reason.strip()) > 100:
        raise UserError("原因不能超过100字", field="原因")
    if not person.is_member:
        raise UserError(f"{person.name}已不是共同生活的家庭成员", field="家庭成员")
    if relations.is_head(person.relation_code):
        raise UserError("不能移出户主；请先指定新户主", field="与户主关系")
    person.is_member = False
    person.not_member_reason = reason.strip()
    uow.session.flush()
