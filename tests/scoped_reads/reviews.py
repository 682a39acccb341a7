"""The reads of app/services/reviews, as a village cadre: a household elsewhere is refused, the county's
queue of proposals is the county's."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.workflow import BENEFIT_STATES
from app.models.case import Case
from app.models.db import UnitOfWork
from app.models.household import Household
from app.services.context import Actor
from app.services.reviews import proposals, review
from tests.scoped_reads import ReadCase
from tests.scoped_reads.cases import case_villages


def _context(uow: UnitOfWork, actor: Actor) -> tuple[review.ReviewContext, set[str]]:
    paid_elsewhere = uow.session.execute(
        select(Case.id)
        .join(Household, Household.id == Case.household_id)
        .where(Household.village_code != actor.area_code, Case.state.in_([s.value for s in BENEFIT_STATES]))
        .order_by(Case.case_number)
        .limit(1)
    ).scalar_one()
    context = review.review_context(uow, actor, paid_elsewhere)
    return context, case_villages(uow, [context.case_id])


def _queue(uow: UnitOfWork, actor: Actor) -> tuple[list[proposals.ProposalRow], set[str]]:
    rows = proposals.proposal_queue(uow, actor)
    return rows, case_villages(uow, [r.case_id for r in rows])


READS = [
    ReadCase(review.review_context, _context, lambda pair: pair[1], note="a household paid elsewhere"),
    ReadCase(proposals.proposal_queue, _queue, lambda pair: pair[1], where="county"),
]
