"""§5 item 4: a near relative's case filed separately, and paid only after the county's home visit."""

from __future__ import annotations

from app.domain.checks import check_near_relatives
from app.domain.checks_rows import NearRelativeCase, Severity
from app.domain.workflow import CaseState


def _case(state: CaseState, filed: bool = True, visited: bool = False) -> NearRelativeCase:
    return NearRelativeCase("c1", "430623101-2026-000001", state, filed, visited)


def test_a_filed_case_before_the_decision_is_fine() -> None:
    assert check_near_relatives([_case(CaseState.SUBMITTED)]) == []


def test_an_unfiled_case_is_severe() -> None:
    [finding] = check_near_relatives([_case(CaseState.INVESTIGATING, filed=False)])
    assert (finding.item, finding.code, finding.severity) == (4, "near_relative_unfiled", Severity.SEVERE)
    assert "单独登记备案" in finding.reason and finding.record_kind == "case"


def test_paying_without_the_county_visit_is_severe_and_with_it_is_fine() -> None:
    [finding] = check_near_relatives([_case(CaseState.ACTIVE)])
    assert finding.code == "near_relative_no_visit" and "入户核查" in finding.reason
    assert check_near_relatives([_case(CaseState.ACTIVE, visited=True)]) == []
    assert check_near_relatives([_case(CaseState.REFUSED)]) == []
