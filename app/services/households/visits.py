"""Home visits to a household: every investigation and done review of its cases, and recording a new 入户走访.

A new visit is written under the case the household is being handled or paid under: while the
application is being investigated it is that case's 入户调查 (through ``procedure.record_investigation``);
for a case being paid or further along the procedure it is an 入户走访 (investigation kind ``visit``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, CaseState
from app.errors import PermissionDenied, UserError
from app.models.case import Case, Investigation, Review
from app.models.db import UnitOfWork
from app.models.household import Household
from app.services.cases import procedure
from app.services.cases.workspace import INVESTIGATION_KINDS
from app.services.context import TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.names import Names
from app.services.reviews.review import PROPOSALS

WHAT = "登记入户走访"
HOME_VISIT = "home_visit"  # the investigation kind of an 入户调查
VISIT = "visit"  # the investigation kind of a follow-up 入户走访
# The township's kinds, the county's own home check, and the follow-up visit recorded here.
KINDS: dict[str, str] = {**INVESTIGATION_KINDS, "county_visit": "县级入户核查", VISIT: "入户走访"}
REVIEW_KINDS: dict[str, str] = {
    "periodic": "定期复核",
    "triggered": "动态复核",
    "death": "成员去世复核",
    "matching": "比对复核",
}
# While the application is being investigated a visit is its 入户调查.
INVESTIGATING = frozenset({CaseState.ACCEPTED, CaseState.INVESTIGATING})
# Before acceptance nobody visits yet: the investigation starts once the application is accepted.
NOT_ACCEPTED = frozenset({CaseState.APPLIED, CaseState.PENDING_MATERIALS})
MAX_STAFF_TEXT = 200
MAX_FINDINGS = 2000


@dataclass(frozen=True)
class VisitRow:
    """One visit as the 走访记录 tab lists it."""

    visit_id: str  # the investigation's or the review's id
    on: date
    kind: str  # 入户调查, 邻里访问, 入户走访, 定期复核, …
    staff: str
    case_number: str
    findings: str  # what was found, with the result or the proposal


@dataclass(frozen=True)
class VisitTarget:
    """The case a new visit would be recorded under, or why none can be recorded now."""

    case_id: str | None
    case_number: str
    reason: str  # "" when a visit can be recorded


@dataclass(frozen=True)
class HouseholdVisits:
    """What the 走访记录 tab shows: the visits, where a new one would go, and whether it may be recorded."""

    household_id: str
    village_code: str
    rows: list[VisitRow]
    target: VisitTarget
    read_only_reason: str  # "" when the actor may record a visit

    @property
    def may_record(self) -> bool:
        return not self.read_only_reason and self.target.case_id is not None


def split_staff(text: str) -> list[str]:
    """Names typed in one field, separated by 、 ， , ； ; or spaces."""
    return [name for name in re.split(r"[、，,；;\s]+", text) if name]


@query
def household_visits(uow: UnitOfWork, actor: Actor, household_id: str) -> HouseholdVisits:
    """The household's visits newest first and the case a new one goes under; refused outside the area."""
    household = uow.session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案，可能已被删除")
    if not actor.covers(household.village_code):
        raise PermissionDenied("该家庭不在您的管辖范围内")
    reason = ""
    try:
        require_role(actor, TOWNSHIP_ROLES, WHAT)
    except PermissionDenied as exc:
        reason = exc.message
    return HouseholdVisits(
        household.id,
        household.village_code,
        list_visits(uow.session, household_id),
        visit_target(uow.session, household_id),
        reason,
    )


def list_visits(session: Session, household_id: str) -> list[VisitRow]:
    """Every investigation and done review of the household's cases, newest first."""
    found = session.execute(
        select(Case.id, Case.case_number, Case.origin_station).where(Case.household_id == household_id)
    ).all()
    numbers = {case_id: number for case_id, number, _ in found}
    if not numbers:
        return []
    names = Names(session, {origin for _, _, origin in found})
    rows: list[VisitRow] = []
    investigations = select(Investigation).where(Investigation.case_id.in_(numbers))
    for inv in session.execute(investigations).scalars():
        result = "" if inv.eligible is None else ("符合条件" if inv.eligible else "不符合条件")
        findings = "；".join(p for p in (result, inv.findings) if p)
        kind = KINDS.get(inv.kind, inv.kind)
        rows.append(VisitRow(inv.id, inv.started_on, kind, inv.staff, numbers[inv.case_id], findings))
    reviews = select(Review).where(Review.case_id.in_(numbers), Review.done_on.is_not(None))
    for rv in session.execute(reviews).scalars():
        assert rv.done_on is not None
        proposal = PROPOSALS.get(rv.proposal or "none", rv.proposal)
        findings = "；".join(p for p in (rv.finding, f"建议：{proposal}") if p)
        kind = REVIEW_KINDS.get(rv.kind, "复核")
        staff = names.of(rv.reviewer, rv.origin_station)
        rows.append(VisitRow(rv.id, rv.done_on, kind, staff, numbers[rv.case_id], findings))
    rows.sort(key=lambda r: (r.on, r.case_number, r.kind, r.visit_id), reverse=True)
    return rows


def visit_target(session: Session, household_id: str) -> VisitTarget:
    """The case a visit goes under: one being investigated, else one being paid, else one still open."""
    rows = session.execute(
        select(Case).where(Case.household_id == household_id).order_by(Case.applied_on.desc(), Case.id)
    ).scalars()
    states = [(CaseState(c.state), c) for c in rows]
    for wanted in (INVESTIGATING, BENEFIT_STATES, PRE_DECISION_STATES - NOT_ACCEPTED):
        for state, case in states:
            if state in wanted:
                return VisitTarget(case.id, case.case_number, "")
    if any(state in NOT_ACCEPTED for state, _ in states):
        return VisitTarget(None, "", "该户的申请尚未受理，受理后方可入户走访")
    return VisitTarget(None, "", "该户没有在保或正在办理的申请，不能登记入户走访")


def record_visit(
    uow: UnitOfWork,
    actor: Actor,
    household_id: str,
    on: date,
    staff: Sequence[str],
    findings: str,
    *,
    today: date | None = None,
) -> str:
    """Record an 入户走访 by at least two staff; returns the new investigation's id."""
    require_role(actor, TOWNSHIP_ROLES, WHAT)
    session = uow.session
    household = session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案，可能已被删除")
    require_area(actor, household.village_code, WHAT)
    target = visit_target(session, household_id)
    if target.case_id is None:
        raise UserError(target.reason)
    case = session.get(Case, target.case_id)
    assert case is not None
    names = list(dict.fromkeys(s.strip() for s in staff if s.strip()))
    if len(names) < 2:
        raise UserError(
            "入户走访须由2名以上工作人员进行（《最低生活保障审核确认办法》第十六条）", field="走访人员"
        )
    if len("、".join(names)) > MAX_STAFF_TEXT:
        raise UserError(f"走访人员不能超过{MAX_STAFF_TEXT}字", field="走访人员")
    if on > (today or clock.today()):
        raise UserError("走访日期不能晚于今天", field="走访日期")
    if on < case.applied_on:
        raise UserError(f"走访日期不能早于申请日期（{case.applied_on:%Y-%m-%d}）", field="走访日期")
    text = findings.strip()
    if not text:
        raise UserError("请填写走访情况", field="走访情况")
    if len(text) > MAX_FINDINGS:
        raise UserError(f"走访情况不能超过{MAX_FINDINGS}字", field="走访情况")
    if CaseState(case.state) in INVESTIGATING:
        inv = procedure.record_investigation(
            uow, actor, case.id, kind=HOME_VISIT, started_on=on, staff=names, finished_on=on, findings=text
        )
        return inv.id
    visit = Investigation(
        case_id=case.id, kind=VISIT, started_on=on, finished_on=on, staff="、".join(names), findings=text
    )
    session.add(visit)
    session.flush()
    return visit.id
