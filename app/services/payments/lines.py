"""Compute a month's payment lines from the file as it stands: benefits, decisions, changes, households."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain.codes import Program
from app.domain.names import sort_key
from app.domain.payments import (
    AMOUNT_KINDS,
    HEAD_CODES,
    PAID_PROGRAMS,
    AmountChange,
    AmountDecision,
    BenefitTerms,
    category,
    due,
)
from app.models.case import Benefit, BenefitMember, Case, Decision
from app.models.household import Household, Person
from app.models.payment import BenefitChange
from app.services.county_office import area_names


def paying_clause(month: str) -> ColumnElement[bool]:
    """Benefits that may pay in ``month`` (portable SQL; ``app.domain.payments.due`` has the last word).

    Months are "YYYY-MM" text, so comparing them as strings orders them in time on every database.
    """
    return and_(
        Benefit.program.in_(PAID_PROGRAMS),
        Benefit.start_month <= month,
        or_(Benefit.end_month.is_(None), Benefit.end_month >= month),
        or_(Benefit.exit_end_month.is_(None), Benefit.exit_end_month >= month),
    )


@dataclass
class ComputedLine:
    """A line before it is stored: the column values of ``payment_line`` and a sort key."""

    values: dict[str, Any]
    sort_key: tuple[str, ...]


def _decisions(session: Session, month: str) -> dict[str, list[AmountDecision]]:
    rows = session.execute(
        select(
            Decision.case_id, Decision.kind, Decision.start_month, Decision.amount_fen, Decision.decided_on
        )
        .join(Benefit, Benefit.case_id == Decision.case_id)
        .where(paying_clause(month), Decision.kind.in_([*AMOUNT_KINDS, "stop"]))
        .order_by(Decision.decided_on)
    )
    out: dict[str, list[AmountDecision]] = defaultdict(list)
    for case_id, kind, start, amount, on in rows:
        out[case_id].append(AmountDecision(kind, start, amount, on))
    return out


def _changes(session: Session, month: str) -> dict[str, list[AmountChange]]:
    rows = session.execute(
        select(
            BenefitChange.benefit_id,
            BenefitChange.from_month,
            BenefitChange.base_fen,
            BenefitChange.topup_fen,
            BenefitChange.monthly_fen,
            BenefitChange.persons,
        )
        .join(Benefit, Benefit.id == BenefitChange.benefit_id)
        .where(paying_clause(month))
        .order_by(BenefitChange.from_month, BenefitChange.updated_at)
    )
    out: dict[str, list[AmountChange]] = defaultdict(list)
    for benefit_id, start, base, topup, total, persons in rows:
        out[benefit_id].append(AmountChange(start, base, topup, total, persons))
    return out


def _heads(session: Session, month: str) -> dict[str, tuple[str, str, str]]:
    """Per household of a paying benefit: the head's (name, ID number, pinyin)."""
    rows = session.execute(
        select(Person.household_id, Person.relation_code, Person.name, Person.id_number, Person.name_pinyin)
        .join(Benefit, Benefit.household_id == Person.household_id)
        .where(paying_clause(month), Person.relation_code.in_(HEAD_CODES))
    )
    heads: dict[str, tuple[str, str, str]] = {}
    ranks: dict[str, int] = {}
    for household_id, code, name, number, pinyin in rows:
        rank = HEAD_CODES.index(code)
        if household_id not in heads or rank < ranks[household_id]:
            heads[household_id], ranks[household_id] = (name, number, pinyin), rank
    return heads


def covered_numbers(session: Session, month: str) -> dict[str, list[tuple[str, str]]]:
    """Per paying benefit: the (ID number, name) of each covered person (for the paid-twice check)."""
    rows = session.execute(
        select(BenefitMember.benefit_id, Person.id_number, Person.name)
        .join(Person, Person.id == BenefitMember.person_id)
        .join(Benefit, Benefit.id == BenefitMember.benefit_id)
        .where(paying_clause(month))
    )
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for benefit_id, number, name in rows:
        out[benefit_id].append((number, name))
    return out


def compute_lines(session: Session, month: str) -> list[ComputedLine]:
    """Every household paid in ``month``, in roster order (township, village, payee's name)."""
    members = (
        select(
            BenefitMember.benefit_id,
            func.count().label("n"),
            func.sum(BenefitMember.topup_fen).label("topups"),
        )
        .group_by(BenefitMember.benefit_id)
        .subquery()
    )
    applicant = aliased(Person)
    query = (
        select(
            *Benefit.__table__.c,
            func.coalesce(members.c.n, 0).label("persons"),
            func.coalesce(members.c.topups, 0).label("topups"),
            Case.case_number,
            Case.single_person,
            Household.urban_rural,
            Household.village_code,
            Household.bank_name,
            Household.account_no,
            Household.account_holder,
            applicant.name.label("applicant_name"),
            applicant.id_number.label("applicant_id_number"),
            applicant.name_pinyin.label("applicant_pinyin"),
        )
        .join(Case, Case.id == Benefit.case_id)
        .join(Household, Household.id == Benefit.household_id)
        .join(applicant, applicant.id == Case.applicant_id)
        .outerjoin(members, members.c.benefit_id == Benefit.id)
        .where(paying_clause(month))
    )
    decisions = _decisions(session, month)
    changes = _changes(session, month)
    heads = _heads(session, month)
    names = area_names(session)
    lines: list[ComputedLine] = []
    for r in session.execute(query):
        terms = BenefitTerms(
            r.id,
            r.program,
            r.status,
            r.start_month,
            r.end_month,
            r.exit_start_month,
            r.exit_end_month,
            r.topups,
            r.monthly_fen,
            r.persons,
        )
        paid = due(terms, decisions.get(r.case_id, ()), changes.get(r.id, ()), month)
        if paid is None:
            continue
        alone = r.single_person or r.program == Program.TEKUN
        head = heads.get(r.household_id)
        if alone or head is None:
            head = (r.applicant_name, r.applicant_id_number, r.applicant_pinyin)
        township = r.village_code[:9] + "000"
        cat = category(r.program, r.urban_rural)
        values = {
            "benefit_id": r.id,
            "case_id": r.case_id,
            "household_id": r.household_id,
            "township_code": township,
            "township": names.get(township, township),
            "village_code": r.village_code,
            "village": names.get(r.village_code, r.village_code),
            "head_name": head[0],
            "id_number": head[1],
            "persons": paid.persons,
            "program": r.program,
            "category": cat,
            "tier": r.tier or "",
            "base_fen": paid.base_fen,
            "topup_fen": paid.topup_fen,
            "total_fen": paid.total_fen,
            "bank_name": r.bank_name or "",
            "account_no": r.account_no or "",
            "account_holder": r.account_holder or "",
            "remark": paid.remark if r.account_no else "；".join(filter(None, [paid.remark, "无银行账号"])),
        }
        order = (township, r.village_code, *sort_key(head[0]), r.case_number)  # payees in pinyin order
        lines.append(ComputedLine(values, order))
    lines.sort(key=lambda line: line.sort_key)
    return lines
