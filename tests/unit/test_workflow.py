"""Unit tests for the case state machine (app.domain.workflow)."""

from __future__ import annotations

import itertools

import pytest

from app.domain.codes import Program, RuleMode
from app.domain.workflow import (
    BENEFIT_STATES,
    PRE_DECISION_STATES,
    TERMINAL_STATES,
    Action,
    CaseState,
    Transition,
    allowed_actions,
    decision_level,
    next_state,
)
from app.errors import IllegalTransition, UserError

S, A = CaseState, Action
ALL_COMBOS = list(itertools.product(RuleMode, Program))


def walk(mode: RuleMode, program: Program, actions: list[Action]) -> list[Transition]:
    """Apply ``actions`` from APPLIED and return the transitions taken."""
    state, taken = S.APPLIED, []
    for action in actions:
        transition = next_state(state, action, mode, program)
        assert transition.source is state
        state = transition.target
        taken.append(transition)
    return taken


def reachable_states(mode: RuleMode, program: Program) -> set[CaseState]:
    """Every state a new application can reach under ``mode`` for ``program`` (APPLIED included)."""
    seen, queue = {S.APPLIED}, [S.APPLIED]
    while queue:
        for transition in allowed_actions(queue.pop(), mode, program):
            if transition.target not in seen:
                seen.add(transition.target)
                queue.append(transition.target)
    return seen


def actions_of(state: CaseState, mode: RuleMode, program: Program) -> list[Action]:
    return [t.action for t in allowed_actions(state, mode, program)]


HAPPY_2021 = [A.REQUEST_MATERIALS, A.ACCEPT, A.START_INVESTIGATION, A.RECORD_OPINION, A.START_NOTICE]
HAPPY_2021 += [A.CLOSE_NOTICE, A.APPROVE]


def test_happy_path_2021_dibao() -> None:
    taken = walk(RuleMode.RULES_2021, Program.DIBAO, HAPPY_2021)
    assert [t.target for t in taken] == [
        S.PENDING_MATERIALS,
        S.ACCEPTED,
        S.INVESTIGATING,
        S.PRELIMINARY,
        S.NOTICE,
        S.SUBMITTED,
        S.ACTIVE,
    ]
    assert [t.actor_level for t in taken] == ["township"] * 6 + ["county"]
    assert taken[2].legal_basis == "《最低生活保障审核确认办法》第十五条"
    assert taken[-1].legal_basis == "《最低生活保障审核确认办法》第二十条、第二十一条"


def test_happy_path_2012_dibao_needs_appraisal_and_county_notice() -> None:
    actions = [A.ACCEPT, A.START_INVESTIGATION, A.HOLD_APPRAISAL, A.RECORD_OPINION, A.START_NOTICE]
    actions += [A.CLOSE_NOTICE, A.START_COUNTY_NOTICE, A.APPROVE]
    taken = walk(RuleMode.RULES_2012, Program.DIBAO, actions)
    assert [t.target for t in taken] == [
        S.ACCEPTED,
        S.INVESTIGATING,
        S.APPRAISAL,
        S.PRELIMINARY,
        S.NOTICE,
        S.SUBMITTED,
        S.COUNTY_NOTICE,
        S.ACTIVE,
    ]
    assert [t.actor_level for t in taken[-2:]] == ["county", "county"]
    assert taken[2].legal_basis == "《最低生活保障审核审批办法（试行）》第二十一条"
    assert taken[-1].legal_basis == "《最低生活保障审核审批办法（试行）》第二十九条"


def test_happy_path_delegated_dibao_is_decided_by_township() -> None:
    taken = walk(RuleMode.DELEGATED, Program.DIBAO, HAPPY_2021)
    assert taken[-1].target is S.ACTIVE
    assert {t.actor_level for t in taken} == {"township"}
    assert taken[-1].legal_basis.startswith("《最低生活保障审核确认办法》第二条第二款")


def test_illegal_move_message_names_state_action_and_allowed_actions() -> None:
    with pytest.raises(IllegalTransition) as info:
        next_state(S.PRELIMINARY, A.APPROVE, RuleMode.RULES_2021, Program.DIBAO)
    assert str(info.value).startswith(
        "当前状态为“乡镇初审”，不能执行“确认”。可执行的操作：开始公示、复查后报县、终止(不配合)、撤回申请"
    )
    assert isinstance(info.value, UserError)


def test_illegal_move_from_applied_lists_intake_actions() -> None:
    with pytest.raises(IllegalTransition, match="当前状态为“申请”，不能执行“开始公示”") as info:
        next_state(S.APPLIED, A.START_NOTICE, RuleMode.RULES_2021, Program.DIBAO)
    assert "一次性告知补正、受理、不予受理、终止(不配合)、撤回申请" in info.value.message


def test_2012_refuses_opinion_without_appraisal() -> None:
    assert A.RECORD_OPINION not in actions_of(S.INVESTIGATING, RuleMode.RULES_2012, Program.DIBAO)
    with pytest.raises(IllegalTransition) as info:
        next_state(S.INVESTIGATING, A.RECORD_OPINION, RuleMode.RULES_2012, Program.DIBAO)
    message = info.value.message
    assert "不能执行“初审意见”" in message
    assert "民主评议为必经程序" in message
    assert "可执行的操作：核对不符告知、民主评议、终止(不配合)、撤回申请" in message


def test_2021_allows_opinion_without_appraisal() -> None:
    assert next_state(S.INVESTIGATING, A.RECORD_OPINION, RuleMode.RULES_2021, Program.DIBAO).target is (
        S.PRELIMINARY
    )


@pytest.mark.parametrize("action", [A.APPROVE, A.REFUSE])
def test_2012_refuses_decision_before_county_notice(action: Action) -> None:
    with pytest.raises(IllegalTransition, match="拟批准对象公示7天") as info:
        next_state(S.SUBMITTED, action, RuleMode.RULES_2012, Program.DIBAO)
    assert "可执行的操作：县级拟批准公示、终止(不配合)、撤回申请" in info.value.message


@pytest.mark.parametrize("mode", [RuleMode.RULES_2021, RuleMode.DELEGATED])
def test_other_modes_decide_from_submitted_without_county_notice(mode: RuleMode) -> None:
    assert actions_of(S.SUBMITTED, mode, Program.DIBAO)[:2] == [A.APPROVE, A.REFUSE]
    assert S.COUNTY_NOTICE not in reachable_states(mode, Program.DIBAO)
    assert next_state(S.SUBMITTED, A.REFUSE, mode, Program.DIBAO).target is S.REFUSED


@pytest.mark.parametrize("mode", list(RuleMode))
@pytest.mark.parametrize("source", [S.ACCEPTED, S.INVESTIGATING])
def test_linshi_fast_track_completes_on_approval(mode: RuleMode, source: CaseState) -> None:
    transition = next_state(source, A.APPROVE, mode, Program.LINSHI)
    assert transition.target is S.COMPLETED
    assert "先行救助" in transition.legal_basis
    assert transition.actor_level == decision_level(mode)


@pytest.mark.parametrize("program", [Program.DIBAO, Program.TEKUN])
@pytest.mark.parametrize("source", [S.ACCEPTED, S.INVESTIGATING])
def test_fast_track_is_only_for_linshi(program: Program, source: CaseState) -> None:
    with pytest.raises(IllegalTransition, match="不得直接纳入保障范围"):
        next_state(source, A.APPROVE, RuleMode.RULES_2021, program)


@pytest.mark.parametrize("mode", list(RuleMode))
def test_linshi_never_receives_a_running_benefit(mode: RuleMode) -> None:
    reached = reachable_states(mode, Program.LINSHI)
    assert S.COMPLETED in reached
    assert not reached & BENEFIT_STATES
    decide_from = S.COUNTY_NOTICE if mode is RuleMode.RULES_2012 else S.SUBMITTED
    assert next_state(decide_from, A.APPROVE, mode, Program.LINSHI).target is S.COMPLETED


@pytest.mark.parametrize(("mode", "program"), ALL_COMBOS)
def test_terminal_states_allow_nothing(mode: RuleMode, program: Program) -> None:
    for state in TERMINAL_STATES:
        assert allowed_actions(state, mode, program) == []
        with pytest.raises(IllegalTransition, match="可执行的操作：无"):
            next_state(state, A.WITHDRAW, mode, program)


@pytest.mark.parametrize(("mode", "program"), ALL_COMBOS)
def test_every_pre_decision_state_can_be_terminated_or_withdrawn(mode: RuleMode, program: Program) -> None:
    for state in PRE_DECISION_STATES:
        assert next_state(state, A.TERMINATE, mode, program).target is S.TERMINATED
        assert next_state(state, A.WITHDRAW, mode, program).target is S.WITHDRAWN
    for state in BENEFIT_STATES:
        assert A.WITHDRAW not in actions_of(state, mode, program)


def test_state_groups_partition_all_states() -> None:
    assert set(CaseState) == TERMINAL_STATES | PRE_DECISION_STATES | BENEFIT_STATES
    assert not TERMINAL_STATES & PRE_DECISION_STATES
    assert {S.ACTIVE, S.GRADUAL_EXIT} == BENEFIT_STATES
    assert S.SUBMITTED in PRE_DECISION_STATES and S.REFUSED in TERMINAL_STATES


@pytest.mark.parametrize("mode", list(RuleMode))
def test_adjust_keeps_case_active(mode: RuleMode) -> None:
    transition = next_state(S.ACTIVE, A.ADJUST, mode, Program.DIBAO)
    assert transition.target is S.ACTIVE
    assert transition.actor_level == decision_level(mode)


def test_gradual_exit_then_stop() -> None:
    mode, program = RuleMode.RULES_2021, Program.DIBAO
    assert next_state(S.ACTIVE, A.START_GRADUAL_EXIT, mode, program).target is S.GRADUAL_EXIT
    assert actions_of(S.GRADUAL_EXIT, mode, program) == [A.STOP]
    assert next_state(S.GRADUAL_EXIT, A.STOP, mode, program).target is S.STOPPED
    stop = next_state(S.ACTIVE, A.STOP, mode, program)
    assert stop.legal_basis.startswith("《最低生活保障审核确认办法》第三十二条")


def test_tekun_has_no_gradual_exit() -> None:
    assert actions_of(S.ACTIVE, RuleMode.RULES_2021, Program.TEKUN) == [A.ADJUST, A.STOP]
    assert S.GRADUAL_EXIT not in reachable_states(RuleMode.RULES_2021, Program.TEKUN)


def test_actor_levels_delegated_vs_2021() -> None:
    for action, source in [(A.APPROVE, S.SUBMITTED), (A.REFUSE, S.SUBMITTED), (A.ADJUST, S.ACTIVE)]:
        assert next_state(source, action, RuleMode.RULES_2021, Program.DIBAO).actor_level == "county"
        assert next_state(source, action, RuleMode.DELEGATED, Program.DIBAO).actor_level == "township"
    for mode in RuleMode:
        assert next_state(S.APPLIED, A.ACCEPT, mode, Program.DIBAO).actor_level == "township"
    county_notice = next_state(S.SUBMITTED, A.START_COUNTY_NOTICE, RuleMode.RULES_2012, Program.DIBAO)
    assert county_notice.actor_level == "county"
    assert decision_level(RuleMode.DELEGATED) == "township"
    assert decision_level(RuleMode.RULES_2012) == decision_level(RuleMode.RULES_2021) == "county"


def test_terminate_at_county_stage_is_taken_by_the_decider() -> None:
    assert next_state(S.SUBMITTED, A.TERMINATE, RuleMode.RULES_2021, Program.DIBAO).actor_level == "county"
    assert next_state(S.NOTICE, A.TERMINATE, RuleMode.RULES_2021, Program.DIBAO).actor_level == "township"


def test_objection_loops_back_to_investigation_or_appraisal() -> None:
    mode, program = RuleMode.RULES_2021, Program.DIBAO
    assert next_state(S.NOTICE, A.RECORD_OBJECTION, mode, program).target is S.OBJECTION
    assert next_state(S.OBJECTION, A.REINVESTIGATE, mode, program).target is S.INVESTIGATING
    appraisal = next_state(S.OBJECTION, A.HOLD_APPRAISAL, mode, program)
    assert appraisal.target is S.APPRAISAL
    assert appraisal.legal_basis == "《最低生活保障审核确认办法》第十九条第二款"
    assert next_state(S.APPRAISAL, A.RECORD_OPINION, mode, program).target is S.PRELIMINARY


def test_ineligible_notice_then_recheck() -> None:
    mode, program = RuleMode.RULES_2021, Program.DIBAO
    assert next_state(S.INVESTIGATING, A.REPORT_INELIGIBLE, mode, program).target is S.INELIGIBLE_NOTIFIED
    recheck = next_state(S.INELIGIBLE_NOTIFIED, A.RECHECK, mode, program)
    assert recheck.target is S.INVESTIGATING
    assert recheck.legal_basis == "《最低生活保障审核确认办法》第十八条第二款"
    assert actions_of(S.INELIGIBLE_NOTIFIED, mode, program) == [A.RECHECK, A.TERMINATE, A.WITHDRAW]


def test_intake_transitions() -> None:
    mode, program = RuleMode.RULES_2021, Program.TEKUN
    assert actions_of(S.PENDING_MATERIALS, mode, program) == [
        A.ACCEPT,
        A.REFUSE_INTAKE,
        A.TERMINATE,
        A.WITHDRAW,
    ]
    assert next_state(S.PENDING_MATERIALS, A.REFUSE_INTAKE, mode, program).target is S.NOT_ACCEPTED
    assert next_state(S.APPLIED, A.ACCEPT, mode, program).legal_basis == "《特困人员认定办法》第十二条"


@pytest.mark.parametrize(("mode", "program"), ALL_COMBOS)
def test_transitions_are_consistent(mode: RuleMode, program: Program) -> None:
    for state in CaseState:
        transitions = allowed_actions(state, mode, program)
        assert len({t.action for t in transitions}) == len(transitions)
        for t in transitions:
            assert t.source is state
            assert t.actor_level in ("township", "county")
            assert t.legal_basis
    reached = reachable_states(mode, program)
    assert {S.REFUSED, S.TERMINATED, S.WITHDRAWN, S.NOT_ACCEPTED} <= reached
    assert (S.ACTIVE in reached) is (program is not Program.LINSHI)
    assert (S.COUNTY_NOTICE in reached) is (mode is RuleMode.RULES_2012)


def test_allowed_actions_returns_a_fresh_list() -> None:
    first = allowed_actions(S.APPLIED, RuleMode.RULES_2021, Program.DIBAO)
    first.clear()
    assert allowed_actions(S.APPLIED, RuleMode.RULES_2021, Program.DIBAO)


def test_labels_are_chinese_and_values_stable() -> None:
    assert S.COUNTY_NOTICE.value == "county_notice" and S.COUNTY_NOTICE.label == "拟批准公示"
    assert S.COMPLETED.label == "已救助"
    assert A.TERMINATE.label == "终止(不配合)" and A.ADJUST.label == "增发/减发"
    assert all(state.label for state in CaseState) and all(action.label for action in Action)
