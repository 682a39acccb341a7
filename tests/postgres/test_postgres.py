"""The county master on a real PostgreSQL server: migrations, the demo and the county's verbs.

Runs when $JIUZHU_TEST_PG names a server (scripts/test.sh starts a throwaway one on loopback); the
same demo is built on SQLite and on PostgreSQL and every figure must agree.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from openpyxl import load_workbook
from sqlalchemy import Connection, insert, inspect, select, text

from app.cli import run
from app.demo.run import run_demo
from app.domain.workflow import Action
from app.models.all import metadata
from app.models.case import Case
from app.models.db import UnitOfWork, make_engine
from app.models.migrate import alembic_config, upgrade
from app.models.search_index import PG_INDEXES, in_models
from app.models.settings import Setting
from app.paths import DataPaths
from app.services.cases.county_review import approval_queue, draw_spot_checks, record_county_visit
from app.services.cases.procedure import act
from app.services.households import registry
from app.services.households.registry import RegistryFilter
from app.services.setup.installation import initialise, open_database
from app.sync.bulk import _pg_array, select_in
from tests.county.conftest import STAFF
from tests.db.test_migrations import check_accounts_upgrade
from tests.postgres.server import fresh_database

TODAY = date(2026, 11, 20)
MONTH = "2026-11"


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


def test_upgrade_head_on_postgresql_equals_the_models(pg_url: str) -> None:
    engine = make_engine(pg_url)
    upgrade(engine)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": in_models}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
        indexes = {ix["name"] for ix in inspect(conn).get_indexes("person")}
    engine.dispose()
    assert diff == []
    assert set(PG_INDEXES) <= indexes  # trigram indexes for the registry's searches (pg_trgm)


def test_record_ids_compare_bytewise_on_postgresql(pg_url: str) -> None:
    """Every id and foreign key to it (VARCHAR(36)) is collated "C" after the upgrade, as SQLite compares
    them, whatever the server's locale (decision 0013); the downgrade puts the database's default back."""
    engine = make_engine(pg_url)
    upgrade(engine)
    query = text(
        "SELECT table_name || '.' || column_name, coalesce(collation_name, '') "
        "FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND character_maximum_length = 36"
    )

    def collations(conn: Connection) -> dict[str, str]:
        return {str(column): str(collation) for column, collation in conn.execute(query)}

    with engine.connect() as conn:
        collations_after = collations(conn)
    assert {"household.id", "person.household_id", "case_event.case_id", "sync_bundle.bundle_id"} <= set(
        collations_after
    )
    assert set(collations_after.values()) == {"C"}
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0012")
    with engine.connect() as conn:
        assert "C" not in collations(conn).values()
        indexes = {ix["name"] for ix in inspect(conn).get_indexes("case_event")}
    assert "ix_case_event_case_id" in indexes
    upgrade(engine)
    engine.dispose()


def test_accounts_upgrade_on_postgresql(pg_url: str) -> None:
    check_accounts_upgrade(make_engine(pg_url))


SEARCHES = ("z", "li", "4", "4306", "430623", "1980", "19", "张", "王", "明")


def _search(uow: UnitOfWork, text: str) -> tuple[list[tuple[str, str]], int]:
    """The first page (head and matched member) and the count of a registry search, as the county."""
    flt = RegistryFilter(text=text)
    rows = registry.page(uow, STAFF, flt, 0, 40, "village")
    return [(r.head_name, r.matched_member) for r in rows], registry.count(uow, STAFF, flt)


def _county(paths: DataPaths, url: str | None) -> None:
    db = open_database(paths, url, create=True)
    initialise(db, kind="county", code="430623", admin_password="adminpass1")
    db.dispose()
    run_demo(paths, url, households=150, seed=11, today=TODAY)


def _cli(capsys: pytest.CaptureFixture[str], root: Path, url: str | None, *args: str) -> str:
    extra = ["--database-url", url] if url else []
    code = run(["--data-dir", str(root), *extra, *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_the_county_gives_the_same_figures_on_postgresql_and_sqlite(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {}
    for name, url in (("sqlite", None), ("postgresql", pg_url)):
        root = tmp_path / name
        root.mkdir()
        _county(DataPaths(root), url)
        stats = json.loads(_cli(capsys, root, url, "stats", "--json"))
        check = _cli(capsys, root, url, "check").splitlines()
        run_out = _cli(capsys, root, url, "payment-run", "--month", MONTH, "--approve")
        _cli(capsys, root, url, "roster", "--month", MONTH, "--out", str(root / "roster.xlsx"))
        _cli(capsys, root, url, "report", "--month", MONTH, "--out", str(root / "report.xlsx"))
        db = open_database(DataPaths(root), url)
        with db.uow(STAFF.username) as uow:
            for case in uow.session.execute(select(Case).where(Case.state == "submitted")).scalars():
                case.rule_mode = "2012"
            drawn = draw_spot_checks(uow, STAFF, TODAY, random.Random(3)).drawn
            first = uow.session.execute(select(Case).where(Case.case_number == drawn[0])).scalar_one()
            record_county_visit(uow, STAFF, first.id, TODAY, ["刘敏", "王强"], "情况属实")
            act(uow, STAFF, first.id, Action.START_COUNTY_NOTICE, TODAY)
            uow.commit()
        with db.uow("test") as uow:
            queue = [
                (r.case_number, r.days_left, r.visit_reasons, r.visit_done, r.state)
                for r in approval_queue(uow, STAFF)
            ]
        searched = {t: db.read("test", lambda u, t=t: _search(u, t)) for t in SEARCHES}
        db.dispose()
        book = load_workbook(root / "roster.xlsx", read_only=True)
        roster = [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        results[name] = (stats, check[:3], run_out, roster, queue, searched)
    assert results["postgresql"][0] == results["sqlite"][0]
    assert results["postgresql"][0]["households"] == 150
    assert results["postgresql"][1] == results["sqlite"][1]
    assert results["postgresql"][2] == results["sqlite"][2]
    assert results["postgresql"][4] == results["sqlite"][4] and len(results["sqlite"][4]) >= 5
    assert results["postgresql"][5] == results["sqlite"][5]  # the registry: index on SQLite, LIKE here
    assert sum(bool(found) for found, _ in results["sqlite"][5].values()) >= 6
    roster_pg, roster_sqlite = results["postgresql"][3], results["sqlite"][3]
    assert len(roster_pg) > 10 and roster_pg[5:] == roster_sqlite[5:]


def test_keys_are_looked_up_alike_however_they_are_spelt(pg_url: str) -> None:
    """The importer's lookups send plain keys as one array literal, and any key that would need
    quoting in one (a comma, a quote, a space, the word NULL, an empty key) as a bound list."""
    engine = make_engine(pg_url)
    upgrade(engine)
    plain = [f"local.k{i}" for i in range(3)]
    odd = ["a,b", 'say "hi"', "two words", "NULL", "", "{x}", "back\\slash"]
    now = datetime(2026, 11, 20, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(insert(Setting), [{"key": k, "value": "", "updated_at": now} for k in plain + odd])
        head = "SELECT key FROM setting WHERE"
        for wanted in (plain, odd, plain + odd, [*plain, "absent"]):
            found = {row[0] for row in select_in(conn, head, "key", wanted)}
            assert found == set(wanted) - {"absent"}
    engine.dispose()
    assert _pg_array(plain) == (0, "{local.k0,local.k1,local.k2}")
    assert all(_pg_array([*plain, key])[0] == 1 for key in odd)
