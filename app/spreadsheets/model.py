"""Plain data read from a ledger: households, members, the problems found and where they are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """An error refuses its household; a warning is reported and the household still comes in."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "提示"}.get(self.value, "说明")


@dataclass(frozen=True)
class Problem:
    """One problem, located as a clerk finds it in Excel: sheet, row number, column."""

    sheet: str
    row: int  # the row number Excel shows; 0 when the problem concerns the whole sheet or file
    column: str  # "F（身份证号）", or "" for the whole row
    reason: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = [f"工作表“{self.sheet}”"] if self.sheet else []
        if self.row:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"{self.column}列")
        return f"{' '.join(where)}：{self.reason}"


def row_spans(rows: list[int]) -> str:
    """Row numbers as a clerk reads them: “5–7、9”."""
    spans: list[list[int]] = []
    for row in sorted(set(rows)):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


@dataclass
class LedgerMember:
    row: int
    name: str
    id_number: str  # normalised, 18 characters
    relation_code: str
    sex: str  # "M" / "F", from the ID number
    birth_date: date  # from the ID number


# Household fields a ledger may carry; None means "not in this ledger" (the file keeps its value).
HOUSEHOLD_TEXT_FIELDS = (
    "address",
    "phone",
    "bank_name",
    "account_no",
    "account_holder",
    "poverty_causes",
    "notes",
)


@dataclass
class LedgerHousehold:
    sheet: str
    first_row: int
    village: str
    members: list[LedgerMember] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    urban_rural: str | None = None
    program: str | None = None
    tier: str | None = None
    monthly_fen: int | None = None
    start_month: str | None = None
    household_size: int | None = None
    texts: dict[str, str] = field(default_factory=dict)  # HOUSEHOLD_TEXT_FIELDS present and non-blank
    village_code: str | None = None  # set by village matching
    village_column: str = ""  # where the village is written, for problems with it

    @property
    def head(self) -> LedgerMember:
        return next(m for m in self.members if m.relation_code in ("01", "02"))

    @property
    def label(self) -> str:
        """How reports name the household: “张三户（第12行）”."""
        name = self.members[0].name if self.members else "?"
        return f"{name}户（{self.sheet}第{self.first_row}行）"


@dataclass
class SheetData:
    """One sheet as read: its header labels by column and the raw rows (for the errors workbook)."""

    name: str
    header_row: int
    labels: list[str]
    mapping: dict[str, int]  # field → 0-based column
    layout: str  # "member" (one row per member) or "household" (one row per household)
    raw: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # blank / total / note / header → count


@dataclass
class LedgerRead:
    """Everything read from one file, before it is compared with the database."""

    households: list[LedgerHousehold]
    problems: list[Problem]
    sheets: list[SheetData]

    @property
    def error_rows(self) -> set[tuple[str, int]]:
        return {(p.sheet, p.row) for p in self.problems if p.severity is Severity.ERROR}
