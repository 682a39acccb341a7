"""Screenshots of the recovery key (shown once after the first-run setup), of the sign-in of an encrypted
installation with its 忘记管理员密码？ link, and of the dialog that sets a new administrator password with the
recovery key, on a 1366×768 screen.

Run under xvfb-run (see scripts/screenshots.sh): it builds a small encrypted demo station in ROOT with the
command-line tool (keeping the recovery key it prints), then grabs the whole screen. Nothing is changed:
the recovery dialog is filled in and cancelled.
"""

from __future__ import annotations

import io
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from screenshots import settle  # scripts/ is on the path when run as a script
from screenshots_office import HEIGHT, WIDTH, jz, shoot, wait_for

from app.demo.run import DEMO_PASSWORD
from app.paths import DataPaths
from app.services.setup.installation import current, is_encrypted, open_unlocked
from app.views.app import create_application, install_translators
from app.views.login_dialog import LoginDialog
from app.views.opening import DatabaseHolder
from app.views.setup.recovery_dialogs import RecoverPasswordDialog, RecoveryKeyDialog

KEY = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}\b")
NEW_PASSWORD = "xin-mima-2026"


def build(root: Path) -> None:
    """A small demo station; the recovery key ``jiuzhu demo`` prints once is kept in ROOT/recovery-key."""
    printed = io.StringIO()
    with redirect_stdout(printed):
        jz(root, "station", "demo", "--households", "60", "--seed", "7")
    found = KEY.search(printed.getvalue())
    if found is None:
        raise SystemExit("jiuzhu demo printed no recovery key")
    (root / "recovery-key").write_text(found.group(0) + "\n", encoding="utf-8")
    (root / "built").touch()


def centre(widget: QWidget, top: int | None = None) -> None:
    widget.adjustSize()
    y = (HEIGHT - widget.height()) // 2 if top is None else top
    widget.move((WIDTH - widget.width()) // 2, y)


def installation_name(paths: DataPaths) -> str:
    db = open_unlocked(paths, "admin", DEMO_PASSWORD)
    try:
        with db.uow("screenshots") as uow:
            inst = current(uow.session)
            assert inst is not None
            return inst.name
    finally:
        db.dispose()


def recovery_key(paths: DataPaths, key: str, out: Path) -> None:
    """As after the first-run setup: the key over the empty desktop, the box not yet ticked."""
    dialog = RecoveryKeyDialog(key, installation_name(paths))
    dialog.show()
    centre(dialog)
    shoot(out, "recovery-key")
    dialog.kept.setChecked(True)  # only then does it close
    dialog.accept()


def sign_in_and_recover(paths: DataPaths, key: str, out: Path) -> None:
    """The sign-in as at a start (the database still locked), then 忘记管理员密码？ filled in."""
    assert is_encrypted(paths)
    login = LoginDialog(DatabaseHolder(paths=paths))
    login.show()
    wait_for(login.hint_checked)
    centre(login, 120)
    shoot(out, "recovery-login")
    login.recover_link.linkActivated.emit("#")
    dialog = login.recover_dialog
    assert isinstance(dialog, RecoverPasswordDialog)
    dialog.key_edit.setText(key)
    for edit in (dialog.new_edit, dialog.again_edit):
        edit.setText(NEW_PASSWORD)
    settle(300)
    centre(dialog, login.y() + login.height() - 40)  # the sign-in and its link stay in sight
    shoot(out, "recovery-password")
    dialog.reject()
    login.reject()


def main(root_dir: str, out_dir: str) -> int:
    root, out = Path(root_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not (root / "built").exists():
        build(root)
    key = (root / "recovery-key").read_text(encoding="utf-8").strip()
    app = create_application(sys.argv[:1])
    install_translators(app)
    paths = DataPaths(root / "station")
    recovery_key(paths, key, out)
    sign_in_and_recover(paths, key, out)
    for widget in QApplication.topLevelWidgets():
        QWidget.deleteLater(widget)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
