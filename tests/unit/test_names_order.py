"""People listed in pinyin order (as on a clerk's paper list), not by character code."""

from __future__ import annotations

from app.domain.names import sort_key


def test_names_sort_by_pinyin() -> None:
    names = ["张三", "李四", "刘备", "曾国", "梁山", "李安", "王五", "欧阳明"]
    assert sorted(names, key=sort_key) == ["李安", "李四", "梁山", "刘备", "欧阳明", "王五", "曾国", "张三"]


def test_code_point_order_is_not_pinyin_order() -> None:
    assert sorted(["张三", "李四"]) == ["张三", "李四"]  # 张 U+5F20 before 李 U+674E
    assert sorted(["张三", "李四"], key=sort_key) == ["李四", "张三"]


def test_the_stored_key_and_the_qt_key_follow_the_same_order() -> None:
    """pinyin_key orders household.head_pinyin (SQL), sort_text a table's sort role: both as sort_key."""
    from app.domain.names import pinyin_key, sort_text

    names = ["张三", "李四", "阿五", "赵六", "李", "李娜", "林", "曾国"]
    by_key = sorted(names, key=sort_key)
    assert by_key == ["阿五", "李", "李娜", "李四", "林", "曾国", "张三", "赵六"]
    assert sorted(names, key=lambda n: (pinyin_key(n), n)) == by_key
    assert sorted(names, key=sort_text) == by_key
    assert pinyin_key("曾小明") == "zeng xiao ming"  # the surname's reading, syllables spaced
