"""Up bundles into a county on PostgreSQL (new rows through COPY, changed ones upserted) land exactly as
into a county on SQLite: the same rows, value for value, and digests that match the station's."""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from app.cli import run
from app.models.household import Household, Person
from app.paths import DataPaths
from app.services.setup.installation import open_database
from app.sync import stream
from app.sync.codec import canonical, codec
from app.sync.tables import UP_TABLES, pk_name, table
from tests.conftest import open_installation
from tests.postgres.server import fresh_database

SECRET = "county-secret-1"
STATION = "430623101"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database whose sessions run in China's time zone, as a county's server may."""
    with fresh_database() as url:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"ALTER DATABASE \"{url.rsplit('/', 1)[1]}\" SET timezone TO 'Asia/Shanghai'"))
        engine.dispose()
        yield url


def jz(root: Path, who: str, url: str | None, *args: str) -> str:
    extra = ["--database-url", url] if url and who == "county" else []
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["--data-dir", str(root / who), *extra, *args])
    assert code == 0, err.getvalue() or out.getvalue()
    return out.getvalue()


def county_with_station(root: Path, url: str | None) -> None:
    root.mkdir()
    secret = root / "secret"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    jz(root, "county", url, "init", "--county", "430623", "--admin-password", "jiuzhu2026")
    jz(root, "station", None, "demo", "--households", "40", "--seed", "5", "--today", "2026-11-20")
    provision = str(root / "station.jzp")
    jz(root, "county", url, "station", "add", "--code", STATION, "--out", provision,
       "--passphrase-file", str(secret), "--key-passphrase-file", str(secret))  # fmt: skip
    jz(root, "station", None, "join", "--provision", provision, "--passphrase-file", str(secret))


def send_up(root: Path, url: str | None) -> str:
    secret = str(root / "secret")
    out = jz(root, "station", None, "export-bundle", "--out", str(root / "usb"), "--passphrase-file", secret)
    bundle = out.rsplit("：", 1)[1].strip()
    return jz(root, "county", url, "import-bundle", bundle, "--passphrase-file", secret)


def edit_station(root: Path) -> None:
    db = open_installation(DataPaths(root / "station"))  # made by `jiuzhu demo`: encrypted
    try:
        with db.uow("clerk") as uow:
            hh = uow.session.execute(select(Household).order_by(Household.id)).scalars().first()
            assert hh is not None
            hh.address, hh.housing_area = "长岭村3组12号", Decimal("72.5")
            uow.session.add(
                Person(
                    id="added-by-the-test",
                    household_id=hh.id,
                    name="张小明",
                    id_number="430623201501010011",
                    sex="M",
                    birth_date=date(2015, 1, 1),
                    relation_code="20",
                )
            )
            uow.commit()
    finally:
        db.dispose()


def county_rows(root: Path, url: str | None) -> dict[str, list[list[Any]]]:
    """Every township table at the county, canonical values in codec order, by key (without the
    times stamped when each side's records were written, which differ from run to run)."""
    paths = DataPaths(root / "county")  # the SQLite county is made by `jiuzhu init`: encrypted
    db = open_installation(paths) if url is None else open_database(paths, url)
    try:
        with db.uow("test") as uow:
            found = {}
            for name in UP_TABLES:
                t = table(name)
                # Accounts are made with random ids at sign-up time: compared by office and user name.
                skip = {"updated_at", "id", "created_at"} if name == "app_user" else {"updated_at"}
                order = (t.c.origin_station, t.c.username) if name == "app_user" else (t.c[pk_name(name)],)
                columns = [t.c[c] for c in codec(name).columns if c not in skip]
                rows = uow.session.execute(select(*columns).order_by(*order))
                found[name] = [[canonical(v) for v in row] for row in rows]
            return found
    finally:
        db.dispose()


def test_bundles_land_on_postgresql_exactly_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    landed = {}
    for name, url in (("sqlite", None), ("postgresql", pg_url)):
        root = tmp_path / name
        county_with_station(root, url)
        first = send_up(root, url)
        assert "摘要一致" in first, first
        edit_station(root)
        second = send_up(root, url)
        assert "摘要一致" in second and "接收2条" in second, second
        landed[name] = county_rows(root, url)
    assert landed["postgresql"] == landed["sqlite"]
    assert len(landed["sqlite"]["household"]) == 40 and len(landed["sqlite"]["case_event"]) > 100
    at = [c for c in codec("case_event").columns if c != "updated_at"].index("at")
    times = {row[at][10:] for row in landed["postgresql"]["case_event"]}
    assert times == {" 02:00:00.000000"}  # as the demo wrote them in UTC, on a server in another zone


def test_two_bundles_in_one_import_read_the_second_ahead_and_land_as_on_sqlite(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the second file is decrypted and parsed while the first one's rows are written
    (app/sync/ahead.py); the county ends up with exactly the rows SQLite's, reading in turn, has."""
    seen: list[str] = []
    parse = stream.read_payload
    monkeypatch.setattr(
        stream, "read_payload", lambda c, n: seen.append(threading.current_thread().name) or parse(c, n)
    )
    landed, threads = {}, {}
    for name, url in (("sqlite", None), ("postgresql", pg_url)):
        root = tmp_path / name
        county_with_station(root, url)
        secret = str(root / "secret")
        first = jz(
            root, "station", None, "export-bundle", "--out", str(root / "usb"), "--passphrase-file", secret
        )
        edit_station(root)
        second = jz(
            root, "station", None, "export-bundle", "--out", str(root / "usb"), "--passphrase-file", secret
        )
        files = [out.rsplit("：", 1)[1].strip() for out in (first, second)]
        seen.clear()
        out = jz(root, "county", url, "import-bundle", *files, "--passphrase-file", secret)
        assert out.count("已导入") == 2 and "摘要一致" in out, out
        threads[name] = [t.split("_")[0] for t in seen]
        landed[name] = county_rows(root, url)
    assert threads == {"sqlite": ["MainThread"] * 2, "postgresql": ["MainThread", "jiuzhu-read-ahead"]}
    assert landed["postgresql"] == landed["sqlite"]
    assert any(row[codec("person").pk_index] == "added-by-the-test" for row in landed["postgresql"]["person"])
