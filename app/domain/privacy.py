"""The one place that decides what a public notice (公示/公布) may show (domain.md §1.4; PIPL Art.28)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum

from app.errors import UserError

PUBLIC_NOTICE_FIELDS: tuple[str, ...] = (
    "seq",
    "village",
    "name",
    "persons",
    "category",
    "monthly_fen",
    "remark",
)

MASK = "＊＊"


class SensitiveKind(StrEnum):
    ID_NUMBER = "id_number"
    ACCOUNT = "account"
    MOBILE = "mobile"
    LANDLINE = "landline"
    HEALTH = "health"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SensitiveKind.ID_NUMBER: "身份证号码",
    SensitiveKind.ACCOUNT: "银行账号",
    SensitiveKind.MOBILE: "手机号码",
    SensitiveKind.LANDLINE: "固定电话号码",
    SensitiveKind.HEALTH: "残疾或病情信息",
}

# Words that reveal disability or diagnosis (PIPL 敏感个人信息: 医疗健康).
HEALTH_WORDS: tuple[str, ...] = (
    "残疾",
    "残障",
    "重残",
    "病残",
    "精神病",
    "精神分裂",
    "精神障碍",
    "抑郁症",
    "智力",
    "智障",
    "癌",
    "肿瘤",
    "尿毒症",
    "透析",
    "白血病",
    "艾滋",
    "HIV",
    "癫痫",
    "结核",
    "肝硬化",
    "瘫痪",
    "偏瘫",
    "截肢",
    "失明",
    "盲人",
    "聋",
    "哑",
    "重病",
)

# Full-width → ASCII, one character for one, so match positions stay valid in the original text.
_NORMALISE = str.maketrans("０１２３４５６７８９Ｘｘ－（）　", "0123456789Xx-() ")

_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(?:0\d{2,3}-\d{7,8}|\(0\d{2,3}\) ?\d{7,8})(?!\d)")
_DIGIT_RUN = re.compile(r"(?<!\d)\d{3,}(?:[ -]\d{3,})*(?!\d)")
_HEALTH = re.compile(
    r"(?:视力|听力|言语|肢体|智力|精神|多重)?(?:残疾|残障)人?(?:[一二三四1-4]级)?|"
    + "|".join(re.escape(w) for w in sorted(HEALTH_WORDS, key=len, reverse=True)),
    re.IGNORECASE,
)


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1890 <= y <= 2100


def _looks_like_id(s: str) -> bool:
    if len(s) == 18:
        return s[-1] in "Xx" or _valid_date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    return _valid_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))


def _digits(s: str) -> str:
    return "".join(ch for ch in s.translate(_NORMALISE) if ch.isdigit())


def find_sensitive(text: str, allowed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(kind, matched text) for each ID number, bank account, phone number or health word, in order.

    ``allowed`` lists exact strings that may appear (e.g. the township's objection phone): a match
    inside one of them, or with the same digits as one of them, is not reported.
    """
    return [(kind, text[start:end]) for start, end, kind in _find(text, allowed)]


def _find(text: str, allowed: Iterable[str]) -> list[tuple[int, int, SensitiveKind]]:
    norm = text.translate(_NORMALISE)
    allowed_spans: list[tuple[int, int]] = []
    allowed_digits: set[str] = set()
    for item in allowed:
        needle = item.translate(_NORMALISE)
        if not needle:
            continue
        allowed_spans += [(m.start(), m.end()) for m in re.finditer(re.escape(needle), norm)]
        if _digits(needle):
            allowed_digits.add(_digits(needle))

    found: list[tuple[int, int, SensitiveKind]] = []
    work = norm

    def take(start: int, end: int, kind: SensitiveKind) -> None:
        nonlocal work
        found.append((start, end, kind))
        work = work[:start] + "#" * (end - start) + work[end:]

    for pattern in (_ID18, _ID15):
        for m in list(pattern.finditer(work)):
            kind = SensitiveKind.ID_NUMBER if _looks_like_id(m.group()) else SensitiveKind.ACCOUNT
            take(m.start(), m.end(), kind)
    for pattern, kind in ((_MOBILE, SensitiveKind.MOBILE), (_LANDLINE, SensitiveKind.LANDLINE)):
        for m in list(pattern.finditer(work)):
            take(m.start(), m.end(), kind)
    for m in list(_DIGIT_RUN.finditer(work)):
        if 12 <= len(_digits(m.group())) <= 19:
            take(m.start(), m.end(), SensitiveKind.ACCOUNT)
        else:
            for g in re.finditer(r"\d{12,19}", m.group()):
                take(m.start() + g.start(), m.start() + g.end(), SensitiveKind.ACCOUNT)
    found += [(m.start(), m.end(), SensitiveKind.HEALTH) for m in _HEALTH.finditer(norm)]

    return [
        (start, end, kind)
        for start, end, kind in sorted(found)
        if not any(a <= start and end <= b for a, b in allowed_spans)
        and (kind is SensitiveKind.HEALTH or _digits(norm[start:end]) not in allowed_digits)
    ]


def scrub(text: str, allowed: Iterable[str] = (), kinds: Iterable[SensitiveKind] | None = None) -> str:
    """Replace every sensitive match (optionally only of ``kinds``) with "＊＊"."""
    wanted = None if kinds is None else {SensitiveKind(k) for k in kinds}
    out: list[str] = []
    last = 0
    for start, end, kind in _find(text, allowed):
        if wanted is not None and kind not in wanted:
            continue
        out.append(text[last:start])
        out.append(MASK)
        last = end
    out.append(text[last:])
    return "".join(out)


def assert_public(text: str, allowed: Iterable[str] = ()) -> None:
    """Raise UserError naming what was found if ``text`` may not be published."""
    hits = find_sensitive(text, allowed)
    if not hits:
        return
    shown = "、".join(
        f"{SensitiveKind(kind).label}“{match if kind == SensitiveKind.HEALTH else mask_account(match)}”"
        for kind, match in hits[:3]
    )
    more = f"等{len(hits)}处" if len(hits) > 3 else ""
    raise UserError(f"公开内容不得包含个人隐私信息：{shown}{more}。请删除后再公示。")


_DIGITS_ONLY_KINDS = {
    SensitiveKind.ID_NUMBER,
    SensitiveKind.ACCOUNT,
    SensitiveKind.MOBILE,
    SensitiveKind.LANDLINE,
}


def public_notice_row(row: Mapping[str, object]) -> dict[str, object]:
    """Keep only the fields a 公示 row may show; scrub free text (names only of numbers)."""
    out: dict[str, object] = {}
    for key in PUBLIC_NOTICE_FIELDS:
        if key not in row:
            continue
        value = row[key]
        if isinstance(value, str):
            value = scrub(value, kinds=_DIGITS_ONLY_KINDS) if key == "name" else scrub(value)
        out[key] = value
    return out


def mask_account(acct: str) -> str:
    """Show only the last 4 characters of an account number: "6222…0123" → "***************0123"."""
    compact = re.sub(r"[\s-]", "", acct.translate(_NORMALISE))
    if len(compact) <= 4:
        return "*" * len(compact)
    return "*" * (len(compact) - 4) + compact[-4:]


def mask_id_number(id_number: str) -> str:
    """Mask an ID number for a template that insists on one: "430623********1234"."""
    compact = id_number.strip().translate(_NORMALISE).upper()
    if len(compact) < 10:
        return "*" * len(compact)
    return compact[:6] + "*" * (len(compact) - 10) + compact[-4:]


_GROUP = re.compile(r"([0-9０-９一二三四五六七八九十]{1,3})(?:村民小组|组)")


def public_place(village: str, address: str = "") -> str:
    """The 村组 a notice may show: the village and, if the address names one, its group (组).

    Never the house number or street address: "杨柳村3组12号" → "杨柳村3组".
    """
    match = _GROUP.search(address.translate(_NORMALISE))
    return f"{village}{match.group(1)}组" if match else village
