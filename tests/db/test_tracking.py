"""The change tracker: versions, outbox, the hash-chained audit log and append-only history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select, text

from app import clock
from app.errors import UserError
from app.models.audit import AuditEvent, verify_chain
from app.models.case import Case, CaseEvent
from app.models.db import Database
from app.models.household import Household, Person
from app.models.outbox import OutboxEntry


def _household(db: Database) -> str:
    with db.uow("clerk") as uow:
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
        return hh.id


def test_new_records_are_stamped_queued_and_audited(station: Database) -> None:
    hh_id = _household(station)
    with station.uow("check") as uow:
        hh = uow.session.get(Household, hh_id)
        assert hh is not None
        assert (hh.version, hh.origin_station, hh.updated_by) == (1, "430623101", "clerk")
        assert len(hh_id) == 36
        queued = (
            uow.session.execute(select(OutboxEntry).where(OutboxEntry.record_id == hh_id)).scalars().all()
        )
        assert [(q.table_name, q.version, q.op) for q in queued] == [("household", 1, "upsert")]
        audit = uow.session.execute(select(AuditEvent).where(AuditEvent.record_id == hh_id)).scalar_one()
        assert audit.action == "insert" and audit.actor == "clerk"
        assert json.loads(audit.new_values)["head_name"] == "张三"


def test_an_update_bumps_the_version_and_records_old_and_new(station: Database) -> None:
    hh_id = _household(station)
    with station.uow("head") as uow:
        hh = uow.session.get(Household, hh_id)
        assert hh is not None
        hh.address = "长岭村3组12号"
        uow.commit()
    with station.uow("check") as uow:
        hh = uow.session.get(Household, hh_id)
        assert hh is not None and hh.version == 2 and hh.updated_by == "head"
        last = (
            uow.session.execute(
                select(AuditEvent).where(AuditEvent.record_id == hh_id).order_by(AuditEvent.seq.desc())
            )
            .scalars()
            .first()
        )
        assert last is not None and last.action == "update"
        assert json.loads(last.old_values) == {"address": ""}
        assert json.loads(last.new_values) == {"address": "长岭村3组12号"}
        versions = (
            uow.session.execute(
                select(OutboxEntry.version).where(OutboxEntry.record_id == hh_id).order_by(OutboxEntry.seq)
            )
            .scalars()
            .all()
        )
        assert versions == [1, 2]


def test_a_rolled_back_unit_of_work_writes_nothing(station: Database) -> None:
    with station.uow("check") as uow:
        before = uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    with pytest.raises(RuntimeError), station.uow("clerk") as uow:
        uow.session.add(Household(village_code="430623101000", urban_rural="rural"))
        uow.session.flush()
        raise RuntimeError("refused")
    with station.uow("check") as uow:
        assert uow.session.execute(select(func.count()).select_from(Household)).scalar_one() == 0
        assert uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == before


def test_case_events_are_append_only(station: Database) -> None:
    hh_id = _household(station)
    with station.uow("clerk") as uow:
        person_id = uow.session.execute(select(Person.id)).scalar_one()
        case = Case(
            case_number="430623101-2026-000001",
            household_id=hh_id,
            applicant_id=person_id,
            program="dibao",
            state="applied",
            rule_mode="2021",
            applied_on=date(2026, 11, 2),
            state_since=date(2026, 11, 2),
        )
        uow.session.add(case)
        uow.session.flush()
        uow.session.add(
            CaseEvent(
                case_id=case.id,
                seq=1,
                action="apply",
                to_state="applied",
                on_date=date(2026, 11, 2),
                at=clock.now(),
                actor="clerk",
            )
        )
        uow.commit()
    with station.uow("clerk") as uow:
        event = uow.session.execute(select(CaseEvent)).scalar_one()
        event.reason = "rewritten"
        with pytest.raises(UserError, match="只能追加"):
            uow.session.flush()
    with station.uow("clerk") as uow:
        event = uow.session.execute(select(CaseEvent)).scalar_one()
        uow.session.delete(event)
        with pytest.raises(UserError, match="只能追加"):
            uow.session.flush()


def test_the_audit_chain_detects_an_edited_row(station: Database) -> None:
    _household(station)
    with station.engine.begin() as conn:
        assert verify_chain(conn) == []
        seq = conn.execute(text("SELECT max(seq) FROM audit_event WHERE table_name='person'")).scalar()
        conn.execute(
            text("UPDATE audit_event SET new_values = replace(new_values, '张三', '李四') WHERE seq=:s"),
            {"s": seq},
        )
        problems = verify_chain(conn)
    assert any(f"第{seq}条内容被篡改" in p for p in problems)


def test_the_audit_chain_detects_a_deleted_row_and_a_truncated_tail(station: Database) -> None:
    _household(station)
    with station.engine.begin() as conn:
        first, last = conn.execute(text("SELECT min(seq), max(seq) FROM audit_event")).one()
        conn.execute(text("DELETE FROM audit_event WHERE seq=:s"), {"s": first + 1})
        assert any("缺失" in p for p in verify_chain(conn))
    with station.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq>=:s"), {"s": first + 1})
        problems = verify_chain(conn)
    assert any("末端不符" in p for p in problems), problems
    assert last > first + 1


def test_savepoints_commit_nothing_by_themselves(station: Database) -> None:
    """A released savepoint taken before any other write must not commit (pysqlite's legacy BEGIN)."""
    with station.uow("clerk") as uow, uow.savepoint():
        uow.session.add(Household(village_code="430623101000", urban_rural="rural", head_name="乙"))
        # leaving without commit: nothing may remain
    with station.uow("check") as uow:
        assert uow.session.execute(select(func.count()).select_from(Household)).scalar_one() == 0
    with station.uow("clerk") as uow:
        with pytest.raises(RuntimeError), uow.savepoint():
            uow.session.add(Household(village_code="430623101000", urban_rural="rural", head_name="甲"))
            uow.session.flush()
            raise RuntimeError("one bad household")
        with uow.savepoint():
            uow.session.add(Household(village_code="430623101000", urban_rural="rural", head_name="乙"))
        uow.commit()
    with station.uow("check") as uow:
        names = uow.session.execute(select(Household.head_name)).scalars().all()
    assert names == ["乙"]
