"""报表: the county's payment run through the screen, the reports saved, and a station's own statistics."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from pdfminer.high_level import extract_text
from PySide6.QtCore import QCoreApplication, QDate, QModelIndex
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.db import Database
from app.models.payment import PaymentResult
from app.services.households import registry
from app.services.payments import runs
from app.services.reports import files
from app.services.reports.monthly import monthly
from app.views import tasks
from app.views.payments import run_page
from app.views.payments.models import LineColumn, PaymentLinesModel, bank_result_text
from app.views.payments.run_page import PaymentRunTab
from app.views.reports.reports_page import ReportsPage
from app.views.reports.stats_page import ReportStatsTab
from app.views.signed_in import SignedIn
from app.views.task_progress import TaskProgressDialog
from app.views.workspace import Workspace
from tests.county.conftest import (  # noqa: F401
    ADMIN,
    HEAD,
    Member,
    add_beneficiary,
    county_demo_template,
    demo_county,
    demo_county_paths,
)
from tests.db.test_township_stats import direct_count
from tests.gui.conftest import signed_in

MONTH = "2026-11"
SHARED = "6217009999990001"
WAIT = 30_000


@pytest.fixture
def county_db(demo_county: Database) -> Iterator[Database]:  # noqa: F811
    """The county demo plus two households paid into one account (a 多户共用账号 finding)."""
    with demo_county.uow("test") as uow:
        village = registry.village_list(uow.session, "430623101000")[0][0]
        for n, born in ((1, date(1950, 3, 1)), (2, date(1952, 6, 9))):
            member = Member(f"共用{n}", born, 30 + 2 * n + 1)
            add_beneficiary(uow, [member], base_fen=40000, village=village, account=SHARED, number=90000 + n)
        uow.commit()
    yield demo_county
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def open_page(qtbot: QtBot, db: Database, user: SignedIn) -> tuple[ReportsPage, PaymentRunTab]:
    page = ReportsPage(Workspace(db, user))
    qtbot.addWidget(page)
    assert page.payment_tab is not None
    with qtbot.waitSignal(page.payment_tab.loaded, timeout=WAIT):
        page.show()
    return page, page.payment_tab


# A write's own message (its on_done) and the reload its changes start may land in either order: the
# steps below wait for both before the next one, so a later wait on status_message sees its own.


def fetch_all(qtbot: QtBot, model: PaymentLinesModel) -> None:
    def step() -> bool:
        if model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        return model.rowCount() == model.total

    qtbot.waitUntil(step, timeout=WAIT)


def bank_file(path: Path, rows: list[list[Any]]) -> Path:
    """The bank's own layout, as in tests/county/test_bank_return.py."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["华容县农村商业银行代发工资回盘明细"])
    ws.append(["序号", "户 名", "卡号", "交易金额（元）", "处理状态", "失败原因"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    wb.save(path)
    return path


def roster_total_fen(path: Path) -> tuple[int, int]:
    wb = load_workbook(path, read_only=True)
    ws = wb["发放名册"]
    lines = [row for row in ws.iter_rows(min_row=4, values_only=True) if row and isinstance(row[0], int)]
    wb.close()
    return len(lines), sum(round(float(row[9]) * 100) for row in lines)


def test_county_head_runs_the_month_from_draft_to_bank_return(
    qtbot: QtBot, county_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtmodeltester: Any
) -> None:
    monkeypatch.setattr(run_page, "BATCH", 40)  # several fetchMore batches
    _page, tab = open_page(qtbot, county_db, signed_in(county_db, "countyhead"))
    assert tab.month() == MONTH and tab.view is not None and tab.view.status == ""
    assert tab.prepare_button.isEnabled() and not tab.export_xlsx_button.isEnabled()
    assert tab.approve_button.isEnabled() and tab.approve_reason.isHidden()

    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.prepare_button.click()
    with county_db.uow("t") as uow:
        run = runs.get_run(uow.session, MONTH)
        assert run is not None
        expected = (run.status, run.households, run.persons, run.total_fen)
        roster = runs.roster(uow, ADMIN, MONTH)
    view = tab.view
    assert (view.status, view.households, view.persons, view.total_fen) == expected
    assert expected[0] == "draft" and expected[1] > 60  # more than one fetchMore batch
    assert f"{view.total_fen // 100:,}" in tab.counts_label.text()
    assert tab.lines_model.rowCount() == 40
    fetch_all(qtbot, tab.lines_model)
    shown = tab.line_rows()
    assert [(r.seq, r.head_name, r.total_fen) for r in shown] == [
        (x.seq, x.head_name, x.total_fen) for x in roster.lines
    ]
    assert sum(r.total_fen for r in shown) == view.total_fen
    qtmodeltester.check(tab.lines_model)
    assert [f.kind for f in view.flags] == ["shared_account"] and view.open_flags == 1
    qtmodeltester.check(tab.flags_model)
    assert not tab.flags_hint.is_shown()  # the grey line is for a month with no findings

    monkeypatch.setattr(tab, "confirm", lambda _text: True)
    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.approve_button.click()
    assert tab.view.status == "approved" and tab.view.total_fen == expected[3]
    assert not tab.approve_button.isEnabled() and not tab.prepare_button.isEnabled()
    assert tab.approve_button.toolTip() == tab.texts.approve_refusal("approved", True) != ""
    assert tab.sent_button.isEnabled() and tab.bank_button.isEnabled()

    # the roster, written off the GUI thread, all of it, audited
    out = tmp_path / "发放名册.xlsx"
    with qtbot.waitSignal(tab.exported, timeout=WAIT) as done:
        tab.export_roster_to(out)
    assert done.args[0].total_fen == expected[3] and roster_total_fen(out) == (expected[1], expected[3])
    pdf = tmp_path / "发放名册.pdf"
    with qtbot.waitSignal(tab.exported, timeout=WAIT):
        monkeypatch.setattr(tab, "choose_save_path", lambda *_args: pdf)
        tab.export_pdf_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    posted = tmp_path / "发放名册（张贴用）.pdf"
    with qtbot.waitSignal(tab.exported, timeout=WAIT):
        monkeypatch.setattr(tab, "choose_save_path", lambda *_args: posted)
        tab.export_masked_button.click()
    with county_db.uow("t") as uow:
        first = runs.roster(uow, ADMIN, MONTH).lines[0]
        exports = uow.session.execute(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "export")
        ).scalar_one()
        assert exports == 3
    bank_copy, posting = extract_text(str(pdf)), extract_text(str(posted))
    assert first.id_number in bank_copy and first.id_number not in posting
    assert first.id_number[-4:] in posting and first.head_name in posting

    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.sent_button.click()
    assert tab.view.status == "sent" and not tab.sent_button.isEnabled()

    # a file with a row that is not in the run is refused whole, with the row
    with county_db.uow("t") as uow:
        paid = [x for x in runs.roster(uow, ADMIN, MONTH).lines if x.account_no][:4]
    rows = [[x.head_name, x.account_no, f"{x.total_fen / 100:.2f}", "成功", ""] for x in paid]
    bad = bank_file(tmp_path / "bad.xlsx", [*rows, ["别人", "6222000000000001", "300.00", "成功", ""]])
    with qtbot.waitSignal(tab.status_message, timeout=WAIT) as refused:
        tab.import_bank_return_from(bad)
    assert "未导入任何结果" in refused.args[0] and "第7行" in refused.args[0]
    assert tab.refused.text() == refused.args[0]
    with county_db.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(PaymentResult)).scalar_one() == 0

    rows[0][3:] = ["失败", "账户已销户"]
    good = bank_file(tmp_path / "bank.xlsx", rows)
    reports: list[Any] = []
    tab.bank_imported.connect(reports.append)
    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        monkeypatch.setattr(tab, "choose_open_path", lambda: good)
        tab.bank_button.click()
    assert [(r.paid, r.failed) for r in reports] == [(3, 1)]
    assert (tab.view.paid_count, tab.view.failed_count) == (3, 1)
    assert tab.bank_label.text() == tab.texts.bank(tab.view) and not tab.refused.isVisible()
    first = next(i for i, r in enumerate(tab.line_rows()) if r.seq == paid[0].seq)
    index = tab.lines_model.index(first, LineColumn.BANK)
    assert tab.lines_model.data(index) == bank_result_text("failed") != ""

    # 核销: a note is required; then the finding is cleared with it
    with qtbot.waitSignal(tab.status_message, timeout=WAIT) as refused:
        tab.clear_flag(tab.view.flags[0].id, "  ")
    assert "核实情况" in refused.args[0]
    tab.flags_table.selectRow(0)
    assert tab.clear_button.isEnabled()
    monkeypatch.setattr(tab, "ask_note", lambda _flag: "两户为母女，共用一张卡，已有书面协议备案")
    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.clear_button.click()
    flag = tab.view.flags[0]
    assert (flag.status, flag.note, flag.resolved_by) == (
        "cleared",
        "两户为母女，共用一张卡，已有书面协议备案",
        "countyhead",
    )
    assert tab.view.open_flags == 0 and not tab.clear_button.isEnabled()


def test_county_staff_may_prepare_but_not_approve(qtbot: QtBot, county_db: Database) -> None:
    _page, tab = open_page(qtbot, county_db, signed_in(county_db, "county"))
    reason = tab.texts.approve_refusal("", False)
    assert reason and not tab.approve_button.isEnabled() and tab.approve_button.toolTip() == reason
    assert tab.approve_reason.isVisible() and tab.approve_reason.text() == reason
    assert tab.prepare_button.isEnabled()
    prepare_text = tab.prepare_button.text()  # 生成 (no run yet), not 重新生成
    with qtbot.waitSignal(tab.status_message, timeout=WAIT) as refused:  # the service refuses too
        tab.approve()
    assert "无权审批发放名册" in refused.args[0] and tab.refused.text() == refused.args[0]
    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.prepare()
    assert tab.view is not None and tab.view.status == "draft"
    assert tab.approve_button.toolTip() == reason and not tab.approve_button.isEnabled()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.set_month("2026-12")
    assert (tab.view.month, tab.view.status, tab.lines_model.rowCount()) == ("2026-12", "", 0)
    assert tab.flags_hint.is_shown() and "没有疑点" in tab.flags_hint.text  # not a blank grid
    assert not tab.export_xlsx_button.isEnabled() and tab.prepare_button.text() == prepare_text
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.month_edit.setDate(QDate(2026, 11, 1))
    assert tab.view.month == MONTH and tab.view.status == "draft"
    assert tab.prepare_button.text() != prepare_text


def test_cancelling_the_progress_dialog_writes_no_roster(
    qtbot: QtBot, county_db: Database, tmp_path: Path
) -> None:
    _page, tab = open_page(qtbot, county_db, signed_in(county_db, "county"))
    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.prepare()
    release = threading.Event()
    blocker = tasks.run(lambda _p, _c: release.wait(WAIT / 1000))  # holds the one database thread
    exported: list[Any] = []
    tab.exported.connect(exported.append)
    out = tmp_path / "roster.xlsx"
    tab.export_roster_to(out)
    assert not tab.export_xlsx_button.isEnabled()
    dialog = tab.findChildren(TaskProgressDialog)[-1]  # the newest: an earlier one may await deletion
    dialog.canceled.emit()
    release.set()
    qtbot.waitUntil(lambda: blocker.is_finished and tab.export_xlsx_button.isEnabled(), timeout=WAIT)
    assert tasks.wait_all()
    assert exported == [] and not out.exists() and list(tmp_path.glob("*.xlsx")) == []


def test_the_monthly_report_is_previewed_and_saved(
    qtbot: QtBot, county_db: Database, tmp_path: Path, qtmodeltester: Any
) -> None:
    page = ReportsPage(Workspace(county_db, signed_in(county_db, "county")))
    qtbot.addWidget(page)
    stats = page.stats_tab
    assert stats is not None and stats.month() == MONTH
    with county_db.uow("t") as uow:
        report = monthly(uow, HEAD, MONTH)
    with qtbot.waitSignal(stats.previewed, timeout=WAIT):
        stats.show_button.click()
    rows = stats.month_model.rows()
    assert [r.category for r in rows] == [*(r.category for r in report.rows), "合计"]
    assert (rows[-1].households, rows[-1].total_fen) == (report.total.households, report.total.total_fen)
    assert report.source_label in stats.source_label.text()
    qtmodeltester.check(stats.month_model)
    # 临时救助 beside the monthly figures: a township a row and the total, or a line saying there is none
    linshi = stats.linshi_model.rows()
    assert [r.township for r in linshi] == (
        [*(r.township for r in report.linshi), "合计"] if report.linshi else []
    )
    assert sum(r.total_fen for r in linshi[:-1]) == (linshi[-1].total_fen if linshi else 0)
    assert stats.linshi_hint.is_shown() == (not report.linshi) and stats.linshi_table.isVisibleTo(stats)
    qtmodeltester.check(stats.linshi_model)
    out = tmp_path / "月报.xlsx"
    with qtbot.waitSignal(stats.saved, timeout=WAIT) as saved:
        stats.save_to(out)
    assert saved.args[0].total_fen == report.total.total_fen and out.is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".xlsx")) == ["月报.xlsx"]
    assert not stats.pdf_button.isHidden()  # the PDF builders are installed
    with qtbot.waitSignal(stats.saved, timeout=WAIT):
        stats.save_to(tmp_path / "月报.pdf", pdf=True)
    assert (tmp_path / "月报.pdf").read_bytes().startswith(b"%PDF")

    stats.kind_combo.setCurrentIndex(1)
    assert stats.table.model() is stats.year_model and stats.year_spin.value() == 2026
    assert not stats.linshi_table.isVisibleTo(stats)  # the year summary lists it among its figures
    with qtbot.waitSignal(stats.previewed, timeout=WAIT) as previewed:
        stats.preview()
    assert previewed.args[0].year == 2026 and stats.year_model.rowCount() == 10
    with qtbot.waitSignal(stats.saved, timeout=WAIT):
        stats.save_to(tmp_path / "年度汇总.pdf", pdf=True)
    assert (tmp_path / "年度汇总.pdf").read_bytes().startswith(b"%PDF")
    qtmodeltester.check(stats.year_model)


def test_the_pdf_button_is_hidden_without_the_pdf_builders(
    qtbot: QtBot, county_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = signed_in(county_db, "county")
    monkeypatch.setattr(files, "report_pdf_available", lambda: False)
    without = ReportStatsTab(Workspace(county_db, user))
    qtbot.addWidget(without)
    monkeypatch.setattr(files, "report_pdf_available", lambda: True)
    with_pdf = ReportStatsTab(Workspace(county_db, user))
    qtbot.addWidget(with_pdf)
    assert without.pdf_button.isHidden() and not with_pdf.pdf_button.isHidden()


def test_a_station_sees_its_villages_and_saves_them(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, tmp_path: Path, qtmodeltester: Any
) -> None:
    page = ReportsPage(Workspace(gui_db, clerk))
    qtbot.addWidget(page)
    assert page.payment_tab is None and page.stats_tab is None and page.tabs.count() == 1
    tab = page.township_tab
    assert tab is not None
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        page.show()
    got = {(r.village_code, r.category): (r.households, r.persons, r.monthly_fen) for r in tab.model.rows()}
    assert got == direct_count(gui_db, "430623101") and got
    assert f"{sum(v[0] for v in got.values()):,}" in tab.total_label.text()
    qtmodeltester.check(tab.model)
    out = tmp_path / "本乡镇统计.xlsx"
    with qtbot.waitSignal(tab.exported, timeout=WAIT):
        tab.export_to(out)
    assert tab.stats is not None
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.max_row == 3 + len(got) + len(tab.stats.by_category()) + 1
    with gui_db.uow("t") as uow:
        exports = uow.session.execute(
            select(AuditEvent.actor, AuditEvent.new_values).where(AuditEvent.action == "export")
        ).all()
    assert [(actor, json.loads(values)["households"]) for actor, values in exports] == [
        ("clerk", tab.stats.households)
    ]


def test_a_run_prepared_elsewhere_shows_on_the_open_tab(qtbot: QtBot, county_db: Database) -> None:
    _page, tab = open_page(qtbot, county_db, signed_in(county_db, "county"))
    assert tab.view is not None and tab.view.status == ""
    other = PaymentRunTab(tab.ws)  # another window's tab (never shown) prepares the run
    qtbot.addWidget(other)
    other.set_month(MONTH)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        other.prepare()
    assert tab.view.status == "draft" and tab.view.households > 0
    assert tab.lines_model.rowCount() > 0


def test_the_payment_lines_are_exported_as_shown(qtbot: QtBot, county_db: Database, tmp_path: Path) -> None:
    _page, tab = open_page(qtbot, county_db, signed_in(county_db, "county"))
    with qtbot.waitSignals([tab.loaded, tab.status_message], timeout=WAIT):
        tab.prepare()
    assert tab.lines_model.total > tab.lines_model.rowCount() or tab.lines_model.total > 0
    out = tmp_path / "发放明细.xlsx"
    with qtbot.waitSignal(tab.list_actions.exported, timeout=WAIT) as done:
        tab.list_actions.export_to(out)
    wb = load_workbook(out, read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    assert tab.month() in rows[1][0] and done.args == [tab.lines_model.total] == [len(rows) - 3]
    first = tuple(tab.lines_model.index(0, c).data() for c in tab.list_actions.visible_columns())
    written = [v or "" for v in rows[3]]
    assert written + [""] * (len(first) - len(written)) == [v or "" for v in first]
