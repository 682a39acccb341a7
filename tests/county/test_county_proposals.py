"""The county decides what township reviews propose (增发, 减发, 停发, 渐退) or declines it with a reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, UserError
from app.models.case import Benefit, Case, Decision, Review
from app.models.db import Database
from app.models.payment import BenefitChange
from app.services.cases.workspace import timeline
from app.services.reviews.proposals import ProposalDecision, decide_proposal, proposal_queue
from tests.county.conftest import CLERK, STAFF, TODAY

REVIEWED = TODAY - timedelta(days=3)


def _propose(db: Database, proposal: str, delta_fen: int = 0) -> tuple[str, str, int]:
    """A review of an active case proposing ``proposal``; returns (review id, case id, amount paid)."""
    with db.uow("test") as uow:
        taken = {
            r.case_id for r in uow.session.execute(select(Review).where(Review.proposal != "")).scalars()
        }
        case, benefit = next(
            (c, b)
            for c, b in uow.session.execute(
                select(Case, Benefit)
                .join(Benefit, Benefit.case_id == Case.id)
                .where(Case.state == "active", Case.program == "dibao")
                .order_by(Case.case_number)
            )
            if c.id not in taken and b.monthly_fen > 10000
        )
        review = Review(
            case_id=case.id,
            kind="periodic",
            due_on=REVIEWED,
            done_on=REVIEWED,
            reviewer="clerk",
            finding="子女外出务工，家庭收入增加",
            proposal=proposal,
            proposed_fen=benefit.monthly_fen + delta_fen if delta_fen else None,
            reason="家庭收入发生变化",
        )
        uow.session.add(review)
        uow.commit()
        return review.id, case.id, benefit.monthly_fen


def test_the_queue_lists_open_proposals_for_the_county_only(demo_county: Database) -> None:
    review_id, case_id, paid = _propose(demo_county, "reduce", -5000)
    with demo_county.uow("test") as uow:
        rows = proposal_queue(uow, STAFF)
        with pytest.raises(PermissionDenied):
            proposal_queue(uow, CLERK)
    row = next(r for r in rows if r.review_id == review_id)
    assert (row.case_id, row.paid_fen, row.proposed_fen, row.proposal_label) == (
        case_id,
        paid,
        paid - 5000,
        "减发",
    )


def test_a_reduction_pays_the_new_amount_from_next_month(demo_county: Database) -> None:
    review_id, case_id, paid = _propose(demo_county, "reduce", -5000)
    with demo_county.uow(STAFF.username) as uow:
        with pytest.raises(UserError, match="低于现发金额"):
            decide_proposal(uow, STAFF, review_id, ProposalDecision(True, TODAY, "", paid + 100))
        decide_proposal(uow, STAFF, review_id, ProposalDecision(True, TODAY, "核实属实", paid - 5000))
        uow.commit()
    with demo_county.uow("test") as uow:
        decision = uow.session.execute(
            select(Decision).where(Decision.case_id == case_id, Decision.kind == "adjust")
        ).scalar_one()
        assert (decision.amount_fen, decision.start_month) == (paid - 5000, "2026-12")
        benefit = uow.session.execute(select(Benefit).where(Benefit.case_id == case_id)).scalar_one()
        changes = uow.session.execute(
            select(BenefitChange.from_month, BenefitChange.monthly_fen)
            .where(BenefitChange.benefit_id == benefit.id)
            .order_by(BenefitChange.from_month)
        ).all()
        assert [tuple(c) for c in changes] == [(benefit.start_month, paid), ("2026-12", paid - 5000)]
        assert review_id not in {r.review_id for r in proposal_queue(uow, STAFF)}


def test_a_proposed_stop_stops_the_case(demo_county: Database) -> None:
    review_id, case_id, _ = _propose(demo_county, "stop")
    with demo_county.uow(STAFF.username) as uow:
        decide_proposal(uow, STAFF, review_id, ProposalDecision(True, TODAY, "家庭人均收入超过保障标准"))
        uow.commit()
    with demo_county.uow("test") as uow:
        assert uow.session.get(Case, case_id).state == "stopped"  # type: ignore[union-attr]


def test_declining_needs_a_reason_and_is_in_the_history(demo_county: Database) -> None:
    review_id, case_id, _ = _propose(demo_county, "gradual_exit")
    with demo_county.uow(STAFF.username) as uow:
        with pytest.raises(UserError, match="理由"):
            decide_proposal(uow, STAFF, review_id, ProposalDecision(False, TODAY, " "))
        with pytest.raises(UserError, match="早于复核日期"):
            decide_proposal(uow, STAFF, review_id, ProposalDecision(False, date(2020, 1, 1), "x"))
        decide_proposal(uow, STAFF, review_id, ProposalDecision(False, TODAY, "务工收入不稳定，继续保障"))
        uow.commit()
    with demo_county.uow("test") as uow:
        assert uow.session.get(Case, case_id).state == "active"  # type: ignore[union-attr]
        assert review_id not in {r.review_id for r in proposal_queue(uow, STAFF)}
        titles = [(e.title, e.detail) for e in timeline(uow.session, case_id)]
    assert ("县级不同意复核调整建议", "务工收入不稳定，继续保障") in titles


def test_a_gradual_exit_keeps_paying_for_the_months_chosen(demo_county: Database) -> None:
    review_id, case_id, _ = _propose(demo_county, "gradual_exit")
    with demo_county.uow(STAFF.username) as uow:
        decide_proposal(
            uow, STAFF, review_id, ProposalDecision(True, TODAY, "就业后收入超过标准", exit_months=3)
        )
        uow.commit()
    with demo_county.uow("test") as uow:
        benefit = uow.session.execute(select(Benefit).where(Benefit.case_id == case_id)).scalar_one()
    assert (benefit.exit_start_month, benefit.exit_end_month) == ("2026-12", "2027-02")
