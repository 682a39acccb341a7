"""Builders of messy township ledgers (title rows, merged two-row headers, dirty cells) for the tests."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.domain import idcard
from app.domain.codes import Role
from app.models.area import Area
from app.models.db import Database
from app.services.context import Actor

CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")
VILLAGES = (("430623101201", "东山村"), ("430623101202", "西湖村"), ("430623101001", "新街社区"))


def pid(born: date, seq: int) -> str:
    """A valid ID number (odd ``seq`` = male)."""
    return idcard.make_id("430623", born, seq)


# Heads, spouses and children used across the tests.
ZHANG = pid(date(1956, 3, 8), 59)  # ends in X
LI = pid(date(1958, 5, 1), 22)
MING = pid(date(1985, 7, 9), 31)
WANG = pid(date(1949, 12, 1), 41)
ZHAO = pid(date(1962, 10, 20), 51)
QIAN = pid(date(1964, 2, 2), 62)
SUN = pid(date(1990, 6, 15), 71)
BABY = pid(date(2021, 9, 9), 81)


def add_villages(db: Database, villages: tuple[tuple[str, str], ...] = VILLAGES) -> None:
    with db.uow("test") as uow:
        for code, name in villages:
            uow.session.add(Area(code=code, level="village", name=name, parent_code=code[:9] + "000"))
        uow.commit()


def dump(db: Database) -> list[str]:
    """Every row of every table, to show that a refused import wrote nothing at all."""
    url = db.engine.url.database
    assert url
    with sqlite3.connect(url) as conn:
        return list(conn.iterdump())


def save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def messy_ledger(path: Path, extra: list[list[Any]] | None = None) -> Path:
    """Title rows, a two-row merged header, one row per member, spacers, subtotals, notes, dirty cells."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    ws.append(["三封寺镇2024年农村低保对象花名册"])
    ws.merge_cells("A1:K1")
    ws.append(["填报单位：三封寺镇民政办（盖章）", None, None, None, None, None, None, None, "2024年3月"])
    ws.append(
        [
            "序号",
            "村(居)",
            "家庭成员",
            None,
            None,
            "性别",
            "出生年月",
            "保障人数",
            "月保障金（元）",
            "类别",
            "备注",
        ]
    )
    ws.append([None, None, "姓名", "与户主关系", "公民身份号码", None, None, None, None, None, None])
    for cols in ("A3:A4", "B3:B4", "C3:E3", "F3:F4", "G3:G4", "H3:H4", "I3:I4", "J3:J4", "K3:K4"):
        ws.merge_cells(cols)
    rows: list[list[Any]] = [
        [1, "东山村委会", "张 三", "户主", ZHANG.lower(), "男", 1956.03, 3, "320元", "农村低保A类"],
        [None, None, "李四", "妻子", "'" + LI, "女", "1958-5-1"],
        [None, None, "张小明", "儿子", "４３０６２３" + MING[6:], 1, "1985年7月"],
        [],
        [2, "东山", "王五", "本人", WANG, "男", date(1949, 12, 1), 1, 510.0, "特困供养", "分散供养"],
        ["小计", None, None, None, None, None, None, 4, 830],
        [],
        [3, "西湖村", "赵六", "户主", ZHAO, "男", 22939, 2, "￥400.00", "农村低保"],
        [None, None, "钱七", "妻", QIAN[:17] + " " + QIAN[17], 2, "1964.02.02"],
        ["小计", None, None, None, None, None, None, 2, 400],
        ["合计", None, None, None, None, None, None, 6, 1230],
        *(extra or []),
        [],
        ["注：本表由村委会填报，乡镇审核。"],
        ["制表人：张丽", None, None, None, None, None, "审核人：王建华"],
    ]
    for row in rows:
        ws.append(row)
    return save(wb, path)


NUMBERED_HEADER = [
    "序号",
    "村(社区)",
    "户主姓名",
    "姓名",
    "与户主关系",
    "身份证号码",
    "性别",
    "月保障金（元）",
    "保障类别",
    "家庭住址",
    "开户人",
    "备注",
]


def numbered_ledger(path: Path, rows: list[list[Any]], header: list[str] | None = None) -> Path:
    """A village clerk's 花名册: title and unit rows, a 序号 column, then ``rows`` from row 4 on."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    ws.append(["三封寺镇2024年农村低保对象花名册"])
    ws.merge_cells("A1:L1")
    ws.append(["填报单位：三封寺镇民政办（盖章）", None, None, None, None, None, None, None, "2024年3月"])
    ws.append(header or NUMBERED_HEADER)
    for row in rows:
        ws.append(row)
    return save(wb, path)


def with_cached_results(path: Path, results: dict[str, str]) -> Path:
    """The workbook as Excel saves it: each formula cell named in ``results`` gets its cached result
    (an empty string is saved as an empty text result, ``t="str"``); other formulas stay uncomputed."""
    import re
    import shutil
    import zipfile

    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    xml = items[part].decode("utf-8")
    for ref, value in results.items():
        kind = ' t="str"' if value == "" or not value.replace(".", "").isdigit() else ""
        xml, n = re.subn(
            rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
            lambda m, ref=ref, kind=kind, value=value: (
                f'<c r="{ref}"{m.group(1)}{kind}><f>{m.group(2)}</f><v>{value}</v></c>'
            ),
            xml,
        )
        assert n == 1, f"no formula cell {ref}"
    items[part] = xml.encode("utf-8")
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)
    shutil.move(tmp, path)
    return path
