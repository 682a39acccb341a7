"""设置 → 用户管理 at the county: a station's accounts (received in its bundles, without passwords) are
listed as another office's, read-only; the county's own stay manageable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.models.db import Database
from app.models.user import User
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.main_window import MainWindow
from tests.county.conftest import county_demo_template, demo_county, demo_county_paths  # noqa: F401
from tests.gui.helpers import column_texts
from tests.gui.test_accounts import users_page

STATION = "430623101"


@pytest.fixture
def county_admin(qtbot: QtBot, demo_county: Database) -> Iterator[MainWindow]:  # noqa: F811
    with demo_county.uow("sync") as uow:  # as an up bundle leaves it: the station's origin, no hash
        uow.session.add(
            User(
                origin_station=STATION,
                username="admin",
                display_name="三封寺镇管理员",
                password_hash="",
                role="admin",
                area_code=f"{STATION}000",
            )
        )
        uow.commit()
    window = MainWindow(demo_county, sign_in(demo_county, "admin", "adminpass"))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def test_a_station_account_is_shown_read_only_at_the_county(qtbot: QtBot, county_admin: MainWindow) -> None:
    page = users_page(qtbot, county_admin)
    rows = list(zip(*(column_texts(page.table, c) for c in range(6)), strict=True))
    theirs = [r for r in rows if r[1] == "三封寺镇管理员"]
    assert len(theirs) == 1
    assert theirs[0][4] == "三封寺镇（其他单位）" and theirs[0][5] == "只读"
    ours = rows.index(next(r for r in rows if r[0] == "admin" and r[1] != "三封寺镇管理员"))
    assert "其他单位" not in rows[ours][4]
    assert rows.index(theirs[0]) > ours  # this office's accounts first

    page.table.selectRow(rows.index(theirs[0]))
    assert not any(b.isEnabled() for b in (page.reset_button, page.toggle_button, page.unlock_button))
    page.table.selectRow(ours)
    assert page.reset_button.isEnabled() and page.toggle_button.isEnabled()
