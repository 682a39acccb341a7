"""Resident ID numbers (GB 11643-1999): normalising, checking, parsing and consistency checks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric

from app import clock
from app.domain import relations
from app.domain.calendar import format_cn
from app.domain.codes import Sex
from app.errors import UserError

FIELD = "身份证号"
_EARLIEST_BIRTH = date(1900, 1, 1)
_STRIP = " \t\r\n\u3000'\"`‘’“”"


@dataclass(frozen=True)
class IdInfo:
    number: str
    area_code: str
    birth_date: date
    sex: Sex


@dataclass(frozen=True)
class Inconsistency:
    field: str
    message: str


def check_char(first17: str) -> str:
    """Check character (``0``–``9`` or ``X``) for the first 17 digits of an 18-digit number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"expected 17 digits, got {first17!r}")
    # stdnum expects the full number and ignores its last character.
    return ric.calc_check_digit(first17 + "0")


def upgrade_15(number15: str) -> str:
    """Old 15-digit number → 18 digits: insert “19” after the area code and append the check char."""
    if len(number15) != 15 or not number15.isascii() or not number15.isdigit():
        raise ValueError(f"expected 15 digits, got {number15!r}")
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def _birth_date(number18: str) -> date:
    text = number18[6:14]
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise UserError(f"身份证号中的出生日期“{text}”不是有效日期", field=FIELD) from None
    if born < _EARLIEST_BIRTH:
        raise UserError(f"身份证号中的出生日期“{text}”早于1900年，请核对", field=FIELD)
    if born > clock.today():
        raise UserError(f"身份证号中的出生日期“{text}”晚于今天，请核对", field=FIELD)
    return born


def normalize(raw: str) -> str:
    """Clean up a typed or pasted ID number and check it; returns the 18-character form.

    Strips spaces and quotes (Excel's leading apostrophe), converts full-width characters,
    upper-cases ``x`` and upgrades 15-digit numbers. Area codes are not checked.

    Raises:
        UserError: (field “身份证号”) wrong length, bad characters, invalid birth date or
            wrong check character.
    """
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(ch for ch in text if ch not in _STRIP).upper()
    if not text:
        raise UserError("身份证号不能为空", field=FIELD)
    for ch in text:
        if not (ch == "X" or (ch.isascii() and ch.isdigit())):
            raise UserError(f"身份证号含有无效字符“{ch}”，只能由数字组成（最后一位可以是X）", field=FIELD)
    if len(text) not in (15, 18):
        raise UserError(f"身份证号应为18位（旧号码为15位），现为{len(text)}位", field=FIELD)
    if "X" in text[:-1] or (len(text) == 15 and "X" in text):
        raise UserError("身份证号中的X只能出现在18位号码的最后一位", field=FIELD)
    if len(text) == 15:
        text = upgrade_15(text)
    _birth_date(text)
    expected = check_char(text[:17])
    if text[17] != expected:
        raise UserError(
            f"身份证号校验位错误：最后一位应为“{expected}”，实际为“{text[17]}”，请核对号码是否录错",
            field=FIELD,
        )
    return text


def is_valid(raw: str) -> bool:
    try:
        normalize(raw)
    except UserError:
        return False
    return True


def parse(raw: str) -> IdInfo:
    """Normalise ``raw`` and split it into area code, birth date and sex (17th digit odd = male)."""
    number = normalize(raw)
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdInfo(number=number, area_code=number[:6], birth_date=_birth_date(number), sex=sex)


def make_id(area6: str, birth: date, seq: int) -> str:
    """Build a valid 18-character number; ``seq`` (0–999) is the sequence code, odd = male."""
    if len(area6) != 6 or not area6.isascii() or not area6.isdigit():
        raise ValueError(f"area code must be 6 digits, got {area6!r}")
    if not 0 <= seq <= 999:
        raise ValueError(f"sequence must be 0..999, got {seq}")
    first17 = f"{area6}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def age_on(birth: date, on: date) -> int:
    """Age in full years (周岁) on ``on``; someone born on 29 February turns a year older on 1 March."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def mask(number: str) -> str:
    """Keep the first 6 and last 4 characters and mask the rest: ``430623********123X``."""
    text = number.strip()
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def inconsistencies(
    id_number: str,
    *,
    sex: Sex | None = None,
    birth_date: date | None = None,
    relation_code: str | None = None,
    head_birth_date: date | None = None,
    on: date | None = None,
) -> list[Inconsistency]:
    """Everything that does not fit between an ID number and the other recorded facts.

    Checks the number itself, the stated sex and birth date against it, and the relation to
    the head against sex and ages (ages on ``on``, default today). If the number is invalid,
    the stated sex and birth date are used for the relation checks. Empty list = consistent.
    """
    found: list[Inconsistency] = []
    try:
        info: IdInfo | None = parse(id_number)
    except UserError as exc:
        info = None
        found.append(Inconsistency(FIELD, exc.message))
    if info is not None and sex is not None and sex is not info.sex:
        found.append(Inconsistency("性别", f"性别登记为{sex.label}，但身份证号第17位表明为{info.sex.label}"))
    if info is not None and birth_date is not None and birth_date != info.birth_date:
        found.append(
            Inconsistency(
                "出生日期",
                f"出生日期登记为{format_cn(birth_date)}，但身份证号表明为{format_cn(info.birth_date)}",
            )
        )
    if relation_code is not None:
        today = on or clock.today()
        member_sex = info.sex if info is not None else sex
        born = info.birth_date if info is not None else birth_date
        age = age_on(born, today) if born is not None else None
        head_age = age_on(head_birth_date, today) if head_birth_date is not None else None
        for message in relations.relation_problems(relation_code, member_sex, age, head_age):
            found.append(Inconsistency("与户主关系", message))
    return found
