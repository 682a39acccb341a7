"""First run on an empty data folder: the setup wizard makes a county, a station, or joins the county."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from app.demo.run import DEMO_PASSWORD
from app.models.settings import Installation
from app.paths import DataPaths
from app.services.context import system_actor
from app.services.setup import installation
from app.services.setup.installation import initialise, open_database, open_unlocked
from app.services.setup.keyslots import KeySlots
from app.services.sync import stations
from app.sync import keys
from app.views import app as gui_app
from app.views import tasks
from app.views.login_dialog import LoginDialog, demo_users, sign_in
from app.views.setup.first_run import FirstRunWizard, PageId
from app.views.setup.recovery_dialogs import RecoveryKeyDialog

PASSWORD = "firstpass1"
PROVISION_SECRET = "provpass1"


def installed(paths: DataPaths) -> Installation | None:
    db = open_unlocked(paths, "admin", PASSWORD)  # the wizard makes an encrypted database
    try:
        with db.uow("test") as uow:
            return installation.current(uow.session)
    finally:
        db.dispose()


def admin_signs_in(paths: DataPaths) -> None:
    db = open_unlocked(paths, "admin", PASSWORD)
    try:
        assert sign_in(db, "admin", PASSWORD).actor.username == "admin"
    finally:
        db.dispose()


def open_wizard(qtbot: QtBot, paths: DataPaths, demo_households: int = 12) -> FirstRunWizard:
    wizard = FirstRunWizard(paths, demo_households=demo_households)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_admin(wizard: FirstRunWizard, password: str = PASSWORD, again: str = PASSWORD) -> None:
    assert wizard.currentId() == PageId.ADMIN
    QTest.keyClicks(wizard.admin_page.password_edit, password)
    QTest.keyClicks(wizard.admin_page.again_edit, again)


def finish(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    with qtbot.waitSignal(wizard.setup_done, timeout=60_000):
        click(wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.progress is None


def test_creates_a_county_master_with_demo_data(qtbot: QtBot, paths: DataPaths) -> None:
    wizard = open_wizard(qtbot, paths)
    wizard.kind_page.county_radio.setChecked(True)
    click(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.COUNTY
    QTest.keyClicks(wizard.county_page.county_edit, "430623")
    click(wizard, QWizard.WizardButton.NextButton)
    fill_admin(wizard)
    assert wizard.admin_page.demo_check.isEnabled()
    wizard.admin_page.demo_check.setChecked(True)
    finish(qtbot, wizard)

    inst = installed(paths)
    assert inst is not None
    assert (inst.kind, inst.code, inst.name, inst.county_code) == ("county", "430623", "华容县", "430623")
    admin_signs_in(paths)
    db = open_unlocked(paths, "clerk", DEMO_PASSWORD)  # the demo's accounts unlock it too
    try:
        assert demo_users(db) == ["clerk", "head", "cadre", "county", "countyhead"]
    finally:
        db.dispose()


def test_creates_a_standalone_station_for_a_listed_township(qtbot: QtBot, paths: DataPaths) -> None:
    wizard = open_wizard(qtbot, paths)
    wizard.kind_page.station_radio.setChecked(True)
    click(wizard, QWizard.WizardButton.NextButton)
    combo = wizard.station_page.township_combo
    assert combo.count() == 14  # the built-in townships of 华容县
    combo.setCurrentIndex(combo.findData("430623102"))
    click(wizard, QWizard.WizardButton.NextButton)
    fill_admin(wizard)
    finish(qtbot, wizard)

    inst = installed(paths)
    assert inst is not None
    assert (inst.kind, inst.code, inst.name) == ("station", "430623102", "治河渡镇")
    admin_signs_in(paths)
    assert wizard.created is not None and wizard.created.demo_report == []


def test_a_township_code_outside_the_county_is_refused_on_its_page(qtbot: QtBot, paths: DataPaths) -> None:
    wizard = open_wizard(qtbot, paths)
    wizard.kind_page.station_radio.setChecked(True)
    click(wizard, QWizard.WizardButton.NextButton)
    wizard.station_page.township_combo.setEditText("431000101")
    click(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.STATION
    assert "乡镇区划代码" in wizard.station_page.error_label.text()
    assert "不属于县 430623" in wizard.station_page.error_label.text()


def write_provisioning(tmp_path: Path, code: str) -> Path:
    county = DataPaths(tmp_path / "county")
    db = open_database(county, create=True)
    try:
        initialise(db, kind="county", code="430623", admin_password="countypass1")
        out = tmp_path / f"{code}.jiuzhu-provision"
        actor = system_actor("430623")
        with db.uow(actor.username) as uow:
            stations.add_station(
                uow, actor, county, code, out, lambda: PROVISION_SECRET, lambda: "countykey1"
            )
            uow.commit()
    finally:
        db.dispose()
    return out


def join_with(qtbot: QtBot, wizard: FirstRunWizard, file: Path, secret: str) -> None:
    assert wizard.kind_page.join_radio.isChecked()  # joining is what a township usually does
    click(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.JOIN
    QTest.keyClicks(wizard.join_page.file_edit, str(file))
    QTest.keyClicks(wizard.join_page.secret_edit, secret)
    click(wizard, QWizard.WizardButton.NextButton)
    fill_admin(wizard)
    assert not wizard.admin_page.demo_check.isEnabled()  # demo data would be sent up to the county


def test_joins_the_county_with_its_provisioning_file(qtbot: QtBot, tmp_path: Path, paths: DataPaths) -> None:
    file = write_provisioning(tmp_path, "430623103")
    wizard = open_wizard(qtbot, paths)
    join_with(qtbot, wizard, file, PROVISION_SECRET)
    finish(qtbot, wizard)

    inst = installed(paths)
    assert inst is not None
    assert (inst.kind, inst.code, inst.name) == ("station", "430623103", "北景港镇")
    assert wizard.created is not None and wizard.created.county_name == "华容县"
    assert keys.keystore_path(paths).read_bytes() == file.read_bytes()
    admin_signs_in(paths)


def test_a_wrong_passphrase_is_shown_on_the_file_page(qtbot: QtBot, tmp_path: Path, paths: DataPaths) -> None:
    file = write_provisioning(tmp_path, "430623101")
    wizard = open_wizard(qtbot, paths)
    join_with(qtbot, wizard, file, "wrong-passphrase")
    with qtbot.waitSignal(wizard.setup_failed, timeout=30_000) as failed:
        click(wizard, QWizard.WizardButton.FinishButton)
    assert "口令错误" in str(failed.args[0])
    assert wizard.currentId() == PageId.JOIN
    assert "配置文件口令" in wizard.join_page.error_label.text()
    assert not paths.root.exists()


def test_mismatched_passwords_are_refused(qtbot: QtBot, paths: DataPaths) -> None:
    wizard = open_wizard(qtbot, paths)
    wizard.kind_page.station_radio.setChecked(True)
    click(wizard, QWizard.WizardButton.NextButton)
    click(wizard, QWizard.WizardButton.NextButton)
    fill_admin(wizard, PASSWORD, PASSWORD + "x")
    click(wizard, QWizard.WizardButton.FinishButton)
    assert wizard.currentId() == PageId.ADMIN
    assert wizard.isVisible() and not wizard.busy
    assert wizard.admin_page.error_label.text() == "管理员密码：两次输入的密码不一致"
    assert wizard.admin_page.again_edit.text() == ""
    assert not paths.root.exists()


def test_a_failed_setup_leaves_the_folder_empty(qtbot: QtBot, tmp_path: Path, paths: DataPaths) -> None:
    # A provisioning file that opens and names its station, but lacks the sync sequences: the database
    # is already made when joining refuses it, so the setup has to take it away again.
    file = tmp_path / "incomplete.jiuzhu-provision"
    doc = {
        "format": 1,
        "kind": "jiuzhu-provision",
        "station": keys.KeyPair.generate("430623101").to_dict(),
        "station_name": "三封寺镇",
        "county": {"code": "430623", "name": "华容县"},
    }
    file.write_bytes(keys.seal(doc, PROVISION_SECRET))
    paths.root.mkdir()
    wizard = open_wizard(qtbot, paths)
    join_with(qtbot, wizard, file, PROVISION_SECRET)
    with qtbot.waitSignal(wizard.setup_failed, timeout=30_000) as failed:
        click(wizard, QWizard.WizardButton.FinishButton)
    assert "配置文件内容不完整" in str(failed.args[0])
    assert wizard.currentId() == PageId.JOIN
    assert list(paths.root.iterdir()) == []


@pytest.fixture
def login_shown(monkeypatch: pytest.MonkeyPatch, gc_kept_off: None) -> list[str]:
    """The user name a sign-in dialog opened with (the dialog itself answers Cancel at once: the session
    then ends, and ``run_gui`` returns)."""
    shown: list[str] = []

    def fake_show(self: LoginDialog) -> None:
        shown.append(self.username_edit.text())
        QTimer.singleShot(0, self.reject)

    monkeypatch.setattr(LoginDialog, "show", fake_show)
    return shown


def shown_wizard() -> FirstRunWizard:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard) and w.isVisible()]
    assert len(found) == 1
    return found[0]


def test_gui_on_an_empty_folder_sets_up_then_asks_the_admin_to_sign_in(
    tmp_path: Path, login_shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(tmp_path / "new-station")

    def drive() -> None:
        wizard = shown_wizard()
        try:
            wizard.kind_page.station_radio.setChecked(True)
            wizard.next()
            wizard.next()
            fill_admin(wizard)
            click(wizard, QWizard.WizardButton.FinishButton)
        except BaseException:
            wizard.reject()
            raise

    keys: list[str] = []

    def keep_key(dialog: RecoveryKeyDialog) -> int:  # the recovery key, shown once before the sign-in
        keys.append(dialog.key_label.text())
        assert not dialog.done_button.isEnabled()
        dialog.kept.setChecked(True)
        dialog.done_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RecoveryKeyDialog, "exec", keep_key)
    QTimer.singleShot(0, drive)
    assert gui_app.run_gui(paths, None) == 0
    assert login_shown == ["admin"]
    inst = installed(paths)
    assert inst is not None and inst.code == "430623101"
    assert len(keys) == 1 and len(keys[0]) == 39
    assert KeySlots.load(paths.root).unlock_with_recovery(keys[0]) == installation.unlock(
        paths, "admin", PASSWORD
    )


def test_gui_on_an_empty_folder_cancelled_creates_nothing(tmp_path: Path, login_shown: list[str]) -> None:
    paths = DataPaths(tmp_path / "untouched")
    QTimer.singleShot(0, lambda: shown_wizard().reject())
    assert gui_app.run_gui(paths, None) == 0
    assert login_shown == []
    assert not paths.root.exists()
    assert tasks.wait_all()
