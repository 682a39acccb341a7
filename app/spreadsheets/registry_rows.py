"""The registry read for a ledger export: households by village, living members head first, what is paid."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codes import Program, Sex, UrbanRural
from app.domain.relations import RELATIONS
from app.domain.workflow import BENEFIT_STATES
from app.models.area import Area
from app.models.case import Benefit, BenefitMember
from app.models.household import Household, Person
from app.spreadsheets.export import ExportHousehold, ExportMember

_ACTIVE = [s.value for s in BENEFIT_STATES]
_CHUNK = 500


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def ledger_rows(
    session: Session, covers: Callable[[str], bool], village_code: str | None = None
) -> list[ExportHousehold]:
    """Households (in ``covers`` scope, optionally one village) as the export writes them."""
    query = select(Household, Area.name).join(Area, Area.code == Household.village_code)
    if village_code:
        query = query.where(Household.village_code == village_code)
    order = (Household.village_code, Household.head_pinyin, Household.head_name, Household.id)  # pinyin
    rows = [(h, name) for h, name in session.execute(query.order_by(*order)) if covers(h.village_code)]
    people: dict[str, list[Person]] = {}
    paid: dict[str, Benefit] = {}
    covered: dict[str, int] = {}
    for chunk in _chunks([h.id for h, _ in rows]):
        alive = select(Person).where(Person.household_id.in_(chunk), Person.death_date.is_(None))
        for p in session.execute(alive).scalars():
            people.setdefault(p.household_id, []).append(p)
        active = select(Benefit).where(Benefit.household_id.in_(chunk), Benefit.status.in_(_ACTIVE))
        for b in session.execute(active.order_by(Benefit.start_month)).scalars():
            paid.setdefault(b.household_id, b)
    for chunk in _chunks([b.id for b in paid.values()]):
        for bid in session.execute(
            select(BenefitMember.benefit_id).where(BenefitMember.benefit_id.in_(chunk))
        ):
            covered[bid[0]] = covered.get(bid[0], 0) + 1
    out = []
    for h, village in rows:
        members = sorted(
            people.get(h.id, []),
            key=lambda p: (p.relation_code not in ("01", "02"), p.relation_code, p.birth_date),
        )
        if not members:
            continue
        bf = paid.get(h.id)
        out.append(
            ExportHousehold(
                village=village,
                head_name=h.head_name,
                address=h.address,
                urban_rural=UrbanRural(h.urban_rural).label,
                program=Program(bf.program).label if bf else "",
                tier=bf.tier if bf else "",
                covered=covered.get(bf.id) if bf else None,
                monthly_fen=bf.monthly_fen if bf else None,
                start_month=bf.start_month if bf else "",
                phone=h.phone,
                bank_name=h.bank_name,
                account_no=h.account_no,
                account_holder=h.account_holder,
                poverty_causes=h.poverty_causes,
                notes=h.notes,
                members=[
                    ExportMember(
                        p.name, RELATIONS[p.relation_code], Sex(p.sex).label, p.birth_date, p.id_number
                    )
                    for p in members
                ],
            )
        )
    return out
