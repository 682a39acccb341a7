"""What a public notice may show: field whitelist, sensitive-text detection, scrubbing, masking."""

from __future__ import annotations

import pytest

from app.domain.privacy import (
    PUBLIC_NOTICE_FIELDS,
    SensitiveKind,
    assert_public,
    find_sensitive,
    mask_account,
    mask_id_number,
    public_notice_row,
    scrub,
)
from app.errors import UserError

OFFICE_PHONE = "0730-4211234"


def kinds(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [kind for kind, _ in find_sensitive(text, allowed)]


def test_finds_id_numbers_18_15_and_with_x() -> None:
    assert find_sensitive("身份证430623198001011234。") == [(SensitiveKind.ID_NUMBER, "430623198001011234")]
    assert kinds("43062319800101123X") == [SensitiveKind.ID_NUMBER]
    assert kinds("43062319800101123x") == [SensitiveKind.ID_NUMBER]
    assert kinds("旧证号430623800101123") == [SensitiveKind.ID_NUMBER]
    assert kinds("全角４３０６２３１９８００１０１１２３４") == [SensitiveKind.ID_NUMBER]


def test_finds_bank_accounts_with_spaces_or_dashes() -> None:
    text = "账号6222 0212 3456 7890 123"
    assert find_sensitive(text) == [(SensitiveKind.ACCOUNT, "6222 0212 3456 7890 123")]
    assert kinds("卡号 6222-0212-3456-7890") == [SensitiveKind.ACCOUNT]
    assert kinds("622202123456") == [SensitiveKind.ACCOUNT]  # 12 digits
    assert kinds("62220212345") == []  # 11 digits, not a mobile (starts 6)


def test_finds_phones() -> None:
    assert find_sensitive("手机13812345678") == [(SensitiveKind.MOBILE, "13812345678")]
    assert kinds("手机 138 1234 5678") == [SensitiveKind.MOBILE]
    assert kinds("12812345678") == []  # 12x is not a mobile prefix
    assert kinds("电话0730-4211234") == [SensitiveKind.LANDLINE]
    assert kinds("电话010-87654321") == [SensitiveKind.LANDLINE]


def test_finds_disability_and_diagnosis_words() -> None:
    found = find_sensitive("肢体残疾二级，患尿毒症")
    assert found == [(SensitiveKind.HEALTH, "肢体残疾二级"), (SensitiveKind.HEALTH, "尿毒症")]
    for word in ("精神病", "智力低下", "肺癌", "白血病", "艾滋病"):
        assert kinds(word) == [SensitiveKind.HEALTH], word


@pytest.mark.parametrize(
    "harmless",
    [
        "2025年3月11日",
        "1,234.00",
        "430623101",
        "从2025年3月11日起至3月17日止",
        "2025-03-11",
        "保障3人，月900.00元",
        "监督电话12349",
    ],
)
def test_harmless_notice_text_passes(harmless: str) -> None:
    assert find_sensitive(harmless) == []
    assert_public(harmless)


def test_two_adjacent_numbers_are_both_found() -> None:
    assert kinds("13812345678 6222021234567890123") == [SensitiveKind.MOBILE, SensitiveKind.ACCOUNT]


def test_allowed_office_phone() -> None:
    text = f"如有异议请致电{OFFICE_PHONE}，或拨打13812345678"
    assert kinds(text, (OFFICE_PHONE,)) == [SensitiveKind.MOBILE]
    assert kinds(text) == [SensitiveKind.LANDLINE, SensitiveKind.MOBILE]
    assert kinds("电话（0730）4211234", (OFFICE_PHONE,)) == []  # same digits, other format
    assert kinds("电话0730-4219999", (OFFICE_PHONE,)) == [SensitiveKind.LANDLINE]


def test_scrub_replaces_matches() -> None:
    text = f"张三，身份证430623198001011234，精神残疾，电话{OFFICE_PHONE}"
    assert scrub(text) == "张三，身份证＊＊，＊＊，电话＊＊"
    assert scrub(text, allowed=[OFFICE_PHONE]) == f"张三，身份证＊＊，＊＊，电话{OFFICE_PHONE}"
    assert scrub(text, kinds=[SensitiveKind.ID_NUMBER]) == f"张三，身份证＊＊，精神残疾，电话{OFFICE_PHONE}"
    assert scrub("无") == "无"


def test_assert_public_names_the_kind_and_masks_the_number() -> None:
    with pytest.raises(UserError, match="身份证号码") as info:
        assert_public("户主430623198001011234")
    assert "430623198001011234" not in info.value.message
    with pytest.raises(UserError, match="残疾或病情"):
        assert_public("备注：尿毒症")
    assert_public(f"来电：{OFFICE_PHONE}", allowed=[OFFICE_PHONE])


def test_public_notice_row_keeps_only_allowed_fields() -> None:
    row = {
        "seq": 1,
        "village": "东山村",
        "name": "李四",
        "persons": 3,
        "category": "A档",
        "monthly_fen": 90_000,
        "remark": "因病 尿毒症 13812345678",
        "id_number": "430623198001011234",
        "account": "6222021234567890123",
        "phone": "13812345678",
        "address": "东山村3组12号",
        "disability": "肢体二级",
        "health": "重病",
    }
    out = public_notice_row(row)
    assert list(out) == list(PUBLIC_NOTICE_FIELDS)
    assert out["remark"] == "因病 ＊＊ ＊＊"
    assert out["monthly_fen"] == 90_000 and out["name"] == "李四"
    assert "430623198001011234" not in repr(out) and "东山村3组" not in repr(out)


def test_public_notice_row_scrubs_numbers_in_name_and_health_in_category() -> None:
    out = public_notice_row({"name": "王五430623198001011234", "category": "重残单人户"})
    assert out == {"name": "王五＊＊", "category": "＊＊单人户"}


def test_masks() -> None:
    assert mask_account("6222 0212 3456 7890 123") == "*" * 15 + "0123"
    assert mask_account("123") == "***"
    assert mask_id_number("43062319800101123x") == "430623********123X"
