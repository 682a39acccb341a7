"""The demo's histories keep the procedure's guards: no 公示 closed early (S1 Art.19; S2 Art.25), the
county's decision within 3 working days after its own 公示 (S2 Art.29), its spot check drawn first (S2
Art.26), objections received while a 公示 runs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.models.case import CaseEvent, Objection
from app.models.db import Database
from app.models.notice import NoticeEntry, PublicNotice
from app.services import settings


def test_demo_histories_keep_every_notice_and_the_spot_check(demo_db: Database) -> None:
    with demo_db.uow("test") as uow:
        s = uow.session
        cal = settings.calendar(s)
        periods: dict[tuple[str, str], tuple[date, date]] = {}
        for case_id, kind, first, last in s.execute(
            select(NoticeEntry.case_id, PublicNotice.kind, PublicNotice.starts_on, PublicNotice.ends_on).join(
                PublicNotice, PublicNotice.id == NoticeEntry.notice_id
            )
        ):
            periods[(case_id, kind)] = (first, last)
        history: dict[str, list[CaseEvent]] = {}
        for event in s.execute(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)).scalars():
            history.setdefault(event.case_id, []).append(event)
        objections = s.execute(
            select(
                Objection.case_id, Objection.received_on, PublicNotice.starts_on, PublicNotice.ends_on
            ).join(PublicNotice, PublicNotice.id == Objection.notice_id)
        ).all()
    closed = county_decided = spot_checked = 0
    for case_id, events in history.items():
        actions = [e.action for e in events]
        for e in events:
            if e.action == "close_notice":
                closed += 1
                assert e.on_date > periods[(case_id, "preliminary")][1], case_id
            if e.from_state == "county_notice" and e.action in ("approve", "refuse"):
                county_decided += 1
                last = periods[(case_id, "approved")][1]
                assert last < e.on_date <= cal.add_working_days(last, 3), case_id
        if "start_county_notice" in actions:
            spot_checked += 1
            assert actions.index("spot_check") < actions.index("start_county_notice"), case_id
    for case_id, received, first, last in objections:
        assert first <= received <= last, case_id  # while the 公示 it answers runs
    assert closed > 20 and county_decided >= 3 and spot_checked >= 3 and objections
