"""保障标准 and benefit rules at the county: validated, refused to stations, audited, used by estimates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.benefit import BenefitRules, Tier, TopupGroup, TopupRule
from app.domain.money import Rounding
from app.errors import PermissionDenied, UserError
from app.models.audit import AuditEvent
from app.models.db import Database
from app.models.outbox import OutboxEntry
from app.models.payment import PaymentRun
from app.models.settings import Standard
from app.services import settings
from app.services.cases import assessment
from app.services.context import Actor
from app.services.setup import standards
from app.services.setup.standards import StandardInput
from tests.county.conftest import CLERK, HEAD, STAFF, Member, add_beneficiary

COUNTY12 = "430623000000"
TOWNSHIP12 = "430623101000"
RURAL_2027 = StandardInput(2027, COUNTY12, "dibao", "rural", 72000, "month", date(2027, 1, 1))


def _save(db: Database, data: StandardInput = RURAL_2027, actor: Actor = STAFF) -> standards.StandardRow:
    with db.uow(actor.username) as uow:
        row = standards.save_standard(uow, actor, data)
        uow.commit()
    return row


def test_the_county_and_its_townships_can_be_chosen(county: Database) -> None:
    with county.uow("t") as uow:
        choices = standards.area_choices(uow, STAFF)
        for_the_township = standards.area_choices(uow, CLERK)
    assert choices[0][0] == COUNTY12
    assert TOWNSHIP12 in dict(choices)
    assert all(code.endswith("000") for code, _ in choices)
    assert [code for code, _ in for_the_township] == [COUNTY12, TOWNSHIP12]  # its own, and the county's


def test_a_standard_is_added_listed_and_audited(county: Database) -> None:
    row = _save(county)
    assert (row.amount_fen, row.monthly_fen, row.state) == (72000, 72000, "upcoming")
    assert row.urban_rural_label == "农村"
    with county.uow("t") as uow:
        s = uow.session
        listed = standards.list_standards(uow, STAFF, 2027, today=date(2027, 3, 1))
        assert [(r.id, r.state) for r in listed] == [(row.id, "current")]
        assert standards.years(uow, STAFF) == [2027]
        stored = s.get(Standard, row.id)
        assert stored is not None and (stored.version, stored.updated_by) == (1, "county")
        audit = s.execute(select(AuditEvent).where(AuditEvent.table_name == "standard")).scalars().all()
        assert [a.action for a in audit] == ["insert"]
        queued = s.execute(select(OutboxEntry.op).where(OutboxEntry.record_id == row.id)).scalars().all()
        assert queued == ["upsert"]


def test_a_duplicate_is_refused_and_an_edit_keeps_the_same_row(county: Database) -> None:
    row = _save(county)
    with pytest.raises(UserError, match="已有2027-01-01起执行") as info:
        _save(county, replace(RURAL_2027, amount_fen=75000))
    assert info.value.field == "执行日期"
    _save(county, replace(RURAL_2027, urban_rural="urban"))  # another 城乡 is another standard
    edited = _save(county, replace(RURAL_2027, amount_fen=75000, id=row.id))
    assert (edited.id, edited.amount_fen) == (row.id, 75000)
    with county.uow("t") as uow:
        assert uow.session.get(Standard, row.id).version == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount_fen": 0}, "金额"),
        ({"amount_fen": -100}, "金额"),
        ({"unit": "week"}, "单位"),
        ({"program": "linshi"}, "类别"),
        ({"effective_from": date(2026, 12, 1)}, "执行日期"),
        ({"area_code": "430623101201"}, "地区"),  # a village
    ],
)
def test_invalid_input_is_refused_with_its_field(
    county: Database, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(UserError) as info:
        _save(county, replace(RURAL_2027, **change))
    assert info.value.field == field
    with county.uow("t") as uow:
        assert uow.session.execute(select(Standard.id)).first() is None


def test_station_users_are_refused(county: Database) -> None:
    with pytest.raises(PermissionDenied, match="无权修改保障标准"):
        _save(county, actor=CLERK)
    with county.uow("t") as uow:
        assert uow.session.execute(select(Standard.id)).first() is None


def test_a_station_installation_cannot_edit_standards(station: Database) -> None:
    with station.uow("head") as uow, pytest.raises(UserError, match="乡镇工作站"):
        standards.save_standard(uow, HEAD, RURAL_2027)


def test_a_month_already_paid_cannot_get_a_new_standard(county: Database) -> None:
    with county.uow("t") as uow:
        uow.session.add(PaymentRun(month="2027-02", status="approved"))
        uow.session.add(PaymentRun(month="2027-03", status="draft"))
        uow.commit()
    with pytest.raises(UserError, match="2027年2月的发放批次已审批冻结") as info:
        _save(county, replace(RURAL_2027, effective_from=date(2027, 2, 1)))
    assert info.value.field == "执行日期"
    with pytest.raises(UserError, match="冻结"):
        _save(county)  # January lies before a paid month too
    row = _save(county, replace(RURAL_2027, effective_from=date(2027, 3, 1)))
    assert row.effective_from == date(2027, 3, 1)


def test_only_a_standard_not_yet_in_force_can_be_deleted(county: Database) -> None:
    row = _save(county)
    with county.uow("county") as uow, pytest.raises(UserError, match="不能删除"):
        standards.delete_standard(uow, STAFF, row.id, today=date(2027, 1, 1))
    with county.uow("county") as uow:
        standards.delete_standard(uow, STAFF, row.id, today=date(2026, 12, 31))
        uow.commit()
    with county.uow("t") as uow:
        s = uow.session
        assert s.get(Standard, row.id) is None
        ops = s.execute(select(OutboxEntry.op).where(OutboxEntry.record_id == row.id)).scalars().all()
        assert ops == ["upsert", "delete"]


def test_the_saved_standard_and_rules_are_what_the_estimate_uses(county: Database) -> None:
    with county.uow("t") as uow:
        made = add_beneficiary(
            uow,
            [Member("李强", date(1980, 5, 1), 11), Member("李小", date(2018, 3, 1), 12, "20")],
            base_fen=0,
        )
        uow.commit()
    on = date(2027, 2, 1)
    with county.uow("t") as uow, pytest.raises(UserError, match="尚未录入"):
        assessment.estimate(uow.session, made.household_id, "dibao", on)
    _save(county, replace(RURAL_2027, amount_fen=864000, unit="year"))  # 8,640 元/年 = 720 元/月
    with county.uow("t") as uow:
        _, result = assessment.estimate(uow.session, made.household_id, "dibao", on)
    assert (result.standard_fen, result.total_fen) == (72000, 144000)

    rules = BenefitRules(topups=(TopupRule(TopupGroup.MINOR, "fixed", Decimal(2000)),), rounding=Rounding.FEN)
    with county.uow("countyhead") as uow:
        standards.save_rules(uow, HEAD, rules)
        uow.commit()
    with county.uow("t") as uow:
        assert settings.benefit_rules(uow.session) == rules
        _, result = assessment.estimate(uow.session, made.household_id, "dibao", on)
    assert result.total_fen == 146000


def test_tier_rules_are_saved_and_read_back(county: Database) -> None:
    rules = BenefitRules(
        calc_mode="tier",
        tiers=(Tier("一档", 60000, 20000), Tier("二档", 40000, 40000), Tier("三档", 20000)),
        rounding=Rounding.JIAO,
        min_payment_fen=1000,
    )
    with county.uow("county") as uow:
        saved = standards.save_rules(uow, STAFF, rules)
        uow.commit()
    assert saved == rules
    with county.uow("t") as uow:
        assert settings.benefit_rules(uow.session) == rules
        audit = uow.session.execute(
            select(AuditEvent).where(AuditEvent.record_id == "benefit.rules")
        ).scalars()
        assert [a.action for a in audit] == ["insert"]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (BenefitRules(calc_mode="tier"), "至少要设置一个档次"),
        (
            BenefitRules(calc_mode="tier", tiers=(Tier("一档", 500, 30000), Tier("二档", 300, 20000))),
            "从低到高",
        ),
        (BenefitRules(tiers=(Tier("一档", 500), Tier("二档", 300, 20000))), "只有最后一档"),
        (BenefitRules(tiers=(Tier("一档", 500, 100), Tier("一档", 300))), "不能重复"),
        (BenefitRules(tiers=(Tier("一档", 0),)), "必须大于0"),
        (
            BenefitRules(
                topups=(
                    TopupRule(TopupGroup.ELDERLY, "fixed", Decimal(100)),
                    TopupRule(TopupGroup.ELDERLY, "percent", Decimal(5)),
                )
            ),
            "只能设置一项",
        ),
        (BenefitRules(topups=(TopupRule(TopupGroup.MINOR, "percent", Decimal(150)),)), "不能超过"),
    ],
)
def test_unusable_rules_are_refused(county: Database, rules: BenefitRules, message: str) -> None:
    with county.uow("county") as uow, pytest.raises(UserError, match=message):
        standards.save_rules(uow, STAFF, rules)


def test_a_township_clerk_cannot_change_the_rules(county: Database) -> None:
    with county.uow("clerk") as uow, pytest.raises(PermissionDenied):
        standards.save_rules(uow, CLERK, BenefitRules(rounding=Rounding.FEN))


def test_a_township_lists_its_own_and_the_county_s_standards_only(county: Database) -> None:
    county_row = _save(county)
    own = _save(county, replace(RURAL_2027, area_code=TOWNSHIP12))
    other = _save(county, replace(RURAL_2027, area_code="430623102000"))
    with county.uow("t") as uow:
        seen = {r.id for r in standards.list_standards(uow, CLERK, 2027)}
        everything = {r.id for r in standards.list_standards(uow, STAFF, 2027)}
    assert seen == {county_row.id, own.id}
    assert everything == {county_row.id, own.id, other.id}
