"""Screenshots of the county master's screens on a demo county (run under xvfb-run; see screenshots.sh).

Nothing is decided or paid: the payment run is prepared as a draft only for the picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshots import save, settle  # scripts/ is on the path when run as a script
from sqlalchemy import select

from app.demo.run import DEMO_PASSWORD
from app.models.case import BenefitMember
from app.models.db import Database
from app.models.household import Person
from app.paths import DataPaths, resolve
from app.services.context import Actor
from app.services.matching.lists import import_list
from app.services.setup import auth
from app.services.setup.installation import current, open_unlocked
from app.views.app import create_application, install_translators
from app.views.main_window import MainWindow, Section
from app.views.setup.first_run import FirstRunWizard
from app.views.signed_in import SignedIn


def window_for(db: Database, data_dir: str, username: str) -> MainWindow:
    with db.uow("screenshots") as uow:
        actor = auth.authenticate(uow.session, username, DEMO_PASSWORD)
        inst = current(uow.session)
        uow.commit()
    assert inst is not None
    window = MainWindow(db, SignedIn(actor, inst.name, inst.kind), paths=resolve(data_dir))
    # The window sizes itself to the screen (1366×768, as on an office laptop): fit_to_screen.
    window.show()
    return window


def sample_lists(db: Database, actor: Actor, folder: Path) -> None:
    """A death list and a vehicle list naming a few beneficiaries, so that the queue has work in it."""
    with db.uow(actor.username) as uow:
        people = uow.session.execute(
            select(Person.name, Person.id_number)
            .join(BenefitMember, BenefitMember.person_id == Person.id)
            .order_by(Person.id_number)
            .limit(5)
        ).all()
    folder.mkdir(parents=True, exist_ok=True)
    deaths, vehicles = folder / "火化名单.csv", folder / "车辆登记.csv"
    deaths.write_text(
        "姓名,身份证号,火化日期\n"
        + "".join(f"{n},{i},2026-10-{12 + k}\n" for k, (n, i) in enumerate(people[:2])),
        encoding="utf-8",
    )
    vehicles.write_text(
        "车主,身份证号码,号牌号码,车辆类型\n"
        + "".join(f"{n},{i},湘F·{k}2345,小型轿车\n" for k, (n, i) in enumerate(people[2:])),
        encoding="utf-8",
    )
    with db.uow(actor.username) as uow:
        import_list(uow, actor, "death", deaths, source="县殡仪馆")
        import_list(uow, actor, "vehicle", vehicles, source="县公安局交警大队")
        uow.commit()


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
    settle(1500)
    county.matching.table.selectRow(0)
    save(window, out, "county-matching", 1200)
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
    db = open_unlocked(resolve(data_dir), "county", DEMO_PASSWORD)  # encrypted: a demo account unlocks it
    window = window_for(db, data_dir, "county")
    sample_lists(db, window.signed_in.actor, Path(data_dir) / "lists")
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
