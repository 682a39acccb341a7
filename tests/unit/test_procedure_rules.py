"""The procedure's rules as pure functions: the objection's path (S1 Art.19 ¶2), the county's objection
(S2 Art.29 ¶2), 单人户 (S1 Art.8; S5), review cadence (S1 Art.31; S2 Art.33) and due dates on days off."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.benefit import MemberFacts, single_person_allowed
from app.domain.calendar import WorkCalendar
from app.domain.checks import check_deadlines
from app.domain.checks_rows import CaseDeadline
from app.domain.codes import DisabilityCategory, Program, RuleMode
from app.domain.deadlines import CaseClock, Deadline, TimeLimits, countdown, deadlines, due_note
from app.domain.reviews import ReviewFrequency, interval_months, next_review_due
from app.domain.workflow import Action, CaseState, allowed_actions, next_state, recheck_refusal
from app.errors import IllegalTransition, UserError

A, S = Action, CaseState
CAL = WorkCalendar.default()
FRIDAY = date(2026, 11, 20)


# ------------------------------------------------------------------ S1 Art.19 ¶2: after an objection


def test_S1_art19_para2_the_new_opinion_after_an_objection_goes_up_without_a_second_notice() -> None:
    mode, program = RuleMode.RULES_2021, Program.DIBAO
    tr = next_state(S.PRELIMINARY, A.SUBMIT_RECHECKED, mode, program)
    assert tr.target is S.SUBMITTED and tr.legal_basis == "《最低生活保障审核确认办法》第十九条第二款"
    args = dict(after_objection=True, renotice=False)
    assert recheck_refusal(A.SUBMIT_RECHECKED, S.PRELIMINARY, mode, program, **args) == ""
    why = recheck_refusal(A.START_NOTICE, S.PRELIMINARY, mode, program, **args)
    assert "不再重新公示" in why and "第十九条第二款" in why


def test_S1_art19_para2_a_local_setting_may_ask_for_a_second_notice() -> None:
    mode, program = RuleMode.DELEGATED, Program.DIBAO
    args = dict(after_objection=True, renotice=True)
    assert recheck_refusal(A.START_NOTICE, S.PRELIMINARY, mode, program, **args) == ""
    assert "须重新公示" in recheck_refusal(A.SUBMIT_RECHECKED, S.PRELIMINARY, mode, program, **args)


def test_S1_art19_para1_a_first_opinion_is_always_published_before_it_goes_up() -> None:
    args = dict(after_objection=False, renotice=False)
    why = recheck_refusal(A.SUBMIT_RECHECKED, S.PRELIMINARY, RuleMode.RULES_2021, Program.DIBAO, **args)
    assert "须先在村（社区）公示" in why
    assert recheck_refusal(A.START_NOTICE, S.PRELIMINARY, RuleMode.RULES_2021, Program.DIBAO, **args) == ""


@pytest.mark.parametrize(
    ("mode", "program"),
    [(RuleMode.RULES_2021, Program.TEKUN), (RuleMode.RULES_2012, Program.DIBAO)],
)
def test_S4_art15_and_S2_art25_publish_the_new_opinion_again(mode: RuleMode, program: Program) -> None:
    assert A.SUBMIT_RECHECKED not in {t.action for t in allowed_actions(S.PRELIMINARY, mode, program)}
    args = dict(after_objection=True, renotice=False)
    assert recheck_refusal(A.START_NOTICE, S.PRELIMINARY, mode, program, **args) == ""


# ------------------------------------------------------------------ S2 Art.29 ¶2: the county's 公示


def test_S2_art29_para2_an_objection_to_the_county_notice_is_rechecked_and_decided_within_20_days() -> None:
    mode, program = RuleMode.RULES_2012, Program.DIBAO
    tr = next_state(S.COUNTY_NOTICE, A.RECORD_OBJECTION, mode, program)
    assert tr.target is S.COUNTY_OBJECTION and tr.actor_level == "county"
    assert tr.legal_basis == "《最低生活保障审核审批办法（试行）》第二十九条第二款"
    assert [t.action for t in allowed_actions(S.COUNTY_OBJECTION, mode, program)] == [
        A.START_COUNTY_NOTICE,  # published again (对拟批准的申请重新公示)
        A.REFUSE,
        A.TERMINATE,
        A.WITHDRAW,
    ]
    with pytest.raises(IllegalTransition):  # no approval without the new 公示
        next_state(S.COUNTY_OBJECTION, A.APPROVE, mode, program)
    clock = CaseClock(program, mode, S.COUNTY_OBJECTION, date(2026, 10, 9), FRIDAY)
    due = next(d for d in deadlines(clock, TimeLimits(), CAL) if d.key == "county_redecision")
    assert (due.label, due.due) == ("重新调查核实并作出审批决定", CAL.add_working_days(FRIDAY, 20))
    assert due.basis.endswith("第二十九条第二款")
    with pytest.raises(IllegalTransition):  # the 2021 rules have no county 公示
        next_state(S.SUBMITTED, A.START_COUNTY_NOTICE, RuleMode.RULES_2021, program)


# ------------------------------------------------------------------ S1 Art.8; S5: 单人户


SEVERE = MemberFacts("p", 40, DisabilityCategory.PHYSICAL, 1)


def test_S5_a_household_that_qualifies_is_enrolled_whole_not_one_member_alone() -> None:
    ok, why = single_person_allowed(SEVERE, household_is_edge=False, unemployed=True, household_eligible=True)
    assert not ok and "全部纳入保障" in why


def test_S1_art8_a_severely_disabled_member_of_an_edge_household_may_apply_alone() -> None:
    ok, why = single_person_allowed(SEVERE, household_is_edge=True)
    assert ok and "第八条第一项" in why
    healthy = MemberFacts("q", 40)
    ok, why = single_person_allowed(healthy, household_is_edge=True)
    assert not ok and "不符合单独申请" in why


# ------------------------------------------------------------------ S1 Art.31; S2 Art.33: review cadence


def test_S1_art31_the_stable_interval_is_the_local_setting_and_the_others_are_fixed() -> None:
    on = date(2026, 11, 20)
    assert next_review_due(on, ReviewFrequency.YEARLY) == date(2027, 11, 20)
    assert next_review_due(on, ReviewFrequency.YEARLY, 9) == date(2027, 8, 20)
    assert next_review_due(on, ReviewFrequency.HALF_YEARLY, 9) == date(2027, 5, 20)
    assert interval_months(ReviewFrequency.MONTHLY, 9) == 1
    assert interval_months(ReviewFrequency.QUARTERLY) == 3
    with pytest.raises(UserError, match="1至12个月"):
        interval_months(ReviewFrequency.YEARLY, 13)


# ------------------------------------------------------------------ 今天到期 only on the day


def test_due_today_only_on_the_due_date_and_a_day_off_is_named() -> None:
    sunday = date(2026, 11, 22)
    assert countdown(FRIDAY, FRIDAY, CAL) == "今天到期"
    assert countdown(sunday, FRIDAY, CAL) == "11月22日到期"  # no working day left, yet not today
    assert due_note(sunday, CAL) == "截止日为周日" and due_note(FRIDAY, CAL) == ""
    assert due_note(date(2026, 10, 2), CAL) == "截止日为国庆节"  # the holiday's name from the calendar
    assert countdown(date(2026, 11, 25), FRIDAY, CAL) == "还剩3个工作日"
    assert countdown(date(2026, 11, 18), FRIDAY, CAL) == "已超期2个工作日"


def test_the_countdown_finding_says_today_only_on_the_day_and_names_the_day_off() -> None:
    rows = [
        CaseDeadline("1", "DB-1", Deadline("notice_end", "初审公示期满", date(2026, 11, 22), "依据")),
        CaseDeadline("2", "DB-2", Deadline("total", "办理总时限", FRIDAY, "依据")),
    ]
    found = {f.record_id: f.reason for f in check_deadlines(rows, FRIDAY, CAL)}
    assert found["1"].startswith("初审公示期满11月22日到期（期限为2026年11月22日，截止日为周日，")
    assert "今天到期" not in found["1"]
    assert found["2"].startswith("办理总时限今天到期")
