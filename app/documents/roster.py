"""The payment roster (发放名册) as plain data: its columns, lines and totals (domain.md §2).

Built by app/services/payments, written by app/spreadsheets/roster.py (xlsx) and app/printing/roster.py (PDF).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 7),
    ("乡镇", 10),
    ("村", 12),
    ("户主", 9),
    ("身份证号", 21),
    ("保障人数", 6),
    ("类别/档次", 12),
    ("低保金", 11),
    ("分类施保金", 11),
    ("合计", 11),
    ("开户行", 16),
    ("账号", 23),
    ("发放月份", 9),
    ("备注", 24),
)


HEADERS = tuple(name for name, _width in COLUMNS)


SIGNATURES = "制表：                    审核：                    审批："


STATUS_LABELS = {"draft": "草稿（未审批）", "approved": "已审批", "sent": "已送银行", "closed": "已结清"}


@dataclass(frozen=True, slots=True)
class RosterLine:
    seq: int
    township: str
    village: str
    head_name: str
    id_number: str
    persons: int
    category: str  # 类别/档次: 农村低保/A档, 特困供养 …
    base_fen: int
    topup_fen: int
    total_fen: int
    bank_name: str
    account_no: str
    remark: str


@dataclass
class Roster:
    """A run's roster: what the xlsx and the PDF show."""

    county: str
    office: str
    month: str
    status: str
    lines: Sequence[RosterLine]
    prepared_on: date
    approved_on: date | None = None
    townships: list[tuple[str, int, int, int]] = field(default_factory=list)  # name, households, persons, fen

    @property
    def title(self) -> str:
        year, mon = int(self.month[:4]), int(self.month[5:])
        return f"{self.county}{year}年{mon}月城乡低保、特困供养资金发放名册"

    @property
    def households(self) -> int:
        return len(self.lines)

    @property
    def persons(self) -> int:
        return sum(line.persons for line in self.lines)

    def total(self, attr: str = "total_fen") -> int:
        return sum(getattr(line, attr) for line in self.lines)

    @property
    def subtitle(self) -> str:
        status = STATUS_LABELS.get(self.status, self.status)
        approved = f"　　审批日期：{self.approved_on:%Y-%m-%d}" if self.approved_on else ""
        return f"制表单位：{self.office}　　发放月份：{self.month}　　状态：{status}{approved}"


def township_totals(lines: Iterable[RosterLine]) -> list[tuple[str, int, int, int]]:
    """Per township in roster order: (name, households, persons, fen)."""
    out: dict[str, list[int]] = {}
    for line in lines:
        row = out.setdefault(line.township, [0, 0, 0])
        row[0] += 1
        row[1] += line.persons
        row[2] += line.total_fen
    return [(name, h, p, f) for name, (h, p, f) in out.items()]
