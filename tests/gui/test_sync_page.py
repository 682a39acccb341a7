"""同步 page: a station exports to a USB folder; the county imports, sees the station, resolves queues."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.codes import BundleStatus, InstallationKind, Role
from app.models.db import Database
from app.models.sync import SyncConflict
from app.services.context import Actor
from app.services.sync.transfer import Imported
from app.sync.results import Outcome, UpResult
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.sync.page import PassphraseDialog, SyncPage
from app.views.sync.stations_page import StationsPage
from app.views.workspace import Workspace
from tests.sync.conftest import COUNTY, World

STATION = "430623101"
SECRETS = {"county": "county-secret-1", STATION: "station-101-secret"}
WAIT = 20_000


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county and one small demo township, provisioned and joined (built once for this module)."""
    root = tmp_path_factory.mktemp("sync-page-world")
    world = World(root)
    world.usb.mkdir(parents=True)
    for who, secret in SECRETS.items():
        world.secret_file(who).write_text(secret + "\n", encoding="utf-8")
    world.ok("county", "init", "--county", COUNTY, "--admin-password", "jiuzhu2026")
    world.ok(STATION, "demo", "--households", "6", "--seed", "2")
    provision = root / f"{STATION}.jzp"
    world.ok(
        "county",
        "station",
        "add",
        "--code",
        STATION,
        "--out",
        str(provision),
        "--passphrase-file",
        str(world.secret_file(STATION)),
        "--key-passphrase-file",
        str(world.secret_file("county")),
    )
    world.ok(
        STATION, "join", "--provision", str(provision), "--passphrase-file", str(world.secret_file(STATION))
    )
    return root


@pytest.fixture
def world(tmp_path: Path, small_world: Path) -> Iterator[World]:
    target = tmp_path / "world"
    shutil.copytree(small_world, target)
    yield World(target)


@pytest.fixture
def dbs(world: World) -> Iterator[dict[str, Database]]:
    opened = {who: world.db(who) for who in ("county", STATION)}
    yield opened
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()
    for db in opened.values():
        db.dispose()


def _signed_in(who: str) -> SignedIn:
    if who == "county":
        return SignedIn(
            Actor("county", "王科长", Role.COUNTY_STAFF, "430623000000"), "县民政局", InstallationKind.COUNTY
        )
    return SignedIn(
        Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"), "三封寺镇", InstallationKind.STATION
    )


def _stations(qtbot: QtBot, world: World, db: Database) -> StationsPage:
    """The county's 工作站 tab, beside its 同步 page."""
    page = StationsPage(Workspace(db, _signed_in("county"), world.paths("county")))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    return page


def _page(qtbot: QtBot, world: World, db: Database, who: str, secret: str | None = None) -> SyncPage:
    page = SyncPage(Workspace(db, _signed_in(who), world.paths(who)))
    qtbot.addWidget(page)
    page.ask_passphrase = lambda: SECRETS[who] if secret is None else secret  # type: ignore[method-assign]
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    return page


def _export(qtbot: QtBot, page: SyncPage, folder: Path) -> Path:
    with qtbot.waitSignal(page.exported, timeout=WAIT) as blocker:
        page.export_to(folder)
    done = blocker.args[0]
    assert done is not None and done.path.exists()
    return Path(done.path)


def _import(qtbot: QtBot, page: SyncPage, *files: Path) -> list[Outcome]:
    with qtbot.waitSignal(page.imported, timeout=WAIT) as blocker:
        page.import_files(list(files))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)  # and the reload the import announced has landed
    imported: Imported = blocker.args[0]
    return imported.outcomes


def test_a_round_trip_through_the_pages(qtbot: QtBot, world: World, dbs: dict[str, Database]) -> None:
    station = _page(qtbot, world, dbs[STATION], STATION)
    county = _page(qtbot, world, dbs["county"], "county")
    board = _stations(qtbot, world, dbs["county"])
    row = board.model.row_at(0)
    assert (row.info.code, row.info.last_seq) == (STATION, 0)

    up = _export(qtbot, station, world.usb)
    assert up.parent == world.usb and up.name.startswith(f"jiuzhu-up-{STATION}-")
    assert str(up) in station.summary.text()

    outcomes = _import(qtbot, county, up)
    assert [o.status for o in outcomes] == [BundleStatus.APPLIED]
    assert county.results_model.rowCount() == 1
    result = outcomes[0].result
    assert isinstance(result, UpResult)
    assert result.accepted_total > 0 and str(result.accepted_total) in county.describe(outcomes[0])
    qtbot.waitUntil(lambda: board.model.row_at(0).info.last_seq == 1, timeout=WAIT)
    row = board.model.row_at(0)
    assert row.info.code == STATION and row.info.last_import
    seq_column = board.model.column_index(board.tr("Last bundle in"))
    assert board.model.index(0, seq_column).data().startswith("第1号")

    again = _import(qtbot, county, up)
    assert [o.status for o in again] == [BundleStatus.REPLAY]
    assert county.results_model.index(0, 1).data() == county.tr("Already imported")

    assert county.station_combo.currentData() == STATION
    down = _export(qtbot, county, world.usb)
    assert down.name.startswith(f"jiuzhu-down-{STATION}-")
    assert [o.status for o in _import(qtbot, station, down)] == [BundleStatus.APPLIED]
    assert station.describe(station.results_model.row_at(0))


def test_a_wrong_passphrase_is_refused_on_the_page_and_nothing_is_written(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    before = world.fingerprint(STATION)
    station = _page(qtbot, world, dbs[STATION], STATION, secret="not-the-passphrase")
    with qtbot.waitSignal(station.status_message, timeout=WAIT) as blocker:
        station.export_to(world.usb)
    assert "口令错误" in blocker.args[0]
    assert station.refused.isVisibleTo(station) and "口令错误" in station.refused.text()
    qtbot.waitUntil(lambda: not station.busy)
    assert station.export_button.isEnabled()
    assert list(world.usb.iterdir()) == []
    assert not (world.dir(STATION) / "sync" / "sent").exists() or not any(
        (world.dir(STATION) / "sync" / "sent").iterdir()
    )
    assert world.fingerprint(STATION) == before

    county = _page(qtbot, world, dbs["county"], "county", secret="wrong")
    with qtbot.waitSignal(county.status_message, timeout=WAIT) as blocker:
        county.import_files([world.usb / "missing.jzb"])
    assert "口令错误" in blocker.args[0] and county.results_model.rowCount() == 0


def test_cancelling_the_passphrase_does_nothing(qtbot: QtBot, world: World, dbs: dict[str, Database]) -> None:
    station = _page(qtbot, world, dbs[STATION], STATION)
    station.ask_passphrase = lambda: None  # type: ignore[method-assign]
    station.export_to(world.usb)
    assert tasks.wait_all()
    assert list(world.usb.iterdir()) == [] and station.export_button.isEnabled()


def test_a_refused_file_is_listed_with_its_reason(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    county = _page(qtbot, world, dbs["county"], "county")
    board = _stations(qtbot, world, dbs["county"])
    junk = world.usb / "jiuzhu-up-430623101-000001.jzb"
    junk.write_bytes(b"not a bundle at all")
    outcomes = _import(qtbot, county, junk)
    assert [o.status for o in outcomes] == [BundleStatus.REFUSED] and outcomes[0].message
    assert county.results_model.index(0, 1).data() == county.tr("Refused")
    assert county.results_model.index(0, 4).data() == outcomes[0].message
    assert board.model.row_at(0).info.last_seq == 0


def test_the_county_resolves_a_conflict_from_the_queue(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    county_db = dbs["county"]
    with county_db.uow("test") as uow:
        uow.session.add(
            SyncConflict(
                peer_code=STATION,
                bundle_seq=1,
                table_name="household",
                record_id="H-missing",
                kind="hard",
                fields="address",
                station_version=2,
                county_version=3,
                station_values='{"address": "东村"}',
                county_values='{"address": "西村"}',
            )
        )
        uow.commit()
    county = _page(qtbot, world, county_db, "county")
    board = _stations(qtbot, world, county_db)
    queues = county.queues
    assert queues.conflicts_model.rowCount() == 1 and "1" in queues.tabText(0)
    assert board.model.row_at(0).info.conflicts == 1
    assert not queues.keep_county_button.isEnabled()
    queues.conflicts_table.selectRow(0)
    assert queues.keep_county_button.isEnabled()
    with qtbot.waitSignals([county.resolved, county.loaded], timeout=WAIT):
        queues.keep_county_button.click()
    assert queues.conflicts_model.rowCount() == 0
    qtbot.waitUntil(lambda: board.model.row_at(0).info.conflicts == 0, timeout=WAIT)
    with county_db.uow("test") as uow:
        item = uow.session.query(SyncConflict).one()
        assert (item.status, item.resolution, item.resolved_by) == ("resolved", "county", "county")


def test_the_models_pass_the_qt_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, world: World, dbs: dict[str, Database]
) -> None:
    county = _page(qtbot, world, dbs["county"], "county")
    board = _stations(qtbot, world, dbs["county"])
    assert board.model.rowCount() == 1
    qtmodeltester.check(board.model)
    county.results_model.set_rows(
        [Outcome("a.jzb", BundleStatus.REFUSED, message="签名无效"), Outcome("b.jzb", BundleStatus.HELD)]
    )
    qtmodeltester.check(county.results_model)
    for model in (
        county.queues.conflicts_model,
        county.queues.duplicates_model,
        county.queues.quarantine_model,
    ):
        qtmodeltester.check(model)


def test_a_cancelled_import_imports_none_of_its_bundles(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    up = world.export(STATION)
    assert up is not None
    before = world.fingerprint("county")
    county = _page(qtbot, world, dbs["county"], "county")
    gate = threading.Event()
    tasks.run(lambda _progress, _cancel: gate.wait(WAIT / 1000))  # holds the one database thread
    county.import_files([up])
    assert county.busy and not county.import_button.isEnabled()
    task = county.import_task
    assert task is not None
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: task.is_finished and not county.busy, timeout=WAIT)
    assert county.import_button.isEnabled() and county.results_model.rowCount() == 0
    assert tasks.wait_all()
    assert world.fingerprint("county") == before  # nothing of the cancelled run was written


def test_a_county_page_refreshes_after_an_import_elsewhere(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    board = _stations(qtbot, world, dbs["county"])
    other = _page(qtbot, world, dbs["county"], "county")  # another window of the same county
    up = world.export(STATION)
    assert up is not None
    assert board.model.row_at(0).info.last_seq == 0
    _import(qtbot, other, up)
    qtbot.waitUntil(lambda: board.model.row_at(0).info.last_seq == 1, timeout=WAIT)


def test_the_passphrase_dialog_hides_what_is_typed(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("口令：")
    qtbot.addWidget(dialog)
    assert dialog.edit.echoMode() is QLineEdit.EchoMode.Password
