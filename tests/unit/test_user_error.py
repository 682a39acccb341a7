"""A refusal reads naturally: the field's own name, never a developer's “字段“…””."""

from __future__ import annotations

from app.errors import UserError


def test_the_field_leads_the_message() -> None:
    assert (
        str(UserError("请勾选申请人已签署核对授权书", field="核对授权"))
        == "核对授权：请勾选申请人已签署核对授权书"
    )


def test_a_message_naming_its_field_is_not_prefixed_again() -> None:
    assert str(UserError("身份证号校验位不正确", field="身份证号")) == "身份证号校验位不正确"
    assert str(UserError("身份证号校验位不正确", field="身份证号", row=3)) == "第3行，身份证号校验位不正确"


def test_a_row_and_a_field() -> None:
    assert str(UserError("不能为空", field="姓名", row=7)) == "第7行，姓名：不能为空"
    assert str(UserError("无法识别")) == "无法识别"
