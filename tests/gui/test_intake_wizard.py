"""新申请: a new household taken through the wizard to a created case; a known person's household reused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.codes import IncomeKind
from app.domain.workflow import TERMINAL_STATES
from app.models.case import Case
from app.models.db import Database
from app.models.household import AssetItem, Household, Person
from app.views.intake.wizard import IntakeWizard, PageId
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.gui.casework import HEAD_ID, WIFE_ID, first_village, today
from tests.gui.helpers import type_with_input_method


def open_wizard(qtbot: QtBot, db: Database, who: SignedIn) -> IntakeWizard:
    wizard = IntakeWizard(Workspace(db, who))
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.basis_loaded):
        wizard.show()
    return wizard


def look_up(qtbot: QtBot, wizard: IntakeWizard, id_number: str) -> None:
    qtbot.keyClicks(wizard.lookup_page.id_edit, id_number)
    with qtbot.waitSignal(wizard.lookup_done):
        qtbot.keyClick(wizard.lookup_page.id_edit, Qt.Key.Key_Return)


def households(db: Database) -> int:
    with db.uow("test") as uow:
        return uow.session.execute(select(func.count()).select_from(Household)).scalar_one()


def test_a_new_household_is_taken_in_to_an_accepted_case(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn
) -> None:
    wizard = open_wizard(qtbot, gui_db, clerk)
    assert not wizard.button(IntakeWizard.WizardButton.NextButton).isEnabled()  # look up first
    look_up(qtbot, wizard, HEAD_ID.lower())
    assert "未在档" in wizard.lookup_page.result.text() and "男" in wizard.lookup_page.result.text()
    wizard.next()
    assert wizard.currentId() == PageId.APPLICATION
    assert wizard.application_page.program_combo.currentText() == "低保"
    type_with_input_method(wizard.application_page.reason_edit, "老伴患病，无劳动能力", preedit="laoban")
    wizard.next()

    page = wizard.household_page
    # The village starts undecided: the clerk chooses it, and cannot go on before.
    assert page.village_combo.currentIndex() == -1 and page.village_combo.count() > 1
    assert not page.isComplete() and not wizard.button(IntakeWizard.WizardButton.NextButton).isEnabled()
    assert "请选择" in page.village_hint.text() and page.village_hint.isVisible()
    village_name = first_village(gui_db)[1]
    page.village_combo.setCurrentIndex(page.village_combo.findText(village_name))
    assert page.isComplete() and not page.village_hint.isVisible()
    type_with_input_method(page.address_edit, "五组18号", preedit="wuzu")
    wizard.next()

    members = wizard.members_page
    assert members.id_edit.text() == HEAD_ID  # the applicant found to be new comes first
    assert members.sex_combo.currentText() == "男" and members.birth_edit.value().year == 1958
    type_with_input_method(members.name_edit, "周德明", preedit="zhoudeming")
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert members.model.rowCount() == 1 and members.relation_combo.currentText() == "妻"
    # The head's sex and birth date do not stay in the form for the next member.
    assert members.sex_combo.currentIndex() == 0 and members.birth_edit.value() == today()

    type_with_input_method(members.name_edit, "罗桂兰", preedit="luoguilan")
    qtbot.keyClicks(members.id_edit, WIFE_ID)
    assert members.sex_combo.currentText() == "女" and members.birth_edit.value().month == 7
    members.sex_combo.setCurrentIndex(members.sex_combo.findText("男"))
    assert "第17位表明为女" in members.flags.text()  # flagged as typed
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert members.model.rowCount() == 1 and "性别" in members.error.text()  # and refused
    members.sex_combo.setCurrentIndex(members.sex_combo.findText("女"))
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert members.model.rowCount() == 2
    wizard.next()

    means = wizard.means_page
    means.member_combo.setCurrentIndex(1)
    means.kind_combo.setCurrentIndex(means.kind_combo.findData(IncomeKind.FARMING.value))
    qtbot.keyClicks(means.amount_edit, "2400")
    qtbot.keyClick(means.amount_edit, Qt.Key.Key_Return)
    assert means.incomes.rowCount() == 1
    text = means.estimate.text()
    assert "共同生活家庭成员：<b>2</b>人" in text and "月人均收入：<b>100.00</b>元" in text
    assert "测算月保障金" in text
    type_with_input_method(means.asset_text_edit, "生猪2头")
    qtbot.keyClicks(means.asset_value_edit, "3000")
    qtbot.keyClick(means.asset_value_edit, Qt.Key.Key_Return)
    assert means.assets.rowCount() == 1
    wizard.next()

    confirm = wizard.confirm_page
    assert "周德明" in confirm.summary.text() and "测算月保障金" in confirm.estimate.text()
    with qtbot.waitSignal(wizard.failed):
        wizard.next()  # no consent yet: the service refuses
    assert "核对授权" in confirm.refused.text() and wizard.currentId() == PageId.CONFIRM
    assert "字段" not in confirm.refused.text()
    assert wizard.button(IntakeWizard.WizardButton.NextButton).text() == "保存并建档(&S)"
    confirm.consent_check.setChecked(True)
    with qtbot.waitSignal(wizard.created_case) as created:
        wizard.next()
    assert wizard.currentId() == PageId.DONE
    done = wizard.done_page.text.text()
    assert created.args[0].case_number in done and "启动入户调查" in done and "还剩3个工作日" in done

    with gui_db.uow("test") as uow:
        case = uow.session.get(Case, created.args[0].case_id)
        assert case is not None and case.state == "accepted" and case.consent_on == today()
        assert case.apply_reason == "老伴患病，无劳动能力"  # asked at intake, printed on the 申请书
        people = uow.session.execute(select(Person.name).where(Person.household_id == case.household_id))
        assert sorted(people.scalars()) == sorted(["周德明", "罗桂兰"])
        assets = uow.session.execute(
            select(AssetItem.value_fen).where(AssetItem.household_id == case.household_id)
        )
        assert list(assets.scalars()) == [300000]


def test_a_person_on_file_brings_their_household(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    with gui_db.uow("test") as uow:
        busy = select(Case.household_id).where(Case.state.not_in([s.value for s in TERMINAL_STATES]))
        quiet = select(Person).where(Person.household_id.not_in(busy))
        person = uow.session.execute(quiet.order_by(Person.id).limit(1)).scalar_one()  # may apply again
    before = households(gui_db)
    wizard = open_wizard(qtbot, gui_db, clerk)
    look_up(qtbot, wizard, person.id_number)
    assert "已在档" in wizard.lookup_page.result.text() and person.name in wizard.lookup_page.result.text()
    wizard.next()
    with qtbot.waitSignal(wizard.estimated):
        wizard.next()
    assert wizard.currentId() == PageId.CONFIRM  # household and members are not typed again
    assert "沿用" in wizard.confirm_page.summary.text()
    assert "月人均收入" in wizard.confirm_page.estimate.text()  # from the file as it stands
    wizard.back()
    app_page = wizard.application_page
    app_page.program_combo.setCurrentIndex(app_page.program_combo.findText("临时救助"))
    wizard.next()
    with qtbot.waitSignal(wizard.created_case) as created:
        wizard.next()
    assert created.args[0].household_id == person.household_id
    assert households(gui_db) == before


def test_an_invalid_id_number_is_explained(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    wizard = open_wizard(qtbot, gui_db, clerk)
    look_up(qtbot, wizard, HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1"))
    assert "校验位" in wizard.lookup_page.refused.text()
    assert not wizard.button(IntakeWizard.WizardButton.NextButton).isEnabled()


def test_the_intake_and_household_views_import_no_module_that_imports_them_back() -> None:
    """Pages share a draft instead of reaching up to their wizard, so their imports form no circle."""
    import ast
    from pathlib import Path

    app_dir = Path(__file__).resolve().parents[2] / "app"
    packages = ("app.views.intake", "app.views.households")
    modules = {
        ".".join(path.relative_to(app_dir.parent).with_suffix("").parts): path
        for package in packages
        for path in (app_dir.parent / package.replace(".", "/")).rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # TYPE_CHECKING and local too
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(graph[current])
        return False

    circles = sorted((a, b) for a, targets in graph.items() for b in targets if reaches(b, a))
    assert circles == []
    assert "app.views.intake.draft" in graph["app.views.intake.pages"]  # what the pages share
