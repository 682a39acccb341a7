"""The monthly statistics report (月报): households and persons by category, sex, age, disability, labour
capacity, new and exited, and the amounts paid — from the month's payment run, by SQL aggregates.

Without a run for the month, households and amounts are estimated from the file as it stands (the same
computation a draft run makes) and the report says so.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import Session

from app.documents.reports import CATEGORIES, LABOUR, CategoryRow, MonthlyReport
from app.domain.codes import Program, UrbanRural
from app.domain.money import add_months, last_day, parse_month
from app.models.case import Benefit, BenefitMember
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.payment import PaymentLine
from app.services import settings
from app.services.context import Actor, query
from app.services.county_office import office_name, require_county_actor
from app.services.payments.lines import compute_lines, paying_clause
from app.services.payments.runs import get_run
from app.services.reports.linshi import linshi_rows


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def category_expr() -> ColumnElement[str]:
    return case(
        (Benefit.program == Program.TEKUN.value, literal("特困供养")),
        (Household.urban_rural == UrbanRural.URBAN.value, literal("城市低保")),
        else_=literal("农村低保"),
    )


def paying_select(session: Session, month: str) -> Select[str, str]:
    """(benefit id, category) of the benefits paid in ``month``: its run's lines, else the file's rule."""
    run = get_run(session, month)
    if run is not None:
        return select(PaymentLine.benefit_id, PaymentLine.category).where(PaymentLine.run_id == run.id)
    return (
        select(Benefit.id.label("benefit_id"), category_expr().label("category"))
        .join(Household, Household.id == Benefit.household_id)
        .where(paying_clause(month))
    )


def _amounts(session: Session, month: str, rows: dict[str, CategoryRow]) -> str:
    run = get_run(session, month)
    if run is not None:
        query = (
            select(
                PaymentLine.category,
                func.count(),
                func.sum(PaymentLine.persons),
                func.sum(PaymentLine.base_fen),
                func.sum(PaymentLine.topup_fen),
                func.sum(PaymentLine.total_fen),
            )
            .where(PaymentLine.run_id == run.id)
            .group_by(PaymentLine.category)
        )
        for cat, households, persons, base, topup, total in session.execute(query):
            row = rows.setdefault(cat, CategoryRow(cat))
            row.households, row.persons = int(households), int(persons or 0)
            row.base_fen, row.topup_fen, row.total_fen = int(base or 0), int(topup or 0), int(total or 0)
        return run.status
    for line in compute_lines(session, month):
        v = line.values
        row = rows.setdefault(v["category"], CategoryRow(v["category"]))
        row.households += 1
        row.persons += v["persons"]
        row.base_fen += v["base_fen"]
        row.topup_fen += v["topup_fen"]
        row.total_fen += v["total_fen"]
    return "estimate"


def _people(session: Session, month: str, rows: dict[str, CategoryRow]) -> None:
    end = last_day(month)
    d60, d18 = _years_before(end, 60), _years_before(end, 18)
    paying = paying_select(session, month).subquery()

    def count_if(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.sum(case((cond, 1), else_=0))

    severe = (Person.disability_grade <= 2) | (
        (Person.disability_grade == 3) & Person.disability_category.in_(("5", "6"))
    )
    query = (
        select(
            paying.c.category,
            func.count(),
            count_if(Person.sex == "F"),
            count_if(Person.birth_date <= d60),
            count_if(Person.birth_date > d18),
            count_if(Person.disability_category.is_not(None)),
            count_if(severe),
            *(count_if(Person.labour_capacity == key) for key in LABOUR),
        )
        .select_from(paying)
        .join(BenefitMember, BenefitMember.benefit_id == paying.c.benefit_id)
        .join(Person, Person.id == BenefitMember.person_id)
        .group_by(paying.c.category)
    )
    for cat, members, female, elderly, minors, disabled, sev, *labour in session.execute(query):
        row = rows.setdefault(cat, CategoryRow(cat))
        row.members, row.female, row.elderly, row.minors = (
            int(members),
            int(female),
            int(elderly),
            int(minors),
        )
        row.disabled, row.severe = int(disabled), int(sev)
        row.labour = {key: int(n or 0) for key, n in zip(LABOUR, labour, strict=True)}


def _movements(session: Session, month: str, rows: dict[str, CategoryRow]) -> None:
    """当月新增 (started this month) and 退出 (paid last month, not this month), households and persons."""
    now = paying_select(session, month).subquery()
    before = paying_select(session, add_months(month, -1)).subquery()
    persons = (
        select(BenefitMember.benefit_id, func.count().label("n"))
        .group_by(BenefitMember.benefit_id)
        .subquery()
    )
    new = (
        select(now.c.category, func.count(), func.coalesce(func.sum(persons.c.n), 0))
        .select_from(now)
        .join(Benefit, Benefit.id == now.c.benefit_id)
        .outerjoin(persons, persons.c.benefit_id == now.c.benefit_id)
        .where(Benefit.start_month == month)
        .group_by(now.c.category)
    )
    for cat, households, people in session.execute(new):
        row = rows.setdefault(cat, CategoryRow(cat))
        row.new_households, row.new_persons = int(households), int(people)
    exited = (
        select(before.c.category, func.count(), func.coalesce(func.sum(persons.c.n), 0))
        .select_from(before)
        .outerjoin(persons, persons.c.benefit_id == before.c.benefit_id)
        .where(before.c.benefit_id.not_in(select(now.c.benefit_id)))
        .group_by(before.c.category)
    )
    for cat, households, people in session.execute(exited):
        row = rows.setdefault(cat, CategoryRow(cat))
        row.exited_households, row.exited_persons = int(households), int(people)


def _topups(session: Session, month: str) -> list[tuple[str, int, int]]:
    """分类施保 by each person's main group (重残, 重病, 老年, 未成年), from the amounts set per person."""
    rules = settings.benefit_rules(session)
    end = last_day(month)
    paying = paying_select(session, month).subquery()
    group = case(
        (
            (Person.disability_grade <= 2)
            | ((Person.disability_grade == 3) & Person.disability_category.in_(("5", "6"))),
            literal("重度残疾人"),
        ),
        (Person.health == "serious", literal("重病患者")),
        (Person.birth_date <= _years_before(end, rules.elderly_age), literal("老年人")),
        (Person.birth_date > _years_before(end, rules.minor_age), literal("未成年人")),
        else_=literal("其他"),
    ).label("grp")
    # grouped in an outer query: PostgreSQL does not match a GROUP BY expression holding bound literals
    per_person = (
        select(group, BenefitMember.topup_fen.label("fen"))
        .select_from(paying)
        .join(BenefitMember, BenefitMember.benefit_id == paying.c.benefit_id)
        .join(Person, Person.id == BenefitMember.person_id)
        .where(BenefitMember.topup_fen > 0)
        .subquery()
    )
    query = select(per_person.c.grp, func.count(), func.sum(per_person.c.fen)).group_by(per_person.c.grp)
    found = {g: (int(n), int(fen or 0)) for g, n, fen in session.execute(query)}
    order = ("重度残疾人", "重病患者", "老年人", "未成年人", "其他")
    return [(g, *found[g]) for g in order if g in found]


@query
def monthly(uow: UnitOfWork, actor: Actor, month: str) -> MonthlyReport:
    """The month's statistics report for the whole county (the county's staff only)."""
    session = uow.session
    month = parse_month(month)
    inst = require_county_actor(session, actor, "生成统计报表")
    rows: dict[str, CategoryRow] = {}
    source = _amounts(session, month, rows)
    _people(session, month, rows)
    _movements(session, month, rows)
    ordered = [rows.pop(c, CategoryRow(c)) for c in CATEGORIES] + sorted(
        rows.values(), key=lambda r: r.category
    )
    total = CategoryRow("合计")
    for row in ordered:
        total.add(row)
    start = date(int(month[:4]), int(month[5:]), 1)
    return MonthlyReport(
        inst.name,
        office_name(session, inst),
        month,
        source,
        ordered,
        total,
        _topups(session, month),
        linshi_rows(session, start, last_day(month)),
    )
