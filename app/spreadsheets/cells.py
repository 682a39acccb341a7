"""Dirty ledger cells made clean, or refused with the reason: ID numbers, dates, amounts, sex, relations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from app.domain import idcard, relations
from app.domain.codes import Program, Sex, UrbanRural
from app.domain.money import yuan_to_fen
from app.errors import UserError

_EXCEL_EPOCH = datetime(1899, 12, 30)
_QUOTES = "'\"`‘’“”"
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)
# Characters a cell can hold without showing them: zero-width spaces and joiners, direction marks,
# bidi embeddings, overrides and isolates, and the byte-order mark (pasted from web pages and chat apps).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_RIGHT_TO_LEFT = frozenset("\u202b\u202e\u2067")  # RLE, RLO, RLI: Excel shows the text in another order
_NAMES = {
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u200e": "从左向右标记",
    "\u200f": "从右向左标记",
    "\ufeff": "字节顺序标记",
}


class CellError(ValueError):
    """A cell that cannot be read without guessing; the message tells the clerk why, in Chinese."""


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        stripped = value.strip()
        return not stripped or (not stripped.strip(_QUOTES).strip() if stripped[0] in _QUOTES else False)
    return False


def text(value: Any) -> str:
    """A cell as clean text: full-width folded, spaces collapsed, Excel's leading apostrophe dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    out = str(value)
    if not unicodedata.is_normalized("NFKC", out):
        out = unicodedata.normalize("NFKC", out)
    out = " ".join(out.split())
    return out.lstrip(_QUOTES).lstrip() if out and out[0] in _QUOTES else out


def name(value: Any) -> str:
    """A person's name: spaces used to align names in Excel (“张  三”) and invisible characters removed."""
    return "".join(INVISIBLE.sub("", text(value)).split())


def _shown(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (f" {_NAMES[ch]}" if ch in _NAMES else " 文字方向控制符")


def invisible(value: Any) -> list[str]:
    """The invisible characters of a text cell, as “U+200B 零宽空格”, when removing them loses nothing
    (a cell of nothing else looked empty in Excel, and is).

    Raises:
        CellError: the cell is shown in another order than it is stored (a right-to-left embedding,
            override or isolate, or any direction control around right-to-left letters): removing them
            would change what the clerk saw.
    """
    if not isinstance(value, str) or not INVISIBLE.search(value):
        return []
    found = sorted(set(INVISIBLE.findall(value)))
    controls = [ch for ch in found if ch not in _NAMES or ch in "\u200e\u200f"]
    right_to_left = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in value)
    if _RIGHT_TO_LEFT & set(found) or (controls and right_to_left):
        shown = "、".join(_shown(ch) for ch in found)
        raise CellError(
            f"含有改变文字显示顺序的控制字符（{shown}），Excel中显示的顺序与实际存储的不同，"
            "无法确定正确内容；请删除该单元格后按原件重新录入"
        )
    return [_shown(ch) for ch in found]


def _lost_digits(shown: str) -> CellError:
    return CellError(
        f"身份证号被存成了数字（{shown}），Excel只保留15位有效数字，后几位已经丢失，无法还原；"
        "请把该列设为“文本”格式，按原件重新录入该号码"
    )


def id_info(value: Any) -> idcard.IdInfo:
    """The ID number of a cell with the birth date and sex it encodes (already checked by ``normalize``)."""
    number = id_number(value)
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return idcard.IdInfo(number=number, area_code=number[:6], birth_date=born, sex=sex)


def id_number(value: Any) -> str:
    """The 18-character ID number of a cell; refuses numbers whose last digits Excel has lost."""
    if isinstance(value, float):
        if abs(value) >= 1e15:
            raise _lost_digits(f"{value:.5E}")
        if not value.is_integer():
            raise CellError(f"身份证号“{value}”不是有效的号码")
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        if len(digits) > 15 and digits.endswith("000"):
            raise _lost_digits(digits)
        value = digits
    raw = text(value)
    if not raw:
        raise CellError("身份证号为空")
    if _SCIENTIFIC.fullmatch(raw.replace(" ", "")):
        raise _lost_digits(raw)
    try:
        return idcard.normalize(raw)
    except UserError as exc:
        hint = ""
        if raw.endswith("000") and len(raw) == 18:
            hint = "（末三位为000：可能曾被Excel存成数字而丢失了末几位，请按原件核对）"
        raise CellError(exc.message + hint) from None


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the ledger wrote it; ``months`` has two values when 1956.1 may be Oct."""

    year: int
    months: tuple[int, ...] = ()
    day: int | None = None

    def matches(self, d: date) -> bool:
        if d.year != self.year or (self.months and d.month not in self.months):
            return False
        return self.day is None or d.day == self.day

    def __str__(self) -> str:
        if not self.months:
            return f"{self.year}年"
        month = "或".join(str(m) for m in self.months)
        return f"{self.year}年{month}月" + (f"{self.day}日" if self.day else "")


_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*(?:月?\s*[./\-]?\s*(\d{1,2})\s*日?|月)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")


def _checked(year: int, month: int | None, day: int | None, shown: Any) -> PartialDate:
    if not 1880 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        raise CellError(f"日期“{shown}”不存在")
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            raise CellError(f"日期“{shown}”不存在") from None
    return PartialDate(year, (month,) if month else (), day)


def _from_number(value: float) -> PartialDate:
    whole = int(value)
    if 1880 <= whole <= 2100:
        if value == whole:
            return PartialDate(whole)
        fraction = repr(value).split(".")[1]
        if len(fraction) > 2:
            raise CellError(f"日期“{value}”无法识别")
        month = int(fraction)
        if fraction == "1":  # typed 1956.10 and stored as the number 1956.1: January or October
            return PartialDate(whole, (1, 10))
        return _checked(whole, month, None, value)
    if value == whole and 188001 <= whole <= 210012:
        return _checked(whole // 100, whole % 100, None, value)
    if value == whole and 18800101 <= whole <= 21001231:
        return _checked(whole // 10000, whole // 100 % 100, whole % 100, value)
    if 1 <= value < 73051:  # an Excel serial date (days since 1899-12-30)
        d = (_EXCEL_EPOCH + timedelta(days=whole)).date()
        return PartialDate(d.year, (d.month,), d.day)
    raise CellError(f"日期“{value}”无法识别")


def partial_date(value: Any) -> PartialDate | None:
    """1956.03, 1956-3-8, 1956年3月, 19560308, an Excel serial or a real date cell; None when blank."""
    if isinstance(value, datetime | date):
        d = value.date() if isinstance(value, datetime) else value
        return PartialDate(d.year, (d.month,), d.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(float(value))
    raw = text(value)
    if not raw:
        return None
    raw = raw.split(" ")[0] if re.fullmatch(r"\S+ \d{1,2}:\d{2}(:\d{2})?", raw) else raw
    if match := _DATE.fullmatch(raw):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None, raw)
    if match := _COMPACT.fullmatch(raw):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None, raw)
    if re.fullmatch(r"\d{4}年?", raw):
        return _checked(int(raw[:4]), None, None, raw)
    raise CellError(f"日期“{raw}”无法识别，请写成如 1956-03-08 或 1956.03")


def month(value: Any) -> str | None:
    """A month as "YYYY-MM" (享受起始年月); refuses a year alone and 2019.1 (January or October?)."""
    found = partial_date(value)
    if found is None:
        return None
    if len(found.months) != 1:
        what = "只有年份" if not found.months else "无法判断是1月还是10月（Excel把2019.10存成了2019.1）"
        raise CellError(f"月份“{text(value)}”{what}，请写成如 2019-10")
    return f"{found.year:04d}-{found.months[0]:02d}"


def amount_fen(value: Any) -> int | None:
    """An amount in yuan (320, 320.00, 「320元」, 「￥1,200.00」, 「320元/月」) as fen; None when blank."""
    if isinstance(value, bool):
        raise CellError(f"金额“{value}”无法识别")
    try:
        if isinstance(value, float):
            exact = Decimal(repr(value))
            rounded = exact.quantize(Decimal("0.01"))
            if abs(exact - rounded) < Decimal("0.000001"):
                exact = rounded
            return yuan_to_fen(exact)
        if isinstance(value, int):
            return yuan_to_fen(value)
        raw = text(value)
        if not raw:
            return None
        for tail in ("/月", "每月", "/人"):
            raw = raw.removesuffix(tail)
        return yuan_to_fen(raw.replace(" ", ""))
    except UserError as exc:
        raise CellError(exc.message) from None


def sex(value: Any) -> str | None:
    """男/女, 男性/女性, M/F or the codes 1/2 → "M"/"F"; None when blank."""
    raw = text(value).upper()
    if not raw:
        return None
    if raw in ("男", "男性", "M", "1"):
        return "M"
    if raw in ("女", "女性", "F", "2"):
        return "F"
    raise CellError(f"性别“{raw}”无法识别，应为“男”或“女”")


def relation(value: Any) -> str | None:
    """与户主关系 in words or as a GB/T 4761 code → the code; None when blank."""
    raw = text(value)
    if not raw:
        return None
    code = relations.code_for_name(raw)
    if code is None:
        raise CellError(f"与户主关系“{raw}”无法识别，请写成如“户主”“妻”“子”“女”")
    return code


def count(value: Any) -> int | None:
    """A head count such as 3, 3.0 or 「3人」; None when blank."""
    raw = text(value).removesuffix("人").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise CellError(f"人数“{text(value)}”应为整数")
    return int(raw)


_TIER = re.compile(r"([A-Da-d一二三四五六1-6])\s*(类|档)")


def category(value: Any) -> tuple[str | None, str | None, str | None]:
    """(programme, tier, urban/rural) from a category cell such as 「农村低保A类」 or 「分散供养特困」."""
    raw = text(value)
    if not raw:
        return None, None, None
    compact = raw.replace(" ", "")
    if "临时救助" in compact:
        raise CellError("临时救助不按月发放，不能作为在保对象导入")
    if any(word in compact for word in ("特困", "五保", "供养")):
        program: str | None = Program.TEKUN.value
    elif "低保" in compact:
        program = Program.DIBAO.value
    else:
        program = None
    tier_match = _TIER.search(compact)
    tier = tier_match.group(0).upper() if tier_match else None
    if program == Program.TEKUN.value and tier is None:
        tier = next((w + "供养" for w in ("分散", "集中") if w in compact), None)
    ur = urban_rural(compact) if any(w in compact for w in ("城", "农村")) else None
    if program is None and tier is None:
        raise CellError(f"保障类别“{raw}”无法识别，应为如“农村低保”“城市低保A类”“特困供养”")
    return program, tier, ur


def urban_rural(value: Any) -> str | None:
    raw = text(value)
    if not raw:
        return None
    if any(w in raw for w in ("农村", "乡", "农业")):
        return UrbanRural.RURAL.value
    if any(w in raw for w in ("城", "非农", "居民")):
        return UrbanRural.URBAN.value
    raise CellError(f"城乡类别“{raw}”无法识别，应为“城市”或“农村”")


def tier(value: Any) -> str | None:
    raw = text(value).replace(" ", "")
    if not raw:
        return None
    match = _TIER.search(raw)
    return match.group(0).upper() if match else raw


def account(value: Any, what: str) -> str | None:
    """A bank account or phone number as text; refuses long numbers Excel has rounded."""
    if isinstance(value, float) and (not value.is_integer() or abs(value) >= 1e15):
        raise CellError(f"{what}被存成了数字（{value:.5E}），后几位已经丢失；请设为文本格式后按原件重新录入")
    digits = str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
    if len(digits) > 15 and digits.endswith("000"):
        raise CellError(f"{what}被存成了数字（{value}），后几位可能已经丢失；请设为文本格式后按原件核对")
    raw = text(value).replace(" ", "")
    if raw and _SCIENTIFIC.fullmatch(raw):
        raise CellError(f"{what}被存成了数字（{raw}），后几位已经丢失；请设为文本格式后按原件重新录入")
    return raw or None
