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

from app.domain.codes import Role
from app.models.db import Database
from app.models.sync import SyncConflict
from app.services.context import Actor
from app.sync.importer import Outcome
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.sync.page import PassphraseDialog, SyncPage
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
    world.ok("county", "init", "--county", COUNTY, "--admin-password", "adminpass")
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


def _page(qtbot: QtBot, world: World, db: Database, who: str, secret: str | None = None) -> SyncPage:
    if who == "county":
        signed_in = SignedIn(
            Actor("county", "王科长", Role.COUNTY_STAFF, "430623000000"), "县民政局", "county"
        )
    else:
        signed_in = SignedIn(
            Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"), "三封寺镇", "station"
        )
    page = SyncPage(db, signed_in, world.paths(who))
    qtbot.addWidget(page)
    page.ask_passphrase = lambda: SECRETS[who] if secret is None else secret  # type: ignore[method-assign]
    if who == "county":
        with qtbot.waitSignal(page.overview_loaded, timeout=WAIT):
            page.show()
    else:
        page.show()
    return page


def _export(qtbot: QtBot, page: SyncPage, folder: Path) -> Path:
    with qtbot.waitSignal(page.exported, timeout=WAIT) as blocker:
        page.export_to(folder)
    done = blocker.args[0]
    assert done is not None and done.path.exists()
    return Path(done.path)


def _import(qtbot: QtBot, page: SyncPage, *files: Path) -> list[Outcome]:
    signals = [page.imported, page.overview_loaded] if page.is_county else [page.imported]
    with qtbot.waitSignal(page.imported, timeout=WAIT) as blocker, qtbot.waitSignals(signals, timeout=WAIT):
        page.import_files(list(files))
    outcomes: list[Outcome] = blocker.args[0]
    return outcomes


def test_a_round_trip_through_the_pages(qtbot: QtBot, world: World, dbs: dict[str, Database]) -> None:
    station = _page(qtbot, world, dbs[STATION], STATION)
    county = _page(qtbot, world, dbs["county"], "county")
    row = county.stations_model.row_at(0)
    assert (row.info.code, row.info.last_seq) == (STATION, 0)

    up = _export(qtbot, station, world.usb)
    assert up.parent == world.usb and up.name.startswith(f"jiuzhu-up-{STATION}-")
    assert str(up) in station.summary.text()

    outcomes = _import(qtbot, county, up)
    assert [o.status for o in outcomes] == ["applied"]
    assert county.results_model.rowCount() == 1
    accepted = sum(outcomes[0].result["accepted"].values())
    assert accepted > 0 and str(accepted) in county.describe(outcomes[0])
    row = county.stations_model.row_at(0)
    assert (row.info.code, row.info.last_seq) == (STATION, 1) and row.info.last_import
    seq_column = county.stations_model.column_index(county.tr("Last sequence"))
    assert county.stations_model.index(0, seq_column).data() == "1"

    again = _import(qtbot, county, up)
    assert [o.status for o in again] == ["replay"]
    assert county.results_model.index(0, 1).data() == county.tr("Already imported")

    assert county.station_combo.currentData() == STATION
    down = _export(qtbot, county, world.usb)
    assert down.name.startswith(f"jiuzhu-down-{STATION}-")
    assert [o.status for o in _import(qtbot, station, down)] == ["applied"]
    assert station.describe(station.results_model.row_at(0))


def test_a_wrong_passphrase_is_refused_on_the_page_and_nothing_is_written(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    before = world.fingerprint(STATION)
    station = _page(qtbot, world, dbs[STATION], STATION, secret="not-the-passphrase")
    with qtbot.waitSignal(station.refused, timeout=WAIT) as blocker:
        station.export_to(world.usb)
    assert "口令错误" in blocker.args[0]
    assert station.error.isVisibleTo(station) and "口令错误" in station.error.text()
    assert station.export_button.isEnabled() and not station.progress_bar.isVisibleTo(station)
    assert list(world.usb.iterdir()) == []
    assert not (world.dir(STATION) / "sync" / "sent").exists() or not any(
        (world.dir(STATION) / "sync" / "sent").iterdir()
    )
    assert world.fingerprint(STATION) == before

    county = _page(qtbot, world, dbs["county"], "county", secret="wrong")
    with qtbot.waitSignal(county.refused, timeout=WAIT) as blocker:
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
    junk = world.usb / "jiuzhu-up-430623101-000001.jzb"
    junk.write_bytes(b"not a bundle at all")
    outcomes = _import(qtbot, county, junk)
    assert [o.status for o in outcomes] == ["refused"] and outcomes[0].message
    assert county.results_model.index(0, 1).data() == county.tr("Refused")
    assert county.results_model.index(0, 4).data() == outcomes[0].message
    assert county.stations_model.row_at(0).info.last_seq == 0


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
    queues = county.queues
    assert queues.conflicts_model.rowCount() == 1 and "1" in queues.tabText(0)
    assert county.stations_model.row_at(0).info.conflicts == 1
    assert not queues.keep_county_button.isEnabled()
    queues.conflicts_table.selectRow(0)
    assert queues.keep_county_button.isEnabled()
    with qtbot.waitSignals([county.resolved, county.overview_loaded], timeout=WAIT):
        queues.keep_county_button.click()
    assert queues.conflicts_model.rowCount() == 0
    assert county.stations_model.row_at(0).info.conflicts == 0
    with county_db.uow("test") as uow:
        item = uow.session.query(SyncConflict).one()
        assert (item.status, item.resolution, item.resolved_by) == ("resolved", "county", "county")


def test_the_models_pass_the_qt_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, world: World, dbs: dict[str, Database]
) -> None:
    county = _page(qtbot, world, dbs["county"], "county")
    assert county.stations_model.rowCount() == 1
    qtmodeltester.check(county.stations_model)
    county.results_model.set_rows([Outcome("a.jzb", "refused", message="签名无效"), Outcome("b.jzb", "held")])
    qtmodeltester.check(county.results_model)
    for model in (
        county.queues.conflicts_model,
        county.queues.duplicates_model,
        county.queues.quarantine_model,
    ):
        qtmodeltester.check(model)


def test_stop_ends_an_import_before_the_next_bundle(
    qtbot: QtBot, world: World, dbs: dict[str, Database]
) -> None:
    county = _page(qtbot, world, dbs["county"], "county")
    files = [world.usb / f"junk-{n}.jzb" for n in (1, 2)]
    for file in files:
        file.write_bytes(b"junk")
    gate = threading.Event()
    tasks.run(lambda _progress, _cancel: gate.wait(WAIT / 1000))  # holds the one database thread
    county.import_files(files)
    assert county.cancel_button.isVisibleTo(county) and not county.import_button.isEnabled()
    county.stop()
    with qtbot.waitSignal(county.imported, timeout=WAIT) as blocker:
        gate.set()
    assert blocker.args[0] == [] and county.tr("Stopped: the remaining files were not imported.") in (
        county.summary.text()
    )
    qtbot.waitUntil(lambda: county.import_button.isEnabled())
    assert not county.cancel_button.isVisibleTo(county)


def test_the_passphrase_dialog_hides_what_is_typed(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("口令：")
    qtbot.addWidget(dialog)
    assert dialog.edit.echoMode() is QLineEdit.EchoMode.Password
