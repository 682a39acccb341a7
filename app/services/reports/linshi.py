"""临时救助 in the reports: awards confirmed in a period, by township and category of need (急难型/支出型).

One confirmed award (a 临时救助 case's approval) counts as one 人次; the amount is the one decided.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.documents.reports import LINSHI_KINDS, LinshiRow
from app.domain.codes import Program
from app.models.area import Area
from app.models.case import Case, Decision
from app.models.household import Household


def linshi_rows(session: Session, start: date, end: date, scope: str = "") -> list[LinshiRow]:
    """A row per township with 临时救助 confirmed from ``start`` to ``end`` (inclusive), in code order."""
    township = func.substr(Household.village_code, 1, 9).label("township")
    q = (
        select(township, Case.emergency, func.count(), func.coalesce(func.sum(Decision.amount_fen), 0))
        .join(Case, Case.id == Decision.case_id)
        .join(Household, Household.id == Case.household_id)
        .where(Case.program == Program.LINSHI.value, Decision.kind == "approve")
        .where(Decision.decided_on.between(start, end), Household.village_code.startswith(scope))
        .group_by(township, Case.emergency)
    )
    times: dict[str, dict[str, int]] = {}
    fen: dict[str, dict[str, int]] = {}
    for code, emergency, count, amount in session.execute(q):
        kind = LINSHI_KINDS[0] if emergency else LINSHI_KINDS[1]
        times.setdefault(code, dict.fromkeys(LINSHI_KINDS, 0))[kind] += int(count)
        fen.setdefault(code, dict.fromkeys(LINSHI_KINDS, 0))[kind] += int(amount or 0)
    if not times:
        return []
    found = session.execute(select(Area.code, Area.name).where(Area.code.in_([f"{c}000" for c in times])))
    names = {code: name for code, name in found}
    return [LinshiRow(code, names.get(f"{code}000", code), times[code], fen[code]) for code in sorted(times)]
