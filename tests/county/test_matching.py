"""信息比对: lists keyed by ID number flag beneficiaries and members; a death stops the share next month."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.errors import UserError
from app.models.audit import AuditEvent
from app.models.case import Benefit, BenefitMember, Case, Decision, Review
from app.models.db import Database
from app.models.matching import MatchFlag, MatchList
from app.services.matching.actions import act_on_flag, clear_flag
from app.services.matching.lists import MatchImport, import_list
from app.services.matching.queue import flag_lines
from app.services.payments import runs
from tests.county.conftest import ADMIN, STAFF, Made, Member, add_beneficiary

FAMILY = [
    Member("张大山", date(1950, 5, 1), 11),
    Member("李秀英", date(1952, 8, 9), 22, "10", topup_fen=3000),
    Member("张小明", date(2012, 1, 15), 33, "20", topup_fen=2000),
    Member("张二叔", date(1970, 3, 3), 45, "97", covered=False),  # a member not covered
]
ALONE = [Member("王孤老", date(1940, 2, 2), 51)]
STOPPED = [Member("赵已退", date(1966, 6, 6), 61)]
STRANGER = Member("陌生人", date(1980, 1, 1), 71)


@pytest.fixture
def people(county: Database) -> tuple[Made, Made]:
    with county.uow("test") as uow:
        family = add_beneficiary(
            uow, FAMILY, base_fen=90000, start_month="2026-01", account="6217000011112222"
        )
        alone = add_beneficiary(
            uow, ALONE, base_fen=70000, program="tekun", number=2, account="6217000033334444"
        )
        add_beneficiary(uow, STOPPED, base_fen=50000, number=3, status="stopped")
        uow.commit()
    return family, alone


def death_list(path: Path, rows: list[list[object]]) -> Path:
    """A civil-affairs funeral export: title rows, a merged note, its own column names."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2026年第三季度火化人员信息（殡葬管理系统导出）"])
    ws.merge_cells("A1:E1")
    ws.append(["导出时间：2026-10-08"])
    ws.append(["序号", "死者姓名", "死亡人员身份证号码", "火化日期", "殡仪馆"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    wb.save(path)
    return path


def _import(db: Database, kind: str, path: Path) -> MatchImport:
    with db.uow(STAFF.username) as uow:
        result = import_list(uow, STAFF, kind, path, source="县殡仪馆")
        uow.commit()
    return result


def _flag(db: Database, name: str) -> MatchFlag:
    """The open flag (from the county's queue) of the list row that names ``name``."""
    with db.uow("t") as uow:
        for line in flag_lines(uow, STAFF):
            if dict(line.row_data).get("死者姓名") == name:
                flag = uow.session.get(MatchFlag, line.id)
                assert flag is not None and json.loads(flag.row_data).get("死者姓名") == name
                return flag
    raise AssertionError(name)


def test_a_death_list_flags_covered_persons_and_members_only(
    people: tuple[Made, Made], county: Database, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["李秀英", FAMILY[1].id_number, "2026-09-14", "县殡仪馆"],
        ["张二叔", FAMILY[3].id_number, date(2026, 9, 20), "县殡仪馆"],
        ["王孤老", ALONE[0].id_number.lower(), "2026.09.02", "县殡仪馆"],
        ["赵已退", STOPPED[0].id_number, "2026-09-01", "县殡仪馆"],  # no longer paid: not flagged
        ["陌生人", STRANGER.id_number, "2026-09-01", "县殡仪馆"],
        ["错号", "430623195001011234", "2026-09-01", "县殡仪馆"],
        [None, None, None, None],
    ]
    path = death_list(tmp_path / "deaths.xlsx", rows)
    result = _import(county, "death", path)
    assert (result.rows, result.unreadable, result.matched, result.new_flags) == (6, 1, 3, 3)
    assert "第9行" in result.problems[0] and "校验位" in result.problems[0]
    wife = _flag(county, "李秀英")
    assert wife.covered and wife.event_date == date(2026, 9, 14) and wife.status == "open"
    assert (
        "李秀英（农村低保保障对象" in wife.reason
        and "2026年9月14日" in wife.reason
        and "次月起停发" in wife.reason
    )
    uncle = _flag(county, "张二叔")
    assert not uncle.covered and "家庭人口发生变化" in uncle.reason
    again = _import(county, "death", path)  # the same list twice: nothing new
    assert (again.matched, again.new_flags, again.already) == (3, 0, 3)
    with county.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(MatchFlag)).scalar_one() == 3
        lists = uow.session.execute(select(MatchList.rows, MatchList.matched)).all()
        assert [tuple(x) for x in lists] == [(6, 3), (6, 3)]
        audited = uow.session.execute(
            select(AuditEvent.table_name).where(AuditEvent.action.in_(["match_import", "insert"]))
        ).scalars()
        assert {"match_flag", "match_list"} <= set(audited)


def test_acting_on_a_death_stops_the_share_from_the_next_month(
    people: tuple[Made, Made], county: Database, tmp_path: Path
) -> None:
    family, _ = people
    with county.uow(ADMIN.username) as uow:  # October's run was approved before the list arrived
        runs.approve(uow, ADMIN, "2026-10")
        uow.commit()
    _import(
        county, "death", death_list(tmp_path / "d.xlsx", [["李秀英", FAMILY[1].id_number, "2026-09-14", ""]])
    )
    flag = _flag(county, "李秀英")
    with county.uow(STAFF.username) as uow:
        result = act_on_flag(uow, STAFF, flag.id, date(2026, 11, 18))
        uow.commit()
    assert result.decision is not None and result.decision.kind == "adjust"
    assert result.decision.start_month == "2026-10" and result.overpaid_months == ["2026-10"]
    assert "2026年10月已按原金额发放，应予追回" in result.messages
    with county.uow("t") as uow:
        s = uow.session
        review = s.execute(select(Review).where(Review.kind == "death")).scalar_one()
        assert review.case_id == family.case_id and review.due_on == date(2026, 12, 14)  # 3 months
        covered = s.execute(
            select(BenefitMember.person_id).where(BenefitMember.benefit_id == family.benefit_id)
        )
        assert set(covered.scalars()) == {family.person_ids[0], family.person_ids[2]}
        stored = s.get(MatchFlag, flag.id)
        assert stored is not None and stored.status == "acted" and stored.decision_id == result.decision.id
        assert stored.review_id == review.id and "追回" in stored.note
        case = s.get(Case, family.case_id)
        assert case is not None and case.state == "active"
    for month in ("2026-09", "2026-11"):
        with county.uow(ADMIN.username) as uow:
            runs.prepare(uow, ADMIN, month)
            uow.commit()
    with county.uow("t") as uow:
        # the family's line (by pinyin 王孤老 comes before 张大山)
        sept, oct_, nov = (
            next(line for line in runs.roster(uow, ADMIN, month).lines if line.head_name == FAMILY[0].name)
            for month in ("2026-09", "2026-10", "2026-11")
        )
    assert (sept.persons, sept.total_fen) == (3, 95000)  # the month of the death is paid in full
    assert oct_.total_fen == 95000  # frozen before the action
    # 90000 base shared by 3 → 60000 for 2, plus the son's 2000 top-up; rounded to the yuan
    assert (nov.persons, nov.base_fen, nov.topup_fen, nov.total_fen) == (2, 60000, 2000, 62000)
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="已处理"):
        act_on_flag(uow, STAFF, flag.id, date(2026, 11, 19))


def test_the_death_of_a_person_alone_stops_the_benefit(
    people: tuple[Made, Made], county: Database, tmp_path: Path
) -> None:
    _, alone = people
    _import(county, "death", death_list(tmp_path / "d.xlsx", [["王孤老", ALONE[0].id_number, "", ""]]))
    flag = _flag(county, "王孤老")
    assert flag.event_date is None
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="死亡日期"):
        act_on_flag(uow, STAFF, flag.id, date(2026, 11, 18))
    with county.uow(STAFF.username) as uow:
        result = act_on_flag(uow, STAFF, flag.id, date(2026, 11, 18), death_date=date(2026, 11, 2))
        uow.commit()
    assert result.decision is not None and result.decision.kind == "stop" and result.review is None
    with county.uow("t") as uow:
        benefit = uow.session.get(Benefit, alone.benefit_id)
        assert benefit is not None and (benefit.status, benefit.end_month) == ("stopped", "2026-11")
        kinds = uow.session.execute(select(Decision.kind).where(Decision.case_id == alone.case_id)).scalars()
        assert sorted(kinds) == ["approve", "stop"]


def test_other_lists_schedule_a_review_or_are_cleared_with_a_note(
    people: tuple[Made, Made], county: Database, tmp_path: Path
) -> None:
    family, _ = people
    path = tmp_path / "vehicles.csv"  # no header at all: the ID column is recognised by its contents
    path.write_text(
        f"湘F12345,{FAMILY[0].id_number},小型轿车,2019\n湘F54321,{FAMILY[3].id_number},二轮摩托车,2015\n",
        encoding="utf-8",
    )
    result = _import(county, "vehicle", path)
    assert result.new_flags == 2
    with county.uow("t") as uow:
        flags = {f.person_id: f for f in flag_lines(uow, STAFF, "vehicle")}
    head, uncle = flags[family.person_ids[0]], flags[family.person_ids[3]]
    assert "车辆登记信息显示张大山" in head.reason and "第1列：湘F12345" in head.reason
    with county.uow(STAFF.username) as uow:
        acted = act_on_flag(uow, STAFF, head.id, date(2026, 11, 18), note="请乡镇入户核实车辆")
        uow.commit()
    assert acted.review is not None and acted.review.due_on == date(2026, 12, 18) and acted.decision is None
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="核实情况"):
        clear_flag(uow, STAFF, uncle.id, "")
    with county.uow(STAFF.username) as uow:
        clear_flag(uow, STAFF, uncle.id, "摩托车已于2020年报废注销")
        uow.commit()
    with county.uow("t") as uow:
        assert flag_lines(uow, STAFF) == []
        cleared = uow.session.get(MatchFlag, uncle.id)
        assert cleared is not None and cleared.status == "cleared" and cleared.resolved_by == STAFF.username


def test_bad_lists_are_refused(people: tuple[Made, Made], county: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("姓名,电话\n张三,138\n", encoding="utf-8")
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="找不到“身份证号”列"):
        import_list(uow, STAFF, "fund", path)
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="种类"):
        import_list(uow, STAFF, "lottery", path)
    bad = tmp_path / "bad.csv"
    bad.write_text("身份证号\n4306231950\n123\n", encoding="utf-8")
    with county.uow(STAFF.username) as uow, pytest.raises(UserError, match="没有一个可识别"):
        import_list(uow, STAFF, "fund", bad)
    with county.uow("t") as uow:
        assert uow.session.execute(select(func.count()).select_from(MatchList)).scalar_one() == 0
