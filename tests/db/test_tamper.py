"""`jiuzhu check` finds edits made around the application (issue 14, decision 0008): it replays the
audit events of households, persons, benefits and users and compares them with the rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.cli import run
from app.models import replay
from app.models.audit import HEAD_KEY
from app.models.db import Database
from app.models.household import Household, Person
from app.paths import DataPaths
from tests.spreadsheets.ledgers import ZHANG, add_villages

PLANT = """CREATE TEMP TABLE copied AS SELECT * FROM household LIMIT 1;
UPDATE copied SET id = 'planted';
INSERT INTO household SELECT * FROM copied;"""


def check(capsys: pytest.CaptureFixture[str], paths: DataPaths) -> tuple[int, str]:
    code = run(["--data-dir", str(paths.root), "check"])
    out, err = capsys.readouterr()
    assert err == "" and "Traceback" not in out
    return code, out


@pytest.fixture
def filed(station: Database) -> tuple[str, str]:
    """A household and its head filed through the application (audited record by record), then edited."""
    add_villages(station)
    with station.uow("clerk") as uow:
        hh = Household(
            village_code="430623101201", urban_rural="rural", head_name="张三", address="东山村1组"
        )
        uow.session.add(hh)
        uow.session.flush()
        head = Person(
            household_id=hh.id,
            name="张三",
            id_number=ZHANG,
            sex="M",
            birth_date=date(1956, 3, 8),
            relation_code="01",
        )
        uow.session.add(head)
        uow.commit()
        hid, pid = hh.id, head.id
    with station.uow("clerk") as uow:
        got = uow.session.get(Household, hid)
        assert got is not None
        got.account_no, got.bank_name = "6228480012345678901", "农业银行"
        uow.commit()
    return hid, pid


def test_an_untouched_station_is_clean(
    capsys: pytest.CaptureFixture[str], paths: DataPaths, filed: tuple[str, str]
) -> None:
    code, out = check(capsys, paths)
    assert code == 0 and "审计链：完好" in out, out
    assert "3条按审计记录逐字段核对，0条为批量写入" in out, out  # the household, its head, the admin


@pytest.mark.parametrize(
    ("tamper", "words"),
    [
        (lambda c, h, p: c.execute("UPDATE household SET address='西湖村9组' WHERE id=?", (h,)), "address"),
        (lambda c, h, p: c.execute("UPDATE household SET account_no='6228480099999999999' WHERE id=?", (h,)),
         "account_no"),
        (lambda c, h, p: c.execute("UPDATE person SET id_number='430623195603080018' WHERE id=?", (p,)),
         "id_number"),
        (lambda c, h, p: c.execute("UPDATE app_user SET role='county_admin' WHERE username='admin'"), "role"),
        (lambda c, h, p: c.execute("UPDATE app_user SET password_hash='x' WHERE username='admin'"),
         "password_hash"),
        (lambda c, h, p: c.execute("DELETE FROM person WHERE id=?", (p,)), "审计之外被删除"),
        (lambda c, h, p: c.executescript(PLANT), "在程序之外新增"),
    ],
    ids=["address", "account", "id-number", "role", "password", "deleted-person", "added-household"],
)  # fmt: skip
def test_an_edit_around_the_application_is_a_severe_finding(
    capsys: pytest.CaptureFixture[str],
    paths: DataPaths,
    filed: tuple[str, str],
    tamper: Callable[[sqlite3.Connection, str, str], None],
    words: str,
) -> None:
    hid, pid = filed
    with sqlite3.connect(paths.database) as conn:
        tamper(conn, hid, pid)
    code, out = check(capsys, paths)
    assert code == 1 and "审计链：被改动" in out and words in out, out
    assert ZHANG not in out and "430623195603080018" not in out and "6228480099999999999" not in out


def test_a_number_is_compared_by_value(
    capsys: pytest.CaptureFixture[str], paths: DataPaths, station: Database
) -> None:
    """85.5 written, 85.50 read back: the same value, no finding; 91 set around the application is one."""
    add_villages(station)
    with station.uow("clerk") as uow:
        hh = Household(
            village_code="430623101201", urban_rural="rural", head_name="李四", housing_area=Decimal("85.5")
        )
        uow.session.add(hh)
        uow.commit()
    assert check(capsys, paths)[0] == 0
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE household SET housing_area = 91")
    code, out = check(capsys, paths)
    assert code == 1 and "housing_area" in out, out


def test_a_deleted_log_is_severe(
    capsys: pytest.CaptureFixture[str], paths: DataPaths, filed: tuple[str, str]
) -> None:
    with sqlite3.connect(paths.database) as conn:
        conn.execute("DELETE FROM audit_event")
        conn.execute("DELETE FROM setting WHERE key=?", (HEAD_KEY,))
    code, out = check(capsys, paths)
    assert code == 1 and "审计记录全部缺失" in out and "完好" not in out, out


def test_a_log_cut_at_its_start_is_severe(
    capsys: pytest.CaptureFixture[str], paths: DataPaths, filed: tuple[str, str]
) -> None:
    with sqlite3.connect(paths.database) as conn:
        conn.execute("DELETE FROM audit_event WHERE seq <= 3")
    code, out = check(capsys, paths)
    assert code == 1 and "审计记录的开头缺失：第一条是第4条" in out, out


def test_rows_written_in_bulk_are_counted(capsys: pytest.CaptureFixture[str], demo_paths: DataPaths) -> None:
    code, out = check(capsys, demo_paths)
    assert "审计链：完好" in out, out
    with sqlite3.connect(demo_paths.database) as conn:
        conn.execute("UPDATE app_user SET role='county_admin' WHERE username='clerk'")
        conn.executescript(PLANT)
    code, out = check(capsys, demo_paths)
    assert code == 1 and "role" in out and "家庭表（household）有" in out, out


def test_an_audited_row_among_bulk_rows_is_compared(demo_db: Database) -> None:
    """On a station written in bulk, the few rows audited one by one are read by id and compared; the
    others are only counted (replay reads by id when audited rows are few)."""
    with demo_db.uow("clerk") as uow:
        household = uow.session.execute(select(Household).limit(1)).scalar_one()
        household.address = "东山村9组"
        uow.commit()
        hid = household.id
    with demo_db.engine.begin() as conn:
        coverage = replay.Coverage()
        assert replay.differences(conn, coverage=coverage) == []
        assert coverage.replayed >= 1 and coverage.counted > 100
        conn.exec_driver_sql("UPDATE household SET address = '西山村' WHERE id = ?", (hid,))
        found = replay.differences(conn)
        assert len(found) == 1 and hid in found[0] and "address" in found[0], found
