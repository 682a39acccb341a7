"""Editing a household file's incomes, assets, supporters and scans (same rules as household_edit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain import idcard
from app.errors import UserError
from app.models.db import UnitOfWork
from app.models.household import AssetItem, IncomeItem, Supporter
from app.paths import DataPaths
from app.services.context import Actor
from app.services.households import attachments
from app.services.households.edit import (
    AssetData,
    IncomeData,
    SupporterData,
    check_household_member,
    editable_household,
    editable_row,
)
from app.services.intake.household import find_person

# ---------------------------------------------------------------- incomes


def _check_income(data: IncomeData) -> None:
    if data.amount_fen < 0:
        raise UserError("金额不能为负数", field="金额")
    if not 1 <= data.period_months <= 12:
        raise UserError("期间应为1至12个月", field="月数")


def add_income(uow: UnitOfWork, actor: Actor, household_id: str, data: IncomeData) -> str:
    editable_household(uow, actor, household_id)
    _check_income(data)
    check_household_member(uow.session, household_id, data.person_id, None)
    item = IncomeItem(household_id=household_id)
    _fill_income(item, data)
    uow.session.add(item)
    uow.session.flush()
    return item.id


def _fill_income(item: IncomeItem, data: IncomeData) -> None:
    item.person_id = data.person_id
    item.kind = data.kind.value
    item.amount_fen = data.amount_fen
    item.period_months = data.period_months
    item.counted = data.counted
    item.reason = data.reason
    item.source = data.source


def update_income(uow: UnitOfWork, actor: Actor, item_id: str, data: IncomeData) -> None:
    household, item = editable_row(uow, actor, IncomeItem, item_id, "收入项")
    assert isinstance(item, IncomeItem)
    _check_income(data)
    check_household_member(uow.session, household.id, data.person_id, None)
    _fill_income(item, data)
    uow.session.flush()


def remove_income(uow: UnitOfWork, actor: Actor, item_id: str) -> None:
    _, item = editable_row(uow, actor, IncomeItem, item_id, "收入项")
    uow.session.delete(item)
    uow.session.flush()


# ---------------------------------------------------------------- assets


def _fill_asset(item: AssetItem, data: AssetData) -> None:
    if data.value_fen < 0:
        raise UserError("价值不能为负数", field="价值")
    if data.quantity < 1:
        raise UserError("数量至少为1", field="数量")
    if data.exempt and not data.exempt_reason.strip():
        raise UserError("不计入的财产须说明原因", field="不计原因")
    item.person_id = data.person_id
    item.kind = data.kind.value
    item.description = data.description.strip()
    item.quantity = data.quantity
    item.value_fen = data.value_fen
    item.exempt = data.exempt
    item.exempt_reason = data.exempt_reason.strip()


def add_asset(uow: UnitOfWork, actor: Actor, household_id: str, data: AssetData) -> str:
    editable_household(uow, actor, household_id)
    check_household_member(uow.session, household_id, data.person_id, None)
    item = AssetItem(household_id=household_id)
    _fill_asset(item, data)
    uow.session.add(item)
    uow.session.flush()
    return item.id


def remove_asset(uow: UnitOfWork, actor: Actor, item_id: str) -> None:
    _, item = editable_row(uow, actor, AssetItem, item_id, "财产项")
    uow.session.delete(item)
    uow.session.flush()


# ---------------------------------------------------------------- supporters


def _fill_supporter(session: Session, item: Supporter, data: SupporterData) -> None:
    if not data.name.strip():
        raise UserError("赡养人姓名不能为空", field="姓名")
    number = ""
    birth: date | None = None
    if data.id_number.strip():
        try:
            number = idcard.normalize(data.id_number)
        except UserError as exc:
            raise UserError(exc.message, field=idcard.FIELD) from None
        member = find_person(session, number)
        if member is not None and member.household_id == item.household_id and member.is_member:
            raise UserError("赡养人是本户共同生活的成员，不能登记为户外赡养人", field=idcard.FIELD)
        birth = idcard.parse(number).birth_date
    if data.annual_income_fen < 0 or data.support_paid_fen < 0:
        raise UserError("金额不能为负数", field="年收入")
    item.name = data.name.strip()
    item.id_number = number
    item.birth_date = birth
    item.relation = data.relation.strip()
    item.health = data.health.value
    item.occupation = data.occupation.strip()
    item.annual_income_fen = data.annual_income_fen
    item.support_paid_fen = data.support_paid_fen
    item.able_to_support = data.able_to_support
    item.reason = data.reason.strip()


def add_supporter(uow: UnitOfWork, actor: Actor, household_id: str, data: SupporterData) -> str:
    editable_household(uow, actor, household_id)
    item = Supporter(household_id=household_id)
    _fill_supporter(uow.session, item, data)
    uow.session.add(item)
    uow.session.flush()
    return item.id


def remove_supporter(uow: UnitOfWork, actor: Actor, item_id: str) -> None:
    _, item = editable_row(uow, actor, Supporter, item_id, "赡养人")
    uow.session.delete(item)
    uow.session.flush()


# ---------------------------------------------------------------- attachments


def add_attachment(
    uow: UnitOfWork, actor: Actor, paths: DataPaths, household_id: str, file: str, kind: str, note: str = ""
) -> str:
    """A scan or photo of a signed form, kept through the attachments service."""
    editable_household(uow, actor, household_id)
    return attachments.add(
        uow, actor, paths, household_id=household_id, file=Path(file), kind=kind, note=note
    ).id
