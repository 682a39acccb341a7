"""`jiuzhu check` reports a damaged audit anchor (``local.audit_head``) as a finding, never a crash
(issue 11; architecture.md: the audit log is hash-chained so tampering is detectable)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text

from app.cli import run
from app.models.audit import HEAD_KEY, verify_chain
from app.models.db import Database
from app.models.household import Household, Person
from app.paths import DataPaths

Damage = Callable[[sqlite3.Connection], None]


def _set(value: str) -> Damage:
    return lambda conn: conn.execute("UPDATE setting SET value=? WHERE key=?", (value, HEAD_KEY))


def _head(conn: sqlite3.Connection) -> dict[str, object]:
    return dict(json.loads(conn.execute("SELECT value FROM setting WHERE key=?", (HEAD_KEY,)).fetchone()[0]))


def _past_the_log(conn: sqlite3.Connection) -> None:
    head = _head(conn)
    _set(json.dumps({**head, "seq": int(str(head["seq"])) + 5}))(conn)


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda conn: conn.execute("DELETE FROM setting WHERE key=?", (HEAD_KEY,)), "末端标记缺失"),
        (_set('{"seq": "not a number", "hash": "x"}'), "末端标记已损坏"),
        (_set("{{{ not json"), "末端标记已损坏"),
        (_past_the_log, "实际只到第"),
    ],
    ids=["missing", "not-a-number", "not-json", "past-the-log"],
)
def test_check_reports_a_damaged_anchor_and_exits_1(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, damage: Damage, words: str
) -> None:
    with sqlite3.connect(demo_paths.database) as conn:
        damage(conn)
    code = run(["--data-dir", str(demo_paths.root), "check"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "审计链：被改动" in out and words in out, out
    assert err == ""  # a finding, not an error: the other checks still ran
    assert "核查发现：" in out


def _anchor_problems(station: Database, value: str | None) -> list[str]:
    with station.engine.begin() as conn:
        if value is None:
            conn.execute(text("DELETE FROM setting WHERE key=:k"), {"k": HEAD_KEY})
        else:
            conn.execute(text("UPDATE setting SET value=:v WHERE key=:k"), {"v": value, "k": HEAD_KEY})
        return verify_chain(conn)


def _household(station: Database) -> None:
    """A few audited changes on the station (a household and its head)."""
    with station.uow("clerk") as uow:
        hh = Household(village_code="430623101000", urban_rural="rural", head_name="张三")
        uow.session.add(hh)
        uow.session.flush()
        uow.session.add(
            Person(
                household_id=hh.id,
                name="张三",
                id_number="11010519491231002X",
                sex="F",
                birth_date=date(1949, 12, 31),
                relation_code="02",
            )
        )
        uow.commit()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("[1, 2]", "已损坏"),
        ('{"seq": true, "hash": "x"}', "已损坏"),
        ('{"seq": -1, "hash": "x"}', "已损坏"),
        ('{"seq": 1}', "已损坏"),
        ("[" * 5000 + "]" * 5000, "已损坏"),
        ('{"seq": 1, "hash": "0000"}', "标记停在第1条"),
    ],
)
def test_every_shape_of_a_damaged_anchor_is_a_finding(station: Database, value: str, words: str) -> None:
    _household(station)
    problems = _anchor_problems(station, value)
    assert any(words in p for p in problems), problems


def test_an_anchor_on_the_last_event_with_another_hash_is_a_finding(station: Database) -> None:
    _household(station)
    with station.engine.begin() as conn:
        raw = conn.execute(text("SELECT value FROM setting WHERE key=:k"), {"k": HEAD_KEY}).scalar_one()
    head = json.loads(raw)
    problems = _anchor_problems(station, json.dumps({"seq": head["seq"], "hash": "f" * 64}))
    assert any("哈希与末端标记不同" in p for p in problems), problems
    assert _anchor_problems(station, raw) == []  # put back: intact again


def test_an_unreadable_audit_row_is_a_finding(station: Database) -> None:
    _household(station)
    with station.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET at='not a time' WHERE seq=2"))
        problems = verify_chain(conn)
    assert any("第2条无法读取" in p for p in problems), problems
