"""公示 page: a clerk builds a village's standing list off the GUI thread and previews it."""

from __future__ import annotations

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from app.domain.codes import Role
from app.models.db import Database
from app.printing.catalog import NoticeKind
from app.printing.output import Printed
from app.services.context import Actor
from app.views import tasks
from app.views.cases.notices_page import NoticesPage
from app.views.signed_in import SignedIn
from tests.conftest import DEMO_TODAY


def _page(qtbot: QtBot, db: Database, actor: Actor) -> NoticesPage:
    page = NoticesPage(db, SignedIn(actor, "三封寺镇", "station"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.village_combo.count() > 0)
    return page


def test_a_clerk_builds_and_previews_the_standing_list(qtbot: QtBot, demo_db: Database) -> None:
    from sqlalchemy import func, select

    from app.models.case import Benefit
    from app.models.household import Household

    with demo_db.uow("check") as uow:
        village = uow.session.execute(
            select(Household.village_code)
            .join(Benefit, Benefit.household_id == Household.id)
            .where(Benefit.status == "active")
            .group_by(Household.village_code)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    page = _page(qtbot, demo_db, Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"))
    assert page.village_combo.count() == 12
    page.village_combo.setCurrentIndex(page.village_combo.findData(village))
    page.date_edit.setDate(QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(NoticeKind.STANDING))
    with qtbot.waitSignal(page.printed, timeout=20_000) as blocker:
        page.build_button.click()
    doc = blocker.args[0]
    assert isinstance(doc, Printed) and doc.pdf.startswith(b"%PDF") and doc.pages >= 1
    assert page.village_combo.currentText() in doc.title and "长期公示" in doc.title
    assert page.preview_dialog is not None and page.preview_dialog.isVisible()
    page.preview_dialog.close()
    tasks.wait_all()


def test_a_village_cadre_sees_only_their_village(qtbot: QtBot, demo_db: Database) -> None:
    from sqlalchemy import select

    from app.models.area import Area

    with demo_db.uow("check") as uow:
        village = uow.session.execute(
            select(Area.code).where(Area.level == "village").order_by(Area.code).limit(1)
        ).scalar_one()
    page = _page(qtbot, demo_db, Actor("cadre", "李春生", Role.VILLAGE_CADRE, village))
    assert page.village_combo.count() == 1
    assert page.village_combo.currentData() == village
    tasks.wait_all()


def test_nothing_to_post_is_said_on_the_page(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"))
    page.date_edit.setDate(QDate(2000, 1, 3))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(NoticeKind.STOP))
    with qtbot.waitSignal(page.refused, timeout=20_000) as blocker:
        page.build_button.click()
    assert "无可公示" in blocker.args[0] or "没有" in blocker.args[0]
    assert page.preview_dialog is None
    tasks.wait_all()
