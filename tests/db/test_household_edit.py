"""Editing a household file: versioned, audited changes with the intake's checks; refusals write nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain import idcard
from app.domain.codes import IncomeKind, Program, UrbanRural
from app.errors import PermissionDenied, UserError
from app.models.audit import AuditEvent
from app.models.db import Database
from app.models.household import Household, IncomeItem, Person
from app.services.cases import assessment
from app.services.households import edit, items
from app.services.households.edit import HouseholdFields, IncomeData
from app.services.intake.household import MemberInput
from tests.conftest import DEMO_TODAY
from tests.db.test_procedure import CADRE, CLERK, VILLAGE

CHILD_ID = idcard.make_id("430623", date(2012, 9, 9), 38)  # female


def a_household(db: Database) -> str:
    """A demo household in the cadre's village with at least two living members."""
    with db.uow("test") as uow:
        return uow.session.execute(
            select(Person.household_id)
            .join(Household, Household.id == Person.household_id)
            .where(Household.village_code == VILLAGE, Person.is_member.is_(True))
            .group_by(Person.household_id)
            .having(func.count() >= 2)
            .order_by(Person.household_id)
            .limit(1)
        ).scalar_one()


def counts(db: Database) -> tuple[int, int, int]:
    with db.uow("test") as uow:
        s = uow.session
        return (
            s.execute(select(func.count()).select_from(Person)).scalar_one(),
            s.execute(select(func.count()).select_from(IncomeItem)).scalar_one(),
            s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
        )


def test_editing_the_address_bumps_the_version_and_is_audited(demo_db: Database) -> None:
    hh = a_household(demo_db)
    with demo_db.uow("clerk") as uow:
        before = uow.session.get(Household, hh)
        assert before is not None
        version = before.version
        file = edit.load(uow, CLERK, hh)
    assert file.editable
    fields = HouseholdFields(**{**file.fields.__dict__, "address": "七组3号", "phone": "13800001111"})
    with demo_db.uow("clerk") as uow:
        edit.update_household(uow, CLERK, hh, fields)
        uow.commit()
    with demo_db.uow("test") as uow:
        after = uow.session.get(Household, hh)
        assert after is not None and after.address == "七组3号" and after.version == version + 1
        audit = (
            uow.session.execute(
                select(AuditEvent).where(AuditEvent.record_id == hh).order_by(AuditEvent.seq.desc())
            )
            .scalars()
            .first()
        )
        assert audit is not None and audit.action == "update" and audit.actor == "clerk"
        assert "七组3号" in audit.new_values


def test_a_member_added_by_id_gets_sex_and_birth_from_the_number(demo_db: Database) -> None:
    hh = a_household(demo_db)
    with demo_db.uow("clerk") as uow:
        pid = edit.add_member(uow, CLERK, hh, MemberInput("周小雨", CHILD_ID.lower(), "30"), DEMO_TODAY)
        uow.commit()
    with demo_db.uow("test") as uow:
        person = uow.session.get(Person, pid)
        assert person is not None and person.household_id == hh
        assert (person.sex, person.birth_date, person.id_number) == ("F", date(2012, 9, 9), CHILD_ID)
        assert person.name_initials == "zxy"


def test_a_mismatched_sex_is_refused_naming_the_field(demo_db: Database) -> None:
    from app.domain.codes import Sex

    hh = a_household(demo_db)
    before = counts(demo_db)
    with demo_db.uow("clerk") as uow, pytest.raises(UserError) as refused:
        edit.add_member(uow, CLERK, hh, MemberInput("周小雨", CHILD_ID, "30", sex=Sex.MALE), DEMO_TODAY)
    assert refused.value.field == "性别"
    assert counts(demo_db) == before


def test_an_id_already_in_another_household_is_refused_and_nothing_written(demo_db: Database) -> None:
    hh = a_household(demo_db)
    with demo_db.uow("test") as uow:
        other = uow.session.execute(
            select(Person).where(Person.household_id != hh).order_by(Person.id).limit(1)
        ).scalar_one()
        number = other.id_number
    before = counts(demo_db)
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="已在") as refused:
        edit.add_member(uow, CLERK, hh, MemberInput("某某", number, "20"), DEMO_TODAY)
    assert refused.value.field == "身份证号"
    assert counts(demo_db) == before


def test_a_village_cadre_may_read_but_not_edit(demo_db: Database) -> None:
    hh = a_household(demo_db)
    before = counts(demo_db)
    with demo_db.uow("cadre") as uow:
        file = edit.load(uow, CADRE, hh)
        assert not file.editable and "村" in file.read_only_reason
        with pytest.raises(PermissionDenied):
            edit.update_household(uow, CADRE, hh, file.fields)
        with pytest.raises(PermissionDenied):
            edit.add_member(uow, CADRE, hh, MemberInput("周小雨", CHILD_ID, "20"), DEMO_TODAY)
    assert counts(demo_db) == before


def test_the_file_of_a_household_outside_the_area_is_refused(demo_db: Database) -> None:
    from app.domain.codes import Role
    from app.services.context import Actor

    hh = a_household(demo_db)
    other = Actor("other", "赵六", Role.TOWNSHIP_CLERK, "430623102000")
    with demo_db.uow("other") as uow:
        with pytest.raises(PermissionDenied, match="管辖范围"):
            edit.load(uow, other, hh)
        assert edit.load(uow, CLERK, hh).village_code == VILLAGE


def test_a_member_who_moved_out_is_kept_with_the_reason(demo_db: Database) -> None:
    hh = a_household(demo_db)
    with demo_db.uow("clerk") as uow:
        file = edit.load(uow, CLERK, hh)
        leaving = next(m for m in file.members if m.is_member and m.relation_code not in ("01", "02"))
        with pytest.raises(UserError) as refused:
            edit.remove_member(uow, CLERK, leaving.person_id, " ")
        assert refused.value.field == "原因"
        head = next(m for m in file.members if m.relation_code in ("01", "02"))
        with pytest.raises(UserError, match="户主"):
            edit.remove_member(uow, CLERK, head.person_id, "外出")
        edit.remove_member(uow, CLERK, leaving.person_id, "出嫁外地")
        uow.commit()
    with demo_db.uow("test") as uow:
        person = uow.session.get(Person, leaving.person_id)
        assert person is not None and not person.is_member and person.not_member_reason == "出嫁外地"


def test_adding_and_removing_an_income_changes_the_estimate(demo_db: Database) -> None:
    hh = a_household(demo_db)

    def per_capita() -> int:
        with demo_db.uow("test") as uow:
            income, _ = assessment.estimate(uow.session, hh, Program.DIBAO.value, DEMO_TODAY)
            return income.per_capita_fen

    start = per_capita()
    with demo_db.uow("clerk") as uow:
        item = items.add_income(uow, CLERK, hh, IncomeData(IncomeKind.WAGE, 1_200_000, 12))
        uow.commit()
    assert per_capita() > start
    with demo_db.uow("clerk") as uow:
        with pytest.raises(UserError) as refused:
            items.update_income(uow, CLERK, item, IncomeData(IncomeKind.WAGE, -1, 12))
        assert refused.value.field == "金额"
        items.remove_income(uow, CLERK, item)
        uow.commit()
    assert per_capita() == start


def test_the_household_fields_are_checked(demo_db: Database) -> None:
    hh = a_household(demo_db)
    with demo_db.uow("clerk") as uow, pytest.raises(UserError) as refused:
        edit.update_household(
            uow, CLERK, hh, HouseholdFields(address="x", urban_rural=UrbanRural.RURAL, housing_area="大")
        )
    assert refused.value.field == "住房面积"


def test_assets_and_supporters_are_added_checked_and_removed(demo_db: Database) -> None:
    from app.domain.codes import AssetKind
    from app.models.household import AssetItem, Supporter
    from app.services.households.edit import AssetData, SupporterData

    hh = a_household(demo_db)
    with demo_db.uow("clerk") as uow:
        member = next(m for m in edit.load(uow, CLERK, hh).members if m.is_member)
        with pytest.raises(UserError) as refused:
            items.add_supporter(uow, CLERK, hh, SupporterData("同户人", member.id_number))
        assert refused.value.field == "身份证号"  # a member living here is no outside supporter
        with pytest.raises(UserError) as refused:
            items.add_asset(uow, CLERK, hh, AssetData(AssetKind.VEHICLE, exempt=True))
        assert refused.value.field == "不计原因"
        asset = items.add_asset(uow, CLERK, hh, AssetData(AssetKind.VEHICLE, "三轮车", value_fen=300000))
        son = items.add_supporter(
            uow, CLERK, hh, SupporterData("周大军", CHILD_ID, "子", annual_income_fen=3_000_000)
        )
        uow.commit()
    with demo_db.uow("test") as uow:
        supporter = uow.session.get(Supporter, son)
        assert supporter is not None and supporter.birth_date == date(2012, 9, 9)
        assert uow.session.get(AssetItem, asset) is not None
    with demo_db.uow("clerk") as uow:
        items.remove_asset(uow, CLERK, asset)
        items.remove_supporter(uow, CLERK, son)
        uow.commit()
    with demo_db.uow("test") as uow:
        assert uow.session.get(AssetItem, asset) is None and uow.session.get(Supporter, son) is None


def test_renaming_the_head_renames_the_household(demo_db: Database) -> None:
    hh = a_household(demo_db)
    with demo_db.uow("clerk") as uow:
        head = next(m for m in edit.load(uow, CLERK, hh).members if m.relation_code in ("01", "02"))
        other_head = MemberInput("另一户主", CHILD_ID, "02")
        with pytest.raises(UserError) as refused:
            edit.add_member(uow, CLERK, hh, other_head, DEMO_TODAY)
        assert refused.value.field == "与户主关系"
        renamed = MemberInput("周德胜", head.id_number, head.relation_code)
        edit.update_member(uow, CLERK, head.person_id, renamed, DEMO_TODAY)
        uow.commit()
    with demo_db.uow("test") as uow:
        household = uow.session.get(Household, hh)
        assert household is not None and household.head_name == "周德胜"
        assert household.head_pinyin == "zhou de sheng"  # the registry's pinyin order follows the rename
