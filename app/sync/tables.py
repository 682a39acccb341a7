"""What travels: tables in apply order, field ownership, value codecs and each station's scope."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Date, Numeric, Select, String, Table, and_, cast, select, true

from app.models.all import metadata
from app.models.base import SYNC_COLUMNS, UTCDateTime
from app.models.user import LOCAL_COLUMNS as USER_LOCAL_COLUMNS

# Township records, parents before children: the order rows are applied in (deletes go in reverse).
UP_TABLES = (
    "area",
    "app_user",
    "household",
    "person",
    "income_item",
    "asset_item",
    "supporter",
    "case_file",
    "attachment",
    "case_event",
    "investigation",
    "appraisal",
    "public_notice",
    "notice_entry",
    "objection",
    "decision",
    "benefit",
    "benefit_member",
    "review",
)
# County reference data that only travels down.
GLOBAL_TABLES = ("standard", "holiday", "setting")
# Accounts only travel up: a return bundle carrying them would overwrite a station's password hashes.
UP_ONLY = frozenset({"app_user"})
DOWN_TABLES = GLOBAL_TABLES + tuple(n for n in UP_TABLES if n not in UP_ONLY)
# The per-station digest covers every up table except the division list (the county may rename villages)
# and the accounts: they never come down, so a station restored from the county (a lost laptop) cannot
# hold the accounts the county keeps of it, and its digest could never match again.
DIGEST_TABLES = tuple(n for n in UP_TABLES[1:] if n not in UP_ONLY)
# Columns each office keeps to itself: never selected for the wire, filled with defaults where they land.
LOCAL_COLUMNS: dict[str, frozenset[str]] = {"app_user": frozenset(USER_LOCAL_COLUMNS)}
# Settings the county sends down; office.* describes each office itself, local.* never travels.
DOWN_SETTING_PREFIXES = ("procedure.", "benefit.")
APPEND_ONLY = frozenset({"case_event"})
META = frozenset(SYNC_COLUMNS)
COUNTY_TABLES = frozenset({"decision", "benefit", "benefit_member"})
# The case's state is handed over at 报县审核: both sides move it, so a change to it on an old base is hard.
SHARED_FIELDS: dict[str, frozenset[str]] = {"case_file": frozenset({"state", "state_since"})}
EXTRA_COUNTY_FIELDS: dict[str, frozenset[str]] = {"case_file": frozenset({"county_visit_done"})}
# How a row finds its household: (column, parent table) — the parent's household is looked up in turn.
HOUSEHOLD_LINK: dict[str, tuple[str, str]] = {
    "person": ("household_id", "household"),
    "income_item": ("household_id", "household"),
    "asset_item": ("household_id", "household"),
    "supporter": ("household_id", "household"),
    "attachment": ("household_id", "household"),
    "case_file": ("household_id", "household"),
    "benefit": ("household_id", "household"),
    "case_event": ("case_id", "case_file"),
    "investigation": ("case_id", "case_file"),
    "appraisal": ("case_id", "case_file"),
    "objection": ("case_id", "case_file"),
    "decision": ("case_id", "case_file"),
    "review": ("case_id", "case_file"),
    "notice_entry": ("case_id", "case_file"),
    "benefit_member": ("benefit_id", "benefit"),
}


LABELS = {
    "area": "区划",
    "app_user": "账户",
    "household": "家庭",
    "person": "家庭成员",
    "income_item": "收入",
    "asset_item": "财产",
    "supporter": "赡养人",
    "case_file": "申请",
    "attachment": "扫描件",
    "case_event": "办理记录",
    "investigation": "调查",
    "appraisal": "民主评议",
    "public_notice": "公示",
    "notice_entry": "公示名单",
    "objection": "异议",
    "decision": "决定",
    "benefit": "保障金",
    "benefit_member": "保障成员",
    "review": "复核",
    "standard": "保障标准",
    "holiday": "节假日",
    "setting": "设置",
}


def table(name: str) -> Table:
    return metadata.tables[name]


def wire_columns(name: str) -> list[Any]:
    """The columns of ``name`` that travel, in table order (an account's local columns stay home)."""
    local = LOCAL_COLUMNS.get(name, frozenset())
    return [c for c in table(name).columns if c.name not in local]


def wire_names(name: str) -> list[str]:
    return [c.name for c in wire_columns(name)]


def pk_name(name: str) -> str:
    return {"area": "code", "holiday": "day", "setting": "key"}.get(name, "id")


@cache
def county_fields(name: str) -> frozenset[str]:
    """Fields only the county may change (all data fields of a decision, a benefit and its members)."""
    if name in COUNTY_TABLES:
        return frozenset(wire_names(name)) - META
    return EXTRA_COUNTY_FIELDS.get(name, frozenset())


def shared_fields(name: str) -> frozenset[str]:
    return SHARED_FIELDS.get(name, frozenset())


def export_columns(name: str) -> list[Any]:
    """Columns selected for the wire: dates, times and decimals as text, everything else typed."""
    out: list[Any] = []
    for column in wire_columns(name):
        if isinstance(column.type, UTCDateTime | Date | Numeric):
            out.append(cast(column, String).label(column.name))
        else:
            out.append(column)
    return out


def _village_range(column: Any, code: str) -> ColumnElement[bool]:
    return and_(column >= f"{code}000", column <= f"{code}999")


def scope_where(name: str, code: str) -> ColumnElement[bool]:
    """The condition on ``name`` that keeps the rows of township ``code`` (9 digits); globals: all rows."""
    t = table(name)
    if name == "area":
        return _village_range(t.c.code, code)
    if name == "app_user":  # the township's own accounts (the county's demo heads are the county's)
        return and_(t.c.origin_station == code, _village_range(t.c.area_code, code))
    if name in ("household", "public_notice"):
        return _village_range(t.c.village_code, code)
    if name == "notice_entry":
        return t.c.notice_id.in_(scope_ids("public_notice", code))
    if name in HOUSEHOLD_LINK:
        column, parent = HOUSEHOLD_LINK[name]
        return t.c[column].in_(scope_ids(parent, code))
    return true()


def scope_ids(name: str, code: str) -> Select[Any]:
    """SELECT of the keys of ``name`` that belong to township ``code``."""
    t = table(name)
    return select(t.c[pk_name(name)]).where(scope_where(name, code))
