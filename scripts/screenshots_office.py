"""Screenshots of joining the county, the county's 工作站 tab and the screen lock, on a 1366×768 screen.

Run under xvfb-run (see scripts/screenshots.sh): it builds a small county and four townships in ROOT with
the command-line tool, then grabs the whole screen, so that a dialog is seen over its window.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from screenshots import settle  # scripts/ is on the path when run as a script

from app.cli import run
from app.demo.run import DEMO_PASSWORD
from app.paths import DataPaths
from app.services.setup.installation import open_unlocked
from app.views.app import create_application, install_translators
from app.views.main_window import MainWindow, Section
from app.views.setup.session import DesktopSession

COUNTY = "430623"
JOINED, NEW, LOST, UNREGISTERED = "430623101", "430623102", "430623103", "430623104"
WIDTH, HEIGHT = 1366, 768
ADMIN_PASSWORD = "jiuzhu-admin"


def password_file(root: Path, password: str) -> Path:
    """A file holding ``password`` (the command line reads passwords from files, never from its arguments)."""
    file = root / "secrets" / hashlib.sha256(password.encode()).hexdigest()[:12]
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(password + "\n", encoding="utf-8")
        file.chmod(0o600)
    return file


def jz(root: Path, who: str, *args: str, admin: str = ADMIN_PASSWORD) -> None:
    """A verb on ``root/who``, unlocking an encrypted installation as admin (password ``admin``)."""
    unlock = ("--user", "admin", "--password-file", str(password_file(root, admin)))
    code = run(["--data-dir", str(root / who), *unlock, *args])
    if code != 0:
        raise SystemExit(f"jiuzhu {' '.join(args)} failed ({code})")


def build(root: Path) -> None:
    """101 joined with bundles both ways, 102 registered only, 103 lost, 104 on its own.

    The county has no demo data of its own: it would clash with the townships'.
    """
    usb = root / "usb"
    usb.mkdir(parents=True)
    secret = root / "pass"
    secret.write_text("jiuzhu-sync-2026\n", encoding="utf-8")
    keyed = ("--passphrase-file", str(secret))
    admin_file = str(password_file(root, ADMIN_PASSWORD))
    jz(root, "county", "init", "--county", COUNTY, "--admin-password-file", admin_file)
    for seed, (code, households) in enumerate(((JOINED, 300), (NEW, 60), (LOST, 60), (UNREGISTERED, 200))):
        jz(root, code, "init", "--township", code, "--admin-password-file", admin_file)
        jz(root, code, "demo", "--households", str(households), "--seed", str(seed + 1))
    for code in (JOINED, NEW, LOST):
        out = usb / f"{code}.jzp"
        jz(
            root,
            "county",
            "station",
            "add",
            "--code",
            code,
            "--out",
            str(out),
            *keyed,
            "--key-passphrase-file",
            str(secret),
        )
    for code in (JOINED, LOST):
        jz(root, code, "join", "--provision", str(usb / f"{code}.jzp"), *keyed)
        (usb / code).mkdir()
        jz(root, code, "export-bundle", "--out", str(usb / code), *keyed)
        jz(root, "county", "import-bundle", *map(str, (usb / code).glob("*.jzb")), *keyed)
    (usb / "down").mkdir()
    jz(root, "county", "export-bundle", "--out", str(usb / "down"), "--station", JOINED, *keyed)
    jz(root, JOINED, "import-bundle", *map(str, (usb / "down").glob("*.jzb")), *keyed)
    jz(root, "county", "station", "revoke", "--code", LOST)
    (root / "built").touch()


def wait_for(signal: SignalInstance, ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(out: Path, name: str, ms: int = 1500) -> None:
    """The whole screen: the window and whatever dialog is over it."""
    settle(ms)
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0, 0, 0, WIDTH, HEIGHT).save(str(out / f"{name}.png"))
    print(f"  {name}.png")


def signed_in(root: Path, who: str, username: str, password: str = DEMO_PASSWORD) -> DesktopSession:
    paths = DataPaths(root / who)
    session = DesktopSession(open_unlocked(paths, username, password), paths, first_user=username)
    session.start()
    login = session.login
    assert login is not None
    settle(800)
    login.password_edit.setText(password)
    login.sign_in_button.click()
    wait_for(session.signed_in)
    window = session.window
    assert window is not None
    window.move(0, 0)
    window.resize(WIDTH, HEIGHT)
    return session


def window_of(session: DesktopSession) -> MainWindow:
    assert session.window is not None
    return session.window


def close(session: DesktopSession) -> None:
    window = window_of(session)
    window.confirm_close = lambda: True
    window.close()
    settle(400)
    session.db.dispose()


def station(root: Path, out: Path) -> None:
    session = signed_in(root, JOINED, "head")
    window = window_of(session)
    window.show_section(Section.SYNC)
    shoot(out, "sync-station")
    window.show_section(Section.REGISTRY)
    settle(1500)
    session.lock()
    dialog = session.lock_dialog
    assert dialog is not None
    dialog.password_edit.setText("secret")
    shoot(out, "screen-lock")
    assert session.screen_lock is not None
    session.screen_lock.unlock()
    close(session)


def joining(root: Path, out: Path) -> None:
    session = signed_in(root, UNREGISTERED, "head")
    window = window_of(session)
    window.show_section(Section.SYNC)
    settle(1500)
    page = window.sync_page
    assert page is not None
    dialog = page.open_join()
    dialog.file_edit.setText(f"E:\\jiuzhu-provision-{UNREGISTERED}.jzp")
    dialog.secret_edit.setText("jiuzhu-sync-2026")
    shoot(out, "sync-join")
    dialog.reject()
    close(session)


def county(root: Path, out: Path) -> None:
    session = signed_in(root, "county", "admin", ADMIN_PASSWORD)
    window = window_of(session)
    board = window.stations
    assert board is not None
    window.show_page(board)
    settle(1500)
    board.select(LOST)
    shoot(out, "sync-stations")
    dialog = board.register()
    settle(1500)
    dialog.township_combo.setCurrentIndex(dialog.township_combo.findData(UNREGISTERED))
    for edit in (dialog.secret_edit, dialog.secret_again):
        edit.setText("station-104-pass")
    dialog.folder_edit.setText("E:\\")
    shoot(out, "sync-provision")
    dialog.reject()
    close(session)


def county_accounts(root: Path, out: Path) -> None:
    """用户管理 at the county: its own accounts, then the stations' (received without passwords)."""
    session = signed_in(root, "county", "admin", ADMIN_PASSWORD)
    window = window_of(session)
    page = window.users
    assert page is not None
    window.show_page(page)
    settle(1500)
    page.table.selectRow(len(page.rows) - 1)
    shoot(out, "accounts-county")
    close(session)


def main(root_dir: str, out_dir: str) -> int:
    root, out = Path(root_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not (root / "built").exists():
        build(root)
    app = create_application(sys.argv[:1])
    install_translators(app)
    station(root, out)
    joining(root, out)
    county(root, out)
    county_accounts(root, out)
    for widget in QApplication.topLevelWidgets():
        QWidget.deleteLater(widget)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
