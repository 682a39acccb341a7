"""The case workspace: a case taken to its 初审公示 step by step, and roles that may not act refused."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.domain.workflow import Action
from app.models.db import Database
from app.services.cases.workspace import APPRAISAL, INVESTIGATION
from app.views.cases.cases_page import CasesPage
from app.views.cases.step_dialogs import StepDialog
from app.views.cases.workspace import CaseWorkspace
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.gui.casework import new_case
from tests.gui.helpers import type_with_input_method


def open_workspace(qtbot: QtBot, db: Database, who: SignedIn, case_id: str) -> CaseWorkspace:
    ws = CaseWorkspace(Workspace(db, who))
    qtbot.addWidget(ws)
    ws.show()
    with qtbot.waitSignal(ws.loaded):
        ws.show_case(case_id)
    return ws


def click_step(ws: CaseWorkspace, key: str) -> StepDialog:
    button = ws.buttons[key]
    assert button.isVisible() and button.isEnabled(), button.toolTip()
    button.click()
    assert ws.dialog is not None and ws.dialog.key == key
    return ws.dialog


def save(qtbot: QtBot, ws: CaseWorkspace, dialog: StepDialog, *others: CaseWorkspace) -> None:
    """Save the step; the workspace (and every other one on screen) reloads on the change it announces."""
    with qtbot.waitSignals([dialog.step_taken, ws.loaded, *(other.loaded for other in others)]):
        dialog.ok_button.click()
    assert not dialog.isVisible()


def timeline_titles(ws: CaseWorkspace) -> list[str]:
    return [entry.title for entry in ws.timeline.rows()]


def test_a_case_is_taken_to_its_preliminary_notice(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, head: SignedIn
) -> None:
    case = new_case(gui_db, clerk)
    ws = open_workspace(qtbot, gui_db, clerk, case.case_id)
    assert "周德明户" in ws.title.text() and "申请" in ws.facts.text()
    assert "受理" in ws.due.text()  # no time limit yet: what may be done now
    assert not ws.buttons[Action.START_NOTICE].isEnabled()
    assert "不能执行" in ws.buttons[Action.START_NOTICE].toolTip()

    save(qtbot, ws, click_step(ws, Action.ACCEPT))
    assert "启动入户调查" in ws.due.text() and "还剩3个工作日" in ws.due.text()

    dialog = click_step(ws, INVESTIGATION)
    type_with_input_method(dialog.staff_edits[0], "邓娟", preedit="dengjuan")
    type_with_input_method(dialog.findings_edit, "实地查看住房，核实收入")
    assert dialog.eligible_combo.currentIndex() == -1  # the conclusion starts undecided
    dialog.ok_button.click()
    assert "请选择调查结论" in dialog.refused.text() and dialog.isVisible()
    dialog.eligible_combo.setCurrentIndex(dialog.eligible_combo.findData(True))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "2名以上" in dialog.refused.text())
    assert dialog.isVisible() and dialog.ok_button.isEnabled()  # refused: nothing typed is lost
    type_with_input_method(dialog.staff_edits[1], "谭晓军", preedit="tanxiaojun")
    save(qtbot, ws, dialog)
    assert timeline_titles(ws)[-2:] == ["开始调查", "入户调查"]

    opinion = ws.buttons[Action.RECORD_OPINION]
    assert not opinion.isEnabled() and "乡镇负责人" in opinion.toolTip()
    assert "乡镇负责人" in ws.blocked.text() and ws.blocked.isVisible()
    assert ws.start_step(Action.RECORD_OPINION) is None  # not even by a shortcut

    head_ws = open_workspace(qtbot, gui_db, head, case.case_id)
    dialog = click_step(head_ws, Action.RECORD_OPINION)
    assert any("王建华" in label.text() for label in dialog.findChildren(QLabel))  # the signer
    assert dialog.reason_edit is not None and dialog.reason_edit.toPlainText() == ""  # no opinion written
    dialog.ok_button.click()
    assert "请填写乡镇初审意见" in dialog.refused.text() and dialog.isVisible()
    type_with_input_method(dialog.reason_edit, "经入户调查符合条件，拟同意", preedit="jingruhu")
    save(qtbot, head_ws, dialog, ws)  # the clerk's workspace, on screen too, refreshes by itself
    assert "乡镇初审" in head_ws.facts.text() and "乡镇初审" in ws.facts.text()
    assert ws.buttons[Action.START_NOTICE].isEnabled()

    save(qtbot, ws, click_step(ws, Action.START_NOTICE))
    assert "初审公示" in ws.facts.text()
    assert "初审公示期满" in ws.due.text()
    assert timeline_titles(ws) == ["提交申请", "受理", "开始调查", "入户调查", "初审意见", "开始公示"]
    assert ws.buttons[Action.RECORD_OBJECTION].isEnabled()
    # S1 Art.19: the notice runs 7 days from today; it cannot be closed before, and the step says until when.
    close = ws.buttons[Action.CLOSE_NOTICE]
    assert not close.isEnabled() and "公示期至2026年11月26日（周四）止" in close.toolTip()
    assert "2026年11月26日" in ws.blocked.text()

    notice = ws.print_button.menu_.actions()[0]
    assert notice.text().endswith("初审公示")
    with qtbot.waitSignal(ws.print_button.printed, timeout=20_000) as printed:
        notice.trigger()  # built off the GUI thread, then previewed
    assert printed.args[0].pages >= 1 and "初审" in printed.args[0].title
    assert ws.print_button.preview is not None and ws.print_button.preview.isVisible()
    ws.print_button.preview.close()

    dialog = click_step(ws, Action.RECORD_OBJECTION)  # someone rings the office during the notice
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findText("来电"))
    type_with_input_method(dialog.reason_edit, "反映该户子女在外务工收入较高", preedit="fanying")
    save(qtbot, ws, dialog)
    assert "公示有异议" in ws.facts.text()
    assert ws.buttons[Action.REINVESTIGATE].isVisible() and ws.buttons[APPRAISAL].isEnabled()


def test_materials_are_asked_for_once_with_everything_missing(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn
) -> None:
    case = new_case(gui_db, clerk)
    ws = open_workspace(qtbot, gui_db, clerk, case.case_id)
    dialog = click_step(ws, Action.REQUEST_MATERIALS)
    dialog.ok_button.click()
    assert "请勾选" in dialog.refused.text()  # checked in the form before any service call
    dialog.material_checks[0].setChecked(True)
    dialog.material_checks[2].setChecked(True)
    type_with_input_method(dialog.other_materials, "租房合同")
    save(qtbot, ws, dialog)
    assert "待补正" in ws.facts.text()
    assert "一次性告知需补充：户口簿、收入证明、租房合同" in ws.timeline.rows()[-1].detail
    assert ws.buttons[Action.ACCEPT].isEnabled()


def test_an_appraisal_records_attendance_and_votes(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    case = new_case(gui_db, clerk, accept=True)
    ws = open_workspace(qtbot, gui_db, clerk, case.case_id)
    assert not ws.buttons[APPRAISAL].isEnabled()  # investigation first
    dialog = click_step(ws, INVESTIGATION)
    for edit, name in zip(dialog.staff_edits, ("邓娟", "谭晓军"), strict=False):
        type_with_input_method(edit, name)
    dialog.eligible_combo.setCurrentIndex(dialog.eligible_combo.findData(True))
    save(qtbot, ws, dialog)
    dialog = click_step(ws, APPRAISAL)
    for name, value in (("attendance", 9), ("representatives", 7), ("votes_for", 8), ("votes_against", 1)):
        dialog.spins[name].setValue(value)
    save(qtbot, ws, dialog)
    assert "民主评议" in ws.facts.text()
    assert "同意8票" in ws.timeline.rows()[-1].detail and "通过" in ws.timeline.rows()[-1].detail


def test_a_village_cadre_cannot_accept(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, cadre: SignedIn
) -> None:
    case = new_case(gui_db, clerk)
    ws = open_workspace(qtbot, gui_db, cadre, case.case_id)
    accept = ws.buttons[Action.ACCEPT]
    assert not accept.isEnabled()
    assert "村干部" in accept.toolTip() and "无权" in accept.toolTip()
    assert "受理" in ws.blocked.text()
    forms = [a for a in ws.print_button.menu_.actions() if not a.isSeparator()]
    assert forms and not any(a.isEnabled() for a in forms)  # forms show ID numbers: not for cadres
    page = CasesPage(Workspace(gui_db, cadre))
    qtbot.addWidget(page)
    assert not page.new_button.isEnabled() and "只能查阅和打印" in page.new_button.toolTip()
    assert page.new_application() is None
    QApplication.processEvents()


def test_a_case_outside_the_cadre_s_village_is_refused_on_the_page(
    qtbot: QtBot, gui_db: Database, cadre: SignedIn
) -> None:
    from sqlalchemy import select

    from app.models.case import Case
    from app.models.household import Household

    with gui_db.uow("test") as uow:
        elsewhere = uow.session.execute(
            select(Case.id)
            .join(Household, Household.id == Case.household_id)
            .where(Household.village_code != cadre.actor.area_code)
            .limit(1)
        ).scalar_one()
    ws = CaseWorkspace(Workspace(gui_db, cadre))
    qtbot.addWidget(ws)
    ws.show()
    with qtbot.waitSignal(ws.status_message) as refused:
        ws.show_case(elsewhere)
    assert "管辖范围" in refused.args[0] and ws.refused.isVisible()
    assert ws.snapshot is None and not ws.print_button.isEnabled()


def test_every_step_form_fits_a_1366_by_768_screen(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    from app.services.cases.workspace import PRIMARY, SECONDARY, StepOption
    from app.views.cases.county_visit_dialog import CountyVisitDialog

    ws = Workspace(gui_db, clerk)
    for key in PRIMARY + SECONDARY:
        option = StepOption(key, key, True, "", "《最低生活保障审核确认办法》第十九条", True, True)
        dialog = StepDialog(ws, "case", option, can_set_amount=True)
        qtbot.addWidget(dialog)
        size = dialog.sizeHint()
        assert size.width() <= 1366 and size.height() <= 700, (key, size)
    visit = CountyVisitDialog(ws, "case", "周德明")
    qtbot.addWidget(visit)
    assert visit.sizeHint().width() <= 1366 and visit.sizeHint().height() <= 700
