"""同步 → 工作站 at the county: register a station and write its file, revoke a lost laptop, re-provision it;
and a station in use joining from its 同步 page, then exporting."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.domain.codes import BundleStatus, InstallationKind, KeyStatus, Role
from app.models.db import Database
from app.services.context import Actor
from app.services.sync.stations import Revoked
from app.services.sync.transfer import Exported
from app.sync import keys
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.sync.join_dialog import JoinDialog
from app.views.sync.page import SyncPage
from app.views.sync.provision_dialog import ProvisionDialog, Provisioned
from app.views.sync.stations_page import StationsPage
from app.views.workspace import Workspace
from tests.sync.conftest import COUNTY, World

STATION = "430623101"
COUNTY_SECRET = "county-secret-1"
FILE_SECRET = "station-101-secret"
WAIT = 20_000
CHIEF = SignedIn(
    Actor("chief", "李局长", Role.COUNTY_HEAD, "430623000000"), "华容县", InstallationKind.COUNTY
)
STAFF = SignedIn(
    Actor("county", "王科长", Role.COUNTY_STAFF, "430623000000"), "华容县", InstallationKind.COUNTY
)
HEAD = SignedIn(
    Actor("head", "刘建军", Role.TOWNSHIP_HEAD, "430623101000"), "三封寺镇", InstallationKind.STATION
)
CLERK = SignedIn(
    Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"), "三封寺镇", InstallationKind.STATION
)


@pytest.fixture(scope="module")
def unjoined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A county master with no station yet, and a township station already in use on its own."""
    root = tmp_path_factory.mktemp("office-world")
    world = World(root)
    world.usb.mkdir(parents=True)
    world.secret_file("county").write_text(COUNTY_SECRET + "\n", encoding="utf-8")
    world.secret_file(STATION).write_text(FILE_SECRET + "\n", encoding="utf-8")
    world.ok("county", "init", "--county", COUNTY, "--admin-password", "jiuzhu2026")
    world.ok(STATION, "demo", "--households", "6", "--seed", "2")
    return root


@pytest.fixture
def world(tmp_path: Path, unjoined: Path) -> Iterator[World]:
    target = tmp_path / "world"
    shutil.copytree(unjoined, target)
    yield World(target)


@pytest.fixture
def dbs(world: World) -> Iterator[dict[str, Database]]:
    opened = {who: world.db(who) for who in ("county", STATION)}
    yield opened
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()
    for db in opened.values():
        db.dispose()


def board(qtbot: QtBot, world: World, db: Database, who: SignedIn = CHIEF) -> StationsPage:
    page = StationsPage(Workspace(db, who, world.paths("county")))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    return page


def fill(
    dialog: ProvisionDialog, folder: Path, code: str | None = STATION, secret: str = FILE_SECRET
) -> None:
    if code is not None:
        dialog.township_combo.setCurrentIndex(dialog.township_combo.findData(code))
    dialog.secret_edit.setText(FILE_SECRET)
    dialog.secret_again.setText(FILE_SECRET)
    dialog.county_secret.setText(COUNTY_SECRET)
    dialog.county_again.setText(COUNTY_SECRET)
    dialog.folder_edit.setText(str(folder))


def opened(qtbot: QtBot, page: StationsPage, code: str | None = None) -> ProvisionDialog:
    dialog = page.register() if code is None else page.reprovision()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)  # the townships are listed
    return dialog


def provision(qtbot: QtBot, page: StationsPage, dialog: ProvisionDialog) -> Provisioned:
    done: list[Provisioned] = []
    page.provisioned.connect(done.append)
    with qtbot.waitSignals([page.provisioned, page.loaded], timeout=WAIT):
        dialog.write_button.click()
    page.provisioned.disconnect(done.append)
    assert not dialog.isVisible()
    return done[0]


def key_status(page: StationsPage, code: str) -> KeyStatus:
    return next(r.info.status for r in page.model.rows() if r.info.code == code)


def station_page(qtbot: QtBot, world: World, db: Database, who: SignedIn = HEAD) -> SyncPage:
    page = SyncPage(Workspace(db, who, world.paths(STATION)))
    qtbot.addWidget(page)
    page.ask_passphrase = lambda: FILE_SECRET  # type: ignore[method-assign]
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    return page


def join(qtbot: QtBot, page: SyncPage, file: Path, secret: str = FILE_SECRET) -> JoinDialog:
    dialog = page.open_join()
    dialog.file_edit.setText(str(file))
    dialog.secret_edit.setText(secret)
    return dialog


def test_the_county_registers_revokes_and_re_provisions_a_station(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    county_db = dbs["county"]
    page = board(qtbot, world, county_db)
    assert page.model.rowCount() == 0 and not page.revoke_button.isEnabled()

    dialog = opened(qtbot, page)
    choices = [dialog.township_combo.itemText(i) for i in range(dialog.township_combo.count())]
    assert any(text.startswith(f"{STATION} 三封寺镇") and "未登记" in text for text in choices)
    assert dialog.needs_county_secret  # the first registration makes the county's keys
    fill(dialog, world.usb)
    first = provision(qtbot, page, dialog)
    assert first.file == world.usb / f"jiuzhu-provision-{STATION}.jzp" and first.file.is_file()
    assert keys.has_keystore(world.paths("county"))
    assert key_status(page, STATION) is KeyStatus.ACTIVE
    assert STATION in page.summary.text() and str(first.file) in page.summary.text()
    never = page.model.index(0, page.model.column_index(page.tr("Last bundle in")))
    assert never.data() == "尚无"  # registered, no bundle from it yet
    old_key = page.model.rows()[0].info.key_id

    second = opened(qtbot, page)
    assert not second.needs_county_secret  # the county's keys exist now
    second.reject()

    # The station joins with the file and sends a bundle; then its laptop is lost.
    world.ok(
        STATION, "join", "--provision", str(first.file), "--passphrase-file", str(world.secret_file(STATION))
    )
    stolen = world.export(STATION)
    assert stolen is not None

    page.select(STATION)
    assert page.revoke_button.isEnabled() and not page.reprovision_button.isEnabled()
    page.confirm_revoke = lambda row: True  # type: ignore[method-assign]
    with qtbot.waitSignal(page.revoked, timeout=WAIT) as blocker:
        page.revoke_button.click()
    assert isinstance(blocker.args[0], Revoked)
    qtbot.waitUntil(lambda: key_status(page, STATION) is KeyStatus.REVOKED, timeout=WAIT)
    code, _out, err = world.import_("county", stolen)
    assert code == 1 and "吊销" in err  # the lost laptop's bundle is refused

    page.select(STATION)
    assert page.reprovision_button.isEnabled() and not page.revoke_button.isEnabled()
    again = opened(qtbot, page, STATION)
    assert not again.township_combo.isEnabled() and again.code() == STATION
    fresh = world.usb / "new-laptop"
    fresh.mkdir()
    fill(again, fresh, code=None)
    renewed = provision(qtbot, page, again)
    assert renewed.file.parent == fresh and renewed.file.is_file()
    qtbot.waitUntil(lambda: key_status(page, STATION) is KeyStatus.ACTIVE, timeout=WAIT)
    assert page.model.rows()[0].info.key_id != old_key

    # The new laptop joins with the new file; its bundle is accepted.
    fresh_station = world.dir("laptop")
    shutil.copytree(world.dir(STATION), fresh_station)
    shutil.copy(world.secret_file(STATION), world.secret_file("laptop"))
    world.ok(
        "laptop",
        "join",
        "--provision",
        str(renewed.file),
        "--passphrase-file",
        str(world.secret_file(STATION)),
    )
    up = world.export("laptop")
    assert up is not None
    code, out, err = world.import_("county", up)
    assert code == 0, err or out


def test_registration_refusals_keep_the_input_and_write_nothing(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    staff_page = board(qtbot, world, dbs["county"], STAFF)
    dialog = opened(qtbot, staff_page)
    fill(dialog, world.usb)
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.refused.isVisible(), timeout=WAIT)
    assert "无权" in dialog.refused.text() and dialog.isVisible()
    assert dialog.secret_edit.text() == FILE_SECRET
    assert list(world.usb.iterdir()) == [] and not keys.has_keystore(world.paths("county"))
    dialog.reject()

    page = board(qtbot, world, dbs["county"])
    dialog = opened(qtbot, page)
    fill(dialog, world.usb)
    dialog.secret_again.setText("something-else")
    dialog.write_button.click()
    assert "不一致" in dialog.refused.text()
    fill(dialog, world.usb / "not-plugged-in")
    dialog.write_button.click()
    qtbot.waitUntil(lambda: "文件夹不存在" in dialog.refused.text(), timeout=WAIT)
    assert page.model.rowCount() == 0 and not keys.has_keystore(world.paths("county"))


def test_a_station_in_use_joins_from_sync_and_exports(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    county = board(qtbot, world, dbs["county"])
    dialog = opened(qtbot, county)
    fill(dialog, world.usb)
    file = provision(qtbot, county, dialog).file

    page = station_page(qtbot, world, dbs[STATION])
    status = page.status
    assert status is not None and not status.joined and status.waiting > 0
    assert "尚未加入" in page.status_label.text() and str(status.waiting) in page.status_label.text()
    assert "加入县级同步" in page.join_button.text()

    joining = join(qtbot, page, file)
    assert not joining.warning.isVisibleTo(joining)
    with qtbot.waitSignals([joining.joined, page.loaded], timeout=WAIT):
        joining.join_button.click()
    status = page.status
    assert status is not None and status.joined and status.county_code == COUNTY
    assert "华容县" in page.status_label.text() and "尚未导出" in page.status_label.text()
    waiting = status.waiting
    assert waiting > 0 and "华容县" in page.summary.text()

    exported: list[Exported] = []
    page.exported.connect(exported.append)
    with qtbot.waitSignals([page.exported, page.loaded], timeout=WAIT):
        page.export_to(world.usb)
    up = exported[0].path
    assert Path(up).is_file()
    status = page.status
    assert status is not None and status.last_export_seq == 1 and status.waiting == 0
    assert status.unconfirmed == waiting and "第1号" in page.status_label.text()

    county_sync = SyncPage(Workspace(dbs["county"], CHIEF, world.paths("county")))
    qtbot.addWidget(county_sync)
    county_sync.ask_passphrase = lambda: COUNTY_SECRET  # type: ignore[method-assign]
    with qtbot.waitSignal(county_sync.loaded, timeout=WAIT):
        county_sync.show()
    with qtbot.waitSignal(county_sync.imported, timeout=WAIT) as imported:
        county_sync.import_files([Path(up)])
    assert [o.status for o in imported.args[0].outcomes] == [BundleStatus.APPLIED]
    qtbot.waitUntil(lambda: county.model.rows()[0].info.last_seq == 1, timeout=WAIT)

    rejoin = page.open_join()
    assert rejoin.warning.isVisibleTo(rejoin) and "重新加入" in page.join_button.text()
    rejoin.reject()


def test_joining_is_refused_with_a_reason_and_changes_nothing(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    county = board(qtbot, world, dbs["county"])
    dialog = opened(qtbot, county)
    fill(dialog, world.usb)
    file = provision(qtbot, county, dialog).file
    before = world.fingerprint(STATION)

    clerk_page = station_page(qtbot, world, dbs[STATION], CLERK)
    refused = join(qtbot, clerk_page, file)
    refused.join_button.click()
    qtbot.waitUntil(lambda: "无权" in refused.refused.text(), timeout=WAIT)
    assert "乡镇负责人" in refused.refused.text() and refused.isVisible()
    refused.reject()

    page = station_page(qtbot, world, dbs[STATION])
    wrong = join(qtbot, page, file, secret="not-the-passphrase")
    wrong.join_button.click()
    qtbot.waitUntil(lambda: "口令错误" in wrong.refused.text(), timeout=WAIT)
    assert wrong.file_edit.text() == str(file)  # what was typed stays
    wrong.file_edit.setText(str(world.usb / "missing.jzp"))
    wrong.join_button.click()
    assert "配置文件" in wrong.refused.text()
    wrong.reject()
    assert not keys.has_keystore(world.paths(STATION))
    assert page.status is not None and not page.status.joined
    assert tasks.wait_all()
    assert world.fingerprint(STATION) == before
