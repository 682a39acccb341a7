"""Giving the registry back as a ledger: the familiar shape, ID numbers as text, and a faithful round trip."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.codes import Role
from app.errors import PermissionDenied, UserError
from app.models.area import Area
from app.models.case import Benefit
from app.models.db import Database
from app.models.household import Household, Person
from app.paths import DataPaths
from app.services.context import Actor, system_actor
from app.services.intake.ledger import ImportOptions, export_ledger, import_ledger
from app.services.setup.installation import open_database
from tests.spreadsheets.ledgers import dump

ADMIN = system_actor("430623")
TODAY = date(2026, 11, 20)
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def export(db: Database, out: Path, village: str | None = None, actor: Actor = ADMIN) -> Path:
    with db.uow(actor.username) as uow:
        export_ledger(uow, actor, out, village, today=TODAY)
        uow.commit()  # the audit event of the file written
    return out


def snapshot(db: Database) -> set[tuple[Any, ...]]:
    """Each household as the ledger shows it: village, head, fields, payment and members."""
    out = set()
    with db.uow("t") as uow:
        s = uow.session
        villages = dict(s.execute(select(Area.code, Area.name)).all())
        paid = {
            b.household_id: b
            for b in s.execute(
                select(Benefit).where(Benefit.status.in_(["active", "gradual_exit"]))
            ).scalars()
        }
        people: dict[str, list[tuple[Any, ...]]] = {}
        for p in s.execute(select(Person).where(Person.death_date.is_(None))).scalars():
            people.setdefault(p.household_id, []).append(
                (p.name, p.id_number, p.relation_code, p.sex, p.birth_date)
            )
        for h in s.execute(select(Household)).scalars():
            b = paid.get(h.id)
            pay = (b.program, b.tier, b.monthly_fen, b.start_month) if b else None
            fields = (
                h.address,
                h.urban_rural,
                h.head_name,
                h.phone,
                h.bank_name,
                h.account_no,
                h.account_holder,
            )
            out.add(
                (
                    villages[h.village_code],
                    *fields,
                    h.poverty_causes,
                    h.notes,
                    pay,
                    tuple(sorted(people[h.id])),
                )
            )
    return out


def test_the_export_has_the_familiar_shape(demo_db: Database, tmp_path: Path) -> None:
    out = export(demo_db, tmp_path / "ledger.xlsx")
    ws = load_workbook(out).worksheets[0]
    assert ws["A1"].value == "三封寺镇社会救助对象台账" and "A1:U1" in {
        str(r) for r in ws.merged_cells.ranges
    }
    assert ws["A2"].value.startswith("制表单位：三封寺镇民政办")
    header = [c.value for c in ws[3]]
    assert header[:8] == [
        "序号",
        "村（社区）",
        "户主姓名",
        "姓名",
        "与户主关系",
        "性别",
        "出生日期",
        "身份证号",
    ]
    first, second = ws[4], ws[5]
    assert first[0].value == 1 and first[4].value in ("户主", "本人") and first[2].value == first[3].value
    assert first[7].data_type == "s" and first[7].number_format == "@" and len(first[7].value) == 18
    if second[0].value is None:  # a member row under its head: household cells left blank
        assert second[1].value is None and second[3].value and second[7].data_type == "s"
    last = [c.value for c in ws[ws.max_row]]
    assert last[1].startswith("合计：120户")


def test_an_exported_ledger_imports_back_to_the_same_households(
    demo_db: Database, station: Database, tmp_path: Path
) -> None:
    out = export(demo_db, tmp_path / "ledger.xlsx")
    before = dump(demo_db)
    with demo_db.uow("admin") as uow:
        again = import_ledger(uow, ADMIN, out, ImportOptions(today=TODAY))
        uow.commit()
    assert again.errors == [] and (again.created, again.updated, again.unchanged) == (0, 0, 120)
    assert dump(demo_db) == before
    with station.uow("admin") as uow:
        fresh = import_ledger(uow, ADMIN, out, ImportOptions(today=TODAY, create_villages=True))
        uow.commit()
    assert fresh.errors == [] and fresh.created == 120
    assert snapshot(station) == snapshot(demo_db)


def test_one_village_and_who_may_export(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.uow("t") as uow:
        code, name = uow.session.execute(
            select(Area.code, Area.name).where(Area.level == "village").order_by(Area.code)
        ).first()  # type: ignore[misc]
    out = export(demo_db, tmp_path / "one.xlsx", code)
    ws = load_workbook(out).worksheets[0]
    assert ws["A1"].value.endswith(f"（{name}）")
    villages = {r[1] for r in ws.iter_rows(min_row=4, max_row=ws.max_row - 1, values_only=True)} - {None}
    assert villages == {name}
    with pytest.raises(UserError, match="不存在"):
        export(demo_db, tmp_path / "x.xlsx", "430623101999")
    cadre = Actor("cadre", "李春生", Role.VILLAGE_CADRE, code)
    with pytest.raises(PermissionDenied):
        export(demo_db, tmp_path / "x.xlsx", actor=cadre)


def _shown(value: Any, number_format: str) -> str:
    """A cell as LibreOffice shows it (and so writes it to CSV)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}"
    if number_format == "0.00":
        return f"{Decimal(str(value)):.2f}"
    return str(value)


@pytest.fixture(scope="module")
def exported(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    shutil.copytree(demo_template, root / "data")
    db = open_database(DataPaths(root / "data"))
    try:
        return export(db, root / "ledger.xlsx")
    finally:
        db.dispose()


@pytest.mark.slow
@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice (soffice) is not installed: the independent reader"
)
def test_libreoffice_reads_the_same_rows(exported: Path, tmp_path: Path) -> None:
    assert LIBREOFFICE is not None
    profile = (tmp_path / "lo-profile").as_uri()
    command = [LIBREOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(exported)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with (tmp_path / "ledger.csv").open(encoding="utf-8", newline="") as fh:
        theirs = [_trimmed(row) for row in csv.reader(fh)]
    ws = load_workbook(exported).worksheets[0]
    ours = [_trimmed([_shown(c.value, c.number_format) for c in row]) for row in ws.iter_rows()]
    assert len(theirs) == len(ours) > 300
    assert theirs == ours
    ids = [row[7] for row in theirs[3:-1]]
    assert all(len(i) == 18 and i[:17].isdigit() for i in ids)  # text, not 4.30623E+17


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row
