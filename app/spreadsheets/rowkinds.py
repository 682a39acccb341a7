"""Rows under a ledger's header that hold no person: totals, and the signatures and notes of its footer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from app.spreadsheets import cells

_TOTAL = re.compile(r"合计|小计|总计|共计|累计")
# Who signs a ledger, and the other labels written under the table, longest first; each followed by a
# colon, a bracket or nothing: 制表人：张丽, 审核人（签字）：, 分管领导签字：, 填表日期：2024年3月, 注1：…
_ROLES = (
    "单位负责人|村委会主任|主管领导|分管领导|单位领导|支部书记|填表说明|填报说明|注意事项|填表日期|制表日期|"
    "填报日期|报送日期|填报单位|制表单位|联系电话|制表人|填表人|填报人|统计人|审核人|复核人|审批人|核对人|"
    "经办人|监督人|负责人|村支书|村主任|乡镇长|制表|审核|领导|书记|主任|镇长|乡长|说明|备注|日期|单位|"
    "盖章|签字|签名|公章|注[0-9①-⑳]*"
)
_FOOTER = re.compile(
    rf"[(（](?:盖章|签字|签名|公章)[)）]|(?:制表|填表|填报|统计|审核|复核|审批|核对|经办|监督|负责)人"
    rf"|(?:{_ROLES})(?:签字|签名|签章|盖章)?(?:[(（][^)）]{{0,8}}[)）])?(?:[:：]|$)"
)
_SPACED = re.compile(rf"(?:{_ROLES})\s")  # “审核 王建华”


def _compact(value: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", cells.text(value)).split())


def _cells(row: Sequence[Any], name_col: int) -> Sequence[Any]:
    """The cells that may label a row: left of the name column and the name cell, or every cell when
    the name cell is blank (a person's own notes never make their row a total or a footer line)."""
    if name_col < len(row) and not cells.is_blank(row[name_col]):
        return row[: name_col + 1]
    return row


def _labels(row: Sequence[Any], name_col: int) -> list[str]:
    return [t for t in map(_compact, _cells(row, name_col)) if t]


def is_total(row: Sequence[Any], name_col: int) -> bool:
    """合计, 小计, 本页合计, 东山村小计, 总计：45户112人 …"""
    return any(_TOTAL.search(t) for t in _labels(row, name_col))


def is_footer(row: Sequence[Any], name_col: int) -> bool:
    """A signature or note line under the table: 制表人：张丽, 审核人（签字）, 填表说明：…, 注：…"""
    return any(_FOOTER.match(t) for t in _labels(row, name_col)) or any(
        _SPACED.match(cells.text(v)) for v in _cells(row, name_col)
    )
