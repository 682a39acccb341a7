"""Screenshots of 设置 → 用户管理 and of the password a new user must choose, on a 1366×768 screen.

Run under xvfb-run (see scripts/screenshots.sh): it builds a small demo station in ROOT with the
command-line tool, adds two users with initial passwords, then grabs the whole screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from screenshots import settle  # scripts/ is on the path when run as a script
from screenshots_office import HEIGHT, WIDTH, close, jz, shoot, signed_in, wait_for, window_of

from app.demo.run import DEMO_PASSWORD
from app.paths import DataPaths
from app.services.setup.installation import open_unlocked
from app.views.app import create_application, install_translators
from app.views.setup.session import DesktopSession
from app.views.setup.users_page import UsersPage

INITIAL = "chushi-2026"


def build(root: Path) -> None:
    station = root / "station"
    jz(root, "station", "demo", "--households", "200")  # encrypted: admin's password is the demo's
    secret = root / "initial"
    secret.write_text(INITIAL + "\n", encoding="utf-8")
    for username, role, name, area in (
        ("liuzg", "township_head", "刘振国", []),
        ("chengq", "village_cadre", "陈国庆", ["--area", "430623101001"]),
    ):
        jz(root, "station", "user", "add", username, "--role", role, "--name", name, *area,
           "--password-file", str(secret), admin=DEMO_PASSWORD)  # fmt: skip
    jz(root, "station", "user", "disable", "cadre", admin=DEMO_PASSWORD)
    (station / "built").touch()


def users(root: Path, out: Path) -> None:
    session = signed_in(root, "station", "admin")
    window = window_of(session)
    page = window.users
    assert isinstance(page, UsersPage)
    window.show_page(page)
    settle(1500)
    page.select("chengq")
    shoot(out, "accounts-users")
    page.add_button.click()
    settle(1200)
    dialog = page.dialog
    assert dialog is not None
    dialog.move(280, 140)
    shoot(out, "accounts-add")
    dialog.close()
    close(session)


def forced_change(root: Path, out: Path) -> None:
    paths = DataPaths(root / "station")
    session = DesktopSession(open_unlocked(paths, "liuzg", INITIAL), paths, first_user="liuzg")
    session.start()
    login = session.login
    assert login is not None
    login.move((WIDTH - login.width()) // 2, 160)
    settle(800)
    login.password_edit.setText(INITIAL)
    login.sign_in_button.click()
    wait_for(login.asked_new_password)
    forced = login.forced_change
    assert forced is not None
    forced.move((WIDTH - forced.width()) // 2, (HEIGHT - forced.height()) // 2)
    forced.new_edit.setText("my-own-pw")
    shoot(out, "accounts-forced-change")
    forced.reject()
    login.reject()
    settle(400)
    session.db.dispose()


def main(root_dir: str, out_dir: str) -> int:
    root, out = Path(root_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not (root / "station" / "built").exists():
        build(root)
    app = create_application(sys.argv[:1])
    install_translators(app)
    users(root, out)
    forced_change(root, out)
    for widget in QApplication.topLevelWidgets():
        QWidget.deleteLater(widget)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
