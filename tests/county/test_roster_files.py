"""The roster as files: the 发放名册 columns, text cells, totals and signatures; read back by LibreOffice."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.documents.roster import HEADERS, Roster
from app.models.db import Database
from app.models.payment import PaymentLine
from app.paths import DataPaths
from app.printing import fonts
from app.printing.roster import build_roster
from app.services.payments import runs
from app.services.setup.installation import open_database
from app.spreadsheets.roster import write_roster
from tests.county.conftest import ADMIN
from tests.printing.conftest import compact, pdf_text

MONTH = "2026-10"
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1"


@pytest.fixture(scope="module")
def approved(county_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The county demo with October's run approved (files are only read from it)."""
    root = tmp_path_factory.mktemp("roster") / "data"
    shutil.copytree(county_demo_template, root)
    db = open_database(DataPaths(root))
    with db.uow(ADMIN.username) as uow:
        runs.approve(uow, ADMIN, MONTH)
        uow.commit()
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def roster(approved: Database) -> Roster:
    with approved.uow("t") as uow:
        return runs.roster(uow, ADMIN, MONTH)


@pytest.fixture(scope="module")
def xlsx(roster: Roster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_roster(tmp_path_factory.mktemp("xlsx") / "roster.xlsx", roster)


def _db_total(db: Database) -> tuple[int, int]:
    with db.uow("t") as uow:
        count, total = uow.session.execute(select(func.count(), func.sum(PaymentLine.total_fen))).one()
    return int(count), int(total)


def test_the_roster_has_the_columns_text_cells_totals_and_signatures(
    approved: Database, roster: Roster, xlsx: Path
) -> None:
    ws = load_workbook(xlsx)["发放名册"]
    assert ws["A1"].value == "华容县2026年10月城乡低保、特困供养资金发放名册"
    assert "状态：已审批" in ws["A2"].value
    assert tuple(c.value for c in ws[3]) == HEADERS
    count, total = _db_total(approved)
    assert count == roster.households > 50
    first = ws[4]
    assert [first[0].value, first[12].value] == [1, MONTH]
    for cell in (first[4], first[11]):  # 身份证号, 账号
        assert cell.data_type == "s" and cell.number_format == "@" and len(cell.value) >= 16
    assert first[9].number_format == "0.00"
    totals = ws[4 + count]
    assert totals[0].value == "合计" and totals[3].value == f"{count}户"
    assert Decimal(str(totals[9].value)) * 100 == total
    assert ws[6 + count][0].value.startswith("制表：") and "审核：" in ws[6 + count][0].value
    assert "审批：" in ws[6 + count][0].value
    summary = list(load_workbook(xlsx)["乡镇汇总"].iter_rows(min_row=3, values_only=True))
    assert len(summary) > 10  # the townships with someone paid, and the total
    assert summary[-1][:3] == ("合计", count, roster.persons)
    assert sum(row[1] for row in summary[:-1]) == count


@pytest.mark.slow
@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice (soffice) is not installed: the independent reader"
)
def test_libreoffice_reads_the_same_rows_and_the_payments_total(
    approved: Database, xlsx: Path, tmp_path: Path
) -> None:
    assert LIBREOFFICE is not None
    profile = (tmp_path / "lo-profile").as_uri()
    command = [LIBREOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(xlsx)], check=True, capture_output=True, timeout=180
    )
    with (tmp_path / "roster.csv").open(encoding="utf-8", newline="") as fh:
        theirs = [row for row in csv.reader(fh)]
    count, total = _db_total(approved)
    body = theirs[3 : 3 + count]
    ws = load_workbook(xlsx)["发放名册"]
    ours = [
        [_shown(c.value, c.number_format) for c in row] for row in ws.iter_rows(min_row=4, max_row=3 + count)
    ]
    assert [row[: len(HEADERS)] for row in body] == ours
    assert all(len(row[4]) == 18 and row[4][:17].isdigit() for row in body)  # text, not 4.30623E+17
    paid = sum(Decimal(row[9]) for row in body)
    assert paid * 100 == total
    assert theirs[3 + count][0] == "合计" and Decimal(theirs[3 + count][9]) * 100 == total


def _shown(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if number_format == "0.00":
        return f"{Decimal(str(value)):.2f}"
    return str(value)


def test_the_pdf_lists_every_household_with_totals_and_signature_lines(roster: Roster) -> None:
    doc = build_roster(roster, fonts.load())
    text = compact(pdf_text(doc.pdf))
    assert doc.pages >= 2
    assert compact(roster.title) in text and "制表：" in text and "审批：" in text
    assert f"{roster.households}户" in text
    assert roster.lines[-1].id_number in text and roster.lines[0].account_no in text
    masked = compact(pdf_text(build_roster(roster, fonts.load(), masked=True).pdf))
    assert roster.lines[-1].id_number not in masked and roster.lines[-1].id_number[-4:] in masked
    assert "已隐去证件号和账号" in masked
