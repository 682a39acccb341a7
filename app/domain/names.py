"""Pinyin of personal names for search (张三 ← ``zs``, ``zhangsan``), with surname readings right."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Surnames read differently from the character's common reading, which pypinyin gives;
# one or two characters, syllables split by spaces.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "覃": "qin",
    "翟": "zhai",
    "缪": "miao",
    "种": "chong",
    "秘": "bi",
    "召": "shao",
    "员": "yun",
    "冼": "xian",
    "令狐": "ling hu",
    "尉迟": "yu chi",
    "万俟": "mo qi",
    "长孙": "zhang sun",
    "澹台": "tan tai",
    "黑": "he",
    "繁": "po",
    "过": "guo",
    "藏": "zang",
    "句": "gou",
    "阚": "kan",
    "莘": "shen",
    "宓": "fu",
    "沈": "shen",
    "柏": "bai",
    "隗": "wei",
}


@lru_cache(maxsize=8192)
def _syllable(char: str) -> str:
    result = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    return result[0] if result else ""


def syllables(name: str) -> list[str]:
    """One pinyin syllable per character (two-character surnames read as one unit first)."""
    name = name.strip()
    out: list[str] = []
    rest = name
    for size in (2, 1):
        if name[:size] in SURNAME_READINGS:
            out.extend(SURNAME_READINGS[name[:size]].split())
            rest = name[size:]
            break
    out.extend(s for s in (_syllable(c) for c in rest) if s)
    return out


def name_pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case without spaces: 曾小明 → ("zengxiaoming", "zxm")."""
    parts = syllables(name)
    return "".join(parts), "".join(p[0] for p in parts)


def pinyin_key(name: str) -> str:
    """The pinyin a list of people is ordered by, syllables separated by spaces so that 李安 comes
    before 梁 (“li an” < “liang”): 曾小明 → "zeng xiao ming" (stored as ``household.head_pinyin``)."""
    return " ".join(syllables(name))


def sort_key(name: str) -> tuple[str, str]:
    """Order people by the pinyin of their names (李 before 刘 before 张), as WPS and Excel sort a
    list and a clerk's paper list is; the characters break ties (code point order)."""
    return pinyin_key(name), name


def sort_text(name: str) -> str:
    """``sort_key`` as one string, for a table's sort role (Qt compares strings, not tuples)."""
    return f"{pinyin_key(name)}\x01{name}"
