"""The procedure records of one demo case: events, investigation, appraisal, notices, decisions, benefit."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from app.demo.cases import Walk
from app.demo.people import STAFF, MemberSpec
from app.domain.benefit import BenefitResult
from app.domain.calendar import DayKind
from app.domain.codes import Program, RuleMode
from app.domain.money import month_of, next_month
from app.domain.reviews import gradual_exit_end, next_review_due, review_frequency
from app.domain.workflow import COUNTY, Action, CaseState

if TYPE_CHECKING:
    from app.demo.builder import DemoBuilder, Village

Row = dict[str, Any]
_CATEGORY = {Program.DIBAO: "低保", Program.TEKUN: "特困供养", Program.LINSHI: "临时救助"}
OVERDUE_SHARE = 0.06  # of the households under review: their last review left open (if not long past due)
OVERDUE_MAX_DAYS = 90  # at most this many days past its day


def record_case(
    b: DemoBuilder,
    hh_id: str,
    pids: list[str],
    members: list[MemberSpec],
    village: Village,
    program: Program,
    mode: RuleMode,
    target: CaseState,
    walk: Walk,
    result: BenefitResult,
) -> None:
    rng = b.rng
    station = village.station
    case_id = b.uid()
    number = b.next_number(station, walk.applied_on.year)
    near = rng.random() < 0.02
    single = len(members) == 1
    # 2012 rules: the county drew its ≥30% spot check of the batch before proposing approval (S2 Art.26).
    county_notice_on = walk.date_of(Action.START_COUNTY_NOTICE)
    submitted_on = walk.date_of(Action.CLOSE_NOTICE)
    spot = mode is RuleMode.RULES_2012 and county_notice_on is not None and submitted_on is not None
    drawn = spot and rng.random() < 0.35
    opinion_on = walk.date_of(Action.RECORD_OPINION)
    county_user = b.users["county"]
    b.rows["case_file"].append(
        {
            **b.stamp(station, walk.last_on),
            "id": case_id,
            "case_number": number,
            "household_id": hh_id,
            "applicant_id": pids[0],
            "program": program.value,
            "state": target.value,
            "rule_mode": mode.value,
            "applied_on": walk.applied_on,
            "accepted_on": walk.date_of(Action.ACCEPT),
            "state_since": walk.last_on,
            "extended": False,
            "single_person": single and program is not Program.TEKUN and rng.random() < 0.1,
            "near_relative": near,
            "relative_filed": near,
            "complaint": target in (CaseState.OBJECTION, CaseState.COUNTY_OBJECTION),
            "county_visit_done": (near and walk.date_of(Action.APPROVE) is not None) or drawn,
            "consent_on": walk.applied_on,
            "materials_missing": "缺少户口簿复印件、收入证明"
            if target is CaseState.PENDING_MATERIALS
            else "",
            "opinion": "经入户调查和信息核对，家庭人均收入低于当地保障标准，符合条件，拟同意"
            if opinion_on
            else "",
            "opinion_by": b.head_of(station) if opinion_on else "",
            "opinion_on": opinion_on,
            "emergency": program is Program.LINSHI,
        }
    )
    prev = CaseState.APPLIED
    b.rows["case_event"].append(
        _event(
            b,
            station,
            case_id,
            1,
            "apply",
            "",
            CaseState.APPLIED,
            walk.applied_on,
            b.users["township"],
            "《最低生活保障审核确认办法》第四条",
            "提交书面申请",
        )
    )
    seq = 1
    for step in walk.steps:
        tr = step.transition
        actor = county_user if tr.actor_level == COUNTY else b.users["township"]
        if tr.action is Action.RECORD_OPINION:  # only the township's head signs its 初审意见
            actor = b.head_of(station)
        seq += 1
        b.rows["case_event"].append(
            _event(
                b,
                station,
                case_id,
                seq,
                tr.action.value,
                prev.value,
                tr.target,
                step.on,
                actor,
                tr.legal_basis,
                _reason(tr.action),
            )
        )
        prev = tr.target
        if spot and tr.action is Action.CLOSE_NOTICE:
            seq += 1
            reason = "抽中，须县级入户核查" if drawn else "未抽中"  # as app.services.cases.county_review
            b.rows["case_event"].append(
                _event(
                    b,
                    station,
                    case_id,
                    seq,
                    "spot_check",
                    prev.value,
                    prev,
                    step.on,
                    county_user,
                    "县级审批抽查不少于30%",
                    reason,
                )
            )
    if drawn and submitted_on is not None:
        b.rows["investigation"].append(
            {
                **b.stamp(station, submitted_on, county_user),
                "case_id": case_id,
                "kind": "county_visit",
                "started_on": submitted_on,
                "finished_on": submitted_on,
                "staff": "、".join(rng.sample(STAFF, 2)),
                "findings": "县级随机抽查入户核实，家庭情况与申报一致",
                "eligible": True,
            }
        )
    inv_on = walk.date_of(Action.START_INVESTIGATION)
    if inv_on:
        done = opinion_on or walk.date_of(Action.REPORT_INELIGIBLE) or walk.date_of(Action.APPROVE)
        staff = rng.sample(STAFF, 2)
        b.rows["investigation"].append(
            {
                **b.stamp(station, inv_on),
                "case_id": case_id,
                "kind": "home_visit",
                "started_on": inv_on,
                "finished_on": done,
                "staff": "、".join(staff),
                "findings": "实地查看住房和生产生活情况，核实家庭成员、收入和财产" if done else "",
                "eligible": (result.eligible and target is not CaseState.REFUSED) if done else None,
            }
        )
    held = walk.date_of(Action.HOLD_APPRAISAL)
    if held:
        attendance = rng.randint(15, 31)
        reps = max(-(-attendance * 2 // 3), attendance - rng.randint(3, 6))
        against = rng.randint(0, attendance // 6)
        b.rows["appraisal"].append(
            {
                **b.stamp(station, held),
                "case_id": case_id,
                "held_on": held,
                "place": f"{village.name}村部",
                "chair": STAFF[0],
                "recorder": STAFF[1],
                "attendance": attendance,
                "representatives": reps,
                "votes_for": attendance - against,
                "votes_against": against,
                "votes_abstain": 0,
                "passed": True,
                "record": "宣讲政策、介绍情况、现场评议、无记名投票",
            }
        )
    persons = result.covered
    amount = result.total_fen if result.eligible else None
    objected = walk.date_of(Action.RECORD_OBJECTION)
    starts = [walk.date_of(a) for a in (Action.START_NOTICE, Action.START_COUNTY_NOTICE)]
    objected_to = max((d for d in starts if d and objected and d <= objected), default=None)
    for action, kind in ((Action.START_NOTICE, "preliminary"), (Action.START_COUNTY_NOTICE, "approved")):
        start = walk.date_of(action)
        if start:
            notice_id = _notice(b, station, village, program, kind, start)
            b.rows["notice_entry"].append(
                {
                    **b.stamp(station, start),
                    "notice_id": notice_id,
                    "case_id": case_id,
                    "seq": _entry_seq(b, notice_id),
                    "display_name": members[0].name,
                    "persons": persons,
                    "category": _CATEGORY[program],
                    "monthly_fen": amount,
                    "remark": "",
                }
            )
            if objected and start == objected_to:
                b.rows["objection"].append(
                    {
                        **b.stamp(station, objected),
                        "case_id": case_id,
                        "notice_id": notice_id,
                        "received_on": objected,
                        "channel": "来电",
                        "real_name": True,
                        "content": "反映该户有子女在外务工收入较高，未如实申报",
                        "outcome": "",
                        "resolved_on": None,
                    }
                )
    _decisions(b, station, case_id, program, mode, target, walk, result, pids, village)


def _decisions(
    b: DemoBuilder,
    station: str,
    case_id: str,
    program: Program,
    mode: RuleMode,
    target: CaseState,
    walk: Walk,
    result: BenefitResult,
    pids: list[str],
    village: Village,
) -> None:

    county_user = b.users["county"]
    approved = walk.date_of(Action.APPROVE)
    refused = walk.date_of(Action.REFUSE)
    if refused:
        b.rows["decision"].append(
            {
                **b.stamp(station, refused, county_user),
                "case_id": case_id,
                "kind": "refuse",
                "decided_on": refused,
                "decided_by": county_user,
                "amount_fen": None,
                "start_month": None,
                "legal_basis": "《最低生活保障审核确认办法》第二十一条",
                "reason": result.reason or "家庭人均收入高于当地保障标准",
                "certificate_no": "",
                "home_visit_done": False,
            }
        )
    if not approved:
        return
    start = next_month(month_of(approved))
    amount = result.total_fen if result.eligible else 0
    b.rows["decision"].append(
        {
            **b.stamp(station, approved, county_user),
            "case_id": case_id,
            "kind": "approve",
            "decided_on": approved,
            "decided_by": county_user,
            "amount_fen": amount,
            "start_month": start,
            "legal_basis": "《最低生活保障审核确认办法》第二十一条"
            if program is not Program.TEKUN
            else "《特困人员认定办法》第十七条",
            "reason": "符合条件，予以确认",
            "certificate_no": b.next_number(station, approved.year).replace("-", "-Z", 1)
            if program is not Program.LINSHI
            else "",
            "home_visit_done": False,
        }
    )
    if program is Program.LINSHI:
        return
    status = target.value
    end_month = None
    exit_start = exit_end = None
    stop_on = walk.date_of(Action.STOP)
    exit_on = walk.date_of(Action.START_GRADUAL_EXIT)
    if exit_on:
        exit_start = next_month(month_of(exit_on))
        exit_end = gradual_exit_end(exit_start, b.rng.randint(3, 6))
        b.rows["decision"].append(
            {
                **b.stamp(station, exit_on, county_user),
                "case_id": case_id,
                "kind": "gradual_exit",
                "decided_on": exit_on,
                "decided_by": county_user,
                "amount_fen": amount,
                "start_month": exit_start,
                "legal_basis": "《最低生活保障审核确认办法》第三十三条",
                "reason": "家庭成员就业后收入超过保障标准，给予渐退期",
                "certificate_no": "",
                "home_visit_done": False,
            }
        )
    if stop_on:
        end_month = month_of(stop_on)
        b.rows["decision"].append(
            {
                **b.stamp(station, stop_on, county_user),
                "case_id": case_id,
                "kind": "stop",
                "decided_on": stop_on,
                "decided_by": county_user,
                "amount_fen": 0,
                "start_month": next_month(end_month),
                "legal_basis": "《社会救助暂行办法》第十三条",
                "reason": "经复核家庭人均收入超过保障标准，书面告知后停发",
                "certificate_no": "",
                "home_visit_done": False,
            }
        )
    benefit_id = b.uid()
    b.rows["benefit"].append(
        {
            **b.stamp(station, stop_on or approved, county_user),
            "id": benefit_id,
            "case_id": case_id,
            "household_id": b.rows["case_file"][-1]["household_id"],
            "program": program.value,
            "status": status,
            "tier": "",
            "start_month": start,
            "end_month": end_month,
            "base_fen": result.base_fen,
            "topup_fen": result.total_fen - result.base_fen if result.eligible else 0,
            "monthly_fen": amount,
            "exit_start_month": exit_start,
            "exit_end_month": exit_end,
        }
    )
    for pid in pids:
        b.rows["benefit_member"].append(
            {
                **b.stamp(station, approved, county_user),
                "benefit_id": benefit_id,
                "person_id": pid,
                "topup_fen": result.topups_fen.get(pid, 0),
            }
        )
    until = stop_on or b.today
    b.rows["review"].extend(review_rows(b, case_id, station, program, mode, village.urban, approved, until))
    if stop_on:
        b.rows["review"][-1].update(done_on=None, finding="", proposal="")
        last = b.rows["review"][-1]
        last.update(
            done_on=stop_on,
            reviewer=b.users["township"],
            finding="家庭成员务工收入增加",
            proposal="stop",
            reason="家庭人均收入超过保障标准",
            stable_income=False,
        )


def _event(
    b: DemoBuilder,
    station: str,
    case_id: str,
    seq: int,
    action: str,
    source: str,
    target: CaseState,
    on: date,
    actor: str,
    basis: str,
    reason: str,
) -> dict[str, object]:
    return {
        **b.stamp(station, on, actor),
        "case_id": case_id,
        "seq": seq,
        "action": action,
        "from_state": source,
        "to_state": target.value,
        "on_date": on,
        "at": datetime.combine(on, time(2, 0), UTC),
        "actor": actor,
        "legal_basis": basis,
        "reason": reason,
    }


def _reason(action: Action) -> str:
    return {
        Action.REQUEST_MATERIALS: "一次性告知需补充：户口簿复印件、收入证明",
        Action.REPORT_INELIGIBLE: "信息核对发现家庭成员名下有机动车辆",
        Action.REFUSE_INTAKE: "申请人户籍不在本乡镇",
        Action.REFUSE: "家庭人均收入高于当地保障标准",
        Action.TERMINATE: "申请人无正当理由拒不配合入户调查",
        Action.WITHDRAW: "申请人书面申请撤回",
        Action.STOP: "经复核家庭人均收入超过保障标准",
        Action.START_GRADUAL_EXIT: "家庭成员就业，给予渐退期",
    }.get(action, "")


def _notice(b: DemoBuilder, station: str, village: Village, program: Program, kind: str, start: date) -> str:
    """The id of the village's 公示 of ``kind`` starting on ``start``, made the first time it is needed."""
    key = (village.code, kind, start)
    found = b.notices.get(key)
    if found is not None:
        return found
    end = b.cal.notice_period(start, 7, DayKind.CALENDAR)[1]
    notice = {
        **b.stamp(station, start),
        "kind": kind,
        "village_code": village.code,
        "program": program.value,
        "starts_on": start,
        "ends_on": end,
        "day_kind": "calendar",
        "issued_by": "",
        "status": "running" if end >= b.today else "ended",
    }
    b.notices[key] = str(notice["id"])
    b.rows["public_notice"].append(notice)  # written with the batch of its first entry
    return str(notice["id"])


def _entry_seq(b: DemoBuilder, notice_id: str) -> int:
    b.counters[f"notice:{notice_id}"] += 1
    return b.counters[f"notice:{notice_id}"]


def review_rows(
    builder: DemoBuilder,
    case_id: str,
    station: str,
    program: Program,
    mode: RuleMode,
    urban: bool,
    since: date,
    until: date,
) -> list[Row]:
    """Review history from approval to ``until``; the next one is open (some of them overdue)."""
    rng = builder.rng
    freq = review_frequency(
        program=program,
        rules_2012=mode is RuleMode.RULES_2012,
        stable_income=rng.random() < 0.7,
        has_working_member=rng.random() < 0.5,
        three_no_or_severe=program is Program.TEKUN,
        urban=urban,
    )
    rows: list[Row] = []
    due = next_review_due(since, freq)
    # A handful of households are overdue, and not by long: a township clears its reviews (the draw
    # for the old 8% rule is kept so that the rest of the demo stays as it was).
    overdue = random.Random(case_id).random() < OVERDUE_SHARE
    while due <= until:
        rng.random()
        following = next_review_due(due, freq)
        done: date | None = builder.cal.next_workday(due)
        last_due = following > until and until >= builder.today
        if overdue and last_due and (builder.today - due).days <= OVERDUE_MAX_DAYS:
            done = None
        if done and done > builder.today:
            done = None
        rows.append(
            {
                **builder.stamp(station, done or due),
                "case_id": case_id,
                "kind": "periodic",
                "frequency": freq.value,
                "due_on": due,
                "done_on": done,
                "reviewer": builder.users["township"] if done else "",
                "stable_income": True,
                "finding": "家庭经济状况无明显变化" if done else "",
                "proposal": "none" if done else "",
                "proposed_fen": None,
                "reason": "",
            }
        )
        if done is None:
            return rows
        due = following
    rows.append(
        {
            **builder.stamp(station, since),
            "case_id": case_id,
            "kind": "periodic",
            "frequency": freq.value,
            "due_on": due,
            "done_on": None,
            "reviewer": "",
            "stable_income": True,
            "finding": "",
            "proposal": "",
            "proposed_fen": None,
            "reason": "",
        }
    )
    return rows
