"""Division codes: the default county (华容县) and helpers for 6/9/12-digit codes (domain.md §3)."""

from __future__ import annotations

from app.domain.codes import AreaLevel
from app.errors import UserError

DEFAULT_COUNTY = ("430623", "华容县")
# 统计用区划代码 (国家统计局 2023), domain.md §3; the table is editable (14 vs 16 units is unresolved).
HUARONG_TOWNSHIPS: tuple[tuple[str, str], ...] = (
    ("430623101", "三封寺镇"),
    ("430623102", "治河渡镇"),
    ("430623103", "北景港镇"),
    ("430623104", "鲇鱼须镇"),
    ("430623106", "万庾镇"),
    ("430623110", "插旗镇"),
    ("430623111", "注滋口镇"),
    ("430623112", "操军镇"),
    ("430623114", "东山镇"),
    ("430623119", "梅田湖镇"),
    ("430623120", "章华镇"),
    ("430623121", "禹山镇"),
    ("430623201", "新河乡"),
    ("430623207", "团洲乡"),
)


def full_code(code: str) -> str:
    """Pad a 6-, 9- or 12-digit division code to 12 digits; UserError otherwise."""
    code = code.strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise UserError(f"区划代码“{code}”无效：应为6位（县）、9位（乡镇）或12位数字", field="区划代码")
    return code.ljust(12, "0")


def level_of(code12: str) -> AreaLevel:
    """The level a 12-digit code denotes (county ends in 000000, township in 000)."""
    if code12[6:] == "000000":
        return AreaLevel.COUNTY
    if code12[9:] == "000":
        return AreaLevel.TOWNSHIP
    return AreaLevel.VILLAGE


def parent_of(code12: str) -> str | None:
    """The parent's 12-digit code within the county (None for the county itself)."""
    level = level_of(code12)
    if level is AreaLevel.VILLAGE:
        return code12[:9] + "000"
    if level is AreaLevel.TOWNSHIP:
        return code12[:6] + "000000"
    return None


def scope_prefix(scope12: str) -> str:
    """The code prefix a 12-digit scope covers: 6 digits for a county, 9 for a township, else all 12."""
    if scope12.endswith("000000"):
        return scope12[:6]
    return scope12[:9] if scope12.endswith("000") else scope12


def township_name(code9: str) -> str | None:
    return dict(HUARONG_TOWNSHIPS).get(code9)
