"""Screenshots of the main screens on a demo installation (run under xvfb-run; see scripts/screenshots.sh)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.demo.run import DEMO_PASSWORD
from app.domain import idcard
from app.domain.codes import IncomeKind
from app.domain.workflow import CaseState
from app.models.db import Database
from app.paths import resolve
from app.services.cases.workspace import INVESTIGATION
from app.services.intake.household import find_person
from app.services.setup import auth
from app.services.setup.installation import current, open_unlocked
from app.views.app import create_application, install_translators
from app.views.login_dialog import LoginDialog
from app.views.main_window import MainWindow, Section
from app.views.opening import DatabaseHolder
from app.views.signed_in import SignedIn


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, out: Path, name: str, ms: int = 1200) -> None:
    settle(ms)
    widget.grab().save(str(out / f"{name}.png"))
    print(f"  {name}.png")


def casework(window: MainWindow, out: Path) -> None:
    """申请办理 with a case under investigation chosen (the 初审 opinion waits for the head), a form."""
    window.show_section(Section.CASES)
    settle(1500)
    page = window.cases
    for state, name in ((CaseState.INVESTIGATING, "cases"), (CaseState.ACCEPTED, "cases-accepted")):
        row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).state == state.value)
        page.table.selectRow(row)
        save(window, out, name)
    dialog = page.workspace.start_step(INVESTIGATION)
    if dialog is not None:
        dialog.staff_edits[0].setText("邓娟")
        dialog.staff_edits[1].setText("谭晓军")
        dialog.findings_edit.setPlainText("实地查看住房和生产生活情况，核实家庭成员、收入和财产")
        save(dialog, out, "case-investigation", 400)
        dialog.reject()


def household(window: MainWindow, out: Path) -> None:
    """A household's window: its members and all its cases, with 打开申请 / 打印 / 新申请."""
    window.show_section(Section.REGISTRY)
    settle(1200)
    page = window.registry
    page.state_combo.setCurrentIndex(page.state_combo.findData(CaseState.ACTIVE.value))
    settle(1500)
    page.open_household(page.model.row_at(0).household_id)
    settle(1500)
    if page.detail_dialog is not None:
        save(page.detail_dialog, out, "household", 600)
        page.detail_dialog.close()
    page.state_combo.setCurrentIndex(0)


def free_id(db: Database, born: date, sex_digit: int) -> str:
    """An ID number of someone born on ``born`` that no one in the demo has (the demo's numbers vary)."""
    with db.uow("screenshots") as uow:
        for seq in range(sex_digit, 1000, 10):
            number = idcard.make_id("430623", born, seq)
            if find_person(uow.session, number) is None:
                return number
    raise RuntimeError(f"no free ID number for {born}")


def intake(window: MainWindow, db: Database, out: Path) -> None:
    """新申请: the lookup of someone not on file, the members and the live estimate (nothing is saved)."""
    wizard = window.cases.new_application()
    assert wizard is not None
    settle(800)
    head_id = free_id(db, date(1958, 3, 14), 5)
    wizard.lookup_page.id_edit.setText(head_id)
    wizard.lookup_page.look_up()
    save(wizard, out, "intake-lookup")
    wizard.next()
    wizard.next()
    wizard.household_page.address_edit.setText("七组23号")
    wizard.next()
    members = wizard.members_page
    for name, number, relation in (
        ("周德明", head_id, "02"),
        ("罗桂兰", free_id(db, date(1961, 7, 2), 6), "12"),
        ("周小燕", free_id(db, date(2009, 9, 18), 2), "30"),
    ):
        members.name_edit.setText(name)
        members.id_edit.setText(number)
        members.relation_combo.setCurrentIndex(members.relation_combo.findData(relation))
        members.add_member()
    members.name_edit.setText("周建国")
    members.id_edit.setText(free_id(db, date(1986, 1, 9), 1))
    members.relation_combo.setCurrentIndex(members.relation_combo.findData("30"))
    save(wizard, out, "intake-members", 400)
    members.name_edit.clear()
    members.id_edit.clear()
    wizard.next()
    means = wizard.means_page
    for member, kind, yuan in ((1, IncomeKind.FARMING, "3600"), (2, IncomeKind.PENSION, "1800")):
        means.member_combo.setCurrentIndex(member)
        means.kind_combo.setCurrentIndex(means.kind_combo.findData(kind.value))
        means.amount_edit.setText(yuan)
        means.add_income()
    means.asset_text_edit.setText("自建砖房一栋，约90平方米")
    means.add_asset()
    save(wizard, out, "intake-means", 400)
    wizard.reject()


def reviews(window: MainWindow, out: Path) -> None:
    window.show_section(Section.DYNAMIC)
    settle(1500)
    window.reviews.table.selectRow(0)
    settle(600)
    window.reviews.form.finding_edit.setPlainText("入户核查：家庭成员无变化，子女在外务工有稳定收入")
    save(window, out, "reviews")


def notices(window: MainWindow, out: Path) -> None:
    """公示: the page, then the preview of a village's standing list."""
    window.show_section(Section.NOTICES)
    save(window, out, "notices", 1200)
    page = window.notices
    page.village_combo.setCurrentIndex(min(2, page.village_combo.count() - 1))
    page.build_button.click()
    settle(4000)
    if page.preview_dialog is not None:
        save(page.preview_dialog, out, "notice-preview", 1500)
        page.preview_dialog.close()


def main(data_dir: str, out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    install_translators(app)
    paths = resolve(data_dir)
    # As at a start: the sign-in drawn before the (encrypted) database is unlocked, the demo's accounts
    # named from its key slots, and the 忘记管理员密码 link
    login = LoginDialog(DatabaseHolder(paths=paths))
    login.show()
    save(login, out, "login", 1200)
    login.close()
    db = open_unlocked(paths, "clerk", DEMO_PASSWORD)
    with db.uow("screenshots") as uow:
        actor = auth.authenticate(uow.session, "clerk", DEMO_PASSWORD)
        inst = current(uow.session)
        uow.commit()
    assert inst is not None
    window = MainWindow(db, SignedIn(actor, inst.name, inst.kind), paths=paths)
    # The window sizes itself to the screen (1366×768, as on an office laptop): fit_to_screen.
    window.show()
    for section, name in ((Section.WORKBENCH, "workbench"), (Section.REGISTRY, "registry")):
        window.show_section(section)
        save(window, out, name, 1500)
    household(window, out)
    casework(window, out)
    intake(window, db, out)
    reviews(window, out)
    notices(window, out)
    window.close()
    db.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
