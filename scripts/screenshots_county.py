"""Screenshots of the county master's screens on a demo county (run under xvfb-run; see screenshots.sh).

Nothing is decided or paid: the payment run is prepared as a draft only for the picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshots import save, settle  # scripts/ is on the path when run as a script

from app.models.db import Database
from app.paths import DataPaths, resolve
from app.services import auth
from app.services.installation import current, open_database
from app.views.app import create_application, install_translators
from app.views.first_run import FirstRunWizard
from app.views.main_window import MainWindow, Section
from app.views.signed_in import SignedIn


def window_for(db: Database, data_dir: str, username: str) -> MainWindow:
    with db.uow("screenshots") as uow:
        actor = auth.authenticate(uow.session, username, "jiuzhu2026")
        inst = current(uow.session)
        uow.commit()
    assert inst is not None
    window = MainWindow(db, SignedIn(actor, inst.name, inst.kind), paths=resolve(data_dir))
    window.resize(1280, 800)
    window.show()
    return window


def staff_screens(window: MainWindow, out: Path) -> None:
    county = window.county
    assert county is not None
    window.show_section(Section.WORKBENCH)
    save(window, out, "county-dashboard", 2500)
    window.show_page(county.approvals)
    settle(1500)
    county.approvals.table.selectRow(0)
    save(window, out, "county-approvals", 1500)
    window.show_page(county.matching)
    save(window, out, "county-matching", 1500)
    window.show_page(window.standards)
    save(window, out, "county-standards", 1500)


def head_screens(window: MainWindow, out: Path) -> None:
    window.show_section(Section.REPORTS)
    settle(1500)
    tab = window.reports.payment_tab
    assert tab is not None
    tab.prepare()
    save(window, out, "county-payments", 4000)
    stats = window.reports.stats_tab
    assert stats is not None
    window.reports.tabs.setCurrentWidget(stats)
    stats.preview()
    save(window, out, "county-reports", 2500)


def first_run(out: Path, tmp: Path) -> None:
    wizard = FirstRunWizard(DataPaths(tmp))
    wizard.resize(640, 480)
    wizard.show()
    save(wizard, out, "first-run", 800)
    wizard.close()


def main(data_dir: str, out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    install_translators(app)
    db = open_database(resolve(data_dir))
    window = window_for(db, data_dir, "county")
    staff_screens(window, out)
    window.close()
    window = window_for(db, data_dir, "countyhead")
    head_screens(window, out)
    window.close()
    first_run(out, Path(data_dir) / "first-run-unused")
    db.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
