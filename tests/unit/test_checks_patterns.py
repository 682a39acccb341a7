"""domain.md §5 items 3, 6 and 10, and 特困 minors turning 18 (S4 Art.24), as pure checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.checks_patterns import (
    AccountRow,
    ApprovalRow,
    MatchRow,
    StopRow,
    SupportedPerson,
    check_accounts,
    check_match_flags,
    check_rotation,
    check_tekun_minors,
    check_village_spikes,
)
from app.domain.checks_rows import BenefitRow, Severity
from app.domain.codes import DisabilityCategory, Program
from app.domain.workflow import CaseState
from tests.unit.test_checks import person

TODAY = date(2026, 11, 20)


def benefit(bid: str, household: str, covered: set[str], program: Program = Program.DIBAO) -> BenefitRow:
    return BenefitRow(
        bid,
        f"case-{bid}",
        f"DB-{bid}",
        household,
        program,
        CaseState.ACTIVE,
        50000,
        50000,
        "2026-01",
        date(2025, 12, 10),
        None,
        None,
        frozenset(covered),
    )


def test_item3_an_open_flag_on_a_member_is_a_finding_naming_the_list() -> None:
    p = person("a", "h1", "张三", date(1970, 5, 20), "02")
    (found,) = check_match_flags([MatchRow(p, "车辆登记信息", "名下登记有机动车", True)])
    assert (found.item, found.code, found.record_id) == (3, "match_flag", "a")
    assert found.severity is Severity.WARNING
    assert "保障对象出现在车辆登记信息中" in found.reason and "张三" in found.subject
    assert p.id_number not in found.subject  # masked


def test_item6_the_holder_must_be_covered_and_one_account_serves_one_household() -> None:
    own = AccountRow(benefit("1", "h1", {"a"}), "6217 0000 1111 2222", "张三", frozenset({"张三"}))
    other = AccountRow(benefit("2", "h2", {"b"}), "6217000011112222", "李四", frozenset({"李四"}))
    cadre = AccountRow(benefit("3", "h3", {"c"}), "6217999900001111", "王村长", frozenset({"王五"}))
    found = check_accounts([own, other, cadre])
    codes = sorted((f.code, f.record_id) for f in found)
    assert codes == [("account_holder", "3"), ("shared_account", "1"), ("shared_account", "2")]
    shared = next(f for f in found if f.code == "shared_account")
    assert "尾号2222" in shared.reason and "6217000011112222" not in shared.reason
    assert "第二十六条" in next(f for f in found if f.code == "account_holder").reason
    stopped = replace(other, benefit=replace(other.benefit, status=CaseState.STOPPED))
    assert check_accounts([own, stopped]) == []


def approval(n: int, village: str, on: date, household: str | None = None) -> ApprovalRow:
    return ApprovalRow(f"c{n}", f"DB-{n}", household or f"h{n}", village, "长岭村", on)


def test_item10_a_village_month_far_above_its_usual_is_flagged() -> None:
    usual = [approval(i, "v1", date(2025, 12 - i % 10, 5)) for i in range(10)]  # about 1 a month
    spike = [approval(100 + i, "v1", date(2026, 9, 3)) for i in range(6)]
    found = check_village_spikes(usual + spike, TODAY)
    assert [(f.item, f.code, f.record_id) for f in found] == [(10, "village_spike", "v1")]
    assert "2026年9月新纳入保障6户" in found[0].reason
    assert check_village_spikes(usual + spike[:4], TODAY) == []  # below the floor of 5


def test_item10_a_household_stopped_and_approved_again_within_a_year() -> None:
    again = approval(1, "v1", date(2026, 6, 1), household="h9")
    found = check_rotation([again], [StopRow("h9", date(2025, 10, 1))])
    assert [(f.item, f.code, f.record_id) for f in found] == [(10, "rotation", "c1")]
    assert check_rotation([again], [StopRow("h9", date(2024, 10, 1))]) == []


def test_S4_art24_a_tekun_minor_past_18_out_of_school_is_to_be_terminated() -> None:
    b = benefit("t", "h1", {"m", "s", "d"}, Program.TEKUN)
    people = {
        "m": SupportedPerson("m", "赵小", date(2008, 3, 1)),  # 18 since 2026-03-01, not in school
        "s": SupportedPerson("s", "钱小", date(2008, 3, 1), in_school=True),
        "d": SupportedPerson("d", "孙小", date(2008, 3, 1), DisabilityCategory.INTELLECTUAL, 2),
    }
    found = check_tekun_minors([b], people, TODAY)
    assert [(f.code, f.record_id) for f in found] == [("tekun_minor_adult", "t")]
    assert "赵小已于2026年3月1日年满18周岁" in found[0].reason and "第二十四条" in found[0].reason
    assert check_tekun_minors([b], people, date(2026, 2, 28)) == []
