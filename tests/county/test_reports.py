"""The monthly statistics report and the year summary against counts made by hand from the demo's rows."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.documents.reports import CATEGORIES
from app.domain import idcard
from app.domain.money import add_months
from app.models.case import Benefit, BenefitMember, Case, Decision, Review
from app.models.db import Database
from app.models.household import Household, Person
from app.models.notice import PublicNotice
from app.models.payment import PaymentLine
from app.services import settings
from app.services.cases import decisions
from app.services.payments import runs
from app.services.payments.bank_return import import_bank_return
from app.services.reports.monthly import monthly
from app.services.reports.year import year_summary
from app.spreadsheets.reports import write_monthly, write_year
from tests.county.conftest import ADMIN, TODAY, Member, add_beneficiary

MONTH = "2026-10"


def _paying(b: Benefit, month: str) -> bool:
    """The rule written out plainly, for counting by hand."""
    if b.program not in ("dibao", "tekun") or b.start_month > month or b.monthly_fen <= 0:
        return False
    if b.end_month and month > b.end_month:
        return False
    return not (b.exit_end_month and month > b.exit_end_month)


def _hand_counts(db: Database, month: str) -> dict[str, Counter[str]]:
    end = date(int(month[:4]), int(month[5:]), 31)
    out: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    with db.uow("t") as uow:
        s = uow.session
        households = {h.id: h for h in s.execute(select(Household)).scalars()}
        people = {p.id: p for p in s.execute(select(Person)).scalars()}
        covered: dict[str, list[str]] = {}
        for m in s.execute(select(BenefitMember)).scalars():
            covered.setdefault(m.benefit_id, []).append(m.person_id)
        for b in s.execute(select(Benefit)).scalars():
            if not _paying(b, month):
                continue
            cat = (
                "特困供养"
                if b.program == "tekun"
                else ("城市低保" if households[b.household_id].urban_rural == "urban" else "农村低保")
            )
            c = out[cat]
            c["households"] += 1
            c["total_fen"] += b.monthly_fen
            c["new"] += b.start_month == month
            for pid in covered.get(b.id, []):
                p = people[pid]
                age = idcard.age_on(p.birth_date, end)
                c["persons"] += 1
                c["female"] += p.sex == "F"
                c["elderly"] += age >= 60
                c["minors"] += age < 18
                c["disabled"] += p.disability_category is not None
                c[f"labour.{p.labour_capacity}"] += 1
        for b in s.execute(select(Benefit)).scalars():
            if _paying(b, add_months(month, -1)) and not _paying(b, month):
                cat = (
                    "特困供养"
                    if b.program == "tekun"
                    else ("城市低保" if households[b.household_id].urban_rural == "urban" else "农村低保")
                )
                out[cat]["exited"] += 1
    return out


def test_the_monthly_report_matches_the_hand_counts(demo_county: Database) -> None:
    with demo_county.uow(ADMIN.username) as uow:
        estimate = monthly(uow, ADMIN, MONTH)
        runs.approve(uow, ADMIN, MONTH)
        uow.commit()
    with demo_county.uow("t") as uow:
        report = monthly(uow, ADMIN, MONTH)
    assert (estimate.source, report.source) == ("estimate", "approved")
    hand = _hand_counts(demo_county, MONTH)
    for row in report.rows:
        c = hand[row.category]
        got = (row.households, row.persons, row.total_fen, row.female, row.elderly, row.minors, row.disabled)
        want = (
            c["households"],
            c["persons"],
            c["total_fen"],
            c["female"],
            c["elderly"],
            c["minors"],
            c["disabled"],
        )
        assert got == want, row.category
        assert row.labour == {k: c[f"labour.{k}"] for k in ("full", "partial", "lost", "none")}
        assert (row.new_households, row.exited_households) == (c["new"], c["exited"])
        assert row.base_fen + row.topup_fen == row.total_fen
    assert report.total.households == sum(c["households"] for c in hand.values()) > 50
    # the estimate made before the run gives the same figures as the approved run
    assert [(r.category, r.households, r.persons, r.total_fen, r.female) for r in estimate.rows] == [
        (r.category, r.households, r.persons, r.total_fen, r.female) for r in report.rows
    ]
    assert sum(fen for _, _, fen in report.topups) == report.total.topup_fen


def test_the_monthly_report_as_xlsx_with_charts(demo_county: Database, tmp_path: Path) -> None:
    with demo_county.uow("t") as uow:
        report = monthly(uow, ADMIN, MONTH)
    ws = load_workbook(write_monthly(tmp_path / "m.xlsx", report))["月报"]
    assert ws["A1"].value == "华容县2026年10月城乡低保、特困供养统计月报"
    assert [ws.cell(r, 1).value for r in range(5, 9)] == [*CATEGORIES, "合计"]
    assert ws.cell(8, 2).value == report.total.households and ws.cell(8, 3).value == report.total.persons
    assert len(ws._charts) >= 2


def test_the_year_summary_matches_the_hand_counts(demo_county: Database, tmp_path: Path) -> None:
    with demo_county.uow(ADMIN.username) as uow:
        runs.approve(uow, ADMIN, "2026-09")
        runs.approve(uow, ADMIN, MONTH)
        runs.prepare(uow, ADMIN, "2026-11")  # a draft is never counted
        uow.commit()
    with demo_county.uow("t") as uow:
        lines = uow.session.execute(
            select(
                PaymentLine.household_id, PaymentLine.persons, PaymentLine.total_fen, PaymentLine.account_no
            )
            .join(runs.PaymentRun)
            .where(runs.PaymentRun.month.in_(["2026-09", MONTH]))
        ).all()
        failed = uow.session.execute(
            select(PaymentLine.account_no, PaymentLine.total_fen, PaymentLine.head_name)
            .join(runs.PaymentRun)
            .where(runs.PaymentRun.month == MONTH)
            .order_by(PaymentLine.seq)
        ).first()
    assert failed is not None
    bank = Workbook()
    sheet = bank.active
    assert sheet is not None
    sheet.append(["账号", "金额", "状态", "原因"])
    sheet.append([failed[0], failed[1] / 100, "失败", "户名不符"])
    bank.save(tmp_path / "bank.xlsx")
    with demo_county.uow(ADMIN.username) as uow:
        import_bank_return(uow, ADMIN, MONTH, tmp_path / "bank.xlsx")
        uow.commit()
    with demo_county.uow("t") as uow:
        s = year_summary(uow, ADMIN, 2026)
        reviews = uow.session.execute(
            select(Review.due_on, Review.done_on).where(
                Review.due_on.between(date(2026, 1, 1), date(2026, 12, 31))
            )
        ).all()
        notices = Counter(
            uow.session.execute(
                select(PublicNotice.kind).where(
                    PublicNotice.starts_on.between(date(2026, 1, 1), date(2026, 12, 31))
                )
            ).scalars()
        )
        decided = uow.session.execute(
            select(Case.program, Case.accepted_on, Decision.decided_on)
            .join(Case, Case.id == Decision.case_id)
            .where(Decision.kind.in_(["approve", "refuse"]), Decision.decided_on >= date(2026, 1, 1))
        ).all()
        cal = settings.calendar(uow.session)
    most: dict[str, int] = {}
    for household, persons, _, _ in lines:
        most[household] = max(most.get(household, 0), persons)
    assert (s.households, s.persons) == (len(most), sum(most.values()))
    assert s.person_months == sum(x[1] for x in lines)
    assert s.funds_fen == sum(x[2] for x in lines)
    assert s.bank_fen == sum(x[2] for x in lines if x[3]) - failed[1]
    assert 0.9 < s.bank_share < 1
    assert [m.status for m in s.months][8:] == ["approved", "sent", "", ""]
    assert s.reviews["due"] == len(reviews)
    assert s.reviews["on_time"] == sum(1 for due, done in reviews if done and done <= due)
    assert s.reviews["overdue_open"] == sum(1 for due, done in reviews if not done and due < TODAY)
    assert sum(s.notices.values()) == sum(notices.values())
    counted = [(p, a, d) for p, a, d in decided if p != "tekun" and a is not None]
    assert sum(n for n, _ in s.decided.values()) == len(counted)
    limit = {"dibao": 30, "linshi": 15}
    in_time = sum(1 for p, a, d in counted if d <= cal.add_working_days(a, limit[p]))
    assert sum(k for _, k in s.decided.values()) == in_time
    wb = load_workbook(write_year(tmp_path / "y.xlsx", s))
    values = {row[0]: row[1] for row in wb["年度汇总"].iter_rows(min_row=4, values_only=True)}
    assert values["救助户数（低保、特困）"] == s.households
    assert values["社会化发放比例"] == pytest.approx(s.bank_share)
    months = list(wb["月度发放"].iter_rows(min_row=2, values_only=True))
    assert [m[1] for m in months[8:]] == ["已审批", "已送银行", "无已审批批次", "无已审批批次"]
    assert len(wb["月度发放"]._charts) == 2


def test_new_and_exited_households_and_the_topup_groups(county: Database) -> None:
    with county.uow("test") as uow:
        add_beneficiary(  # started in October: new
            uow,
            [
                Member("老张", date(1940, 1, 1), 11, topup_fen=3000),
                Member("小张", date(2015, 1, 1), 21, "30", topup_fen=2000),
                Member("残张", date(1990, 1, 1), 31, "20", topup_fen=5000, disability="4", grade=1),
            ],
            base_fen=60000,
            start_month=MONTH,
            urban_rural="urban",
        )
        gone = add_beneficiary(uow, [Member("退李", date(1970, 1, 1), 41)], base_fen=50000, number=2)
        uow.commit()
    with county.uow(ADMIN.username) as uow:
        decisions.stop(uow, ADMIN, gone.case_id, date(2026, 9, 20), "收入超过标准")  # last paid in September
        uow.commit()
    with county.uow("t") as uow:
        report = monthly(uow, ADMIN, MONTH)
    urban, rural, _ = report.rows
    assert (urban.households, urban.persons, urban.new_households, urban.new_persons) == (1, 3, 1, 3)
    assert (urban.elderly, urban.minors, urban.disabled, urban.severe) == (1, 1, 1, 1)
    assert (rural.households, rural.exited_households, rural.exited_persons) == (0, 1, 1)
    assert report.topups == [("重度残疾人", 1, 5000), ("老年人", 1, 3000), ("未成年人", 1, 2000)]
    assert (urban.base_fen, urban.topup_fen, urban.total_fen, urban.per_capita_fen) == (
        60000,
        10000,
        70000,
        23333,
    )
