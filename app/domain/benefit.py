"""Dibao amount: gap (补差) or tiers (分档), 三无 full standard, 分类施保 top-ups, 低保边缘, 单人户."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from typing import Any

from app.domain.codes import DisabilityCategory, Health
from app.domain.money import Rounding, fen_to_yuan, round_fen
from app.errors import UserError

_ART8 = "《最低生活保障审核确认办法》第八条"
_UNITS = {"month": 1, "月": 1, "year": 12, "年": 12}


def monthly_standard(amount_fen: int, unit: str, rounding: Rounding = Rounding.FEN) -> int:
    """A standard per person per month; a yearly standard is divided by 12 (7,200 元/年 → 600 元/月)."""
    if unit not in _UNITS:
        raise UserError(f"保障标准的单位应为“月”或“年”，不是“{unit}”")
    if amount_fen < 0:
        raise UserError("保障标准不能为负数")
    return round_fen(Fraction(amount_fen, _UNITS[unit]), rounding)


@dataclass(frozen=True)
class Tier:
    """A tier (档次): amount per covered person; a household fits when per capita ≤ the maximum."""

    name: str
    amount_per_person_fen: int
    max_per_capita_fen: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip() or self.amount_per_person_fen < 0:
            raise UserError(f"档次“{self.name}”的名称不能为空，金额不能为负数")


class TopupGroup(StrEnum):
    ELDERLY = "elderly"
    MINOR = "minor"
    SEVERE_DISABILITY = "severe_disability"
    SERIOUS_ILLNESS = "serious_illness"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self.value]


_GROUP_LABELS = {
    "elderly": "老年人",
    "minor": "未成年人",
    "severe_disability": "重度残疾人",
    "serious_illness": "重病患者",
}


@dataclass(frozen=True)
class TopupRule:
    """分类施保: ``fixed`` → ``value`` fen per person per month; ``percent`` → value % of the standard."""

    group: TopupGroup
    mode: str
    value: Decimal

    def __post_init__(self) -> None:
        if self.mode not in ("fixed", "percent"):
            raise UserError(f"分类施保方式应为固定金额或标准的百分比，不是“{self.mode}”")
        if not Decimal(self.value).is_finite() or Decimal(self.value) < 0:
            raise UserError("分类施保金额或比例不能为负数")

    def amount(self, standard_monthly_fen: int) -> Fraction:
        return _topup_amount(self.mode, Decimal(self.value), standard_monthly_fen)


@lru_cache(maxsize=1024)
def _topup_amount(mode: str, value: Decimal, standard_monthly_fen: int) -> Fraction:
    """A top-up in exact fen (the same few rules and standards recur for every household)."""
    if mode == "fixed":
        return Fraction(value)
    return Fraction(standard_monthly_fen) * Fraction(value) / 100


@dataclass(frozen=True)
class BenefitRules:
    calc_mode: str = "gap"
    tiers: tuple[Tier, ...] = ()
    topups: tuple[TopupRule, ...] = ()
    topup_combine: str = "max"
    rounding: Rounding = Rounding.YUAN
    min_payment_fen: int = 0
    edge_multiplier: Decimal = Decimal("1.5")
    elderly_age: int = 60
    minor_age: int = 18

    def __post_init__(self) -> None:
        if self.calc_mode not in ("gap", "tier"):
            raise UserError(f"计算方式应为补差或分档，不是“{self.calc_mode}”")
        if self.topup_combine not in ("max", "sum"):
            raise UserError(f"分类施保合并方式应为取最高或累加，不是“{self.topup_combine}”")
        if self.min_payment_fen < 0:
            raise UserError("最低发放金额不能为负数")
        if Decimal(self.edge_multiplier) < 1:
            raise UserError("低保边缘倍数不能小于1")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (decimals as strings) for storing as a setting."""
        data = asdict(self)
        data["tiers"] = [asdict(t) for t in self.tiers]
        data["topups"] = [
            {"group": r.group.value, "mode": r.mode, "value": str(r.value)} for r in self.topups
        ]
        data.update(rounding=self.rounding.value, edge_multiplier=str(self.edge_multiplier))
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BenefitRules:
        """Rebuild from ``to_dict()`` output; missing keys take defaults; bad data → UserError."""
        try:
            d = {**cls().to_dict(), **data}
            return cls(
                calc_mode=str(d["calc_mode"]),
                tiers=tuple(
                    Tier(
                        str(t["name"]), int(t["amount_per_person_fen"]), _opt_int(t.get("max_per_capita_fen"))
                    )
                    for t in d["tiers"]
                ),
                topups=tuple(
                    TopupRule(TopupGroup(r["group"]), str(r["mode"]), Decimal(str(r["value"])))
                    for r in d["topups"]
                ),
                topup_combine=str(d["topup_combine"]),
                rounding=Rounding(d["rounding"]),
                min_payment_fen=int(d["min_payment_fen"]),
                edge_multiplier=Decimal(str(d["edge_multiplier"])),
                elderly_age=int(d["elderly_age"]),
                minor_age=int(d["minor_age"]),
            )
        except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError) as exc:
            raise UserError(f"低保计算规则设置有误：{exc}") from exc


def _opt_int(value: object) -> int | None:
    return None if value is None else int(str(value))


@dataclass(frozen=True)
class MemberFacts:
    person_id: str
    age: int
    disability_category: DisabilityCategory | None = None
    disability_grade: int | None = None
    health: Health = Health.HEALTHY


def is_severely_disabled(category: DisabilityCategory | None, grade: int | None) -> bool:
    """重度残疾: grade 1–2 of any category, or grade 3 智力/精神 (S1 Art.8; S4 Art.8)."""
    if grade is None:
        return False
    if grade not in (1, 2, 3, 4):
        raise UserError(f"残疾等级应为一至四级，不是“{grade}”")
    if grade <= 2:
        return True
    return grade == 3 and category in (DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL)


def topup_groups(m: MemberFacts, rules: BenefitRules) -> set[TopupGroup]:
    groups: set[TopupGroup] = set()
    if m.age >= rules.elderly_age:
        groups.add(TopupGroup.ELDERLY)
    if m.age < rules.minor_age:
        groups.add(TopupGroup.MINOR)
    if is_severely_disabled(m.disability_category, m.disability_grade):
        groups.add(TopupGroup.SEVERE_DISABILITY)
    if m.health is Health.SERIOUS:
        groups.add(TopupGroup.SERIOUS_ILLNESS)
    return groups


@dataclass(frozen=True)
class BenefitResult:
    eligible: bool
    reason: str
    standard_fen: int
    per_capita_fen: int
    covered: int
    base_fen: int
    topups_fen: dict[str, int]
    total_fen: int
    tier: str | None
    is_edge: bool
    member_groups: dict[str, tuple[TopupGroup, ...]] = field(default_factory=dict)

    @property
    def topup_total_fen(self) -> int:
        return sum(self.topups_fen.values())


def is_edge_household(per_capita_fen: int, standard_fen: int, multiplier: Decimal = Decimal("1.5")) -> bool:
    """低保边缘 income test: per capita below multiplier × standard (assets are checked elsewhere)."""
    numerator, denominator = Decimal(multiplier).as_integer_ratio()
    return per_capita_fen * denominator < standard_fen * numerator


def _pick_tier(rules: BenefitRules, per_capita_fen: int, tier_name: str | None) -> Tier | None:
    if not rules.tiers:
        raise UserError("分档计算方式下尚未设置档次标准")
    if tier_name is not None:
        for tier in rules.tiers:
            if tier.name == tier_name:
                return tier
        raise UserError(f"没有名为“{tier_name}”的档次")
    for tier in rules.tiers:
        if tier.max_per_capita_fen is None or tier.max_per_capita_fen >= per_capita_fen:
            return tier
    return None


def calculate(
    standard_monthly_fen: int,
    per_capita_fen: int,
    covered: Sequence[MemberFacts],
    rules: BenefitRules,
    *,
    three_no: bool = False,
    tier_name: str | None = None,
) -> BenefitResult:
    """Monthly household amount (domain.md §1.5); ``covered`` are the persons 保障."""
    if standard_monthly_fen <= 0:
        raise UserError("保障标准必须大于0")
    if per_capita_fen < 0:
        raise UserError("家庭月人均收入不能为负数")
    if not covered:
        raise UserError("保障人数不能为0")
    n = len(covered)
    std, pc = fen_to_yuan(standard_monthly_fen), fen_to_yuan(per_capita_fen)

    def refuse(reason: str) -> BenefitResult:
        edge = is_edge_household(per_capita_fen, standard_monthly_fen, rules.edge_multiplier)
        if edge:
            reason += f"；低于标准的{rules.edge_multiplier}倍，可认定为低保边缘家庭（财产状况另行核定）"
        return BenefitResult(False, reason, standard_monthly_fen, per_capita_fen, n, 0, {}, 0, None, edge)

    if per_capita_fen >= standard_monthly_fen:
        return refuse(f"家庭月人均收入{pc}元不低于保障标准{std}元，不符合低保条件")
    tier: Tier | None = None
    if three_no:
        base = standard_monthly_fen * n
        reason = f"“三无”人员按保障标准全额保障：{std}元×{n}人"
    elif rules.calc_mode == "tier":
        tier = _pick_tier(rules, per_capita_fen, tier_name)
        if tier is None:
            return refuse(f"家庭月人均收入{pc}元高于各档次的收入上限")
        base = tier.amount_per_person_fen * n
        reason = f"按{tier.name}计算：{fen_to_yuan(tier.amount_per_person_fen)}元×{n}人"
    else:
        base = (standard_monthly_fen - per_capita_fen) * n
        reason = f"按补差计算：（{std}元−{pc}元）×{n}人"

    topups: dict[str, int] = {}
    groups_of: dict[str, tuple[TopupGroup, ...]] = {}
    for member in covered:
        groups = topup_groups(member, rules)
        amounts = [r.amount(standard_monthly_fen) for r in rules.topups if r.group in groups]
        if not amounts:
            continue
        value = round_fen(max(amounts) if rules.topup_combine == "max" else sum(amounts), Rounding.FEN)
        if value > 0:
            topups[member.person_id] = topups.get(member.person_id, 0) + value
            groups_of[member.person_id] = tuple(g for g in TopupGroup if g in groups)
    total = round_fen(base + sum(topups.values()), rules.rounding)
    if topups:
        reason += f"，分类施保{fen_to_yuan(sum(topups.values()))}元"
    if total < rules.min_payment_fen:
        total = rules.min_payment_fen
        reason += f"，低于最低发放额按{fen_to_yuan(rules.min_payment_fen)}元发放"
    tier_label = tier.name if tier else None
    return BenefitResult(
        True,
        reason,
        standard_monthly_fen,
        per_capita_fen,
        n,
        base,
        topups,
        total,
        tier_label,
        False,
        groups_of,
    )


def single_person_allowed(
    m: MemberFacts,
    *,
    household_is_edge: bool,
    clergy_years: int = 0,
    severe_illness_recognised: bool = False,
    unemployed: bool = False,
    household_eligible: bool = False,
) -> tuple[bool, str]:
    """Whether ``m`` may apply alone as a 单人户 (S1 Art.8; S5 §1(1)), with the Chinese ground.

    ``household_eligible``: the whole household qualifies for 低保; then all its members are enrolled,
    not one of them alone (S5 §1(1)).
    """
    if household_eligible:
        return False, (
            "全家符合低保条件的，应将共同生活家庭成员全部纳入保障，不能由其中一人单独申请"
            "（民政部等2022年通知第一条第一项）"
        )
    if clergy_years >= 3:
        return True, f"在宗教场所居住三年以上的宗教教职人员，可以单独申请（{_ART8}第三项）"
    severe = is_severely_disabled(m.disability_category, m.disability_grade)
    if severe and unemployed and m.age >= 18:
        return True, "成年无业重度残疾人可以参照“单人户”申请（民政部等2022年通知第一条第一项）"
    if household_is_edge and severe:
        return True, f"低保边缘家庭中的重度残疾人，可以单独申请（{_ART8}第一项）"
    if household_is_edge and severe_illness_recognised:
        return True, f"低保边缘家庭中患有当地认定的重特大疾病的人员，可以单独申请（{_ART8}第二项）"
    if (severe or severe_illness_recognised) and not household_is_edge:
        return False, f"所在家庭不属于低保边缘家庭，重残、重病人员不能单独申请（{_ART8}）"
    return False, f"不符合单独申请（单人户）的条件（{_ART8}）"
