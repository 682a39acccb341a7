"""The monthly report and the year summary as PDF: the figures of the report objects (and of the xlsx),
the charts, the signature lines, and `jiuzhu report --pdf` writing both files or neither."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.cli import run
from app.documents.reports import CATEGORIES, MONTH_COLUMNS
from app.domain.money import yuan
from app.models.db import Database
from app.models.payment import PaymentLine, PaymentRun
from app.paths import DataPaths
from app.printing import fonts
from app.printing.report_pdf import build_monthly_report, build_year_summary, monthly_report_pdf
from app.printing.report_pdf_parts import percent
from app.printing.report_pdf_year import indicators
from app.services.payments import runs
from app.services.payments.bank_return import import_bank_return
from app.services.reports.monthly import monthly
from app.services.reports.year import year_summary
from app.spreadsheets.reports import write_monthly
from tests.county.conftest import ADMIN, TODAY
from tests.printing.conftest import compact, pdf_pages, pdf_rows, pdf_text

MONTH = "2026-10"


def _row(pages: list[list[list[str]]], first: str, cells: int, figure: bool = True) -> list[str]:
    """The first text row on any page that starts with ``first``, has at least ``cells`` cells and (with
    ``figure``) a figure next (not a header's next line)."""
    for page in pages:
        for row in page:
            if row[0] == first and len(row) >= cells and (row[1][:1].isdigit() or not figure):
                return row
    raise AssertionError(f"no row {first!r} with {cells} cells in {pages}")


def _xlsx_text(value: object, attr: str) -> str:
    """A cell of the xlsx as the PDF prints it: amounts (yuan, stored as numbers) with two decimals."""
    return f"{Decimal(str(value)):,.2f}" if attr.endswith("_fen") else str(value)


def test_the_monthly_report_pdf_shows_the_reports_figures_and_charts(
    demo_county: Database, tmp_path: Path
) -> None:
    with demo_county.uow(ADMIN.username) as uow:
        runs.approve(uow, ADMIN, MONTH)
        uow.commit()
    with demo_county.uow("t") as uow:
        report = monthly(uow, ADMIN, MONTH)
    doc = build_monthly_report(report, fonts.load(), prepared_on=TODAY)
    assert doc.pages == 1 and not doc.missing_chars
    text = pdf_text(doc.pdf)
    flat = compact(text)
    assert "华容县2026年10月城乡低保、特困供养统计月报" in flat
    assert f"填报单位：{report.office}" in flat and "数据来源：本月已审批的发放名册" in flat
    assert "制表：" in flat and "审核：" in flat and "审批：" in flat and "制表日期：2026年11月20日" in flat
    assert "第1页共1页" in flat
    # every figure of the table, row by row, equals the xlsx's cell (the same report, two outputs)
    ws = load_workbook(write_monthly(tmp_path / "m.xlsx", report))["月报"]
    pages = pdf_rows(doc.pdf)
    width = len(MONTH_COLUMNS) + 1
    for index, row in enumerate([*report.rows, report.total]):
        got = _row(pages, row.category, width)
        attrs = ["category", *(attr for _g, _n, attr in MONTH_COLUMNS)]
        want = [_xlsx_text(ws.cell(5 + index, c).value, attrs[c - 1]) for c in range(1, width + 1)]
        assert got[:width] == want, row.category
    total = _row(pages, "合计", width)
    assert total[1:3] == [str(report.total.households), str(report.total.persons)]
    assert total[-2] == yuan(report.total.total_fen) and report.total.total_fen > 0
    # 分类施保 by group: the table and the chart's bars
    assert report.topups
    for label, persons, fen in report.topups:
        assert _row(pages, label, 3)[:3] == [label, str(persons), yuan(fen)]
        assert f"{fen / 100:,.0f}" in text  # the value over its bar
    # the charts: titles, the pie's shares computed from the report, the bar chart's legend
    for chart_title in ("保障户数和人数", "支出构成（按类别）", "分类施保金额（元）"):
        assert chart_title in flat
    spent = report.total.total_fen
    for row in report.rows:
        if row.total_fen:
            assert compact(f"{row.category} {percent(row.total_fen / spent)}") in flat
    assert "户数" in text and "人数" in text
    assert str(max(r.persons for r in report.rows)) in text  # the tallest bar's label


def test_an_estimated_month_without_payments_still_prints(demo_county: Database) -> None:
    with demo_county.uow("t") as uow:
        report = monthly(uow, ADMIN, "2000-01")  # before any benefit: every figure is 0
    assert report.total.households == 0
    flat = compact(pdf_text(monthly_report_pdf(report, fonts.load(), prepared_on=TODAY)))
    assert "本月无支出" in flat and "本月无分类施保" in flat and "按当前档案测算" in flat


def _fail_one_payment(db: Database, tmp_path: Path) -> int:
    """Approve September and October, and let the bank return one October payment: its amount."""
    with db.uow(ADMIN.username) as uow:
        runs.approve(uow, ADMIN, "2026-09")
        runs.approve(uow, ADMIN, MONTH)
        uow.commit()
    with db.uow("t") as uow:
        account, fen = uow.session.execute(
            select(PaymentLine.account_no, PaymentLine.total_fen)
            .join(PaymentRun)
            .where(PaymentRun.month == MONTH, PaymentLine.account_no != "")
            .order_by(PaymentLine.seq)
        ).first() or ("", 0)
    bank = Workbook()
    sheet = bank.active
    assert sheet is not None
    sheet.append(["账号", "金额", "状态", "原因"])
    sheet.append([account, fen / 100, "失败", "户名不符"])
    bank.save(tmp_path / "bank.xlsx")
    with db.uow(ADMIN.username) as uow:
        import_bank_return(uow, ADMIN, MONTH, tmp_path / "bank.xlsx")
        uow.commit()
    return int(fen)


def test_the_year_summary_pdf_shows_the_indicators_months_and_charts(
    demo_county: Database, tmp_path: Path
) -> None:
    failed = _fail_one_payment(demo_county, tmp_path)
    with demo_county.uow("t") as uow:
        s = year_summary(uow, ADMIN, 2026)
    assert s.bank_fen == s.funds_fen - failed and failed > 0
    doc = build_year_summary(s, fonts.load())
    assert doc.pages == 2 and not doc.missing_chars
    pages = pdf_rows(doc.pdf)
    for name, value, _note in indicators(s):
        assert _row(pages, name.strip("　"), 2)[1] == value, name
    assert _row(pages, "救助户数（低保、特困）", 2)[1] == str(s.households) and s.households > 50
    assert _row(pages, "社会化发放比例", 2)[1] == percent(s.bank_share)
    for m in s.months[8:10]:
        got = _row(pages, m.month, 6, figure=False)
        status = "已审批" if m.month == "2026-09" else "已送银行"
        figures = [str(m.households), str(m.persons), yuan(m.total_fen), yuan(m.bank_fen)]
        assert got == [m.month, status, *figures]
    assert _row(pages, "2026-12", 6, figure=False)[1:] == ["无已审批批次", "0", "0", "0.00", "0.00"]
    assert _row(pages, "合计", 4)[1:] == [str(s.person_months), yuan(s.funds_fen), yuan(s.bank_fen)]
    text = pdf_text(doc.pdf)
    flat = compact(text)
    for chart_title in ("各月发放金额（元）", "各月保障人数", "社会化发放比例"):
        assert chart_title in flat
    assert all(f"{n}月" in text for n in range(1, 13))  # the months along the charts
    assert compact(f"其他（现金、退回） {percent(failed / s.funds_fen)}") in flat  # the pie's small slice
    assert f"银行发放{yuan(s.bank_fen)}元，占发放资金的{percent(s.bank_share)}" in flat
    page_two = compact(pdf_pages(doc.pdf)[1])
    assert "制表日期：2026年11月20日" in page_two and "第2页共2页" in page_two


def test_a_year_without_approved_runs_prints_empty_charts(demo_county: Database) -> None:
    with demo_county.uow("t") as uow:
        s = year_summary(uow, ADMIN, 2025)
    pdf = build_year_summary(s, fonts.load()).pdf
    assert s.funds_fen == 0 and _row(pdf_rows(pdf), "社会化发放比例", 2)[1] == "0.0%"
    assert "本年尚无已审批的发放" in compact(pdf_text(pdf))


def jz(paths: DataPaths, *argv: str) -> int:
    return run(["--data-dir", str(paths.root), *argv])


def test_the_cli_writes_the_xlsx_and_the_pdf(
    demo_county_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    xlsx, pdf = out / "m.xlsx", out / "m.pdf"
    assert jz(demo_county_paths, "report", "--month", MONTH, "--out", str(xlsx), "--pdf", str(pdf)) == 0
    said = capsys.readouterr().out
    assert "已写出PDF，共1页" in said and "按当前档案测算" in said
    assert load_workbook(xlsx)["月报"]["A1"].value == "华容县2026年10月城乡低保、特困供养统计月报"
    assert "统计月报" in compact(pdf_text(pdf.read_bytes()))
    year_x, year_p = out / "y.xlsx", out / "y.pdf"
    assert jz(demo_county_paths, "report", "--year", "2026", "--out", str(year_x), "--pdf", str(year_p)) == 0
    assert "已写出PDF，共2页" in capsys.readouterr().out
    assert "绩效自评数据汇总" in compact(pdf_text(year_p.read_bytes()))
    assert "年度汇总" in load_workbook(year_x).sheetnames
    assert sorted(p.name for p in out.iterdir()) == ["m.pdf", "m.xlsx", "y.pdf", "y.xlsx"]  # no temp files
    # refused (exit 1) with nothing written: the PDF's folder is missing, or both are the same file
    again = out / "again.xlsx"
    missing = ["--out", str(again), "--pdf", str(out / "no" / "m.pdf")]
    assert jz(demo_county_paths, "report", "--month", MONTH, *missing) == 1
    assert "文件夹不存在" in capsys.readouterr().err
    assert jz(demo_county_paths, "report", "--year", "2026", "--out", str(again), "--pdf", str(again)) == 1
    assert "同一个文件" in capsys.readouterr().err
    (out / "taken.pdf").mkdir()  # the PDF cannot be moved into place: the xlsx made first is removed
    taken = ["--out", str(again), "--pdf", str(out / "taken.pdf")]
    assert jz(demo_county_paths, "report", "--month", MONTH, *taken) == 1
    assert "无法写入文件" in capsys.readouterr().err
    assert not again.exists() and sorted(p.name for p in out.iterdir()) == [
        "m.pdf",
        "m.xlsx",
        "taken.pdf",
        "y.pdf",
        "y.xlsx",
    ]
    assert jz(demo_county_paths, "report", "--month", MONTH, "--pdf", str(pdf)) == 2  # --out is required


@pytest.mark.parametrize("when", [["--month", MONTH], ["--year", "2026"]])
def test_a_township_station_refuses_the_pdf_too(
    station: Database, paths: DataPaths, tmp_path: Path, when: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    argv = ["report", *when, "--out", str(out / "r.xlsx"), "--pdf", str(out / "r.pdf")]
    assert jz(paths, *argv) == 1
    assert "本机是乡镇工作站" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_the_categories_come_in_the_reports_order(demo_county: Database) -> None:
    with demo_county.uow("t") as uow:
        report = monthly(uow, ADMIN, MONTH)
    pages = pdf_rows(monthly_report_pdf(report, fonts.load()))
    firsts = [row[0] for row in pages[0] if len(row) > len(MONTH_COLUMNS)]
    assert firsts == [*CATEGORIES, "合计"]
