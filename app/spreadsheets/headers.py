"""Find the header of a ledger sheet (below title rows, one or two rows, merged) and map its columns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from app.errors import UserError
from app.spreadsheets import cells

# field → (the label the mapping step shows, the names ledgers use for the column, space-separated)
_FIELD_NAMES: dict[str, tuple[str, str]] = {
    "village": (
        "村（社区）",
        "村 村(居) 村居 村组 村名 所在村 村委会 村(社区) 村社区 村别 社区 所属村 村(居)委会 村居委会 居委会 "
        "村(组) 村(居)名称 村(社区)名称 所在村(居) 村庄",
    ),
    "address": ("家庭住址", "住址 家庭住址 地址 家庭地址 现住址 居住地址 户籍地址 详细地址"),
    "head_name": ("户主姓名", "户主姓名 户主 户主名 户主名字"),
    "head_id_number": (
        "户主身份证号",
        "户主身份证号 户主身份证号码 户主公民身份号码 户主身份证 户主证件号码",
    ),
    "name": ("姓名", "姓名 成员姓名 家庭成员姓名 保障对象姓名 对象姓名 救助对象姓名 享受人员姓名"),
    "id_number": (
        "身份证号",
        "身份证号 身份证号码 公民身份号码 身份证 证件号码 公民身份证号 公民身份证号码 居民身份证号码 "
        "身份号码 成员身份证号 家庭成员身份证号 家庭成员身份证号码",
    ),
    "relation": ("与户主关系", "与户主关系 关系 家庭关系 与户主的关系 成员关系 称谓 家庭成员关系"),
    "sex": ("性别", "性别 家庭成员性别"),
    "birth_date": ("出生日期", "出生日期 出生年月 出生年月日 生日 出生时间 家庭成员出生年月"),
    "program": ("保障类别", "类别 救助类别 保障类别 对象类别 类型 保障类型 救助类型 低保类别 人员类别"),
    "tier": ("保障档次", "档次 保障档次 救助档次 类别档次 分档 供养方式"),
    "household_size": (
        "保障人数",
        "保障人数 享受人数 家庭人口 人数 户人口 家庭人数 人口数 保障人口 家庭人口数 享受人口 保障人口数",
    ),
    "monthly_amount": (
        "月保障金（元）",
        "月保障金 保障金额 月补助 月保障金额 补助金额 低保金 月发放金额 月救助金额 月低保金 保障金 发放金额 "
        "月补助金额 救助金额 供养金 月供养金",
    ),
    "start_month": (
        "享受起始年月",
        "纳入时间 享受时间 批准时间 起始时间 起始年月 享受起始年月 纳入年月 批准年月 开始享受时间 "
        "保障起始时间 起始发放月份 享受起始时间 审批时间",
    ),
    "urban_rural": ("城乡", "城乡 城乡类别 城/乡 城乡属性 城市/农村"),
    "phone": ("联系电话", "联系电话 电话 手机 手机号码 联系方式 电话号码 手机号"),
    "bank_name": ("开户银行", "开户行 开户银行 银行 代发银行 开户银行名称"),
    "account_no": ("账号", "账号 银行账号 卡号 一卡通账号 存折账号 银行卡号 社保卡号 账户 一卡通卡号"),
    "account_holder": ("户名", "户名 开户人 账户名 持卡人 开户人姓名"),
    "poverty_causes": ("致贫原因", "致贫原因 困难原因 主要致贫原因"),
    "notes": ("备注", "备注 说明"),
}
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    key: (label, tuple(names.split())) for key, (label, names) in _FIELD_NAMES.items()
}
FIELD_LABELS = {key: label for key, (label, _names) in FIELDS.items()}
_UNIT = re.compile(r"\((元|人|元/月|元/人/月|月|户|年月|年-月)\)$")
_BY_NAME: dict[str, str] = {}
for _field, (_label, _names) in FIELDS.items():
    for _n in _names:
        _BY_NAME.setdefault(_n, _field)
# Not imported, but recognised so that a header row is found and nothing is mistaken for data.
_KNOWN_OTHERS = frozenset(
    {"序号", "编号", "户序号", "户号", "年龄", "户数", "乡镇", "民族", "文化程度", "健康状况", "身体状况"}
)
SEQ_LABELS = ("序号", "户序号", "户号", "编号")  # the ledger's own numbering: where it starts a household


def normal(label: Any) -> str:
    """A header label folded for comparison: full-width, spaces, line breaks, stars and units removed."""
    raw = unicodedata.normalize("NFKC", cells.text(label))
    raw = re.sub(r"[\s*＊:：]", "", raw)
    return _UNIT.sub("", raw)


def _title(label: Any) -> str:
    return "".join(str(label).split()) if label is not None else ""


def _is_known(label: Any) -> bool:
    key = normal(label)
    return key in _BY_NAME or key in _KNOWN_OTHERS


@dataclass(frozen=True)
class Header:
    """Where a sheet's header is and what each column holds."""

    row: int  # 1-based row of the (first) header row
    height: int  # 1 or 2 rows
    labels: list[str]  # per column, folded for matching; "户主/姓名" for a two-row header
    mapping: dict[str, int]  # field → 0-based column
    layout: str  # "member" or "household"
    titles: list[str] = field(default_factory=list)  # per column, as the sheet writes it

    @property
    def first_data_row(self) -> int:
        return self.row + self.height

    @property
    def seq_column(self) -> int | None:
        """The column numbering the rows (序号), not imported but telling where a household starts."""
        for wanted in SEQ_LABELS:
            if wanted in self.labels:
                return self.labels.index(wanted)
        return None

    def column_name(self, col: int) -> str:
        titles = self.titles or self.labels
        label = titles[col] if col < len(titles) else ""
        return f"{get_column_letter(col + 1)}（{label}）" if label else get_column_letter(col + 1)


def _looks_like_data(row: Sequence[Any]) -> bool:
    return any(
        (isinstance(v, int | float) and not isinstance(v, bool)) or re.search(r"\d{6}", cells.text(v))
        for v in row
    )


def _second_row(top: Sequence[Any], below: Sequence[Any]) -> bool:
    """Is ``below`` the lower half of a two-row header (children under merged parents)?"""
    if not below or _looks_like_data(below):
        return False
    known = sum(1 for v in below if _is_known(v))
    under_blank = any(cells.is_blank(t) and not cells.is_blank(b) for t, b in zip(top, below, strict=False))
    return known >= 2 and under_blank


def _labels(
    top: Sequence[Any], below: Sequence[Any] | None, width: int, fold: Callable[[Any], str] = normal
) -> list[str]:
    top = list(top) + [None] * (width - len(top))
    if below is None:
        return [fold(v) for v in top]
    below = list(below) + [None] * (width - len(below))
    out: list[str] = []
    parent = ""
    for t, b in zip(top, below, strict=True):
        if not cells.is_blank(t):
            parent = fold(t) if not cells.is_blank(b) else ""
            out.append(f"{fold(t)}/{fold(b)}" if parent else fold(t))
        elif not cells.is_blank(b):  # under a parent merged across several columns
            out.append(f"{parent}/{fold(b)}" if parent else fold(b))
        else:
            parent = ""
            out.append("")
    return out


def guess_mapping(labels: Sequence[str]) -> dict[str, int]:
    """field → column for the labels; a two-row label tries “户主身份证号”, then “身份证号”, then “户主”."""
    mapping: dict[str, int] = {}
    for col, label in enumerate(labels):
        if not label:
            continue
        parent, _, child = label.rpartition("/")
        tries = [parent + child, child, parent] if parent else [child]
        for candidate in tries:
            found = _BY_NAME.get(candidate)
            if found and found not in mapping:
                mapping[found] = col
                break
    return mapping


def complete(mapping: dict[str, int]) -> tuple[dict[str, int], str]:
    """Fill the person columns from the head's when the sheet lists heads only; decide the layout."""
    out = dict(mapping)
    if "name" not in out and "head_name" in out:
        out["name"] = out["head_name"]
    if "id_number" not in out and "head_id_number" in out:
        out["id_number"] = out["head_id_number"]
    distinct_head = any(f"head_{k}" in out and out[f"head_{k}"] != out.get(k) for k in ("name", "id_number"))
    layout = "member" if "relation" in out or distinct_head else "household"
    return out, layout


def find_header(rows: Sequence[Sequence[Any]], scan: int = 30) -> Header | None:
    """The first row (within ``scan``) that names a person and an ID number column, with its mapping."""
    width = max((len(r) for r in rows[:scan]), default=0)
    for index, top in enumerate(rows[:scan]):
        if sum(1 for v in top if _is_known(v)) < 2:
            continue
        below = rows[index + 1] if index + 1 < len(rows) else None
        two = below is not None and _second_row(top, below)
        labels = _labels(top, below if two else None, width)
        mapping, layout = complete(guess_mapping(labels))
        if "name" in mapping and "id_number" in mapping:
            titles = _labels(top, below if two else None, width, _title)
            return Header(index + 1, 2 if two else 1, labels, mapping, layout, titles)
    return None


def locate(rows: Sequence[Sequence[Any]], chosen: dict[str, str], scan: int = 30) -> Header:
    """The header row holding every column label of a mapping chosen by the clerk (the guess found none)."""
    wanted = {normal(label) for label in chosen.values() if label}
    width = max((len(r) for r in rows[:scan]), default=0)
    for index, top in enumerate(rows[:scan]):
        below = rows[index + 1] if index + 1 < len(rows) else None
        for two in (False, True) if below is not None else (False,):
            labels = _labels(top, below if two else None, width)
            present = set(labels) | {lab.replace("/", "") for lab in labels}
            if wanted and wanted <= present:
                titles = _labels(top, below if two else None, width, _title)
                return Header(index + 1, 2 if two else 1, labels, {}, "household", titles)
    raise UserError("找不到含有所选各列的表头行：" + "、".join(sorted(wanted)))


def apply_mapping(header: Header, chosen: dict[str, str]) -> Header:
    """The header with a mapping chosen by the clerk (field → column label); unknown labels are refused."""
    mapping: dict[str, int] = {}
    for key, label in chosen.items():
        if key not in FIELDS:
            raise UserError(f"未知的字段“{key}”")
        if not label:
            continue
        wanted = normal(label)
        hits = [c for c, lab in enumerate(header.labels) if lab == wanted or lab.replace("/", "") == wanted]
        if not hits:
            raise UserError(f"表头中没有“{label}”列（对应“{FIELD_LABELS[key]}”）")
        mapping[key] = hits[0]
    done, layout = complete(mapping)
    if "name" not in done or "id_number" not in done:
        raise UserError("列对应中必须有“姓名”（或“户主姓名”）和“身份证号”")
    return Header(header.row, header.height, header.labels, done, layout, header.titles)


def mapping_labels(header: Header) -> dict[str, str]:
    """The mapping as field → column label: what the mapping step shows and what is remembered."""
    titles = header.titles or header.labels
    return {key: titles[col] for key, col in header.mapping.items()}
