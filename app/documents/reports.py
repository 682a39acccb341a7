"""The reports as plain data: the monthly report, the year summary and the township statistics.

Built by app/services/reports, laid out by app/spreadsheets (xlsx) and app/printing (PDF); neither of
those imports a service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CATEGORIES = ("城市低保", "农村低保", "特困供养")


LABOUR = ("full", "partial", "lost", "none")


SOURCE_LABELS = {
    "draft": "本月发放批次（草稿，未审批）",
    "approved": "本月已审批的发放名册",
    "sent": "本月已审批的发放名册",
    "closed": "本月已审批的发放名册（银行已全部回盘）",
    "estimate": "本月尚无发放批次，按当前档案测算",
}


# The monthly report's columns: (group title or None, column title, value of a CategoryRow)
MONTH_COLUMNS: tuple[tuple[str | None, str, str], ...] = (
    (None, "户数", "households"),
    (None, "人数", "persons"),
    ("人员构成", "女性", "female"),
    ("人员构成", "老年人（60岁及以上）", "elderly"),
    ("人员构成", "未成年人（18岁以下）", "minors"),
    ("人员构成", "残疾人", "disabled"),
    ("人员构成", "其中重度残疾", "severe"),
    ("劳动能力", "有", "labour.full"),
    ("劳动能力", "部分丧失", "labour.partial"),
    ("劳动能力", "完全丧失", "labour.lost"),
    ("劳动能力", "无", "labour.none"),
    ("当月新增", "户数", "new_households"),
    ("当月新增", "人数", "new_persons"),
    ("当月退出", "户数", "exited_households"),
    ("当月退出", "人数", "exited_persons"),
    ("支出（元）", "低保金", "base_fen"),
    ("支出（元）", "分类施保金", "topup_fen"),
    ("支出（元）", "合计", "total_fen"),
    (None, "人均补助（元）", "per_capita_fen"),
)


@dataclass
class CategoryRow:
    category: str
    households: int = 0
    persons: int = 0
    members: int = 0  # covered persons on file (the breakdowns below count these)
    female: int = 0
    elderly: int = 0  # 60 and over at the month's end
    minors: int = 0  # under 18
    disabled: int = 0
    severe: int = 0
    labour: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABOUR, 0))
    new_households: int = 0
    new_persons: int = 0
    exited_households: int = 0
    exited_persons: int = 0
    base_fen: int = 0
    topup_fen: int = 0
    total_fen: int = 0

    @property
    def per_capita_fen(self) -> int:
        return round(self.total_fen / self.persons) if self.persons else 0

    def add(self, other: CategoryRow) -> None:
        for name in [
            "households",
            "persons",
            "members",
            "female",
            "elderly",
            "minors",
            "disabled",
            "severe",
            "new_households",
            "new_persons",
            "exited_households",
            "exited_persons",
            "base_fen",
            "topup_fen",
            "total_fen",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key in LABOUR:
            self.labour[key] += other.labour[key]


LINSHI_KINDS = ("急难型", "支出型")


@dataclass(frozen=True)
class LinshiRow:
    """临时救助 confirmed in a period in one township, by category of need: 人次 (one per award), 金额."""

    township_code: str  # 9 digits
    township: str
    times: dict[str, int]  # 急难型/支出型 → 人次
    fen: dict[str, int]  # 急难型/支出型 → amount

    @property
    def total_times(self) -> int:
        return sum(self.times.values())

    @property
    def total_fen(self) -> int:
        return sum(self.fen.values())


def linshi_total(rows: list[LinshiRow]) -> LinshiRow:
    """The 合计 row of a 临时救助 table."""
    return LinshiRow(
        "",
        "合计",
        {k: sum(r.times.get(k, 0) for r in rows) for k in LINSHI_KINDS},
        {k: sum(r.fen.get(k, 0) for r in rows) for k in LINSHI_KINDS},
    )


LINSHI_HEADERS = (
    "乡镇",
    "急难型人次",
    "急难型金额（元）",
    "支出型人次",
    "支出型金额（元）",
    "合计人次",
    "合计金额（元）",
)


@dataclass
class MonthlyReport:
    county: str
    office: str
    month: str
    source: str
    rows: list[CategoryRow]
    total: CategoryRow
    topups: list[tuple[str, int, int]]  # 分类施保 by main group: (label, persons, fen)
    linshi: list[LinshiRow] = field(default_factory=list)  # 临时救助 confirmed in the month, by township

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)


@dataclass
class MonthFigures:
    month: str
    status: str = ""  # "" when the month has no approved run
    households: int = 0
    persons: int = 0
    total_fen: int = 0
    bank_fen: int = 0


@dataclass
class YearSummary:
    county: str
    office: str
    year: int
    today: date
    months: list[MonthFigures]
    households: int = 0
    persons: int = 0
    person_months: int = 0
    funds_fen: int = 0
    funds_by_category: dict[str, int] = field(default_factory=dict)
    linshi_cases: int = 0
    linshi_fen: int = 0
    bank_fen: int = 0
    reviews: dict[str, int] = field(default_factory=dict)  # due, on_time, late, overdue_open, not_due
    notices: dict[str, int] = field(default_factory=dict)  # kind label → notices posted
    notice_entries: int = 0
    decided: dict[str, tuple[int, int]] = field(default_factory=dict)  # program label → (decided, in time)
    no_limit: int = 0  # 特困 decisions: S4 sets per-step limits only
    linshi_rows: list[LinshiRow] = field(default_factory=list)  # 临时救助 by township and category of need

    @property
    def bank_share(self) -> float:
        return self.bank_fen / self.funds_fen if self.funds_fen else 0.0

    @property
    def reviews_on_time_share(self) -> float:
        due = self.reviews.get("due", 0) - self.reviews.get("not_due", 0)
        return self.reviews.get("on_time", 0) / due if due > 0 else 0.0

    @property
    def decided_in_time_share(self) -> float:
        total = sum(n for n, _ in self.decided.values())
        return sum(k for _, k in self.decided.values()) / total if total else 0.0


CATEGORY_ORDER = ("城市低保", "农村低保", "特困供养")


def category_key(name: str) -> tuple[int, str]:
    """Sort key: 城市低保, 农村低保, 特困供养, then any other category by name."""
    return (CATEGORY_ORDER.index(name) if name in CATEGORY_ORDER else len(CATEGORY_ORDER), name)


@dataclass(frozen=True)
class VillageRow:
    village_code: str
    village: str
    category: str  # 城市低保 / 农村低保 / 特困供养
    households: int
    persons: int  # covered persons (保障人数)
    monthly_fen: int


@dataclass
class TownshipStats:
    """The benefits being paid inside the actor's area on ``on``, one row per village and category."""

    unit: str  # the installation's name (a township, or the county)
    on: date
    rows: list[VillageRow] = field(default_factory=list)

    @property
    def households(self) -> int:
        return sum(r.households for r in self.rows)

    @property
    def persons(self) -> int:
        return sum(r.persons for r in self.rows)

    @property
    def monthly_fen(self) -> int:
        return sum(r.monthly_fen for r in self.rows)

    def by_category(self) -> list[tuple[str, int, int, int]]:
        """(category, households, persons, fen) over all villages, in the usual order."""
        sums: dict[str, list[int]] = {}
        for r in self.rows:
            acc = sums.setdefault(r.category, [0, 0, 0])
            acc[0] += r.households
            acc[1] += r.persons
            acc[2] += r.monthly_fen
        return [(c, sums[c][0], sums[c][1], sums[c][2]) for c in sorted(sums, key=category_key)]
