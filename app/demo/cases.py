"""Walks demo cases through the real state machine, with dates from the working-day calendar."""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from app.domain.calendar import WorkCalendar
from app.domain.codes import Program, RuleMode
from app.domain.workflow import Action, CaseState, Transition, allowed_actions

# Detours cost more, so the cheapest path is the ordinary one.
_COST = {
    Action.REQUEST_MATERIALS: 6,
    Action.REPORT_INELIGIBLE: 6,
    Action.RECHECK: 6,
    Action.HOLD_APPRAISAL: 3,
    Action.REINVESTIGATE: 6,
    Action.WITHDRAW: 9,
    Action.TERMINATE: 9,
    Action.REFUSE_INTAKE: 9,
    Action.ADJUST: 9,
}
# Open only after an objection and its re-check (S1 Art.19 ¶2): never on a path without one.
_AFTER_OBJECTION_ONLY = frozenset({Action.SUBMIT_RECHECKED})
RULES_2012_UNTIL = date(2021, 7, 1)  # 民发〔2021〕57号 in force from this day


@cache
def path_to(
    target: CaseState, mode: RuleMode, program: Program, appraisal: bool = False
) -> tuple[Transition, ...]:
    """The cheapest sequence of transitions from APPLIED to ``target`` (Dijkstra over the table)."""
    cost = dict(_COST)
    if appraisal:
        cost[Action.HOLD_APPRAISAL] = 0
    queue: list[tuple[int, int, CaseState, tuple[Transition, ...]]] = [(0, 0, CaseState.APPLIED, ())]
    seen: set[CaseState] = set()
    tie = 0
    while queue:
        spent, _, state, path = heapq.heappop(queue)
        if state is target:
            return path
        if state in seen:
            continue
        seen.add(state)
        for tr in allowed_actions(state, mode, program):
            if tr.action in _AFTER_OBJECTION_ONLY:
                continue
            if tr.target not in seen and tr.target is not tr.source:
                tie += 1
                heapq.heappush(queue, (spent + 1 + cost.get(tr.action, 0), tie, tr.target, (*path, tr)))
    raise ValueError(f"{target} unreachable under {mode}/{program}")


# (target state, program, mode, weight): the mix of a township's case load.
MIX: tuple[tuple[CaseState, Program, RuleMode, int], ...] = (
    (CaseState.ACTIVE, Program.DIBAO, RuleMode.RULES_2021, 430),
    (CaseState.ACTIVE, Program.DIBAO, RuleMode.RULES_2012, 120),
    (CaseState.ACTIVE, Program.TEKUN, RuleMode.RULES_2021, 90),
    (CaseState.GRADUAL_EXIT, Program.DIBAO, RuleMode.RULES_2021, 15),
    (CaseState.STOPPED, Program.DIBAO, RuleMode.RULES_2021, 60),
    (CaseState.STOPPED, Program.DIBAO, RuleMode.RULES_2012, 30),
    (CaseState.REFUSED, Program.DIBAO, RuleMode.RULES_2021, 30),
    (CaseState.COMPLETED, Program.LINSHI, RuleMode.RULES_2021, 60),
    (CaseState.APPLIED, Program.DIBAO, RuleMode.RULES_2021, 8),
    (CaseState.PENDING_MATERIALS, Program.DIBAO, RuleMode.RULES_2021, 6),
    (CaseState.NOT_ACCEPTED, Program.DIBAO, RuleMode.RULES_2021, 5),
    (CaseState.ACCEPTED, Program.DIBAO, RuleMode.RULES_2021, 10),
    (CaseState.INVESTIGATING, Program.DIBAO, RuleMode.RULES_2021, 18),
    (CaseState.INVESTIGATING, Program.TEKUN, RuleMode.RULES_2021, 4),
    (CaseState.INVESTIGATING, Program.LINSHI, RuleMode.RULES_2021, 4),
    (CaseState.INELIGIBLE_NOTIFIED, Program.DIBAO, RuleMode.RULES_2021, 4),
    (CaseState.APPRAISAL, Program.DIBAO, RuleMode.RULES_2021, 5),
    (CaseState.PRELIMINARY, Program.DIBAO, RuleMode.RULES_2021, 8),
    (CaseState.NOTICE, Program.DIBAO, RuleMode.RULES_2021, 12),
    (CaseState.OBJECTION, Program.DIBAO, RuleMode.RULES_2021, 3),
    (CaseState.SUBMITTED, Program.DIBAO, RuleMode.RULES_2021, 14),
    (CaseState.SUBMITTED, Program.TEKUN, RuleMode.RULES_2021, 3),
    (CaseState.COUNTY_NOTICE, Program.DIBAO, RuleMode.RULES_2012, 3),
    (CaseState.COUNTY_OBJECTION, Program.DIBAO, RuleMode.RULES_2012, 1),
    (CaseState.TERMINATED, Program.DIBAO, RuleMode.RULES_2021, 4),
    (CaseState.WITHDRAWN, Program.DIBAO, RuleMode.RULES_2021, 4),
)
IN_PROGRESS = frozenset(
    {
        CaseState.APPLIED,
        CaseState.PENDING_MATERIALS,
        CaseState.ACCEPTED,
        CaseState.INVESTIGATING,
        CaseState.INELIGIBLE_NOTIFIED,
        CaseState.APPRAISAL,
        CaseState.PRELIMINARY,
        CaseState.NOTICE,
        CaseState.OBJECTION,
        CaseState.SUBMITTED,
        CaseState.COUNTY_NOTICE,
        CaseState.COUNTY_OBJECTION,
    }
)


def pick_mix(rng: random.Random, index: int) -> tuple[CaseState, Program, RuleMode]:
    """Every kind once for the first households (so even a tiny demo has each state), then weighted."""
    if index < len(MIX):
        state, program, mode, _ = MIX[index]
    else:
        state, program, mode, _ = rng.choices(MIX, weights=[m[3] for m in MIX])[0]
    return state, program, mode


@dataclass
class Step:
    transition: Transition
    on: date


@dataclass
class Walk:
    """A case's history: its transitions with the dates they were taken."""

    applied_on: date
    steps: list[Step] = field(default_factory=list)

    def date_of(self, action: Action) -> date | None:
        for step in self.steps:
            if step.transition.action is action:
                return step.on
        return None

    @property
    def last_on(self) -> date:
        return self.steps[-1].on if self.steps else self.applied_on


def _step_days(rng: random.Random, action: Action) -> int:
    """Working days a step usually takes after the one before it."""
    spans = {
        Action.ACCEPT: (0, 2),
        Action.START_INVESTIGATION: (1, 3),
        Action.RECORD_OPINION: (3, 8),
        Action.HOLD_APPRAISAL: (2, 5),
        Action.START_NOTICE: (1, 2),
        Action.CLOSE_NOTICE: (5, 6),
        Action.START_COUNTY_NOTICE: (2, 4),
        Action.APPROVE: (2, 8),
        Action.REFUSE: (3, 8),
        Action.RECORD_OBJECTION: (1, 4),
        Action.REQUEST_MATERIALS: (0, 1),
        Action.REPORT_INELIGIBLE: (4, 8),
    }
    low, high = spans.get(action, (1, 5))
    return rng.randint(low, high)


def back_working_days(cal: WorkCalendar, d: date, n: int) -> date:
    """The day ``n`` working days before ``d``."""
    while n > 0:
        d -= timedelta(days=1)
        if cal.is_workday(d):
            n -= 1
    return d


def walk(
    rng: random.Random,
    cal: WorkCalendar,
    today: date,
    target: CaseState,
    program: Program,
    mode: RuleMode,
    appraisal: bool,
) -> Walk:
    """Dates for the path to ``target``: recent for open cases, years back for settled ones."""
    path = path_to(target, mode, program, appraisal or mode is RuleMode.RULES_2012)
    spans = [_step_days(rng, tr.action) for tr in path]
    later = [tr for tr in path if tr.action in (Action.STOP, Action.START_GRADUAL_EXIT)]
    decision_span = sum(spans[: len(path) - len(later)])
    if target in IN_PROGRESS:
        end = back_working_days(cal, today, rng.randint(0, 14))
        start = back_working_days(cal, end, decision_span)
    elif mode is RuleMode.RULES_2012:
        start = cal.next_workday(date(2017, 1, 1) + timedelta(days=rng.randrange(0, 1600)))
        start = min(start, RULES_2012_UNTIL - timedelta(days=60))
    else:
        earliest = max(RULES_2012_UNTIL, today - timedelta(days=5 * 365))
        room = max(1, (today - earliest).days - 120)
        start = cal.next_workday(earliest + timedelta(days=rng.randrange(0, room)))
    result = Walk(start)
    on = start
    notice_last: date | None = None  # the last day of the 公示 running (7 calendar days)
    for tr, span in zip(path, spans, strict=True):
        if tr.action is Action.STOP or tr.action is Action.START_GRADUAL_EXIT:
            gap = (today - on).days
            on = cal.next_workday(on + timedelta(days=rng.randint(min(60, gap // 2), max(61, gap - 30))))
            if target is CaseState.GRADUAL_EXIT:
                on = back_working_days(cal, today, rng.randint(5, 60))
        else:
            on = cal.add_working_days(on, span) if span else cal.next_workday(on)
            on = _lawful_day(rng, cal, tr, on, notice_last)
        if tr.action in (Action.START_NOTICE, Action.START_COUNTY_NOTICE):
            notice_last = on + timedelta(days=NOTICE_DAYS - 1)
        result.steps.append(Step(tr, on if target in IN_PROGRESS else min(on, today)))
    if target in IN_PROGRESS and result.last_on > end:
        # The 公示 took longer than the spans: move the whole history back by whole weeks.
        weeks = timedelta(days=7 * -(-(result.last_on - end).days // 7))
        result.applied_on -= weeks
        for step in result.steps:
            step.on -= weeks
    return result


NOTICE_DAYS = 7  # the demo's 公示 periods, in calendar days (the default time limits)


def _lawful_day(rng: random.Random, cal: WorkCalendar, tr: Transition, on: date, last: date | None) -> date:
    """The step's day moved where the rules put it: an objection within the 公示, 报县 after it has run in
    full (S1 Art.19), the county's decision within 3 working days after its own 公示 (S2 Art.29)."""
    if last is None:
        return on
    if tr.action is Action.RECORD_OBJECTION:
        return min(on, last)
    if tr.action is Action.CLOSE_NOTICE:
        return max(on, cal.next_workday(last + timedelta(days=1)))
    if tr.source is CaseState.COUNTY_NOTICE and tr.action in (Action.APPROVE, Action.REFUSE):
        return cal.add_working_days(last, rng.randint(1, 3))
    return on
