"""文件 → 备份 / 恢复 (issues 13 and 14): a backup to a folder, a restore with its preview that returns to
the sign-in, another installation's backup or a fake file refused with nothing changed, and the
workbench's reminder when the last backup copied off the PC is old."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app import clock
from app.models.area import Area
from app.models.db import Database
from app.paths import DataPaths
from app.services import settings
from app.services.setup import backup
from app.services.setup.areas import add_area
from app.services.setup.installation import initialise, open_database
from app.views import tasks
from app.views.cases.workbench import WorkbenchPage
from app.views.main_window import MainWindow
from app.views.setup.backup_dialog import BackupDialog
from app.views.setup.restore_dialog import RestoreDialog
from app.views.setup.session import DesktopSession
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.conftest import DEMO_TODAY
from tests.gui.conftest import signed_in
from tests.gui.test_session import signed_in_as

WAIT = 20_000


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fits(dialog: QWidget) -> None:
    """Every dialog fits 1366×768 (less the taskbar and the title bar)."""
    hint = dialog.sizeHint().expandedTo(dialog.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 700, hint


def backup_dialog(qtbot: QtBot, db: Database, who: SignedIn, paths: DataPaths) -> BackupDialog:
    dialog = BackupDialog(Workspace(db, who, paths))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.form_loaded, timeout=WAIT):
        dialog.show()
    return dialog


def back_up(qtbot: QtBot, dialog: BackupDialog, folder: Path) -> backup.BackupFile:
    dialog.folder_edit.setText(str(folder))
    assert dialog.backup_button.isEnabled()
    with qtbot.waitSignal(dialog.backed_up, timeout=WAIT) as done:
        dialog.backup_button.click()
    result = done.args[0]
    assert isinstance(result, backup.BackupFile)
    return result


def restore_dialog(qtbot: QtBot, db: Database, who: SignedIn, paths: DataPaths) -> RestoreDialog:
    dialog = RestoreDialog(Workspace(db, who, paths))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_backup_to_a_usb_folder(
    qtbot: QtBot, gui_db: Database, head: SignedIn, demo_paths: DataPaths, tmp_path: Path
) -> None:
    dialog = backup_dialog(qtbot, gui_db, head, demo_paths)
    assert dialog.installation_label.text() == "三封寺镇"
    assert "户" in dialog.contents_label.text() and "从未" in dialog.last_label.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    done = back_up(qtbot, dialog, usb)
    assert done.path.parent == usb and done.path.exists() and done.offsite
    assert done.path.name.startswith("jiuzhu-430623101-2026")
    assert str(done.path) in dialog.done_label.text() and dialog.last_label.text() == "今天"
    fits(dialog)
    with gui_db.uow("test") as uow:
        assert backup.last_offsite_backup(uow) == DEMO_TODAY


def test_a_clerk_may_not_back_up(
    qtbot: QtBot, gui_db: Database, clerk: SignedIn, demo_paths: DataPaths
) -> None:
    dialog = BackupDialog(Workspace(gui_db, clerk, demo_paths))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.refused.isVisible(), timeout=WAIT)
    assert "无权备份数据库" in dialog.refused.text()
    dialog.folder_edit.setText("/tmp")
    assert not dialog.backup_button.isEnabled()


class Session(DesktopSession):
    def ask_discard(self, *_args: object) -> bool:  # nothing is typed in these tests
        return True


@pytest.fixture
def session(qtbot: QtBot, gui_db: Database, demo_paths: DataPaths) -> Iterator[Session]:
    session = Session(gui_db, demo_paths)
    session.start()
    yield session
    session._close_session()
    for widget in (session.login, session.notice):
        if widget is not None and shiboken6.isValid(widget):
            widget.deleteLater()
    assert tasks.wait_all()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if session.db is not gui_db:
        session.db.dispose()


def villages(db: Database) -> int:
    with db.uow("test") as uow:
        return int(uow.session.execute(select(func.count()).select_from(Area)).scalar_one())


def test_restore_with_its_preview_returns_to_the_sign_in(
    qtbot: QtBot, session: Session, gui_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    file = tmp_path / "usb" / "b.sqlite3"
    file.parent.mkdir()
    head = signed_in(gui_db, "head")
    with gui_db.uow("head") as uow:
        backup.backup(uow, head.actor, demo_paths, file)
        uow.commit()
    with gui_db.uow("head") as uow:
        add_area(uow.session, "430623101299", "新建村")
        uow.commit()
    areas_after = villages(gui_db)

    window = signed_in_as(qtbot, session, "admin")
    assert isinstance(window, MainWindow)
    dialog = window.backups.open_restore()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: "430623101" in dialog.this_label.text(), timeout=WAIT)
    assert not dialog.restore_button.isEnabled() and not dialog.understood.isEnabled()
    dialog.file_edit.setText(str(file))
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT):
        dialog.read_preview()
    assert "三封寺镇" in dialog.fields["installation"].text()
    assert "430623101" in dialog.fields["installation"].text()
    assert "户" in dialog.fields["contents"].text() and dialog.fields["data"].text().startswith("20")
    assert dialog.warning.isVisible() and "密钥" in dialog.warning.text()
    assert not dialog.restore_button.isEnabled()  # not before the warning is acknowledged
    dialog.understood.setChecked(True)
    assert dialog.restore_button.isEnabled()
    fits(dialog)
    with qtbot.waitSignal(session.restored, timeout=WAIT) as restored:
        dialog.restore_button.click()
    assert restored.args == [True]
    assert session.window is None and session.login is not None and session.login.isVisible()
    assert session.notice is not None and "重新登录" in session.notice.text()
    assert session.db is not gui_db
    assert villages(session.db) == areas_after - 1  # the village added after the backup is gone
    assert list(demo_paths.backups.glob("jiuzhu-before-restore-*.sqlite3"))
    signed_in_as(qtbot, session, "clerk")  # the restored database works


def other_station(tmp_path: Path, code: str = "430623102") -> Path:
    paths = DataPaths(tmp_path / "other")
    db = open_database(paths, create=True)
    initialise(db, kind="station", code=code, admin_password="adminpass")
    db.dispose()
    return paths.database


def test_a_backup_of_another_station_is_refused_in_the_dialog(
    qtbot: QtBot, gui_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    admin = signed_in(gui_db, "admin")
    before = digest(demo_paths.database)
    dialog = restore_dialog(qtbot, gui_db, admin, demo_paths)
    dialog.file_edit.setText(str(other_station(tmp_path)))
    dialog.read_preview()
    qtbot.waitUntil(lambda: dialog.refused.isVisible(), timeout=WAIT)
    assert "430623102" in dialog.refused.text() and "不能恢复到本机" in dialog.refused.text()
    assert dialog.fields["installation"].text() == "—" and not dialog.restore_button.isEnabled()
    assert digest(demo_paths.database) == before


def test_a_fake_file_is_refused_in_the_dialog(
    qtbot: QtBot, gui_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    fake = tmp_path / "fake.sqlite3"
    with sqlite3.connect(fake) as conn:
        conn.executescript("""
            CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);
            INSERT INTO alembic_version VALUES ('0005');
            CREATE TABLE installation (id, kind, code, name, county_code);
            INSERT INTO installation VALUES (1, 'station', '430623101', '三封寺镇', '430623');
            CREATE TABLE household (id);
        """)
    conn.close()
    admin = signed_in(gui_db, "admin")
    dialog = restore_dialog(qtbot, gui_db, admin, demo_paths)
    dialog.file_edit.setText(str(fake))
    dialog.read_preview()
    qtbot.waitUntil(lambda: dialog.refused.isVisible(), timeout=WAIT)
    assert "不符" in dialog.refused.text() and not dialog.restore_button.isEnabled()


def test_only_the_administrator_sees_a_preview(
    qtbot: QtBot, gui_db: Database, head: SignedIn, demo_paths: DataPaths
) -> None:
    dialog = restore_dialog(qtbot, gui_db, head, demo_paths)
    qtbot.waitUntil(lambda: dialog.refused.isVisible(), timeout=WAIT)  # at once, before any file is chosen
    assert "无权恢复数据库" in dialog.refused.text() and dialog.this_label.text() == "—"
    dialog.file_edit.setText(str(demo_paths.database))
    dialog.read_preview()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    assert "无权恢复数据库" in dialog.refused.text() and not dialog.restore_button.isEnabled()


def workbench(qtbot: QtBot, db: Database, who: SignedIn) -> WorkbenchPage:
    page = WorkbenchPage(Workspace(db, who))
    qtbot.addWidget(page)
    with qtbot.waitSignals([page.loaded, page.backup_reminder.loaded], timeout=WAIT):
        page.show()
    return page


@pytest.mark.parametrize(("days", "shown"), [(7, False), (8, True)])
def test_the_workbench_reminds_when_the_last_copy_off_the_pc_is_old(
    qtbot: QtBot, gui_db: Database, head: SignedIn, days: int, shown: bool
) -> None:
    with gui_db.uow("head") as uow:
        settings.put(uow.session, backup.OFFSITE_KEY, DEMO_TODAY.isoformat())
        uow.commit()
    clock.pin(DEMO_TODAY + timedelta(days=days))
    bar = workbench(qtbot, gui_db, head).backup_reminder
    assert bar.frame.isVisible() is shown
    if shown:
        assert "8天前" in bar.text.text() and bar.button.isVisible()


def test_a_clerk_is_reminded_to_ask_for_a_backup(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    bar = workbench(qtbot, gui_db, clerk).backup_reminder
    assert bar.frame.isVisible() and not bar.button.isVisible()
    assert "还没有" in bar.text.text() and "管理员" in bar.text.text()


def test_the_desktop_backs_up_automatically_at_start(gui_db: Database, demo_paths: DataPaths) -> None:
    from app.views.startup import start_auto_backup

    start_auto_backup(demo_paths, gui_db)
    assert tasks.wait_all()
    made = demo_paths.backups / f"jiuzhu-auto-{DEMO_TODAY:%Y%m%d}.sqlite3"
    assert made.exists() and not list(demo_paths.backups.glob("*.part"))


def test_a_restore_refused_at_the_last_moment_changes_nothing(
    qtbot: QtBot, session: Session, gui_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    """The file was swapped for another station's after the preview: back to the sign-in, nothing changed."""
    file = tmp_path / "usb" / "b.sqlite3"
    file.parent.mkdir()
    with gui_db.uow("head") as uow:
        backup.backup(uow, signed_in(gui_db, "head").actor, demo_paths, file)
        uow.commit()
    areas_before = villages(gui_db)
    window = signed_in_as(qtbot, session, "admin")
    dialog = window.backups.open_restore()
    dialog.file_edit.setText(str(file))
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT):
        dialog.read_preview()
    dialog.understood.setChecked(True)
    file.write_bytes(other_station(tmp_path).read_bytes())
    with qtbot.waitSignal(session.restored, timeout=WAIT) as restored:
        dialog.restore_button.click()
    assert restored.args == [False]
    assert session.login is not None and session.login.isVisible()
    assert session.notice is not None and "没有任何改动" in session.notice.text()
    assert "430623102" in session.notice.text()
    assert villages(session.db) == areas_before
    assert not list(demo_paths.backups.glob("jiuzhu-before-restore-*"))
    signed_in_as(qtbot, session, "clerk")


def test_backing_up_from_the_reminder_puts_it_away(
    qtbot: QtBot, gui_db: Database, head: SignedIn, demo_paths: DataPaths, tmp_path: Path
) -> None:
    window = MainWindow(gui_db, head, paths=demo_paths)
    qtbot.addWidget(window)
    bar = window.workbench.backup_reminder
    with qtbot.waitSignals([window.workbench.loaded, bar.loaded], timeout=WAIT):
        window.show()
    assert bar.frame.isVisible()
    bar.button.click()
    dialog = window.backups.backup_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.installation_label.text() != "", timeout=WAIT)
    usb = tmp_path / "usb"
    usb.mkdir()
    with qtbot.waitSignal(bar.loaded, timeout=WAIT):  # the setting changed: the bar reads it again
        back_up(qtbot, dialog, usb)
    assert not bar.frame.isVisible()
    dialog.reject()
