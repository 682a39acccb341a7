"""The bank's return file: paid or failed per account into the approved run; a bad file writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.errors import UserError
from app.models.audit import AuditEvent
from app.models.db import Database
from app.models.payment import PaymentResult
from app.services.payments import runs
from app.services.payments.bank_return import BankReturnReport, import_bank_return, parse_status
from tests.county.conftest import ADMIN, Member, add_beneficiary

MONTH = "2026-04"
ACCOUNTS = ("6217000011112222", "6217000033334444", "6217000055556666")


@pytest.fixture
def run(county: Database) -> Database:
    with county.uow("test") as uow:
        for n, account in enumerate(ACCOUNTS, start=1):
            head = Member(f"户主{n}", date(1960, 1, n), 10 + 2 * n + 1)
            add_beneficiary(uow, [head], base_fen=50000 + n * 100, number=n, account=account)
        uow.commit()
    return county


def _approve(db: Database) -> None:
    with db.uow(ADMIN.username) as uow:
        runs.approve(uow, ADMIN, MONTH)
        uow.commit()


def bank_file(path: Path, rows: list[list[object]]) -> Path:
    """The bank's layout: a title, a note, then its own header names."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["华容县农村商业银行代发工资回盘明细"])
    ws.append(["批次号：20260410-001", None, "代发单位：华容县民政局"])
    ws.append(["序号", "户 名", "卡号", "交易金额（元）", "处理状态", "失败原因"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    wb.save(path)
    return path


def _import(db: Database, path: Path) -> BankReturnReport:
    with db.uow(ADMIN.username) as uow:
        report = import_bank_return(uow, ADMIN, MONTH, path)
        uow.commit()
    return report


def test_paid_and_failed_rows_land_on_their_lines(run: Database, tmp_path: Path) -> None:
    _approve(run)
    first = bank_file(
        tmp_path / "bank.xlsx",
        [["户主1", ACCOUNTS[0], "501.00", "成功", ""], ["户主2", ACCOUNTS[1], 502, "失败", "账户已销户"]],
    )
    report = _import(run, first)
    assert (report.paid, report.failed, report.outstanding, report.status) == (1, 1, 1, "sent")
    assert report.paid_fen == 50100 and report.failed_fen == 50200
    assert report.failures == ["户主2户 账号************4444：账户已销户"]
    with run.uow("t") as uow:
        remarks = {x.head_name: x.remark for x in runs.roster(uow, ADMIN, MONTH).lines}
    assert remarks["户主2"] == "银行退回：账户已销户" and remarks["户主1"] == ""
    # the bank pays the re-sent one and the last one: the latest result wins, the run is closed
    second = bank_file(
        tmp_path / "bank2.xlsx",
        [["户主2", ACCOUNTS[1], "502.00", "入账成功", ""], ["户主3", ACCOUNTS[2], "503.00", "成功", ""]],
    )
    report = _import(run, second)
    assert (report.paid, report.failed, report.outstanding, report.status) == (3, 0, 0, "closed")
    with run.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(PaymentResult)).scalar_one() == 3
        audited = uow.session.execute(select(AuditEvent.new_values).where(AuditEvent.action == "bank_return"))
        assert ['"bank2.xlsx"' in v for v in audited.scalars()] == [False, True]


def test_a_file_for_another_run_is_refused_whole(run: Database, tmp_path: Path) -> None:
    _approve(run)
    bad = bank_file(
        tmp_path / "bank.xlsx",
        [
            ["户主1", ACCOUNTS[0], "501.00", "成功", ""],
            ["别人", "6222000000000001", "300.00", "成功", ""],
            ["户主3", ACCOUNTS[2], "999.00", "成功", ""],
            ["户主2", ACCOUNTS[1], "502.00", "处理中", ""],
        ],
    )
    with run.uow(ADMIN.username) as uow, pytest.raises(UserError) as exc:
        import_bank_return(uow, ADMIN, MONTH, bad)
    message = str(exc.value)
    assert "未导入任何结果" in message and "第5行：账号************0001不在2026年4月的发放名册中" in message
    assert "与名册中户主3户的503.00元不符" in message and "处理结果“处理中”无法识别" in message
    with run.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(PaymentResult)).scalar_one() == 0
        run_row = runs.get_run(uow.session, MONTH)
        assert run_row is not None and run_row.status == "approved"


def test_a_draft_run_takes_no_bank_results_and_csv_in_gbk_is_read(run: Database, tmp_path: Path) -> None:
    with run.uow(ADMIN.username) as uow:
        runs.prepare(uow, ADMIN, MONTH)
        uow.commit()
    path = tmp_path / "bank.csv"
    path.write_bytes(f"账号,金额,结果\n{ACCOUNTS[0]},501.00,成功\n".encode("gb18030"))
    with run.uow(ADMIN.username) as uow, pytest.raises(UserError, match="尚未审批"):
        import_bank_return(uow, ADMIN, MONTH, path)
    _approve(run)
    report = _import(run, path)
    assert report.paid == 1 and report.status == "sent"


def test_a_file_without_the_columns_is_refused(run: Database, tmp_path: Path) -> None:
    _approve(run)
    path = tmp_path / "x.csv"
    path.write_text("姓名,电话\n张三,1380000\n", encoding="utf-8")
    with run.uow(ADMIN.username) as uow, pytest.raises(UserError, match="找不到“账号、处理结果”列"):
        import_bank_return(uow, ADMIN, MONTH, path)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("成功", "paid"),
        ("已入账", "paid"),
        ("入账失败", "failed"),
        ("退回", "failed"),
        ("F", "failed"),
        ("?", None),
    ],
)
def test_bank_wording(text: str, status: str | None) -> None:
    assert parse_status(text) == status
