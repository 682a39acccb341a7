"""Screenshots of 文件 → 备份 and 文件 → 恢复 and the workbench's reminder, on a 1366×768 screen.

Run under xvfb-run (see scripts/screenshots.sh): it builds a small demo station in ROOT with the
command-line tool, then grabs the whole screen, so that a dialog is seen over its window.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from screenshots_office import ADMIN_PASSWORD, close, jz, password_file, shoot, signed_in, wait_for, window_of

from app import clock
from app.paths import DataPaths
from app.services import settings
from app.services.setup.backup import OFFSITE_KEY
from app.services.setup.installation import open_unlocked
from app.views.app import create_application, install_translators
from app.views.main_window import Section

STATION = "430623101"


def build(root: Path) -> None:
    admin_file = str(password_file(root, ADMIN_PASSWORD))
    jz(root, STATION, "init", "--township", STATION, "--admin-password-file", admin_file)
    jz(root, STATION, "demo", "--households", "300", "--seed", "5")
    (root / "built").touch()


def last_copied_off(root: Path, days_ago: int) -> None:
    """As if the last backup had been copied to a USB stick ``days_ago`` days ago (the reminder shows)."""
    db = open_unlocked(DataPaths(root / STATION), "admin", ADMIN_PASSWORD)
    with db.uow("head") as uow:
        settings.put(uow.session, OFFSITE_KEY, (clock.today() - timedelta(days=days_ago)).isoformat())
        uow.commit()
    db.dispose()


def backups(root: Path, out: Path) -> None:
    last_copied_off(root, 10)
    session = signed_in(root, STATION, "head")
    window = window_of(session)
    window.show_section(Section.WORKBENCH)
    shoot(out, "backup-reminder")
    dialog = window.backups.open_backup()
    wait_for(dialog.form_loaded)
    usb = root / "U盘"
    usb.mkdir(exist_ok=True)
    dialog.folder_edit.setText(str(usb))
    dialog.start_backup()
    wait_for(dialog.backed_up)
    dialog.folder_edit.setText("E:\\")
    # the result names the file as on an office PC's USB stick, not this machine's temporary folder
    dialog.done_label.setText(dialog.done_label.text().replace(str(usb) + "/", "E:\\"))
    shoot(out, "backup")
    dialog.reject()
    close(session)
    session = signed_in(root, STATION, "admin", ADMIN_PASSWORD)
    window = window_of(session)
    dialog2 = window.backups.open_restore()
    file = sorted(usb.glob("*.zip"))[-1]  # one file: the encrypted database and its key slots
    dialog2.file_edit.setText(str(file))
    dialog2.read_preview()
    wait_for(dialog2.preview_shown)
    dialog2.understood.setChecked(True)
    blocked = dialog2.file_edit.blockSignals(True)  # shown as on the USB stick; the preview stays
    dialog2.file_edit.setText(f"E:\\{file.name}")
    dialog2.file_edit.blockSignals(blocked)
    shoot(out, "restore")
    dialog2.reject()
    close(session)


def main(root_dir: str, out_dir: str) -> int:
    root, out = Path(root_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not (root / "built").exists():
        build(root)
    app = create_application(sys.argv[:1])
    install_translators(app)
    backups(root, out)
    for widget in QApplication.topLevelWidgets():
        QWidget.deleteLater(widget)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
