"""Division codes: padding, levels, parents and the prefix an area scope covers."""

from __future__ import annotations

import pytest

from app.domain import areas
from app.errors import UserError


def test_codes_pad_to_twelve_digits_and_know_their_level_and_parent() -> None:
    assert areas.full_code("430623") == "430623000000"
    assert areas.full_code("430623101") == "430623101000"
    assert areas.level_of("430623101201").value == "village"
    assert areas.parent_of("430623101201") == "430623101000"
    assert areas.parent_of("430623101000") == "430623000000"
    assert areas.parent_of("430623000000") is None
    with pytest.raises(UserError, match="6位"):
        areas.full_code("4306")


@pytest.mark.parametrize(
    ("scope", "prefix"),
    [("430623000000", "430623"), ("430623101000", "430623101"), ("430623101201", "430623101201")],
)
def test_a_scope_covers_the_codes_under_it(scope: str, prefix: str) -> None:
    assert areas.scope_prefix(scope) == prefix
