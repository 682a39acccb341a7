"""Relationship to the household head (与户主关系), GB/T 4761-2008 codes, and plausibility rules."""

from __future__ import annotations

import unicodedata

from app.domain.codes import Sex
from app.errors import UserError

# fmt: off
RELATIONS: dict[str, str] = {
    "01": "本人", "02": "户主",
    "10": "配偶", "11": "夫", "12": "妻",
    "20": "子", "21": "独生子", "22": "长子", "23": "次子", "24": "三子", "25": "四子", "26": "五子",
    "27": "养子或继子", "28": "女婿", "29": "其他儿子",
    "30": "女", "31": "独生女", "32": "长女", "33": "次女", "34": "三女", "35": "四女", "36": "五女",
    "37": "养女或继女", "38": "儿媳", "39": "其他女儿",
    "40": "孙辈", "41": "孙子", "42": "孙女", "43": "外孙子", "44": "外孙女", "45": "孙媳妇",
    "46": "孙女婿", "47": "曾孙子", "48": "曾孙女", "49": "其他孙辈",
    "50": "父母", "51": "父亲", "52": "母亲", "53": "公公", "54": "婆婆", "55": "岳父", "56": "岳母",
    "57": "继父或养父", "58": "继母或养母", "59": "其他父母关系",
    "60": "祖父母", "61": "祖父", "62": "祖母", "63": "外祖父", "64": "外祖母", "65": "配偶的祖父母",
    "66": "曾祖父", "67": "曾祖母", "68": "配偶的曾祖父母", "69": "其他祖父母关系",
    "70": "兄弟姐妹", "71": "兄", "72": "嫂", "73": "弟", "74": "弟媳", "75": "姐姐", "76": "姐夫",
    "77": "妹妹", "78": "妹夫", "79": "其他兄弟姐妹",
    "80": "其他",
    "81": "伯父", "82": "伯母", "83": "叔父", "84": "婶母", "85": "舅父", "86": "舅母", "87": "姨父",
    "88": "姨母", "89": "姑父", "90": "姑母", "91": "堂兄弟姐妹", "92": "表兄弟姐妹", "93": "侄子",
    "94": "侄女", "95": "外甥", "96": "外甥女", "97": "其他亲属", "99": "非亲属",
}
# fmt: on


def _codes(text: str) -> list[str]:
    return text.split()


_MALE = frozenset(
    _codes("11 20 21 22 23 24 25 26 27 28 29 41 43 46 47 51 53 55 57 61 63 66")
    + _codes("71 73 76 78 81 83 85 87 89 93 95")
)
_FEMALE = frozenset(
    _codes("12 30 31 32 33 34 35 36 37 38 39 42 44 45 48 52 54 56 58 62 64 67")
    + _codes("72 74 75 77 82 84 86 88 90 94 96")
)
_GENERATION: dict[str, int] = {
    **dict.fromkeys(_codes("01 02 10 11 12"), 0),
    **dict.fromkeys(map(str, range(20, 40)), -1),
    **dict.fromkeys(_codes("40 41 42 43 44 45 46 49"), -2),
    **dict.fromkeys(_codes("47 48"), -3),
    **dict.fromkeys(map(str, range(50, 60)), 1),
    **dict.fromkeys(_codes("60 61 62 63 64 65 69"), 2),
    **dict.fromkeys(_codes("66 67 68"), 3),
    **dict.fromkeys(map(str, range(70, 80)), 0),
}
# Blood relatives for whom a minimum age gap to the head applies (years).
_MIN_GAP: dict[str, int] = {
    **dict.fromkeys(_codes("20 21 22 23 24 25 26 29 30 31 32 33 34 35 36 39 50 51 52"), 12),
    **dict.fromkeys(_codes("40 41 42 43 44 49 60 61 62 63 64"), 24),
    **dict.fromkeys(_codes("47 48 66 67"), 36),
}
# Must be younger / older than the head (the spouse's parents and grandparents are not checked).
_YOUNGER = frozenset(c for c, g in _GENERATION.items() if g < 0)
_OLDER = frozenset(_codes("50 51 52 57 58 59 60 61 62 63 64 66 67 69"))

# fmt: off
_ALIASES: dict[str, str] = {
    "户主本人": "02", "自己": "01", "爱人": "10", "老伴": "10",
    "丈夫": "11", "妻子": "12", "老婆": "12",
    "儿子": "20", "儿": "20", "养子": "27", "继子": "27", "女儿": "30", "养女": "37", "继女": "37",
    "儿媳妇": "38",
    "孙子女": "40", "孙子孙女": "40", "外孙": "43", "外孙女儿": "44", "孙媳": "45", "曾孙": "47",
    "父": "51", "爸爸": "51", "母": "52", "妈妈": "52",
    "继父": "57", "养父": "57", "继母": "58", "养母": "58",
    "祖父母或外祖父母": "60", "爷爷": "61", "奶奶": "62", "外公": "63", "姥爷": "63", "外婆": "64",
    "姥姥": "64",
    "哥哥": "71", "哥": "71", "嫂子": "72", "弟弟": "73", "弟妹": "74", "姐": "75", "妹": "77",
    "叔叔": "83", "婶婶": "84", "舅舅": "85", "姨妈": "88", "姑姑": "90", "侄儿": "93", "外甥子": "95",
    "孙子、孙女或外孙子、外孙女": "40", "孙媳妇或外孙媳妇": "45", "孙女婿或外孙女婿": "46",
    "曾孙子或外曾孙子": "47", "曾孙女或外曾孙女": "48", "其他孙子、孙女或外孙子、外孙女": "49",
    "配偶的祖父母或外祖父母": "65", "配偶的曾祖父母或外曾祖父母": "68", "其他祖父母或外祖父母关系": "69",
    "堂兄弟、堂姐妹": "91", "表兄弟、表姐妹": "92",
}
# fmt: on
_BY_NAME: dict[str, str] = {name: code for code, name in RELATIONS.items()} | _ALIASES


def is_known(code: str) -> bool:
    return code in RELATIONS


def relation_name(code: str) -> str:
    """Chinese name of a relation code; raises ``UserError`` for an unknown code."""
    try:
        return RELATIONS[code]
    except KeyError:
        raise UserError(f"与户主关系代码“{code}”不在国家标准代码表中", field="与户主关系") from None


def expected_sex(code: str) -> Sex | None:
    """The sex a relation implies (妻 → female), or ``None`` if it implies none."""
    if code in _MALE:
        return Sex.MALE
    if code in _FEMALE:
        return Sex.FEMALE
    return None


def generation(code: str) -> int | None:
    """Generations above (+) or below (−) the head; ``None`` for collateral kin and non-relatives.

    0 head/spouse/siblings, −1 children and their spouses, −2 grandchildren, −3 great-grandchildren,
    +1 parents and parents-in-law, +2 grandparents, +3 great-grandparents.
    """
    return _GENERATION.get(code)


def is_head(code: str) -> bool:
    return code in ("01", "02")


def relation_problems(code: str, sex: Sex | None, age: int | None, head_age: int | None) -> list[str]:
    """Chinese descriptions of what is implausible about a member's relation, sex and age."""
    if not is_known(code):
        return [f"与户主关系代码“{code}”不在国家标准代码表中"]
    name = RELATIONS[code]
    problems: list[str] = []
    want = expected_sex(code)
    if want is not None and sex is not None and sex is not want:
        problems.append(f"与户主关系为“{name}”，性别应为{want.label}，但登记为{sex.label}")
    if age is None or head_age is None:
        return problems
    if code in _YOUNGER and age >= head_age:
        problems.append(f"与户主关系为“{name}”，年龄（{age}岁）应小于户主（{head_age}岁）")
    elif code in _OLDER and age <= head_age:
        problems.append(f"与户主关系为“{name}”，年龄（{age}岁）应大于户主（{head_age}岁）")
    elif code in _MIN_GAP and abs(head_age - age) < _MIN_GAP[code]:
        problems.append(
            f"与户主关系为“{name}”，与户主（{head_age}岁）年龄仅相差{abs(head_age - age)}岁，"
            f"通常应至少相差{_MIN_GAP[code]}岁"
        )
    return problems


def code_for_name(name: str) -> str | None:
    """Code for a relation written in words (``"儿子"`` → ``"20"``), or ``None`` if not recognised.

    Accepts the standard names, common variants, prefixes such as “户主之子”, and codes themselves
    (``"20"`` or ``"2"`` → ``"20"``/``"02"``).
    """
    text = "".join(unicodedata.normalize("NFKC", name).split())
    if text.isdigit() and len(text) <= 2:
        code = text.zfill(2)
        return code if is_known(code) else None
    if text in _BY_NAME:
        return _BY_NAME[text]
    for prefix in ("户主之", "户主的", "户主", "之"):
        if text.startswith(prefix) and text[len(prefix) :] in _BY_NAME:
            return _BY_NAME[text[len(prefix) :]]
    return None
