"""Screenshots of the main screens on a demo installation (run under xvfb-run; see scripts/screenshots.sh)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.paths import resolve
from app.services import auth
from app.services.installation import current, open_database
from app.views.app import create_application, install_translators
from app.views.main_window import MainWindow, Section
from app.views.signed_in import SignedIn


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(data_dir: str, out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    install_translators(app)
    db = open_database(resolve(data_dir))
    with db.uow("screenshots") as uow:
        actor = auth.authenticate(uow.session, "clerk", "jiuzhu2026")
        inst = current(uow.session)
        uow.commit()
    assert inst is not None
    window = MainWindow(db, SignedIn(actor, inst.name, inst.kind))
    window.resize(1280, 800)
    window.show()
    for section, name in ((Section.WORKBENCH, "workbench"), (Section.REGISTRY, "registry")):
        window.show_section(section)
        settle(1500)
        window.grab().save(str(out / f"{name}.png"))
    window.close()
    db.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
