"""导入台账 in the app: guess → edited mapping → dry run → import; remembered mapping; all-or-nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.codes import Role
from app.models.audit import AuditEvent
from app.models.db import Database
from app.models.household import Household, Person
from app.services.context import Actor
from app.spreadsheets.model import Problem, Severity
from app.spreadsheets.report import ImportReport
from app.views import tasks
from app.views.households.registry_page import RegistryPage
from app.views.intake.ledger_models import ChangesModel, ProblemsModel
from app.views.intake.ledger_wizard import LedgerImportWizard, PageId
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.spreadsheets.ledgers import CLERK, SUN, WANG, add_villages, dump, messy_ledger
from tests.spreadsheets.test_update import later_ledger

CLERK_IN = SignedIn(CLERK, "三封寺镇", "station")
CADRE_IN = SignedIn(Actor("cadre", "李春生", Role.VILLAGE_CADRE, "430623101201"), "三封寺镇", "station")
# A head whose ID number Excel stored as a number and so lost its last digits: an error row.
LOST = [4, "西湖村", "孙八", "户主", 4.30623199006151e17, "男", 1990.06, 1, 300, "农村低保"]


@pytest.fixture
def ledger_db(station: Database) -> Iterator[Database]:
    """The bare station with its villages; queued work is drained before the database is closed."""
    add_villages(station)
    yield station
    assert tasks.wait_all(), "background work did not finish"


def errors_book_audits(db: Database) -> list[AuditEvent]:
    with db.uow("test") as uow:
        events = uow.session.execute(select(AuditEvent).where(AuditEvent.action == "export")).scalars()
        return [e for e in events if "台账问题清单" in e.new_values]


def households(db: Database) -> int:
    with db.uow("test") as uow:
        return int(uow.session.execute(select(func.count()).select_from(Household)).scalar_one())


def open_on(qtbot: QtBot, db: Database, path: Path, who: SignedIn = CLERK_IN) -> LedgerImportWizard:
    """The wizard with ``path`` chosen and guessed, standing on the mapping page."""
    wizard = LedgerImportWizard(Workspace(db, who))
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(LedgerImportWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(wizard.guessed_ready):
        wizard.file_page.set_path(path)
    assert wizard.button(LedgerImportWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == PageId.MAPPING
    return wizard


def preview(qtbot: QtBot, wizard: LedgerImportWizard) -> ImportReport:
    with qtbot.waitSignal(wizard.previewed) as blocker:
        wizard.next()
    assert wizard.currentId() == PageId.PREVIEW
    report: ImportReport = blocker.args[0]
    return report


def do_import(qtbot: QtBot, wizard: LedgerImportWizard) -> ImportReport:
    with qtbot.waitSignal(wizard.imported) as blocker:
        wizard.next()
    assert wizard.currentId() == PageId.RESULT
    report: ImportReport = blocker.args[0]
    return report


def test_a_messy_ledger_goes_through_mapping_preview_and_import(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    path = messy_ledger(tmp_path / "花名册.xlsx", extra=[LOST])
    wizard = open_on(qtbot, ledger_db, path)
    page = wizard.mapping_page
    guessed = page.mapping()
    assert guessed["id_number"] == "家庭成员/公民身份号码" and guessed["village"] == "村(居)"
    assert guessed["notes"] == "备注" and guessed["phone"] == ""
    assert page.preview.rowCount() > 5 and page.preview.item(0, 2).text() == "张 三"
    page.choose("notes", "")  # the clerk decides the 备注 column is not for the file

    report = preview(qtbot, wizard)
    assert (report.dry_run, report.written) == (True, False)
    assert (report.created, report.updated, report.unchanged, report.refused) == (3, 0, 0, 1)
    problems = wizard.preview_page.problems
    [error] = problems.errors()
    assert (error.sheet, error.row, error.column) == ("花名册", 16, "E（家庭成员/公民身份号码）")
    row = problems.rows().index(error)
    assert problems.index(row, ProblemsModel.ROW).data() == "16"
    assert "无法还原" in problems.index(row, ProblemsModel.REASON).data()
    assert "3" in wizard.preview_page.counts.text()
    assert households(ledger_db) == 0  # a dry run writes nothing

    wizard.preview_page.accept_partial_check.setChecked(True)
    report = do_import(qtbot, wizard)
    assert report.written and (report.created, report.refused, report.persons_added) == (3, 1, 6)
    assert households(ledger_db) == 3
    with ledger_db.uow("test") as uow:
        wang = uow.session.execute(select(Person).where(Person.id_number == WANG)).scalar_one()
        household = uow.session.get(Household, wang.household_id)
        assert household is not None and not household.notes  # the unmapped column stayed out
    assert wizard.result_page.save_errors_button.isEnabled()
    out = tmp_path / "问题.xlsx"
    with qtbot.waitSignal(wizard.errors_saved):
        wizard.result_page.save_errors(out)
    book = load_workbook(out)
    assert "问题-花名册" in book.sheetnames
    assert any(r[1] == 16 for r in book["问题-花名册"].iter_rows(values_only=True))
    assert not any("--" in str(r[0]) for r in book["汇总"].iter_rows(values_only=True))
    [audit] = errors_book_audits(ledger_db)  # who wrote ID numbers to a file, when, how many, where
    assert audit.actor == CLERK.username and audit.at is not None
    assert json.loads(audit.new_values)["households"] == report.problem_households >= 1
    assert json.loads(audit.new_values)["folder"] == str(tmp_path.resolve())
    assert "--" not in wizard.result_page.summary.text() + wizard.preview_page.summary.text()

    # The mapping is remembered: the next ledger opens with the clerk's choice, not the guess.
    again = open_on(qtbot, ledger_db, path)
    assert again.mapping_page.mapping() == page.mapping()
    assert again.mapping_page.mapping()["notes"] == ""

    # A later ledger, with other column titles: the guess fills what the remembered mapping lacks.
    later = open_on(qtbot, ledger_db, later_ledger(tmp_path / "2025.xlsx"))
    assert later.mapping_page.mapping()["id_number"] == "身份证号"
    report = preview(qtbot, later)
    assert report.updated >= 1 and report.errors == []
    assert later.preview_page.changes.rowCount() == len(report.changes) > 0
    assert any("350" in line for line in later.preview_page.changes.rows())

    # And the registry goes back out as a ledger, off the GUI thread, from the registry page.
    registry = RegistryPage(Workspace(ledger_db, CLERK_IN))
    qtbot.addWidget(registry)
    with qtbot.waitSignal(registry.ledger_exported) as exported:
        registry.export_ledger(tmp_path / "out.xlsx")
    [result] = exported.args
    assert (result.households, result.persons) == (3, 6) and result.path.exists()


def test_a_ledger_with_errors_without_accept_partial_imports_nothing(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    path = messy_ledger(tmp_path / "l.xlsx", extra=[LOST])
    before = dump(ledger_db)
    wizard = open_on(qtbot, ledger_db, path)
    assert len(preview(qtbot, wizard).errors) == 1
    assert not wizard.preview_page.accept_partial_check.isChecked()
    report = do_import(qtbot, wizard)
    assert not report.written and report.created == 3 and len(report.errors) == 1
    assert wizard.result_page.problems.rowCount() >= 1
    assert dump(ledger_db) == before  # not a household, not even the remembered mapping


def test_a_stopped_import_writes_nothing_and_says_so(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    wizard = open_on(qtbot, ledger_db, messy_ledger(tmp_path / "l.xlsx"))
    assert preview(qtbot, wizard).errors == []
    gate = threading.Event()
    tasks.run(lambda progress, cancel: gate.wait(10))  # hold the database thread
    wizard.next()
    assert wizard.result_page.progress.isVisible()
    assert not wizard.button(LedgerImportWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(wizard.failed) as blocker:
        wizard.result_page.progress.stop_button.click()
        gate.set()
    assert "已取消" in blocker.args[0] and "已取消" in wizard.result_page.refused.text()
    assert households(ledger_db) == 0
    assert wizard.button(LedgerImportWizard.WizardButton.FinishButton).isEnabled()


def test_a_village_cadre_is_shown_why_they_may_not_import(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    wizard = open_on(qtbot, ledger_db, messy_ledger(tmp_path / "l.xlsx"), CADRE_IN)
    with qtbot.waitSignal(wizard.failed) as blocker:
        wizard.next()
    assert "无权导入台账" in blocker.args[0]
    assert "无权导入台账" in wizard.preview_page.refused.text() and wizard.preview_page.refused.isVisible()
    assert not wizard.button(LedgerImportWizard.WizardButton.NextButton).isEnabled()
    assert households(ledger_db) == 0
    registry = RegistryPage(Workspace(ledger_db, CADRE_IN))
    qtbot.addWidget(registry)
    with qtbot.waitSignal(registry.status_message) as refused:
        registry.export_ledger(tmp_path / "out.xlsx")
    assert "无权导出台账" in refused.args[0] and not (tmp_path / "out.xlsx").exists()


def test_ticking_create_villages_checks_again_and_creates_the_village(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    new_village = [4, "南岭村", "孙八", "户主", SUN, "男", 1990.06, 1, 300, "农村低保"]
    wizard = open_on(qtbot, ledger_db, messy_ledger(tmp_path / "l.xlsx", extra=[new_village]))
    [error] = preview(qtbot, wizard).errors
    assert "南岭村" in error.reason and error.row == 16
    with qtbot.waitSignal(wizard.previewed) as blocker:
        wizard.preview_page.create_villages_check.setChecked(True)
    report: ImportReport = blocker.args[0]
    assert report.errors == [] and report.created == 4 and len(report.villages_created) == 1
    assert wizard.preview_page.problems.errors() == []
    assert do_import(qtbot, wizard).written and households(ledger_db) == 4


def test_an_unreadable_file_is_refused_on_the_file_page(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("这不是Excel文件", encoding="utf-8")
    wizard = LedgerImportWizard(Workspace(ledger_db, CLERK_IN))
    qtbot.addWidget(wizard)
    wizard.show()
    with qtbot.waitSignal(wizard.failed):
        wizard.file_page.set_path(text)
    assert "不是Excel工作簿" in wizard.file_page.refused.text()
    assert not wizard.button(LedgerImportWizard.WizardButton.NextButton).isEnabled()


def test_the_problem_and_change_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    problems = ProblemsModel()
    qtmodeltester.check(problems)
    problems.set_rows(
        [
            Problem("花名册", 16, "E（身份证号）", "身份证号已被Excel截断"),
            Problem("花名册", 7, "", "年龄与关系不符", Severity.WARNING),
            Problem("说明", 0, "", "找不到表头", Severity.INFO),
        ]
    )
    qtmodeltester.check(problems, force_py=True)
    assert problems.rowCount() == 3 and len(problems.errors()) == 1
    changes = ChangesModel()
    changes.set_rows(["新建：张三户", "更新：王五户 月保障金 320→350"])
    qtmodeltester.check(changes, force_py=True)
    assert changes.index(1, 0).data().startswith("更新")


def test_the_registry_on_screen_shows_an_imported_ledger_at_once(
    qtbot: QtBot, ledger_db: Database, tmp_path: Path
) -> None:
    registry = RegistryPage(Workspace(ledger_db, CLERK_IN))
    qtbot.addWidget(registry)
    with qtbot.waitSignal(registry.loaded):
        registry.show()
    assert registry.model.total == 0
    wizard = open_on(qtbot, ledger_db, messy_ledger(tmp_path / "l.xlsx"))
    assert preview(qtbot, wizard).errors == []
    with qtbot.waitSignal(registry.loaded):  # the import announces the tables it wrote
        assert do_import(qtbot, wizard).written
    assert registry.model.total == 3
