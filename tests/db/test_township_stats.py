"""本乡镇统计: the SQL grouping equals a count made benefit by benefit, within the actor's area."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.codes import Role
from app.domain.payments import category
from app.errors import UserError
from app.fileio import write_atomically
from app.models.audit import AuditEvent
from app.models.case import Benefit, BenefitMember
from app.models.db import Database
from app.models.household import Household
from app.services.context import Actor
from app.services.reports.township import export_village_stats, village_stats
from app.spreadsheets.village_stats import write_village_stats

CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")


def direct_count(db: Database, prefix: str) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(village, category) → (households, persons, fen), one benefit at a time in Python."""
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    with db.uow("t") as uow:
        s = uow.session
        members = Counter(s.execute(select(BenefitMember.benefit_id)).scalars())
        rows = s.execute(
            select(Benefit, Household).join(Household, Household.id == Benefit.household_id)
        ).all()
        for benefit, household in rows:
            if benefit.status not in ("active", "gradual_exit"):
                continue
            if not household.village_code.startswith(prefix):
                continue
            acc = found[(household.village_code, category(benefit.program, household.urban_rural))]
            acc[0] += 1
            acc[1] += members[benefit.id]
            acc[2] += benefit.monthly_fen
    return {k: (a, b, c) for k, (a, b, c) in found.items()}


def test_village_rows_equal_a_direct_count(demo_db: Database) -> None:
    with demo_db.uow("t") as uow:
        stats = village_stats(uow, CLERK)
    expected = direct_count(demo_db, "430623101")
    got = {(r.village_code, r.category): (r.households, r.persons, r.monthly_fen) for r in stats.rows}
    assert got == expected and len(got) > 3
    assert stats.households == sum(v[0] for v in expected.values())
    assert all(r.village and r.village != r.village_code for r in stats.rows)
    by_cat = {c: h for c, h, _p, _f in stats.by_category()}
    assert sum(by_cat.values()) == stats.households


def test_a_village_cadre_sees_only_their_village(demo_db: Database) -> None:
    with demo_db.uow("t") as uow:
        whole = village_stats(uow, CLERK)
        village = whole.rows[0].village_code
        cadre = Actor("cadre", "李四", Role.VILLAGE_CADRE, village)
        own = village_stats(uow, cadre)
    assert {r.village_code for r in own.rows} == {village}
    assert own.households == sum(r.households for r in whole.rows if r.village_code == village)


def test_the_xlsx_lists_every_row_and_the_total(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.uow("t") as uow:
        stats = village_stats(uow, CLERK)
    folder = tmp_path / "out"
    folder.mkdir()
    out = write_village_stats(folder / "统计.xlsx", stats)
    ws = load_workbook(out).active
    assert ws is not None
    values = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(values) == len(stats.rows) + len(stats.by_category()) + 1
    total = values[-1]
    assert total[0] == "合计" and total[2] == stats.households and total[3] == stats.persons
    assert round(float(total[4]) * 100) == stats.monthly_fen
    assert [p.name for p in folder.iterdir()] == ["统计.xlsx"]  # no temporary file left behind


def test_a_cancelled_or_failed_write_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    write_atomically(out, lambda tmp: tmp.write_bytes(b"x"), cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []

    def fail(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk gone")

    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        write_atomically(out, fail)
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"] and out.read_bytes() == b"old"


def exports(db: Database) -> list[dict[str, object]]:
    with db.uow("t") as uow:
        rows = uow.session.execute(
            select(AuditEvent.actor, AuditEvent.new_values)
            .where(AuditEvent.action == "export")
            .order_by(AuditEvent.seq)
        ).all()
    return [{"actor": actor, **json.loads(values)} for actor, values in rows]


def test_the_export_is_audited_with_who_what_and_how_many(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.uow("t") as uow:
        village = village_stats(uow, CLERK).rows[0].village_code
        cadre = Actor("cadre", "李四", Role.VILLAGE_CADRE, village)
        own = village_stats(uow, cadre)
    with demo_db.uow(cadre.username) as uow:
        saved = export_village_stats(uow, cadre, tmp_path / "本村统计.xlsx")
        uow.commit()
    expected = direct_count(demo_db, village)
    assert saved.households == sum(v[0] for v in expected.values()) == own.households > 0
    ws = load_workbook(saved.path).active
    assert ws is not None and ws.max_row == 3 + len(own.rows) + len(own.by_category()) + 1
    [event] = exports(demo_db)
    assert event["actor"] == "cadre"
    assert (event["file"], event["kind"], event["area"]) == ("本村统计.xlsx", "本乡镇统计", village)
    assert (event["households"], event["persons"]) == (saved.households, saved.persons)


def test_an_export_that_cannot_be_written_is_not_recorded(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.uow(CLERK.username) as uow, pytest.raises(UserError):
        export_village_stats(uow, CLERK, tmp_path / "no such folder" / "统计.xlsx")
    assert exports(demo_db) == []
