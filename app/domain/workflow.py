"""Case state machine: states, actions and the transitions each rule mode and programme allows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from app.domain.codes import Program, RuleMode
from app.errors import IllegalTransition

TOWNSHIP = "township"
COUNTY = "county"


class CaseState(StrEnum):
    """Where a case stands; the value is the stable code stored in the database."""

    APPLIED = "applied"
    PENDING_MATERIALS = "pending_materials"
    NOT_ACCEPTED = "not_accepted"
    ACCEPTED = "accepted"
    INVESTIGATING = "investigating"
    INELIGIBLE_NOTIFIED = "ineligible_notified"
    APPRAISAL = "appraisal"
    PRELIMINARY = "preliminary"
    NOTICE = "notice"
    OBJECTION = "objection"
    SUBMITTED = "submitted"
    COUNTY_NOTICE = "county_notice"
    COUNTY_OBJECTION = "county_objection"
    ACTIVE = "active"
    GRADUAL_EXIT = "gradual_exit"
    REFUSED = "refused"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


class Action(StrEnum):
    """A step a caseworker records; each is one transition between states."""

    REQUEST_MATERIALS = "request_materials"
    ACCEPT = "accept"
    REFUSE_INTAKE = "refuse_intake"
    START_INVESTIGATION = "start_investigation"
    REPORT_INELIGIBLE = "report_ineligible"
    RECHECK = "recheck"
    HOLD_APPRAISAL = "hold_appraisal"
    RECORD_OPINION = "record_opinion"
    START_NOTICE = "start_notice"
    RECORD_OBJECTION = "record_objection"
    REINVESTIGATE = "reinvestigate"
    CLOSE_NOTICE = "close_notice"
    SUBMIT_RECHECKED = "submit_rechecked"
    START_COUNTY_NOTICE = "start_county_notice"
    APPROVE = "approve"
    REFUSE = "refuse"
    TERMINATE = "terminate"
    WITHDRAW = "withdraw"
    ADJUST = "adjust"
    START_GRADUAL_EXIT = "start_gradual_exit"
    STOP = "stop"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_STATE_LABELS: dict[CaseState, str] = {
    CaseState.APPLIED: "申请",
    CaseState.PENDING_MATERIALS: "待补正",
    CaseState.NOT_ACCEPTED: "不予受理",
    CaseState.ACCEPTED: "已受理",
    CaseState.INVESTIGATING: "调查核实",
    CaseState.INELIGIBLE_NOTIFIED: "核对不符已告知",
    CaseState.APPRAISAL: "民主评议",
    CaseState.PRELIMINARY: "乡镇初审",
    CaseState.NOTICE: "初审公示",
    CaseState.OBJECTION: "公示有异议",
    CaseState.SUBMITTED: "报县审核",
    CaseState.COUNTY_NOTICE: "拟批准公示",
    CaseState.COUNTY_OBJECTION: "拟批准公示有异议",
    CaseState.ACTIVE: "在保",
    CaseState.GRADUAL_EXIT: "渐退期",
    CaseState.REFUSED: "不予确认",
    CaseState.TERMINATED: "终止",
    CaseState.WITHDRAWN: "撤回",
    CaseState.STOPPED: "停发退出",
    CaseState.COMPLETED: "已救助",
}

_ACTION_LABELS: dict[Action, str] = {
    Action.REQUEST_MATERIALS: "一次性告知补正",
    Action.ACCEPT: "受理",
    Action.REFUSE_INTAKE: "不予受理",
    Action.START_INVESTIGATION: "开始调查",
    Action.REPORT_INELIGIBLE: "核对不符告知",
    Action.RECHECK: "复查",
    Action.HOLD_APPRAISAL: "民主评议",
    Action.RECORD_OPINION: "初审意见",
    Action.START_NOTICE: "开始公示",
    Action.RECORD_OBJECTION: "登记异议",
    Action.REINVESTIGATE: "重新调查",
    Action.CLOSE_NOTICE: "公示期满报县",
    Action.SUBMIT_RECHECKED: "复查后报县",
    Action.START_COUNTY_NOTICE: "县级拟批准公示",
    Action.APPROVE: "确认",
    Action.REFUSE: "不予确认",
    Action.TERMINATE: "终止(不配合)",
    Action.WITHDRAW: "撤回申请",
    Action.ADJUST: "增发/减发",
    Action.START_GRADUAL_EXIT: "渐退",
    Action.STOP: "停发",
    Action.COMPLETE: "救助完毕",
}

TERMINAL_STATES: frozenset[CaseState] = frozenset(
    {
        CaseState.NOT_ACCEPTED,
        CaseState.REFUSED,
        CaseState.TERMINATED,
        CaseState.WITHDRAWN,
        CaseState.STOPPED,
        CaseState.COMPLETED,
    }
)
BENEFIT_STATES: frozenset[CaseState] = frozenset({CaseState.ACTIVE, CaseState.GRADUAL_EXIT})
# Non-terminal states before the decision; the case can still be terminated or withdrawn.
PRE_DECISION_STATES: frozenset[CaseState] = frozenset(CaseState) - TERMINAL_STATES - BENEFIT_STATES
# Pre-decision states in which the overall time limit from acceptance runs.
POST_ACCEPTANCE_STATES: frozenset[CaseState] = PRE_DECISION_STATES - {
    CaseState.APPLIED,
    CaseState.PENDING_MATERIALS,
}
DECISION_ACTIONS: frozenset[Action] = frozenset({Action.APPROVE, Action.REFUSE})
# Waiting for the county: sent up, on its 拟批准公示, or re-checked after an objection to that 公示.
AT_COUNTY_STATES: frozenset[CaseState] = frozenset(
    {CaseState.SUBMITTED, CaseState.COUNTY_NOTICE, CaseState.COUNTY_OBJECTION}
)


@dataclass(frozen=True)
class Transition:
    """One allowed step: who takes it, where it leads and on what legal ground."""

    action: Action
    source: CaseState
    target: CaseState
    actor_level: str
    legal_basis: str


def decision_level(mode: RuleMode) -> str:
    """Who decides (审核确认): the county, or the township where the power is delegated."""
    return TOWNSHIP if mode is RuleMode.DELEGATED else COUNTY


def allowed_actions(state: CaseState, mode: RuleMode, program: Program) -> list[Transition]:
    """The transitions open from ``state``, in the order a form should offer them."""
    return list(_table(mode, program).get(state, ()))


def next_state(state: CaseState, action: Action, mode: RuleMode, program: Program) -> Transition:
    """Return the transition ``action`` makes from ``state``; raise IllegalTransition if not allowed."""
    allowed = allowed_actions(state, mode, program)
    for transition in allowed:
        if transition.action is action:
            return transition
    raise IllegalTransition(_refusal_message(state, action, allowed, mode, program))


def recheck_refusal(
    action: Action,
    state: CaseState,
    mode: RuleMode,
    program: Program,
    *,
    after_objection: bool,
    renotice: bool,
) -> str:
    """Why ``action`` may not follow the new 初审意见 of a case (empty: it may), S1 Art.19.

    ``after_objection``: the case's last 公示 drew an objection, and this opinion is the one made after
    re-investigating or appraising it. By S1 Art.19 ¶2 that opinion goes to the county with the file, with
    no second 公示, unless ``renotice`` (a [LOCAL] setting) asks for one. 特困 (S4 Art.15 ¶2) and the 2012
    rules (S2 Art.25) always publish the new opinion again; their tables have no SUBMIT_RECHECKED.
    """
    if state is not CaseState.PRELIMINARY:
        return ""
    if action is Action.SUBMIT_RECHECKED:
        if not after_objection:
            return f"初审意见须先在村（社区）公示，公示期满无异议方可报县（{S1}第十九条第一款）"
        if renotice:
            return "按本地规定，异议复查后重新提出的初审意见须重新公示，公示期满后报县"
    direct = any(t.action is Action.SUBMIT_RECHECKED for t in allowed_actions(state, mode, program))
    if action is Action.START_NOTICE and after_objection and not renotice and direct:
        return (
            "公示有异议的，经重新调查或民主评议后重新提出的初审意见，连同申请材料等直接报送县级，"
            f"不再重新公示（{S1}第十九条第二款）；请执行“{Action.SUBMIT_RECHECKED.label}”"
        )
    return ""


def _refusal_message(
    state: CaseState, action: Action, allowed: list[Transition], mode: RuleMode, program: Program
) -> str:
    names = "、".join(dict.fromkeys(t.action.label for t in allowed)) or "无（案件已办结）"
    message = f"当前状态为“{state.label}”，不能执行“{action.label}”。可执行的操作：{names}"
    hint = _hint(state, action, mode, program)
    return f"{message}。{hint}" if hint else message


def _hint(state: CaseState, action: Action, mode: RuleMode, program: Program) -> str:
    if mode is RuleMode.RULES_2012:
        if action is Action.RECORD_OPINION and state is CaseState.INVESTIGATING:
            return "按2012年办法，民主评议为必经程序，须先进行民主评议再提出初审意见"
        if action in DECISION_ACTIONS and state is CaseState.SUBMITTED:
            return "按2012年办法，县级须先对拟批准对象公示7天，期满后方可作出决定"
    if action is Action.APPROVE and program is not Program.LINSHI and state in POST_ACCEPTANCE_STATES:
        return "未经调查核实、公示、审核确认等程序，不得直接纳入保障范围"
    return ""


@cache
def _table(mode: RuleMode, program: Program) -> dict[CaseState, tuple[Transition, ...]]:
    s, a = CaseState, Action
    rows: dict[CaseState, list[Transition]] = {}

    def add(sources: tuple[CaseState, ...], action: Action, target: CaseState, actor: str = TOWNSHIP) -> None:
        for source in sources:
            basis = _basis(action, source, mode, program)
            rows.setdefault(source, []).append(Transition(action, source, target, actor, basis))

    linshi = program is Program.LINSHI
    decider = decision_level(mode)
    add((s.APPLIED,), a.REQUEST_MATERIALS, s.PENDING_MATERIALS)
    add((s.APPLIED, s.PENDING_MATERIALS), a.ACCEPT, s.ACCEPTED)
    add((s.APPLIED, s.PENDING_MATERIALS), a.REFUSE_INTAKE, s.NOT_ACCEPTED)
    add((s.ACCEPTED,), a.START_INVESTIGATION, s.INVESTIGATING)
    if linshi:  # 先行救助: matching, appraisal and notice may be skipped.
        add((s.ACCEPTED, s.INVESTIGATING), a.APPROVE, s.COMPLETED, decider)
    add((s.INVESTIGATING,), a.REPORT_INELIGIBLE, s.INELIGIBLE_NOTIFIED)
    add((s.INELIGIBLE_NOTIFIED,), a.RECHECK, s.INVESTIGATING)
    add((s.INVESTIGATING,), a.HOLD_APPRAISAL, s.APPRAISAL)
    if mode is RuleMode.RULES_2012:  # 民主评议 is mandatory; a disputed one is re-investigated.
        add((s.APPRAISAL,), a.RECORD_OPINION, s.PRELIMINARY)
        add((s.APPRAISAL,), a.REINVESTIGATE, s.INVESTIGATING)
    else:
        add((s.INVESTIGATING, s.APPRAISAL), a.RECORD_OPINION, s.PRELIMINARY)
    add((s.PRELIMINARY,), a.START_NOTICE, s.NOTICE)
    add((s.NOTICE,), a.CLOSE_NOTICE, s.SUBMITTED)
    add((s.NOTICE,), a.RECORD_OBJECTION, s.OBJECTION)
    add((s.OBJECTION,), a.REINVESTIGATE, s.INVESTIGATING)
    add((s.OBJECTION,), a.HOLD_APPRAISAL, s.APPRAISAL)
    if program is not Program.TEKUN and mode is not RuleMode.RULES_2012:
        # S1 Art.19 ¶2: the new opinion after an objection goes to the county (the service checks that the
        # case did have an objection, and whether a [LOCAL] setting asks for a second 公示 instead).
        add((s.PRELIMINARY,), a.SUBMIT_RECHECKED, s.SUBMITTED)
    decide_from = s.SUBMITTED
    if mode is RuleMode.RULES_2012:
        add((s.SUBMITTED,), a.START_COUNTY_NOTICE, s.COUNTY_NOTICE, COUNTY)
        decide_from = s.COUNTY_NOTICE
        # S2 Art.29 ¶2: an objection to the county's 公示 → re-check, decide within 20 WD, publish again.
        add((s.COUNTY_NOTICE,), a.RECORD_OBJECTION, s.COUNTY_OBJECTION, COUNTY)
        add((s.COUNTY_OBJECTION,), a.START_COUNTY_NOTICE, s.COUNTY_NOTICE, COUNTY)
        add((s.COUNTY_OBJECTION,), a.REFUSE, s.REFUSED, decider)
    add((decide_from,), a.APPROVE, s.COMPLETED if linshi else s.ACTIVE, decider)
    add((decide_from,), a.REFUSE, s.REFUSED, decider)
    for state in CaseState:  # enum order keeps the offered actions stable
        if state in PRE_DECISION_STATES:
            at_county = state in AT_COUNTY_STATES
            add((state,), a.TERMINATE, s.TERMINATED, decider if at_county else TOWNSHIP)
    add(tuple(st for st in CaseState if st in PRE_DECISION_STATES), a.WITHDRAW, s.WITHDRAWN)
    if not linshi:
        add((s.ACTIVE,), a.ADJUST, s.ACTIVE, decider)
        if program is Program.DIBAO:  # 渐退期 exists only for 低保 (S1 Art.33)
            add((s.ACTIVE,), a.START_GRADUAL_EXIT, s.GRADUAL_EXIT, decider)
        add((s.ACTIVE, s.GRADUAL_EXIT), a.STOP, s.STOPPED, decider)
    return {state: tuple(ts) for state, ts in rows.items()}


S1 = "《最低生活保障审核确认办法》"
S2 = "《最低生活保障审核审批办法（试行）》"
S3 = "《社会救助暂行办法》"
S4 = "《特困人员认定办法》"
S5 = "《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》"
S6 = "《关于改革完善社会救助制度的意见》"
S7 = "《关于进一步加强和改进临时救助工作的意见》"

# Legal basis per action and regime ("2021" 低保 S1, "2012" 低保 S2, "tekun" S4); "2021" is the fallback.
_BASES: dict[Action, dict[str, str]] = {
    Action.REQUEST_MATERIALS: {"2021": f"{S1}第十条", "2012": f"{S2}第十三条", "tekun": f"{S4}第十二条"},
    Action.START_INVESTIGATION: {"2021": f"{S1}第十五条", "2012": f"{S2}第十八条", "tekun": f"{S4}第十三条"},
    Action.REPORT_INELIGIBLE: {"2021": f"{S1}第十八条", "2012": f"{S2}第二十条", "tekun": f"{S4}第十三条"},
    Action.RECHECK: {"2021": f"{S1}第十八条第二款", "2012": f"{S2}第二十条第二款", "tekun": f"{S4}第十三条"},
    Action.HOLD_APPRAISAL: {"2021": f"{S6}第24项", "2012": f"{S2}第二十一条", "tekun": f"{S4}第十四条"},
    Action.RECORD_OPINION: {"2021": f"{S1}第十九条", "2012": f"{S2}第二十五条", "tekun": f"{S4}第十三条"},
    Action.START_NOTICE: {"2021": f"{S1}第十九条", "2012": f"{S2}第二十五条", "tekun": f"{S4}第十五条"},
    Action.RECORD_OBJECTION: {
        "2021": f"{S1}第十九条第二款",
        "2012": f"{S2}第二十五条",
        "tekun": f"{S4}第十五条第二款",
    },
    Action.REINVESTIGATE: {
        "2021": f"{S1}第十九条第二款",
        "2012": f"{S2}第二十五条",
        "tekun": f"{S4}第十五条第二款",
    },
    Action.CLOSE_NOTICE: {"2021": f"{S1}第十九条", "2012": f"{S2}第二十五条", "tekun": f"{S4}第十五条"},
    Action.SUBMIT_RECHECKED: {"2021": f"{S1}第十九条第二款"},
    Action.START_COUNTY_NOTICE: {"2021": f"{S2}第二十九条"},
    Action.APPROVE: {
        "2021": f"{S1}第二十条、第二十一条",
        "2012": f"{S2}第二十九条",
        "tekun": f"{S4}第十六条、第十七条",
    },
    Action.REFUSE: {
        "2021": f"{S1}第二十一条",
        "2012": f"{S2}第二十六条、第二十九条",
        "tekun": f"{S4}第十八条",
    },
    Action.TERMINATE: {"2021": f"{S1}第二十九条", "tekun": f"{S4}第十三条第二款"},
    Action.WITHDRAW: {"2021": "申请人自愿撤回申请"},
    Action.ADJUST: {
        "2021": f"{S1}第三十一条、第三十二条",
        "2012": f"{S2}第三十二条",
        "tekun": f"{S4}第二十三条",
    },
    Action.START_GRADUAL_EXIT: {"2021": f"{S1}第三十三条；{S5}第一部分第（三）项"},
    Action.STOP: {
        "2021": f"{S1}第三十二条；{S3}第十三条",
        "2012": f"{S2}第三十二条",
        "tekun": f"{S4}第二十四条至第二十六条",
    },
}
_BASES[Action.ACCEPT] = _BASES[Action.REFUSE_INTAKE] = _BASES[Action.REQUEST_MATERIALS]
# Citations that depend on the source state as well.
_OVERRIDES: dict[tuple[Action, CaseState, str], str] = {
    (Action.HOLD_APPRAISAL, CaseState.OBJECTION, "2021"): f"{S1}第十九条第二款",
    (Action.HOLD_APPRAISAL, CaseState.OBJECTION, "tekun"): f"{S4}第十四条、第十五条第二款",
    (Action.REINVESTIGATE, CaseState.APPRAISAL, "2012"): f"{S2}第二十四条",
    (Action.RECORD_OBJECTION, CaseState.COUNTY_NOTICE, "2012"): f"{S2}第二十九条第二款",
    (Action.START_COUNTY_NOTICE, CaseState.COUNTY_OBJECTION, "2012"): f"{S2}第二十九条第二款",
    (Action.REFUSE, CaseState.COUNTY_OBJECTION, "2012"): f"{S2}第二十九条第二款",
    (Action.RECORD_OBJECTION, CaseState.COUNTY_NOTICE, "tekun"): f"{S2}第二十九条第二款",
    (Action.START_COUNTY_NOTICE, CaseState.COUNTY_OBJECTION, "tekun"): f"{S2}第二十九条第二款",
    (Action.TERMINATE, CaseState.INELIGIBLE_NOTIFIED, "2021"): f"{S1}第十八条",
    (Action.TERMINATE, CaseState.INELIGIBLE_NOTIFIED, "2012"): f"{S2}第二十条",
}
_DECIDER_ACTIONS = DECISION_ACTIONS | {Action.ADJUST, Action.START_GRADUAL_EXIT, Action.STOP}


def _basis(action: Action, source: CaseState, mode: RuleMode, program: Program) -> str:
    """The Chinese legal citation for ``action`` taken from ``source``."""
    if action is Action.WITHDRAW:
        return _BASES[action]["2021"]
    if program is Program.LINSHI:
        if action is Action.APPROVE and source in (CaseState.ACCEPTED, CaseState.INVESTIGATING):
            return f"{S7}第二部分第（二）项（先行救助）"
        return f"{S3}第四十八条"
    regime = "tekun" if program is Program.TEKUN else ("2012" if mode is RuleMode.RULES_2012 else "2021")
    override = _OVERRIDES.get((action, source, regime))
    if override:
        return override
    bases = _BASES[action]
    basis = bases.get(regime, bases["2021"])
    if mode is RuleMode.DELEGATED and action in _DECIDER_ACTIONS:
        delegation = f"{S4}第二十八条" if program is Program.TEKUN else f"{S1}第二条第二款"
        basis = f"{delegation}；{basis}"
    return basis
