"""设置: the language choice is kept for the next start; office details and rules follow the roles."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.codes import InstallationKind, Role
from app.models.db import Database
from app.models.settings import Setting
from app.services import settings
from app.services.context import Actor
from app.views import tasks
from app.views.setup.settings_page import SettingsPage
from app.views.signed_in import SignedIn
from app.views.ui_state import preferred_language
from app.views.workspace import Workspace

HEAD = Actor("head", "王建华", Role.TOWNSHIP_HEAD, "430623101000")
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")


def _page(
    qtbot: QtBot, db: Database, actor: Actor, kind: InstallationKind = InstallationKind.STATION
) -> SettingsPage:
    page = SettingsPage(Workspace(db, SignedIn(actor, "三封寺镇", kind)))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_english_can_be_chosen_for_the_next_start(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, CLERK)
    assert preferred_language() == "zh_CN"
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert preferred_language() == "en"
    page.language_combo.setCurrentIndex(page.language_combo.findData("zh_CN"))
    assert preferred_language() == "zh_CN"
    tasks.wait_all()


def test_the_head_saves_the_office_phone_printed_on_notices(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, HEAD)
    assert page.office_edits["office.phone"].text() == "0730-4211234"
    assert page.holiday_table.rowCount() > 20
    page.office_edits["office.phone"].setText("0730-4219999")
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_office_button.click()
    with demo_db.uow("check") as uow:
        assert settings.get(uow.session, "office.phone") == "0730-4219999"
    tasks.wait_all()


def test_a_clerk_cannot_change_office_details_or_rules(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, CLERK)
    assert not page.save_office_button.isEnabled()
    assert not page.save_procedure_button.isEnabled()
    with demo_db.uow("check") as uow:
        before = uow.session.execute(select(Setting.value).where(Setting.key == "office.phone")).scalar()
    page.office_edits["office.phone"].setText("110")
    with qtbot.waitSignal(page.status_message, timeout=10_000) as blocker:
        page.save_office()  # the service refuses even if the button were reached
    assert "无权" in blocker.args[0] and "无权" in page.refused.text()
    with demo_db.uow("check") as uow:
        assert (
            uow.session.execute(select(Setting.value).where(Setting.key == "office.phone")).scalar() == before
        )
    tasks.wait_all()


def test_the_county_head_sets_the_notice_period(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(
        qtbot,
        demo_db,
        Actor("countyhead", "陈志远", Role.COUNTY_HEAD, "430623000000"),
        InstallationKind.COUNTY,
    )
    assert page.save_procedure_button.isEnabled()
    page.notice_days.setValue(5)
    page.day_kind_combo.setCurrentIndex(page.day_kind_combo.findData("working"))
    assert page.spot_share.value() == 30 and page.spot_share.minimum() == 30
    page.spot_share.setValue(40)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_procedure_button.click()
    with demo_db.uow("check") as uow:
        limits = settings.time_limits(uow.session)
        share = settings.get(uow.session, "county.spot_check_share")
    assert (limits.notice_days, limits.notice_day_kind, share) == (5, "working", 40)
    tasks.wait_all()


def test_the_page_shows_a_change_saved_elsewhere(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, CLERK)
    other = _page(qtbot, demo_db, HEAD)  # another page (a second window) saves the phone
    other.office_edits["office.phone"].setText("0730-4210000")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        other.save_office_button.click()
    assert page.office_edits["office.phone"].text() == "0730-4210000"
    tasks.wait_all()
