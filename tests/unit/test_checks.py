"""Audit-finding data checks (app.domain.checks, domain.md §5)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from app.domain import idcard
from app.domain.calendar import WorkCalendar
from app.domain.checks import (
    RECORD_KINDS,
    BenefitRow,
    CaseDeadline,
    CaseRow,
    Finding,
    PersonRow,
    ReviewDue,
    Severity,
    check_amounts,
    check_covered_members,
    check_deadlines,
    check_deaths,
    check_duplicate_ids,
    check_identity,
    check_reviews,
    person_ref,
    sort_findings,
    summarise,
)
from app.domain.codes import Program, Sex
from app.domain.deadlines import Deadline
from app.domain.workflow import CaseState
from app.errors import UserError

S = CaseState
AREA = "430623"
TODAY = date(2025, 3, 10)  # a Monday
HEAD_BORN = date(1970, 5, 20)


def person(
    pid: str,
    household: str,
    name: str,
    born: date,
    relation: str,
    sex: Sex = Sex.MALE,
    *,
    seq: int | None = None,
    id_number: str | None = None,
    death: date | None = None,
) -> PersonRow:
    """A person with a valid ID number matching ``born`` and ``sex`` unless ``id_number`` is given."""
    if seq is None:
        seq = (sum(map(ord, pid)) % 400) * 2 + (1 if sex is Sex.MALE else 0)
    number = id_number if id_number is not None else idcard.make_id(AREA, born, seq)
    return PersonRow(pid, household, name, number, sex, born, relation, death)


def case(cid: str, household: str, program: Program, state: CaseState, **kw: object) -> CaseRow:
    return CaseRow(cid, f"C-{cid}", household, program, state, **kw)  # type: ignore[arg-type]


def benefit(covered: Sequence[str] = ("a", "b"), **kw: object) -> BenefitRow:
    base = BenefitRow(
        id="b1",
        case_id="k1",
        case_number="DB2025-001",
        household_id="h1",
        program=Program.DIBAO,
        status=S.ACTIVE,
        monthly_fen=32000,
        expected_fen=32000,
        start_month="2025-04",
        approved_on=date(2025, 3, 10),
        exit_start_month=None,
        exit_end_month=None,
        covered=frozenset(covered),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def keys(findings: Sequence[Finding]) -> list[tuple[int, str, Severity, str, str]]:
    return [(f.item, f.code, f.severity, f.subject, f.record_id) for f in findings]


def assert_clean(findings: Sequence[Finding], persons: Sequence[PersonRow] = ()) -> None:
    """No full ID number leaks into a finding, and every code has a known record kind."""
    for f in findings:
        assert f.record_kind in ("person", "benefit", "case"), f.code
        for p in persons:
            number = p.id_number.strip()
            if len(number) > 10:
                assert number not in f.subject and number not in f.reason, f
                assert number.lower() not in f.reason.lower()


# ------------------------------------------------------------------ rows, severity, summaries


def test_severity_values_and_labels() -> None:
    assert [(s.value, s.label) for s in Severity] == [
        ("severe", "严重"),
        ("warning", "警告"),
        ("info", "提示"),
    ]


def test_person_ref_masks_the_number_and_marks_the_head() -> None:
    head = person("a", "h1", "张三", HEAD_BORN, "02")
    assert person_ref(head) == f"户主 张三（{AREA}********{head.id_number[-4:]}）"
    son = person("b", "h1", "张小", date(2000, 1, 1), "20")
    assert person_ref(son) == f"张小（{idcard.mask(son.id_number)}）"
    assert person_ref(replace(son, id_number=" ")) == "张小（无身份证号）"


def test_summarise_counts_every_severity_and_sort_puts_severe_first() -> None:
    f1 = Finding(8, "deadline_soon", Severity.INFO, "A", "1", "r")
    f2 = Finding(7, "amount_mismatch", Severity.SEVERE, "B", "2", "r")
    f3 = Finding(8, "review_overdue", Severity.WARNING, "C", "3", "r")
    assert summarise([f1, f2, f3, f2]) == {"severe": 2, "warning": 1, "info": 1}
    assert summarise([]) == {"severe": 0, "warning": 0, "info": 0}
    assert sort_findings([f1, f3, f2]) == [f2, f3, f1]
    assert f1.record_kind == "case" and f2.record_kind == "benefit"
    assert Finding(1, "nope", Severity.INFO, "", "", "").record_kind == ""
    assert set(RECORD_KINDS.values()) == {"person", "benefit", "case", "village"}


# ------------------------------------------------------------------ item 2: duplicate IDs


def test_same_id_twice_in_one_household_is_severe_and_tolerates_formatting() -> None:
    a = person("a", "h1", "张三", HEAD_BORN, "02")
    dup = replace(a, id="a2", id_number=f" {a.id_number.lower()} ")
    old15 = a.id_number[:6] + a.id_number[8:17]
    assert idcard.upgrade_15(old15) == a.id_number
    dup15 = replace(a, id="a3", id_number=old15)
    other = person("c", "h1", "李四", date(1972, 1, 1), "12", Sex.FEMALE)
    persons = [a, other, dup, dup15]
    found = check_duplicate_ids(persons, [case("k1", "h1", Program.DIBAO, S.ACTIVE)])
    assert keys(found) == [(2, "dup_id_household", Severity.SEVERE, person_ref(a), "a")]
    assert "登记了3次（张三、张三、张三）" in found[0].reason
    assert_clean(found, persons)
    assert [f.code for f in check_duplicate_ids([a, dup], [])] == ["dup_id_household"]


def test_same_id_active_in_two_households_is_severe() -> None:
    a = person("a", "h1", "张三", HEAD_BORN, "02")
    b = replace(a, id="b", household_id="h2", relation_code="71")
    cases = [case("k1", "h1", Program.DIBAO, S.ACTIVE), case("k2", "h2", Program.DIBAO, S.GRADUAL_EXIT)]
    found = check_duplicate_ids([a, b], cases)
    assert keys(found) == [(2, "dup_id_households", Severity.SEVERE, person_ref(a), "a")]
    assert "C-k1（低保，在保）" in found[0].reason and "C-k2（低保，渐退期）" in found[0].reason
    assert "其中2个家庭正在享受保障" in found[0].reason
    assert_clean(found, [a, b])


def test_same_id_active_in_one_household_and_pending_in_another_is_a_warning() -> None:
    a = person("a", "h1", "张三", HEAD_BORN, "02")
    b = replace(a, id="b", household_id="h2")
    cases = [case("k1", "h1", Program.DIBAO, S.ACTIVE), case("k2", "h2", Program.DIBAO, S.INVESTIGATING)]
    found = check_duplicate_ids([b, a], cases)
    assert keys(found) == [(2, "dup_id_households", Severity.WARNING, person_ref(b), "b")]
    assert "正在享受保障" not in found[0].reason


def test_same_id_in_two_households_without_two_live_cases_is_not_reported() -> None:
    a = person("a", "h1", "张三", HEAD_BORN, "02")
    b = replace(a, id="b", household_id="h2")
    cases = [case("k1", "h1", Program.DIBAO, S.ACTIVE), case("k2", "h2", Program.DIBAO, S.STOPPED)]
    assert check_duplicate_ids([a, b], cases) == []
    assert check_duplicate_ids([a, b], cases[:1]) == []


def test_person_in_both_active_dibao_and_tekun_is_severe() -> None:
    head = person("a", "h1", "张三", HEAD_BORN, "02")
    mother = person("m", "h1", "王氏", date(1940, 2, 2), "52", Sex.FEMALE)
    cases = [
        case("k1", "h1", Program.DIBAO, S.ACTIVE),
        case("k2", "h1", Program.TEKUN, S.ACTIVE, applicant_id="m"),
    ]
    found = check_duplicate_ids([head, mother], cases)
    assert keys(found) == [(2, "dibao_and_tekun", Severity.SEVERE, person_ref(mother), "m")]
    assert "低保案件C-k1" in found[0].reason and "特困供养案件C-k2" in found[0].reason
    assert_clean(found, [head, mother])
    pending = [cases[0], replace(cases[1], state=S.SUBMITTED)]
    assert check_duplicate_ids([head, mother], pending) == []


def test_dibao_and_tekun_in_different_households_gives_both_findings() -> None:
    a = person("a", "h1", "张三", HEAD_BORN, "02")
    b = replace(a, id="b", household_id="h2")
    cases = [case("k1", "h1", Program.DIBAO, S.ACTIVE), case("k2", "h2", Program.TEKUN, S.ACTIVE)]
    found = check_duplicate_ids([a, b], cases)
    assert [(f.code, f.severity) for f in found] == [
        ("dup_id_households", Severity.SEVERE),
        ("dibao_and_tekun", Severity.SEVERE),
    ]


def test_distinct_ids_give_no_duplicate_findings() -> None:
    persons = [person(p, "h1", p, HEAD_BORN, "02") for p in "ab"] + [person("c", "h2", "c", HEAD_BORN, "02")]
    assert len({p.id_number for p in persons}) == 3
    cases = [case("k1", "h1", Program.DIBAO, S.ACTIVE), case("k2", "h2", Program.DIBAO, S.ACTIVE)]
    assert check_duplicate_ids(persons, cases) == []
    assert check_duplicate_ids([replace(p, id_number="") for p in persons], cases) == []


# ------------------------------------------------------------------ item 5: covered persons

MEMBERS = {"h1": frozenset({"a", "b", "c"})}
CASES = {"k1": case("k1", "h1", Program.DIBAO, S.ACTIVE)}


@pytest.mark.parametrize(
    ("covered", "parts", "absent"),
    [
        (("a", "b"), ["1名共同生活家庭成员未纳入保障"], "不是本户"),
        (("a", "b", "c", "x", "y"), ["2名保障对象不是本户在世的共同生活家庭成员"], "未纳入"),
        (("a", "x"), ["2名共同生活家庭成员未纳入保障", "1名保障对象不是本户"], "单人户（单独申请）"),
    ],
)
def test_covered_persons_differing_from_members_is_a_warning(
    covered: tuple[str, ...], parts: list[str], absent: str
) -> None:
    found = check_covered_members([benefit(covered)], MEMBERS, CASES)
    assert keys(found) == [(5, "covered_members", Severity.WARNING, "DB2025-001", "b1")]
    assert all(part in found[0].reason for part in parts) and absent not in found[0].reason


def test_covered_members_negative_cases() -> None:
    assert check_covered_members([benefit(("a", "b", "c"))], MEMBERS, CASES) == []
    stopped = benefit(("a",), status=S.STOPPED)
    assert check_covered_members([stopped], MEMBERS, CASES) == []
    single = {"k1": replace(CASES["k1"], single_person=True, applicant_id="a")}
    assert check_covered_members([benefit(("a",))], MEMBERS, single) == []
    tekun = benefit(("b",), program=Program.TEKUN, case_id="unknown")
    assert check_covered_members([tekun], MEMBERS, CASES) == []


def test_single_person_case_must_cover_exactly_the_applicant() -> None:
    single = {"k1": replace(CASES["k1"], single_person=True, applicant_id="a")}
    two = check_covered_members([benefit(("a", "b"))], MEMBERS, single)
    assert keys(two) == [(5, "single_person_covered", Severity.WARNING, "DB2025-001", "b1")]
    assert "实际保障2人" in two[0].reason
    wrong = check_covered_members([benefit(("b",))], MEMBERS, single)
    assert [f.code for f in wrong] == ["single_person_covered"] and "不是申请人" in wrong[0].reason
    tekun = benefit((), program=Program.TEKUN)
    assert "实际保障0人" in check_covered_members([tekun], MEMBERS, CASES)[0].reason


# ------------------------------------------------------------------ item 7: amounts and months


def test_amount_differing_from_the_rules_is_severe_with_both_amounts() -> None:
    found = check_amounts([benefit(monthly_fen=32000, expected_fen=35050)])
    assert keys(found) == [(7, "amount_mismatch", Severity.SEVERE, "DB2025-001", "b1")]
    assert "320.00元" in found[0].reason and "350.50元" in found[0].reason and "少30.50元" in found[0].reason
    assert "多5.00元" in check_amounts([benefit(monthly_fen=35550, expected_fen=35050)])[0].reason
    assert check_amounts([benefit(monthly_fen=32000, expected_fen=None)]) == []


@pytest.mark.parametrize(
    ("approved", "start", "expected"),
    [
        (date(2025, 3, 10), "2025-04", None),
        (date(2025, 3, 31), "2025/4", None),
        (date(2024, 12, 20), "2025-01", None),
        (date(2025, 3, 10), "2025-03", "起始发放月份为2025年3月，早于次月"),
        (date(2025, 3, 10), "2025-06", "起始发放月份为2025年6月，晚于次月"),
        (date(2025, 3, 10), "soon", "“soon”无法识别"),
    ],
)
def test_start_month_must_be_the_month_after_approval(
    approved: date, start: str, expected: str | None
) -> None:
    found = check_amounts([benefit(approved_on=approved, start_month=start)])
    if expected is None:
        assert found == []
    else:
        assert keys(found) == [(7, "start_month", Severity.WARNING, "DB2025-001", "b1")]
        assert expected in found[0].reason and "应从次月即2025年4月起发放" in found[0].reason


def test_start_month_is_not_checked_without_an_approval_date() -> None:
    assert check_amounts([benefit(approved_on=None, start_month="2020-01")]) == []


@pytest.mark.parametrize(
    ("first", "last", "code", "severity", "text"),
    [
        ("2025-01", "2025-06", None, None, ""),
        ("2025-01", None, None, None, ""),
        ("2025-01", "2025-07", "gradual_exit_too_long", Severity.SEVERE, "共7个月，超过6个月"),
        ("2024-10", "2025-09", "gradual_exit_too_long", Severity.SEVERE, "2024年10月至2025年9月共12个月"),
        ("2025-05", "2025-04", "gradual_exit_dates", Severity.WARNING, "早于开始月份"),
        ("2025-13", "2025-04", "gradual_exit_dates", Severity.WARNING, "无法识别"),
    ],
)
def test_gradual_exit_period(
    first: str, last: str | None, code: str | None, severity: Severity | None, text: str
) -> None:
    row = benefit(status=S.GRADUAL_EXIT, exit_start_month=first, exit_end_month=last)
    found = check_amounts([row])
    if code is None:
        assert found == []
    else:
        assert [(f.item, f.code, f.severity, f.record_id) for f in found] == [(7, code, severity, "b1")]
        assert text in found[0].reason


# ------------------------------------------------------------------ item 8: reviews and deadlines


def test_overdue_reviews_are_warnings_with_the_days() -> None:
    reviews = [
        ReviewDue("k1", "DB-1", date(2025, 3, 9)),
        ReviewDue("k2", "DB-2", TODAY),
        ReviewDue("k3", "DB-3", date(2025, 2, 28)),
        ReviewDue("k4", "DB-4", date(2025, 4, 1)),
    ]
    found = check_reviews(reviews, TODAY)
    assert keys(found) == [
        (8, "review_overdue", Severity.WARNING, "DB-1", "k1"),
        (8, "review_overdue", Severity.WARNING, "DB-3", "k3"),
    ]
    assert found[0].reason.startswith("复核已逾期1天") and found[1].reason.startswith("复核已逾期10天")


def test_deadlines_overdue_and_countdown_in_working_days() -> None:
    def due(cid: str, d: date) -> CaseDeadline:
        return CaseDeadline(cid, f"DB-{cid}", Deadline("total", "办理总时限", d, "依据X"))

    rows = [
        due("1", date(2025, 3, 7)),  # last Friday: 1 working day overdue
        due("2", date(2025, 3, 3)),  # Monday a week ago: 5 working days overdue
        due("3", TODAY),
        due("4", date(2025, 3, 13)),  # Thursday: 3 working days left
        due("5", date(2025, 3, 14)),  # Friday: 4 left, no countdown yet
    ]
    found = check_deadlines(rows, TODAY, WorkCalendar())
    assert keys(found) == [
        (8, "deadline_overdue", Severity.WARNING, "DB-1", "1"),
        (8, "deadline_overdue", Severity.WARNING, "DB-2", "2"),
        (8, "deadline_soon", Severity.INFO, "DB-3", "3"),
        (8, "deadline_soon", Severity.INFO, "DB-4", "4"),
    ]
    assert [f.reason.split("（")[0] for f in found] == [
        "办理总时限已超期1个工作日",
        "办理总时限已超期5个工作日",
        "办理总时限今天到期",
        "办理总时限还剩3个工作日",
    ]
    assert "期限为2025年3月7日，依据依据X" in found[0].reason


# ------------------------------------------------------------------ item 9: identity


def household(hh: str = "h1") -> list[PersonRow]:
    return [
        person(f"{hh}a", hh, "张三", HEAD_BORN, "02"),
        person(f"{hh}b", hh, "李四", date(1972, 8, 1), "12", Sex.FEMALE),
        person(f"{hh}c", hh, "张小", date(1998, 1, 15), "20"),
        person(f"{hh}d", hh, "张妹", date(2001, 6, 30), "30", Sex.FEMALE),
        person(f"{hh}e", hh, "王氏", date(1945, 3, 3), "52", Sex.FEMALE),
    ]


def test_consistent_household_has_no_identity_findings() -> None:
    assert check_identity(household() + household("h2"), TODAY) == []


@pytest.mark.parametrize(
    ("change", "code", "severity", "text"),
    [
        ({"id_number": "X"}, "invalid_id", Severity.WARNING, "身份证号应为18位"),
        ({"sex": Sex.FEMALE}, "sex_mismatch", Severity.WARNING, "性别登记为女"),
        (
            {"birth_date": date(1998, 1, 16)},
            "birth_mismatch",
            Severity.WARNING,
            "出生日期登记为1998年1月16日",
        ),
        ({"relation_code": "13"}, "relation_unknown", Severity.WARNING, "代码“13”不在"),
        ({"relation_code": "30"}, "relation_sex", Severity.WARNING, "性别应为女"),
    ],
)
def test_identity_problems_of_one_member(
    change: dict[str, object], code: str, severity: Severity, text: str
) -> None:
    persons = household()
    son = replace(persons[2], **change)  # type: ignore[arg-type]
    persons[2] = son
    found = check_identity(persons, TODAY)
    assert keys(found) == [(9, code, severity, person_ref(son), "h1c")]
    assert text in found[0].reason
    assert_clean(found, persons)


def test_wrong_check_character_is_reported_without_the_full_number() -> None:
    persons = household()
    good = persons[2].id_number
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    persons[2] = replace(persons[2], id_number=bad)
    found = check_identity(persons, TODAY)
    assert [(f.code, f.severity) for f in found] == [("invalid_id", Severity.WARNING)]
    assert "校验位错误" in found[0].reason and found[0].subject == f"张小（{bad[:6]}********{bad[-4:]}）"
    assert_clean(found, persons)


def test_age_against_the_head() -> None:
    persons = household()
    older_son = person("h1c", "h1", "张小", date(1968, 1, 1), "20")
    close_son = person("h1d", "h1", "张二", date(1980, 1, 1), "20")
    persons[2:4] = [older_son, close_son]
    found = check_identity(persons, TODAY)
    assert keys(found) == [
        (9, "relation_age", Severity.WARNING, person_ref(older_son), "h1c"),
        (9, "relation_age_gap", Severity.INFO, person_ref(close_son), "h1d"),
    ]
    assert "应小于户主（54岁）" in found[0].reason and "至少相差12岁" in found[1].reason


def test_two_heads_are_reported_and_age_checks_skipped() -> None:
    persons = household()
    persons[1] = replace(persons[1], relation_code="01")
    persons[2] = person("h1c", "h1", "张小", date(1968, 1, 1), "20")  # older than the head
    found = check_identity(persons, TODAY)
    assert keys(found) == [(9, "multiple_heads", Severity.WARNING, person_ref(persons[0]), "h1a")]
    assert "登记了2名户主（张三、李四）" in found[0].reason
    no_head = [p for p in persons if p.relation_code not in ("01", "02")]
    assert check_identity(no_head, TODAY) == []


def test_fast_path_agrees_with_idcard_inconsistencies() -> None:
    rng = random.Random(20250310)
    persons: list[PersonRow] = []
    for h in range(300):
        for p in household(f"h{h}"):
            roll = rng.random()
            if roll < 0.1:
                p = replace(p, sex=Sex.FEMALE if p.sex is Sex.MALE else Sex.MALE)
            elif roll < 0.2:
                p = replace(p, birth_date=date(p.birth_date.year + rng.choice((-20, -1, 1, 30)), 1, 1))
            elif roll < 0.3:
                p = replace(
                    p, relation_code=rng.choice(["10", "11", "13", "20", "30", "41", "61", "71", "99"])
                )
            elif roll < 0.35:
                p = replace(p, id_number=" " + p.id_number[:16] + str(rng.randrange(10)) + p.id_number[17])
            elif roll < 0.4:
                p = replace(p, id_number=p.id_number[:6] + p.id_number[8:17])  # old 15-digit form
            persons.append(p)
    expected = sorted(
        (p.id, problem.message)
        for p, head in _with_heads(persons)
        for problem in idcard.inconsistencies(
            p.id_number,
            sex=p.sex,
            birth_date=p.birth_date,
            relation_code=p.relation_code,
            head_birth_date=head,
            on=TODAY,
        )
    )
    found = check_identity(persons, TODAY)
    actual = sorted((f.record_id, f.reason.rsplit("；", 1)[0]) for f in found if f.code != "multiple_heads")
    assert len(expected) > 100
    assert actual == expected
    assert_clean(found, persons)


def _with_heads(persons: list[PersonRow]) -> list[tuple[PersonRow, date | None]]:
    """Naive reference: the only head's birth date, looked up per person."""
    out = []
    for p in persons:
        heads = [q for q in persons if q.household_id == p.household_id and q.relation_code in ("01", "02")]
        out.append((p, heads[0].birth_date if len(heads) == 1 else None))
    return out


def test_identity_check_of_60000_persons_is_fast() -> None:
    persons: list[PersonRow] = []
    for h in range(15000):
        born = date(1940 + h % 40, 1 + h % 12, 1 + h % 28)
        kids = date(born.year + 25, 1 + h % 12, 1 + h % 28)
        rows = [
            ("02", born, Sex.MALE),
            ("12", born, Sex.FEMALE),
            ("20", kids, Sex.MALE),
            ("30", kids, Sex.FEMALE),
        ]
        for j, (rel, b, sex) in enumerate(rows):
            number = idcard.make_id(AREA, b, (h % 450) * 2 + (1 if sex is Sex.MALE else 0))
            persons.append(PersonRow(f"p{h}-{j}", f"h{h}", "某某", number, sex, b, rel))
    persons[12345] = replace(persons[12345], sex=Sex.FEMALE if persons[12345].sex is Sex.MALE else Sex.MALE)
    found = check_identity(persons, TODAY)
    assert len(persons) == 60000
    assert [(f.code, f.record_id) for f in found] == [("sex_mismatch", persons[12345].id)]


# ------------------------------------------------------------------ item 1: deaths


def test_payment_for_a_month_after_death_is_severe() -> None:
    head = person("a", "h1", "张三", HEAD_BORN, "02", death=date(2025, 3, 15))
    wife = person("b", "h1", "李四", date(1972, 8, 1), "12", Sex.FEMALE)
    row = benefit(("a", "b"), start_month="2025-01", approved_on=None)
    found = check_deaths([head, wife], [row], "2025-03")
    assert keys(found) == [(1, "paid_after_death", Severity.SEVERE, f"DB2025-001 {person_ref(head)}", "b1")]
    assert "张三已于2025年3月15日死亡" in found[0].reason and "2025年3月" in found[0].reason
    assert_clean(found, [head, wife])
    assert len(check_deaths([head, wife], [row], "2025-4")) == 1


def test_deaths_negative_cases() -> None:
    head = person("a", "h1", "张三", HEAD_BORN, "02", death=date(2025, 3, 15))
    row = benefit(("a", "b"), start_month="2025-01", approved_on=None)
    assert check_deaths([head], [row], "2025-02") == []  # died after February
    assert check_deaths([head], [replace(row, status=S.STOPPED)], "2025-03") == []
    assert check_deaths([head], [replace(row, start_month="2025-04")], "2025-03") == []
    assert check_deaths([head], [replace(row, exit_end_month="2025-02")], "2025-03") == []
    assert check_deaths([head], [replace(row, covered=frozenset({"b"}))], "2025-03") == []
    assert check_deaths([replace(head, death_date=None)], [row], "2025-03") == []
    with pytest.raises(UserError):
        check_deaths([head], [row], "March")
