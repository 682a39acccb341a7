"""What an import writes: its tables in insert order, the columns all its records share, new ids."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from typing import Any

Row = dict[str, Any]
HOUSEHOLD_FIELDS = {
    "village_code": "村（社区）",
    "urban_rural": "城乡",
    "head_name": "户主姓名",
    "address": "家庭住址",
    "phone": "联系电话",
    "bank_name": "开户银行",
    "account_no": "账号",
    "account_holder": "户名",
    "poverty_causes": "致贫原因",
    "notes": "备注",
}
BENEFIT_FIELDS = {"monthly_fen": "月保障金", "tier": "保障档次", "start_month": "享受起始年月"}
PERSON_FIELDS = {"name": "姓名", "relation_code": "与户主关系"}
# Ledger field → the column it is written to, for the longest text that column holds.
_TEXT_COLUMNS = {
    "name": ("person", "name"),
    "village": ("area", "name"),
    "address": ("household", "address"),
    "phone": ("household", "phone"),
    "bank_name": ("household", "bank_name"),
    "account_no": ("household", "account_no"),
    "account_holder": ("household", "account_holder"),
    "poverty_causes": ("household", "poverty_causes"),
    "notes": ("household", "notes"),
    "tier": ("benefit", "tier"),
}
TABLES = ("household", "person", "case_file", "case_event", "benefit", "benefit_member")
# The same for every record an import creates: the writer renders them once into each statement.
CONSTANTS: dict[str, Row] = {
    "household": {"housing_type": None, "housing_area": None, "decoration": None, "three_no": False},
    "person": {
        **dict.fromkeys(("not_member_reason", "hukou_type", "illness", "disability_card", "phone"), ""),
        **dict.fromkeys(("employment", "marital_status", "education"), ""),
        **dict.fromkeys(("disability_category", "disability_grade", "death_date"), None),
        "is_member": True,
        "is_student": False,
        "health": "healthy",
        "labour_capacity": "full",
    },
    "case_file": {
        **dict.fromkeys(("extended", "single_person", "near_relative", "relative_filed", "complaint"), False),
        **dict.fromkeys(("county_visit_done", "emergency"), False),
        **dict.fromkeys(("accepted_on", "consent_on", "opinion_on"), None),
        **dict.fromkeys(("materials_missing", "opinion", "opinion_by"), ""),
        "state": "active",
    },
    "case_event": {
        "seq": 1,
        "action": "ledger_import",
        "from_state": "",
        "to_state": "active",
        "legal_basis": "",
    },
    "benefit": {
        **dict.fromkeys(("end_month", "exit_start_month", "exit_end_month"), None),
        "status": "active",
        "topup_fen": 0,
    },
    "benefit_member": {"topup_fen": 0},
}


def uuid4_strings(block: int = 4096) -> Iterator[str]:
    """Random (version 4) UUIDs as text, like ``new_id`` but drawn from the OS in blocks: 3× faster."""
    while True:
        raw = bytearray(os.urandom(16 * block))
        for start in range(0, len(raw), 16):
            raw[start + 6] = (raw[start + 6] & 0x0F) | 0x40
            raw[start + 8] = (raw[start + 8] & 0x3F) | 0x80
        text = raw.hex()
        for i in range(0, len(text), 32):
            h = text[i : i + 32]
            yield f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@cache
def text_limits() -> dict[str, int]:
    """Ledger field → the most characters the model's column holds (fields without a limit left out)."""
    from app.models.all import metadata

    limits = {}
    for key, (table, column) in _TEXT_COLUMNS.items():
        length = getattr(metadata.tables[table].c[column].type, "length", None)
        if length:
            limits[key] = int(length)
    return limits
