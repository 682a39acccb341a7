"""信息比对 at the county: a death list flags a beneficiary; the flag is cleared with a note or acted on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.demo.run import DEMO_PASSWORD
from app.domain.codes import Role
from app.models.audit import verify_chain
from app.models.case import BenefitMember, Decision, Review
from app.models.db import Database
from app.models.matching import MatchFlag, MatchList
from app.services.context import Actor
from app.services.matching.lists import Candidate, MatchImport, candidates
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.matching.flags_model import Column
from app.views.matching.page import MatchingPage
from app.views.signed_in import SignedIn
from app.views.task_progress import TaskProgressDialog
from app.views.workspace import Workspace
from tests.county.conftest import county_demo_template, demo_county, demo_county_paths  # noqa: F401
from tests.gui.helpers import type_with_input_method

OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture
def county_db(demo_county: Database) -> Iterator[Database]:  # noqa: F811
    """The county demo; queued work is drained before the database is closed."""
    yield demo_county
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


@pytest.fixture
def staff(county_db: Database) -> SignedIn:
    return sign_in(county_db, "county", DEMO_PASSWORD)


def beneficiaries(db: Database) -> list[Candidate]:
    """Covered persons of households being paid, in a fixed order."""
    with db.uow("test") as uow:
        found = candidates(uow.session)
    return sorted(
        (c for cs in found.values() for c in cs if c.covered), key=lambda c: (c.case_number, c.name)
    )


def id_number_of(db: Database, person_id: str) -> str:
    from app.models.household import Person

    with db.uow("test") as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        return person.id_number


def village_of(db: Database, household_id: str) -> str:
    from app.models.household import Household

    with db.uow("test") as uow:
        household = uow.session.get(Household, household_id)
        assert household is not None
        return household.village_code


def death_list(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["姓名,身份证号,死亡日期", *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_page(qtbot: QtBot, db: Database, who: SignedIn) -> MatchingPage:
    page = MatchingPage(Workspace(db, who))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def import_deaths(qtbot: QtBot, page: MatchingPage, path: Path) -> MatchImport:
    with qtbot.waitSignal(page.imported) as done, qtbot.waitSignal(page.loaded):
        page.import_list("death", path, "县殡仪馆")
    result: MatchImport = done.args[0]
    return result


def flagged_page(
    qtbot: QtBot, db: Database, who: SignedIn, tmp_path: Path, died: str
) -> tuple[MatchingPage, Candidate]:
    person = beneficiaries(db)[0]
    path = death_list(tmp_path / "deaths.csv", [(person.name, id_number_of(db, person.person_id), died)])
    page = open_page(qtbot, db, who)
    result = import_deaths(qtbot, page, path)
    assert (result.rows, result.unreadable, result.matched, result.new_flags) == (1, 0, 1, 1)
    assert page.select_flag(page.model.line_at(0).id)
    return page, person


def test_a_death_list_flags_the_beneficiary(
    qtbot: QtBot, qtmodeltester: ModelTester, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    page, person = flagged_page(qtbot, county_db, staff, tmp_path, "2026-10-05")
    number = id_number_of(county_db, person.person_id)
    assert page.model.rowCount() == 1
    line = page.model.line_at(0)
    assert line.person_name == person.name and line.covered and line.case_id == person.case_id
    assert "已死亡" in line.reason and "2026年10月5日" in line.reason and "次月起停发" in line.reason
    masked = page.model.index(0, Column.ID_NUMBER).data()
    assert masked == "*" * 14 + number[-4:] and number not in page.detail.toPlainText()
    assert page.model.index(0, Column.PERSON).data() == person.name
    assert person.name in page.detail.toPlainText() and "县殡仪馆" in page.detail.toPlainText()
    qtmodeltester.check(page.model)
    page.table.sortByColumn(Column.PERSON, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model)
    with qtbot.waitSignal(page.loaded):
        page.kind_combo.setCurrentIndex(page.kind_combo.findData("vehicle"))
    assert page.model.rowCount() == 0 and not page.clear_button.isEnabled()
    with qtbot.waitSignal(page.loaded):
        page.kind_combo.setCurrentIndex(page.kind_combo.findData("death"))
    assert page.model.rowCount() == 1


def test_enter_opens_the_detail_and_shortcuts_clear_and_act(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    page, _person = flagged_page(qtbot, county_db, staff, tmp_path, "2026-10-05")
    assert page.clear_button.shortcut() == QKeySequence("Ctrl+D")
    assert page.act_button.shortcut() == QKeySequence("Ctrl+E")
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(page.detail.hasFocus)
    qtbot.keyClick(page.detail, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.clear_dialog is not None and page.clear_dialog.isVisible())
    assert page.clear_dialog is not None
    page.clear_dialog.reject()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.act_dialog is not None and page.act_dialog.ok_button.isEnabled())
    assert page.act_dialog is not None
    page.act_dialog.reject()
    with qtbot.waitSignal(page.open_case) as opened:
        page.case_button.click()
    assert opened.args == [page.model.line_at(0).case_id]


def test_clearing_a_flag_records_the_note(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    page, _person = flagged_page(qtbot, county_db, staff, tmp_path, "2026-10-05")
    flag_id = page.model.line_at(0).id
    page.clear_button.click()
    dialog = page.clear_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.ok_button.isEnabled()
    type_with_input_method(dialog.note_edit, "经核实不影响保障", preedit="jingheshi")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignals([page.flag_cleared, page.loaded]):
        dialog.ok_button.click()
    assert page.model.rowCount() == 0
    with county_db.uow("test") as uow:
        flag = uow.session.get(MatchFlag, flag_id)
        assert flag is not None
        assert (flag.status, flag.note, flag.resolved_by) == ("cleared", "经核实不影响保障", "county")


def test_acting_on_a_death_stops_the_share(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    page, person = flagged_page(qtbot, county_db, staff, tmp_path, "")  # the list gives no date
    flag_id = page.model.line_at(0).id
    page.act_button.click()
    dialog = page.act_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "死亡日期" in dialog.refused.text())
    assert not dialog.ok_button.isEnabled()
    dialog.death_edit.set_value(date(2026, 10, 5))
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    effects = dialog.effects.text()
    assert "2026年11月" in effects and ("停发" in effects or "减发" in effects) and "2027年1月5日" in effects

    def covered() -> set[str]:
        with county_db.uow("test") as uow:
            rows = uow.session.execute(
                select(BenefitMember.person_id).where(BenefitMember.benefit_id == person.benefit_id)
            )
            return set(rows.scalars())

    assert person.person_id in covered()  # the preview wrote nothing
    with qtbot.waitSignals([page.flag_acted, page.loaded]):
        dialog.ok_button.click()
    assert page.model.rowCount() == 0 and "2026年11月" in page.result.text()
    assert person.person_id not in covered()
    with county_db.uow("test") as uow:
        s = uow.session
        flag = s.get(MatchFlag, flag_id)
        assert flag is not None and flag.status == "acted" and flag.event_date == date(2026, 10, 5)
        decision = s.get(Decision, flag.decision_id)
        assert (
            decision is not None and decision.start_month == "2026-11" and decision.kind in ("stop", "adjust")
        )
        assert verify_chain(s.connection()) == []  # the dry run left no trace in the audit chain
        review = s.get(Review, flag.review_id) if flag.review_id else None
        assert decision.kind == "stop" or (review is not None and review.due_on == date(2027, 1, 5))


def test_a_bad_list_is_refused_and_writes_nothing(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("身份证号\n4306231950\n123\n", encoding="utf-8")
    page = open_page(qtbot, county_db, staff)
    with qtbot.waitSignal(page.status_message) as refused:
        handle = page.import_list("death", bad)
    message = refused.args[0]
    assert "没有一个可识别" in message and "第2行" in message
    assert page.refused.isVisibleTo(page) and "没有一个可识别" in page.refused.text()
    qtbot.waitUntil(lambda: handle.is_finished)
    assert not any(dialog.isVisible() for dialog in page.findChildren(TaskProgressDialog))
    with county_db.uow("test") as uow:
        for table in (MatchList, MatchFlag):
            assert uow.session.execute(select(func.count()).select_from(table)).scalar_one() == 0


def test_a_role_that_may_not_act_reads_only(qtbot: QtBot, county_db: Database) -> None:
    cadre = SignedIn(Actor("cadre", "王村干", Role.VILLAGE_CADRE, "430623101201"), "华容县", "county")
    page = open_page(qtbot, county_db, cadre)
    assert page.notice.isVisibleTo(page) and Role.VILLAGE_CADRE.label in page.notice.text()
    assert not page.may_act and not page.import_button.isEnabled()
    with qtbot.waitSignal(page.status_message) as refused:
        page.choose_list()
    assert refused.args[0] == page.read_only_reason == page.refused.text()


def test_the_list_is_chosen_in_a_dialog(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    person = beneficiaries(county_db)[0]
    number = id_number_of(county_db, person.person_id)
    path = tmp_path / "vehicles.csv"
    path.write_text(f"号牌,身份证号\n湘F12345,{number}\n", encoding="utf-8")
    page = open_page(qtbot, county_db, staff)
    page.import_button.click()
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.buttons.button(OK).isEnabled()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("vehicle"))
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(page.imported) as done, qtbot.waitSignal(page.loaded):
        dialog.buttons.button(OK).click()
    result = done.args[0]
    assert (result.kind, result.rows, result.new_flags) == ("vehicle", 1, 1)
    line = page.model.line_at(0)
    assert line.kind == "vehicle" and line.person_name == person.name and "名下登记有机动车" in line.reason
    assert "1" in page.result.text()


def test_stop_writes_nothing(qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path) -> None:
    person = beneficiaries(county_db)[0]
    path = death_list(tmp_path / "deaths.csv", [(person.name, id_number_of(county_db, person.person_id), "")])
    page = open_page(qtbot, county_db, staff)
    gate = threading.Event()
    tasks.run(lambda _progress, _cancel: gate.wait(10))  # holds the one database thread
    imported: list[MatchImport] = []
    page.imported.connect(imported.append)
    with qtbot.waitSignal(page.status_message) as stopped:
        handle = page.import_list("death", path)
        dialog = page.findChildren(TaskProgressDialog)[-1]  # the newest: an earlier one may await deletion
        stop = dialog.findChild(QPushButton)
        assert stop is not None
        stop.click()
        gate.set()
    assert "nothing was written" in stopped.args[0] or "未写入" in stopped.args[0]
    assert handle.is_finished and imported == []
    with county_db.uow("test") as uow:
        assert uow.session.execute(select(func.count()).select_from(MatchList)).scalar_one() == 0


def test_a_flag_cleared_on_one_page_leaves_the_other_at_once(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    page, _person = flagged_page(qtbot, county_db, staff, tmp_path, "2026-10-05")
    other = open_page(qtbot, county_db, staff)  # a second window on the same queue
    assert other.model.rowCount() == 1
    with qtbot.waitSignal(other.loaded):  # no one told it: the write's changes did
        page.clear_flag(page.model.line_at(0).id, "经核实不影响保障")
    assert other.model.rowCount() == 0


def test_a_village_cadre_reads_only_the_flags_of_his_village(
    qtbot: QtBot, county_db: Database, staff: SignedIn, tmp_path: Path
) -> None:
    found = beneficiaries(county_db)
    first = found[0]
    home = village_of(county_db, first.household_id)
    second = next(c for c in found if village_of(county_db, c.household_id) != home)
    rows = [(c.name, id_number_of(county_db, c.person_id), "2026-10-05") for c in (first, second)]
    staff_page = open_page(qtbot, county_db, staff)
    import_deaths(qtbot, staff_page, death_list(tmp_path / "deaths.csv", rows))
    assert staff_page.model.rowCount() == 2
    cadre = SignedIn(Actor("cadre", "王村干", Role.VILLAGE_CADRE, home), "华容县", "county")
    page = open_page(qtbot, county_db, cadre)
    assert [(line.person_name, line.village_code) for line in page.model.lines()] == [(first.name, home)]
