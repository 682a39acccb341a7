"""Write the registry as the ledger townships know: a title row, the usual columns, members under the head."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.fileio import write_atomically
from app.spreadsheets import safe

COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6),
    ("村（社区）", 12),
    ("户主姓名", 10),
    ("姓名", 10),
    ("与户主关系", 10),
    ("性别", 6),
    ("出生日期", 12),
    ("身份证号", 21),
    ("家庭住址", 24),
    ("城乡", 6),
    ("保障类别", 10),
    ("保障档次", 9),
    ("保障人数", 9),
    ("月保障金（元）", 13),
    ("享受起始年月", 12),
    ("联系电话", 14),
    ("开户银行", 16),
    ("账号", 22),
    ("户名", 10),
    ("致贫原因", 14),
    ("备注", 16),
)
TEXT_COLUMNS = frozenset({"身份证号", "账号", "联系电话", "享受起始年月"})


@dataclass(frozen=True)
class ExportMember:
    name: str
    relation: str  # 户主, 妻, 子 …
    sex: str  # 男 / 女
    birth_date: date
    id_number: str


@dataclass
class ExportHousehold:
    village: str
    head_name: str
    address: str
    urban_rural: str  # 城市 / 农村
    program: str = ""  # 低保 / 特困供养, "" when nothing is paid
    tier: str = ""
    covered: int | None = None
    monthly_fen: int | None = None
    start_month: str = ""
    phone: str = ""
    bank_name: str = ""
    account_no: str = ""
    account_holder: str = ""
    poverty_causes: str = ""
    notes: str = ""
    members: list[ExportMember] = field(default_factory=list)


def _household_cells(n: int, h: ExportHousehold) -> dict[str, Any]:
    amount = Decimal(h.monthly_fen) / 100 if h.monthly_fen is not None else None
    return {
        "序号": n,
        "村（社区）": h.village,
        "户主姓名": h.head_name,
        "家庭住址": h.address,
        "城乡": h.urban_rural,
        "保障类别": h.program,
        "保障档次": h.tier,
        "保障人数": h.covered,
        "月保障金（元）": amount,
        "享受起始年月": h.start_month,
        "联系电话": h.phone,
        "开户银行": h.bank_name,
        "账号": h.account_no,
        "户名": h.account_holder,
        "致贫原因": h.poverty_causes,
        "备注": h.notes,
    }


def write_ledger(
    out: Path, title: str, households: Iterable[ExportHousehold], subtitle: str = ""
) -> tuple[int, int]:
    """Write the ledger to ``out``, whole or not at all; return (households, persons) written."""
    counted: list[tuple[int, int]] = []
    write_atomically(out, lambda path: counted.append(_write(path, title, households, subtitle)))
    return counted[0]


def _write(path: Path, title: str, households: Iterable[ExportHousehold], subtitle: str) -> tuple[int, int]:
    # The write-only workbook is made and saved here, inside the writer: one never saved leaves
    # lxml generators that complain when they are collected.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    last = get_column_letter(len(COLUMNS))
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.merged_cells.add(f"A1:{last}1")
    ws.freeze_panes = "A4" if subtitle else "A3"
    header_row = 3 if subtitle else 2
    ws.print_title_rows = f"{header_row}:{header_row}"

    def cell(value: Any, **style: Any) -> Any:
        c = WriteOnlyCell(ws, value=value)
        for key, v in style.items():
            setattr(c, key, v)
        return c

    safe.append(ws, [cell(title, font=Font(bold=True, size=14), alignment=Alignment(horizontal="center"))])
    if subtitle:
        safe.append(ws, [subtitle])
    safe.append(
        ws,
        [cell(name, font=Font(bold=True), alignment=Alignment(horizontal="center")) for name, _w in COLUMNS],
    )
    count = persons = 0
    total_fen = 0
    for h in households:
        count += 1
        total_fen += h.monthly_fen or 0
        shared = _household_cells(count, h)
        for position, m in enumerate(h.members):
            values = dict(shared) if position == 0 else {}
            values.update(
                {"姓名": m.name, "与户主关系": m.relation, "性别": m.sex, "出生日期": m.birth_date}
                | {"身份证号": m.id_number}
            )
            row: list[Any] = []
            for name, _w in COLUMNS:
                value = values.get(name)
                if value is None or value == "":
                    row.append(None)
                elif name in TEXT_COLUMNS:
                    row.append(cell(str(value), number_format="@"))
                elif name == "出生日期":
                    row.append(cell(value, number_format="yyyy-mm-dd"))
                elif name == "月保障金（元）":
                    row.append(cell(value, number_format="0.00"))
                else:
                    row.append(value)
            safe.append(ws, row)
            persons += 1
    total = Decimal(total_fen) / 100
    safe.append(ws, [None, cell(f"合计：{count}户{persons}人，月保障金{total:.2f}元", font=Font(bold=True))])
    wb.save(path)
    return count, persons
