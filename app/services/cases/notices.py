"""Posting a case on its village's 公示: the notice (one per village, kind and first day) and its row."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import privacy
from app.domain.assessment import covers_applicant_only
from app.domain.calendar import DayKind
from app.domain.codes import Program, UrbanRural
from app.errors import UserError
from app.models.case import Case
from app.models.household import Household, Person
from app.models.notice import NoticeEntry, PublicNotice
from app.printing.wording import category
from app.services import settings
from app.services.cases import assessment

PRELIMINARY = "preliminary"  # 初审公示 (township, 7 days)
APPROVED = "approved"  # 拟批准公示 (county, 2012 mode)


def proposal(session: Session, case: Case, household: Household, on: date) -> tuple[int, int | None]:
    """Persons covered and the monthly amount the rules give on ``on`` (None when it cannot be computed)."""
    alone = covers_applicant_only(case)
    persons = 1 if alone else len(assessment.member_ids(session, household.id))
    if case.program == Program.LINSHI.value:
        return persons, None
    try:
        _, result = assessment.case_estimate(session, case, on)
    except UserError:
        return persons, None
    return persons, result.total_fen if result.eligible else None


def post(session: Session, case: Case, kind: str, on: date) -> NoticeEntry:
    """Put ``case`` on the village's notice of ``kind`` starting ``on`` (made if it is the first row).

    The row holds only what a public document may show (privacy.public_notice_row decides).
    """
    household = session.get(Household, case.household_id)
    applicant = session.get(Person, case.applicant_id)
    assert household is not None and applicant is not None
    limits = settings.time_limits(session)
    day_kind = DayKind(limits.notice_day_kind)
    days = limits.county_notice_days if kind == APPROVED else limits.notice_days
    starts, ends = settings.calendar(session).notice_period(on, days, day_kind)
    notice = (
        session.execute(
            select(PublicNotice).where(
                PublicNotice.village_code == household.village_code,
                PublicNotice.kind == kind,
                PublicNotice.program == case.program,
                PublicNotice.starts_on == starts,
            )
        )
        .scalars()
        .first()
    )
    if notice is None:
        notice = PublicNotice(
            kind=kind,
            village_code=household.village_code,
            program=case.program,
            starts_on=starts,
            ends_on=ends,
            day_kind=day_kind.value,
            status="running",
        )
        session.add(notice)
        session.flush()
    persons, fen = proposal(session, case, household, on)
    seq = (
        session.execute(
            select(func.coalesce(func.max(NoticeEntry.seq), 0)).where(NoticeEntry.notice_id == notice.id)
        ).scalar_one()
        + 1
    )
    urban_rural = UrbanRural(household.urban_rural).label
    row = privacy.public_notice_row(
        {
            "name": applicant.name,
            "persons": persons,
            "category": category(Program(case.program), urban_rural),
            "monthly_fen": fen,
            "remark": "",
        }
    )
    entry = NoticeEntry(
        notice_id=notice.id,
        case_id=case.id,
        seq=seq,
        display_name=str(row["name"]),
        persons=persons,
        category=str(row["category"]),
        monthly_fen=fen,
        remark=str(row.get("remark", "")),
    )
    session.add(entry)
    session.flush()
    return entry


def running_notice_of(session: Session, case_id: str) -> str | None:
    """The id of the latest notice the case is posted on."""
    return session.execute(
        select(NoticeEntry.notice_id)
        .join(PublicNotice, PublicNotice.id == NoticeEntry.notice_id)
        .where(NoticeEntry.case_id == case_id)
        .order_by(PublicNotice.starts_on.desc())
        .limit(1)
    ).scalar()
