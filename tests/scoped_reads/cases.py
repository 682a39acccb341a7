"""The reads of app/services/cases (and `jiuzhu check`, feeding the workbench), as a village cadre.

Reads that take a case are called with a case outside the cadre's village: they must refuse. Reads that
take an area are asked for the whole township: they must narrow it to the cadre's village.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from app.domain.checks_rows import Finding
from app.models.case import Benefit, Case
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.notice import PublicNotice
from app.printing.catalog import NoticeKind
from app.services.cases import (
    county_decide,
    county_review,
    notice_batch,
    postings,
    printing,
    worklist,
    workspace,
)
from app.services.context import Actor
from app.services.reports import checks
from tests.conftest import DEMO_TODAY
from tests.scoped_reads import ReadCase


def township_of(actor: Actor) -> str:
    return actor.area_code[:9] + "000"


def case_elsewhere(uow: UnitOfWork, actor: Actor) -> Case:
    """A case of a household outside the actor's village."""
    return uow.session.execute(
        select(Case)
        .join(Household, Household.id == Case.household_id)
        .where(Household.village_code != actor.area_code)
        .order_by(Case.case_number)
        .limit(1)
    ).scalar_one()


def village_elsewhere(uow: UnitOfWork, actor: Actor) -> str:
    return uow.session.execute(
        select(Household.village_code).where(Household.village_code != actor.area_code).limit(1)
    ).scalar_one()


def case_villages(uow: UnitOfWork, case_ids: Iterable[str]) -> set[str]:
    """The villages of the households of these cases."""
    ids = list(set(case_ids))
    if not ids:
        return set()
    stmt = (
        select(Household.village_code).join(Case, Case.household_id == Household.id).where(Case.id.in_(ids))
    )
    return set(uow.session.execute(stmt).scalars())


def finding_villages(uow: UnitOfWork, found: Sequence[Finding]) -> set[str]:
    """The villages the findings are about (a case, a benefit, a person or a village itself)."""
    by_kind: dict[str, set[str]] = {}
    for f in found:
        by_kind.setdefault(f.record_kind, set()).add(f.record_id)
    villages = set(by_kind.get("village", set())) | case_villages(uow, by_kind.get("case", set()))
    for model, kind in ((Benefit, "benefit"), (Person, "person")):
        ids = list(by_kind.get(kind, set()))
        if ids:
            stmt = select(Household.village_code).join(model, model.household_id == Household.id)
            villages |= set(uow.session.execute(stmt.where(model.id.in_(ids))).scalars())
    return villages


def _today_work(uow: UnitOfWork, actor: Actor) -> tuple[worklist.TodayWork, set[str]]:
    work = worklist.today_work(uow, actor)
    lines: list[Any] = [*work.cases, *work.reviews, *work.notices, *work.objections]
    return work, {line.village_code for line in lines} | finding_villages(uow, work.findings)


def _findings(uow: UnitOfWork, actor: Actor) -> tuple[list[Finding], set[str]]:
    found = worklist.scoped_findings(uow, actor)
    return found, finding_villages(uow, found)


def _check(uow: UnitOfWork, actor: Actor) -> tuple[checks.CheckReport, set[str]]:
    report = checks.run_all(uow, actor)
    return report, finding_villages(uow, report.findings)


def _snapshot(uow: UnitOfWork, actor: Actor) -> workspace.CaseSnapshot:
    return workspace.snapshot(uow, actor, case_elsewhere(uow, actor).id)


def _facts(uow: UnitOfWork, actor: Actor) -> tuple[county_decide.DecisionFacts, set[str]]:
    facts = county_decide.facts(uow, actor, case_elsewhere(uow, actor).id)
    return facts, case_villages(uow, [facts.case_id])


def _queue(uow: UnitOfWork, actor: Actor) -> tuple[list[county_review.QueueRow], set[str]]:
    rows = county_review.approval_queue(uow, actor)
    return rows, case_villages(uow, [r.case_id for r in rows])


def _notice(uow: UnitOfWork, actor: Actor) -> Any:
    village = village_elsewhere(uow, actor)
    return printing.notice(uow, actor, village, NoticeKind.STANDING, DEMO_TODAY)


def _form(uow: UnitOfWork, actor: Actor) -> Any:
    return printing.form(uow, actor, case_elsewhere(uow, actor).case_number, "summary", DEMO_TODAY)


def _postings_elsewhere(uow: UnitOfWork, actor: Actor) -> Any:
    q = select(PublicNotice.id).where(PublicNotice.village_code != actor.area_code).limit(1)
    return postings.postings_of(uow, actor, uow.session.execute(q).scalar_one())


def codes(lines: Iterable[Any]) -> list[str]:
    return [line.village_code for line in lines]


def second(pair: tuple[Any, set[str]]) -> set[str]:
    return pair[1]


READS = [
    ReadCase(
        worklist.open_cases,
        lambda uow, actor: worklist.open_cases(uow, actor, area=township_of(actor)),
        codes,
        note="asked for the whole township",
    ),
    ReadCase(
        worklist.all_cases,
        lambda uow, actor: worklist.all_cases(uow, actor, area=township_of(actor)),
        codes,
        note="asked for the whole township",
    ),
    ReadCase(
        worklist.reviews_due,
        lambda uow, actor: worklist.reviews_due(uow, actor, None, area=township_of(actor)),
        codes,
        note="asked for the whole township",
    ),
    ReadCase(worklist.running_notices, worklist.running_notices, codes),
    ReadCase(worklist.open_objections, worklist.open_objections, codes),
    ReadCase(worklist.scoped_findings, _findings, second),
    ReadCase(worklist.today_work, _today_work, second),
    ReadCase(workspace.snapshot, _snapshot, lambda snap: [snap.village_code], note="a case elsewhere"),
    ReadCase(county_review.approval_queue, _queue, second, where="county"),
    ReadCase(county_decide.facts, _facts, second, where="county", note="a case elsewhere"),
    ReadCase(printing.notice_villages, printing.notice_villages, lambda rows: [code for code, _ in rows]),
    ReadCase(printing.notice, _notice, lambda printed: [printed.area_code], note="another village"),
    ReadCase(printing.form, _form, lambda printed: [printed.area_code], note="a case elsewhere"),
    ReadCase(checks.run_all, _check, second),
    ReadCase(
        notice_batch.each_village,
        lambda uow, actor: notice_batch.each_village(uow, actor, NoticeKind.STANDING, DEMO_TODAY),
        lambda found: [n.code for n in found],
    ),
    ReadCase(
        notice_batch.one_file,
        lambda uow, actor: notice_batch.one_file(uow, actor, NoticeKind.STANDING, DEMO_TODAY),
        lambda printed: [printed.area_code],
    ),
    ReadCase(postings.running, lambda uow, actor: postings.running(uow, actor, DEMO_TODAY), codes),
    ReadCase(postings.postings_of, _postings_elsewhere, lambda _: ["?"], note="a notice elsewhere"),
]
