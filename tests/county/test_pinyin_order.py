"""The county's queues list equally urgent people in pinyin order (阿 李 张 赵), not by code point."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.models.case import Case, Review
from app.models.db import Database
from app.models.household import Household, Person
from app.services.cases.county_review import approval_queue
from app.services.reviews.proposals import proposal_queue
from tests.county.conftest import STAFF, TODAY

SURNAMES = ("张", "李", "赵", "阿")  # code point order: 张 U+5F20, 李 U+674E, 赵 U+8D75, 阿 U+963F
PINYIN = ["阿", "李", "张", "赵"]


def test_cases_sent_up_the_same_day_are_listed_by_the_applicants_pinyin(demo_county: Database) -> None:
    with demo_county.uow("test") as uow:
        session = uow.session
        cases = session.execute(
            select(Case).where(Case.state == "submitted").order_by(Case.id).limit(4)
        ).scalars()
        cases = list(cases)
        assert len(cases) == 4
        first = cases[0]
        for case, surname in zip(cases, SURNAMES, strict=True):
            for key in ("program", "rule_mode", "accepted_on", "state_since", "extended"):
                setattr(case, key, getattr(first, key))
            applicant = session.get(Person, case.applicant_id)
            assert applicant is not None
            applicant.name = f"{surname}某某"
        session.flush()
        rows = [r for r in approval_queue(uow, STAFF) if r.applicant.endswith("某某")]
    assert [r.applicant[0] for r in rows] == PINYIN


def test_proposals_reviewed_the_same_day_are_listed_by_the_heads_pinyin(demo_county: Database) -> None:
    reviewed = TODAY - timedelta(days=3)
    with demo_county.uow("test") as uow:
        session = uow.session
        taken = set(session.execute(select(Review.case_id).where(Review.proposal != "")).scalars())
        found = session.execute(
            select(Case).where(Case.state == "active", Case.program == "dibao").order_by(Case.id)
        ).scalars()
        cases = [c for c in found if c.id not in taken][:4]
        for case, surname in zip(cases, SURNAMES, strict=True):
            session.add(
                Review(
                    case_id=case.id,
                    kind="periodic",
                    due_on=reviewed,
                    done_on=reviewed,
                    reviewer="clerk",
                    finding="家庭收入增加",
                    proposal="stop",
                    reason="收入超过标准",
                )
            )
            household = session.get(Household, case.household_id)
            assert household is not None
            household.head_name = f"{surname}某某"
        session.flush()
        rows = [r for r in proposal_queue(uow, STAFF) if r.head_name.endswith("某某")]
    assert [r.head_name[0] for r in rows] == PINYIN
