"""Payment runs in the database: drafts, approval freezes them, changes take effect from the right month."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, UserError
from app.models.audit import AuditEvent
from app.models.case import Benefit, Decision
from app.models.db import Database
from app.models.household import Household
from app.models.payment import BenefitChange, PaymentFlag, PaymentLine, PaymentRun
from app.services.cases import decisions
from app.services.payments import runs
from app.services.payments.changes import adjust
from tests.county.conftest import ADMIN, CLERK, HEAD, STAFF, Made, Member, add_beneficiary

ZHANG = [Member("张大山", date(1960, 5, 1), 11), Member("李秀英", date(1962, 8, 9), 22, "10", topup_fen=3000)]
WANG = [Member("王小红", date(1958, 1, 2), 42, topup_fen=5000)]


def _two(db: Database) -> tuple[Made, Made]:
    with db.uow("test") as uow:
        a = add_beneficiary(uow, ZHANG, base_fen=60000, start_month="2026-03", account="6217000011112222")
        b = add_beneficiary(
            uow,
            WANG,
            base_fen=70000,
            start_month="2026-05",
            program="tekun",
            number=2,
            account="6217000033334444",
        )
        uow.commit()
    return a, b


def _totals(db: Database, month: str) -> dict[str, int]:
    with db.uow("t") as uow:
        lines = runs.roster(uow, ADMIN, month).lines
    return {line.head_name: line.total_fen for line in lines}


def _prepare(db: Database, month: str) -> runs.RunSummary:
    with db.uow(STAFF.username) as uow:
        summary = runs.prepare(uow, STAFF, month)
        uow.commit()
    return summary


def test_a_draft_lists_every_household_paid_in_the_month(county: Database) -> None:
    _two(county)
    april = _prepare(county, "2026-04")
    assert (april.status, april.households, april.persons, april.total_fen) == ("draft", 1, 2, 63000)
    assert (april.base_fen, april.topup_fen) == (60000, 3000)
    may = _prepare(county, "2026-05")
    assert (may.households, may.persons, may.total_fen) == (2, 3, 138000)
    with county.uow("t") as uow:
        roster = runs.roster(uow, ADMIN, "2026-05")
    second, first = roster.lines  # one village, the payees in pinyin order: 王 (wang) before 张 (zhang)
    assert (first.seq, first.head_name, first.id_number, first.persons) == (
        2,
        "张大山",
        ZHANG[0].id_number,
        2,
    )
    assert (first.township, first.village, first.category) == ("三封寺镇", "长岭村", "农村低保")
    assert (first.base_fen, first.topup_fen, first.total_fen) == (60000, 3000, 63000)
    assert (second.head_name, second.category, second.account_no) == (
        "王小红",
        "特困供养",
        "6217000033334444",
    )
    assert _prepare(county, "2026-02").households == 0  # before anyone started


def test_the_roster_lists_payees_in_pinyin_order(county: Database) -> None:
    """张 (U+5F20) 李 (U+674E) 阿 (U+963F) 赵 (U+8D75): by pinyin 阿 李 张 赵, as WPS and Excel sort them."""
    with county.uow("test") as uow:
        for number, name in enumerate(("张一", "李二", "阿三", "赵四"), start=1):
            member = Member(name, date(1960, 5, number), 10 + 2 * number)
            add_beneficiary(uow, [member], base_fen=50000, number=number)
        uow.commit()
    _prepare(county, "2026-04")
    with county.uow("t") as uow:
        lines = runs.roster(uow, ADMIN, "2026-04").lines
    expected = [(1, "阿三"), (2, "李二"), (3, "张一"), (4, "赵四")]
    assert [(line.seq, line.head_name) for line in lines] == expected


def test_approval_freezes_the_run_against_later_edits(county: Database) -> None:
    a, _ = _two(county)
    _prepare(county, "2026-06")  # 制表 by the county staff, 审批 by the county head
    with county.uow(HEAD.username) as uow:
        approved = runs.approve(uow, HEAD, "2026-06")
        uow.commit()
    assert approved.status == "approved"
    with county.uow("t") as uow:
        frozen = runs.roster(uow, ADMIN, "2026-06").lines
    with county.uow("clerk") as uow:  # the household moves bank; the county raises the amount
        household = uow.session.get(Household, a.household_id)
        benefit = uow.session.get(Benefit, a.benefit_id)
        assert household is not None and benefit is not None
        household.account_no, household.head_name = "6228999999999999", "张改名"
        benefit.monthly_fen, benefit.base_fen = 99000, 96000
        uow.commit()
    with county.uow("t") as uow:
        run = runs.get_run(uow.session, "2026-06")
        assert run is not None and run.approved_by == HEAD.username and run.approved_at is not None
        assert run.prepared_by == STAFF.username
        assert runs.roster(uow, ADMIN, "2026-06").lines == frozen
    assert _totals(county, "2026-06") == {"张大山": 63000, "王小红": 75000}
    _prepare(county, "2026-07")  # the next month sees the edits
    with county.uow("t") as uow:
        july = {x.head_name: (x.total_fen, x.account_no) for x in runs.roster(uow, ADMIN, "2026-07").lines}
    assert july["张大山"] == (99000, "6228999999999999")


def test_an_approved_run_cannot_be_redone_and_the_refusal_writes_nothing(county: Database) -> None:
    _two(county)
    with county.uow(ADMIN.username) as uow:
        runs.approve(uow, ADMIN, "2026-06")
        uow.commit()
    with county.uow("t") as uow:
        events = uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    for step in (runs.prepare, runs.approve):
        with county.uow(ADMIN.username) as uow, pytest.raises(UserError, match="已冻结"):
            step(uow, ADMIN, "2026-06")
    with county.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == events
        assert uow.session.execute(select(func.count()).select_from(PaymentLine)).scalar_one() == 2


def test_roles_stations_and_empty_months_are_refused(county: Database, station: Database) -> None:
    _two(county)
    with county.uow("x") as uow, pytest.raises(PermissionDenied):
        runs.approve(uow, STAFF, "2026-06")  # 审批 is the county head's
    with county.uow("x") as uow, pytest.raises(PermissionDenied):
        runs.prepare(uow, CLERK, "2026-06")
    with county.uow("x") as uow, pytest.raises(UserError, match="没有应发放"):
        runs.approve(uow, ADMIN, "2025-01")
    with county.uow("x") as uow, pytest.raises(UserError, match="月份格式"):
        runs.prepare(uow, ADMIN, "2026-13x")
    with station.uow("x") as uow, pytest.raises(UserError, match="乡镇工作站"):
        runs.prepare(uow, ADMIN, "2026-06")
    with county.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(PaymentRun)).scalar_one() == 0


def test_increases_reductions_stops_and_exits_take_effect_from_the_right_month(county: Database) -> None:
    a, b = _two(county)
    with county.uow(ADMIN.username) as uow:  # 增发 decided in June: paid from July
        adjust(
            uow, ADMIN, a.case_id, date(2026, 6, 15), base_fen=70000, topup_fen=3000, reason="家庭成员患重病"
        )
        decisions.stop(uow, ADMIN, b.case_id, date(2026, 8, 3), "经复核收入超过标准")  # paid through August
        uow.commit()
    months = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]
    seen = {m: _prepare_and_read(county, m) for m in months}
    assert [seen[m].get("张大山") for m in months] == [63000, 63000, 73000, 73000, 73000]
    assert [seen[m].get("王小红") for m in months] == [75000, 75000, 75000, 75000, None]
    with county.uow("t") as uow:
        changes = uow.session.execute(
            select(BenefitChange.from_month, BenefitChange.monthly_fen).order_by(BenefitChange.from_month)
        ).all()
        assert [tuple(c) for c in changes] == [("2026-03", 63000), ("2026-07", 73000)]
        kinds = uow.session.execute(select(Decision.kind).where(Decision.case_id == a.case_id)).scalars()
        assert sorted(kinds) == ["adjust", "approve"]
    # 渐退 from the month after the decision, for 3 months
    with county.uow(ADMIN.username) as uow:
        decisions.gradual_exit(uow, ADMIN, a.case_id, date(2026, 9, 10), 3, "家庭成员就业后收入超过标准")
        uow.commit()
    later = {m: _prepare_and_read(county, m) for m in ("2026-12", "2027-01")}
    assert later["2026-12"]["张大山"] == 73000 and "张大山" not in later["2027-01"]
    with county.uow("t") as uow:
        december = runs.roster(uow, ADMIN, "2026-12").lines
    assert december[0].remark == "渐退期第3个月（共3个月）"


def _prepare_and_read(db: Database, month: str) -> dict[str, int]:
    _prepare(db, month)
    return _totals(db, month)


def test_a_person_paid_twice_and_a_shared_account_are_flagged(county: Database) -> None:
    with county.uow("test") as uow:
        add_beneficiary(uow, ZHANG, base_fen=60000, account="6217000011112222")
        # the same wife covered again by a 特困 case of her own household file (a duplicate)
        add_beneficiary(
            uow, [ZHANG[1]], base_fen=70000, program="tekun", number=2, account="6217000011112222"
        )
        uow.commit()
    summary = _prepare(county, "2026-04")
    assert sorted(f.kind for f in summary.flags) == ["paid_twice", "shared_account"]
    with county.uow("t") as uow:
        remarks = [x.remark for x in runs.roster(uow, ADMIN, "2026-04").lines]
    assert remarks == ["待核：重复享受、多户共用账号"] * 2
    shared = next(f for f in summary.flags if f.kind == "shared_account")
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="核实情况"):
        runs.clear_flag(uow, STAFF, shared.id, " ")
    with county.uow(STAFF.username) as uow:
        runs.clear_flag(uow, STAFF, shared.id, "母女共用一张卡，已有书面协议备案")
        uow.commit()
    again = _prepare(county, "2026-04")  # refreshed draft: a cleared finding stays cleared
    status = {f.kind: (f.status, f.note) for f in again.flags}
    assert status["shared_account"] == ("cleared", "母女共用一张卡，已有书面协议备案")
    assert status["paid_twice"][0] == "open"
    with county.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(PaymentFlag)).scalar_one() == 2
        bulk = uow.session.execute(
            select(AuditEvent.table_name).where(AuditEvent.action.in_(["payment_lines", "payment_flags"]))
        ).scalars()
        assert set(bulk) == {"payment_line", "payment_flag"}
