"""特困人员 criteria (S4): labour capacity, self-care level, supporters unable to perform, minors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.codes import DisabilityCategory, Health, LabourCapacity
from app.errors import UserError

_S4 = "《特困人员认定办法》"

# S4 Art.5(3): the disability grades that mean 无劳动能力.
_NO_CAPACITY_GRADES: dict[DisabilityCategory, tuple[int, ...]] = {
    DisabilityCategory.INTELLECTUAL: (1, 2, 3),
    DisabilityCategory.MENTAL: (1, 2, 3),
    DisabilityCategory.PHYSICAL: (1, 2),
    DisabilityCategory.VISION: (1,),
}


def _check_grade(grade: int | None) -> None:
    if grade is not None and grade not in (1, 2, 3, 4):
        raise UserError(f"残疾等级应为一至四级，不是“{grade}”")


def _disability_no_capacity(category: DisabilityCategory | None, grade: int | None) -> bool:
    _check_grade(grade)
    if category is None or grade is None:
        return False
    return grade in _NO_CAPACITY_GRADES.get(category, ())


def no_labour_capacity(
    age: int, disability_category: DisabilityCategory | None, disability_grade: int | None
) -> bool:
    """无劳动能力 (S4 Art.5): ≥60, <16, 智力/精神 1–3级, 肢体 1–2级, 视力 1级."""
    if age < 0:
        raise UserError("年龄不能为负数")
    return age >= 60 or age < 16 or _disability_no_capacity(disability_category, disability_grade)


def labour_capacity(
    age: int, disability_category: DisabilityCategory | None, disability_grade: int | None, health: Health
) -> LabourCapacity:
    """劳动能力 for forms and statistics: 无 by age; 完全丧失; 部分丧失; 有."""
    if age < 0:
        raise UserError("年龄不能为负数")
    if age < 16 or age >= 60:
        return LabourCapacity.NONE
    if _disability_no_capacity(disability_category, disability_grade):
        return LabourCapacity.FULL_LOSS
    if disability_category is DisabilityCategory.MULTIPLE and disability_grade in (1, 2):
        return LabourCapacity.FULL_LOSS
    if disability_grade is not None or health is Health.SERIOUS:
        return LabourCapacity.PARTIAL_LOSS
    return LabourCapacity.FULL


@dataclass(frozen=True)
class SupporterFacts:
    """A legal supporter (赡养/抚养/扶养义务人); ``assets_low``: assets within the low-income limit."""

    age: int
    is_tekun: bool = False
    is_dibao: bool = False
    severely_disabled: bool = False
    income_below_local_average: bool = False
    incapacitated_missing_or_jailed: bool = False
    assets_low: bool = True


def supporter_unable(s: SupporterFacts) -> tuple[bool, str]:
    """Whether the supporter is 无履行义务能力 (S4 Art.8), with the ground in Chinese."""
    if s.is_tekun:
        return True, f"义务人本人是特困人员（{_S4}第八条第一项）"
    if s.is_dibao and s.age >= 60:
        return True, f"义务人是60周岁以上的低保对象（{_S4}第八条第二项）"
    low = s.income_below_local_average and s.assets_low
    if s.age >= 70 and low:
        return True, f"义务人70周岁以上，收入低于当地上年人均可支配收入且财产符合规定（{_S4}第八条第三项）"
    if s.severely_disabled and low:
        return True, f"义务人为重度残疾人，收入低于当地上年人均可支配收入且财产符合规定（{_S4}第八条第四项）"
    if s.incapacitated_missing_or_jailed and s.assets_low:
        return True, f"义务人无民事行为能力、被宣告失踪或在监狱服刑（{_S4}第八条第五项）"
    return False, f"义务人具有履行义务能力（不符合{_S4}第八条所列情形）"


def tekun_eligible(
    age: int,
    disability_category: DisabilityCategory | None,
    disability_grade: int | None,
    *,
    income_below_standard: bool,
    assets_within_limit: bool,
    supporters: Sequence[SupporterFacts],
) -> tuple[bool, list[str]]:
    """S4 Art.4–8: all of 无劳动能力, 无生活来源, no able supporter.

    Returns (True, grounds met) or (False, the criteria that fail).
    """
    met: list[str] = []
    failed: list[str] = []
    if no_labour_capacity(age, disability_category, disability_grade):
        if age >= 60:
            met.append(f"60周岁以上老年人，无劳动能力（{_S4}第五条）")
        elif age < 16:
            met.append(f"未满16周岁的未成年人，无劳动能力（{_S4}第五条）")
        else:
            met.append(f"残疾等级属于无劳动能力情形（{_S4}第五条）")
    else:
        failed.append(f"不属于无劳动能力的情形（{_S4}第五条）")
    if income_below_standard and assets_within_limit:
        met.append(f"收入低于当地低保标准且财产符合规定，无生活来源（{_S4}第六条）")
    else:
        if not income_below_standard:
            failed.append(f"收入不低于当地低保标准（{_S4}第六条）")
        if not assets_within_limit:
            failed.append(f"财产状况不符合当地特困人员财产规定（{_S4}第六条）")
    if not supporters:
        met.append(f"无法定赡养、抚养、扶养义务人（{_S4}第四条）")
    else:
        for index, supporter in enumerate(supporters, start=1):
            unable, why = supporter_unable(supporter)
            (met if unable else failed).append(f"第{index}名义务人：{why}")
    return (not failed, failed if failed else met)


def minor_coverage_ends(birth: date, in_school: bool) -> date | None:
    """The 18th birthday (S4 Art.24; 29 Feb → 28 Feb); None while still in school."""
    if in_school:
        return None
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:
        return date(birth.year + 18, 2, 28)
