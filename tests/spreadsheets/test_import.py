"""Importing messy ledgers into a station: layouts, dirty cells, villages, all-or-nothing, dry run."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.domain.codes import Role
from app.errors import PermissionDenied, UserError
from app.models.area import Area
from app.models.audit import AuditEvent
from app.models.case import Benefit, BenefitMember, Case, CaseEvent
from app.models.db import Database
from app.models.household import Household, Person
from app.models.outbox import OutboxEntry
from app.services.context import Actor, system_actor
from app.services.intake.ledger import ImportOptions, import_ledger, remember_mapping, remembered_mapping
from app.services.reports.checks import run_all
from app.spreadsheets.report import ImportReport
from tests.spreadsheets.ledgers import (
    BABY,
    CLERK,
    LI,
    MING,
    QIAN,
    SUN,
    WANG,
    ZHANG,
    ZHAO,
    add_villages,
    dump,
    messy_ledger,
    pid,
    save,
)

TODAY = date(2026, 11, 20)


def run(db: Database, path: Path, actor: Actor = CLERK, **options: Any) -> ImportReport:
    with db.uow(actor.username) as uow:
        report = import_ledger(uow, actor, path, ImportOptions(today=TODAY, **options))
        uow.commit()  # the caller commits: a refused import has written nothing to commit
        return report


def count(db: Database, model: type) -> int:
    with db.uow("t") as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_messy_per_member_ledger_comes_in_faithfully(station: Database, tmp_path: Path) -> None:
    add_villages(station)
    report = run(station, messy_ledger(tmp_path / "l.xlsx"))
    assert report.errors == [], [str(p) for p in report.errors]
    assert (report.created, report.persons_added, report.written) == (3, 6, True)
    sheet = report.sheets[0]
    assert sheet.skipped == {"blank": 3, "total": 3, "footer": 2}
    with station.uow("t") as uow:
        s = uow.session
        people = {p.id_number: p for p in s.execute(select(Person)).scalars()}
        assert set(people) == {ZHANG, LI, MING, WANG, ZHAO, QIAN}
        assert people[ZHANG].name == "张三" and people[ZHANG].relation_code == "02"
        assert people[ZHANG].name_pinyin == "zhangsan" and people[ZHANG].origin_station == "430623101"
        assert (people[LI].relation_code, people[MING].relation_code, people[WANG].relation_code) == (
            "12",
            "20",
            "01",
        )
        zhang = s.get(Household, people[ZHANG].household_id)
        assert zhang is not None and zhang.village_code == "430623101201" and zhang.head_name == "张三"
        assert zhang.head_pinyin == "zhang san"  # written in bulk with the household, for pinyin order
        assert zhang.urban_rural == "rural" and people[LI].household_id == zhang.id
        benefits = {b.household_id: b for b in s.execute(select(Benefit)).scalars()}
        assert benefits[zhang.id].monthly_fen == 32000 and benefits[zhang.id].tier == "A类"
        wang = benefits[people[WANG].household_id]
        assert (wang.program, wang.monthly_fen) == ("tekun", 51000)
        assert s.get(Household, people[WANG].household_id).notes == "分散供养"
        covered = s.execute(select(func.count()).where(BenefitMember.benefit_id == benefits[zhang.id].id))
        assert covered.scalar_one() == 3
        case = s.get(Case, benefits[zhang.id].case_id)
        assert case is not None and case.state == "active" and case.case_number == "430623101-2026-000001"
        event = s.execute(select(CaseEvent).where(CaseEvent.case_id == case.id)).scalar_one()
        assert event.action == "ledger_import" and "第5行" in event.reason
        outbox = s.execute(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.table_name == "person")
        )
        assert outbox.scalar_one() == 6
    with station.uow("check") as uow:
        check = run_all(uow, system_actor("430623"), TODAY)
    assert not check.severe and not check.integrity and not check.audit


def test_the_same_ledger_again_changes_nothing(station: Database, tmp_path: Path) -> None:
    add_villages(station)
    path = messy_ledger(tmp_path / "l.xlsx")
    run(station, path)
    before = dump(station)
    again = run(station, path)
    assert (again.created, again.updated, again.unchanged, again.changes) == (0, 0, 3, [])
    assert dump(station) == before


def test_an_error_means_nothing_is_written(station: Database, tmp_path: Path) -> None:
    add_villages(station)
    lost = [4, "西湖村", "孙八", "户主", 4.30623199006151e17, "男", 1990.06, 1, 300, "农村低保"]
    path = messy_ledger(tmp_path / "l.xlsx", extra=[lost])
    before = dump(station)
    report = run(station, path)
    [error] = report.errors
    assert (error.sheet, error.row, error.column) == ("花名册", 16, "E（家庭成员/公民身份号码）")
    assert "4.30623E+17" in error.reason and "无法还原" in error.reason
    assert not report.written and dump(station) == before
    partial = run(station, path, accept_partial=True)
    assert partial.written and (partial.created, partial.refused) == (3, 1)
    assert count(station, Household) == 3


def test_dry_run_reports_and_writes_nothing(station: Database, tmp_path: Path) -> None:
    add_villages(station, (("430623101201", "东山村"),))
    before = dump(station)
    report = run(station, messy_ledger(tmp_path / "l.xlsx"), dry_run=True, create_villages=True)
    assert report.dry_run and not report.written and report.created == 3
    assert report.villages_created == ["西湖村（430623101200）"]
    assert "试导入" in report.summary()[-1]
    assert dump(station) == before


def test_unknown_villages_are_errors_with_a_suggestion_or_created_on_request(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station, (("430623101201", "东山村"), ("430623101202", "西湖村")))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["户主姓名", "身份证号", "村", "月补助"])
    ws.append(["赵六", ZHAO, "西胡村", 300])
    ws.append(["孙八", SUN, "青山村委会", 300])
    path = save(wb, tmp_path / "v.xlsx")
    report = run(station, path)
    reasons = [p.reason for p in report.errors]
    assert "是否为“西湖村”" in reasons[0] and "可选择在本乡镇下新建该村（社区）" in reasons[1]
    assert not any("--" in reason for reason in reasons)  # the desktop shows it: no command-line option
    created = run(station, path, create_villages=True)
    assert created.villages_created == [
        "西胡村（430623101200）",
        "青山村（430623101203）",
    ]
    with station.uow("t") as uow:
        area = uow.session.get(Area, "430623101203")
        assert area is not None and area.parent_code == "430623101000" and area.level == "village"


def test_per_household_ledgers_on_several_sheets_with_other_column_names(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    wb = Workbook()
    about = wb.active
    assert about is not None
    about.title = "说明"
    about.append(["本台账按村分表，每户一行。"])
    east = wb.create_sheet("东山村")
    east.append(["东山村低保户花名册"])
    east.append(["月补助", "享受人数", "户主", "公民身份号码", "性别", "城乡", "开户银行", "一卡通账号"])
    east.append(["300元", 1, "王五", WANG, "男", "农村", "华容农商行", "6217000012345678901"])
    west = wb.create_sheet("西湖村")
    west.append(["村(居)", "户主姓名", "身份证号码", "保障人数", "保障金额（元）", "享受时间"])
    west.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])  # the columns numbered under the header
    west.append(["西湖村", "赵六", ZHAO, 2, 420, "2019.03"])
    west.append([None, None, None, None, None, None])
    west.append(["合计", None, None, 2, 420])
    report = run(station, save(wb, tmp_path / "hh.xlsx"))
    assert report.errors == [] and report.created == 2
    infos = [p.reason for p in report.problems]
    assert any("整张表未导入" in r for r in infos)
    assert any("只导入户主" in r for r in infos)  # 赵六: 2 persons, one ID number
    with station.uow("t") as uow:
        s = uow.session
        wang = s.execute(select(Household).where(Household.head_name == "王五")).scalar_one()
        assert wang.village_code == "430623101201"  # from the sheet name
        assert wang.account_no == "6217000012345678901" and wang.bank_name == "华容农商行"
        zhao = s.execute(select(Benefit).join(Household).where(Household.head_name == "赵六")).scalar_one()
        assert (zhao.monthly_fen, zhao.start_month) == (42000, "2019-03")


def test_rows_that_contradict_their_id_number_or_have_no_head_are_refused(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["村", "姓名", "与户主关系", "身份证号", "性别", "出生日期", "月保障金"])
    ws.append(["东山村", "钱七", "妻", QIAN, "女", None, None])  # a member before any head
    ws.append(["东山村", "张三", "户主", ZHANG, "女", "1956.03", 300])  # sex contradicts the number
    ws.append([None, "李四", "妻", LI, "女", "1958.06", None])  # birth month contradicts the number
    ws.append(["东山村", "孙八", "户主", SUN, "男", None, 300])
    ws.append([None, "孙八", "子", SUN, "男", None, None])  # the same ID twice
    ws.append([None, "小宝", "狗", BABY, None, None, None])  # unknown relation
    ws.append(["东山村", None, None, None, "男", 1956, 400])  # neither name nor ID number
    report = run(station, save(wb, tmp_path / "bad.xlsx"))
    found = {(p.row, p.column[:1]) for p in report.errors}
    assert found == {(2, ""), (3, "E"), (4, "F"), (6, ""), (7, "C"), (8, "")}
    assert report.created == 0 and count(station, Household) == 0


def test_roles_scope_cancel_and_remembered_mapping(station: Database, tmp_path: Path) -> None:
    add_villages(station)
    path = messy_ledger(tmp_path / "l.xlsx")
    cadre = Actor("cadre", "李春生", Role.VILLAGE_CADRE, "430623101201")
    with pytest.raises(PermissionDenied):
        run(station, path, actor=cadre)
    other = Actor("other", "外乡", Role.TOWNSHIP_CLERK, "430623102000")
    report = run(station, path, actor=other)
    assert len(report.errors) == 3 and all("管辖范围" in p.reason for p in report.errors)
    with station.uow("clerk") as uow, pytest.raises(UserError, match="已取消"):
        import_ledger(uow, CLERK, path, ImportOptions(today=TODAY), cancel=lambda: True)
    assert count(station, Household) == 0
    with station.uow("clerk") as uow:
        remember_mapping(uow, CLERK, {"name": "姓名", "id_number": "公民身份号码"})
        uow.commit()
    with station.uow("clerk") as uow:
        assert remembered_mapping(uow, CLERK) == {"name": "姓名", "id_number": "公民身份号码"}
        audit = uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        assert audit > 0


def test_a_mapping_chosen_in_the_mapping_step_reads_unguessable_columns(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["名字", "证件", "地方", "钱"])
    ws.append(["王五", WANG, "东山村", "300元"])
    path = save(wb, tmp_path / "odd.xlsx")
    with pytest.raises(UserError, match="没有可识别的台账"):
        run(station, path)
    chosen = {"name": "名字", "id_number": "证件", "village": "地方", "monthly_amount": "钱"}
    report = run(station, path, mapping=chosen)
    assert report.created == 1 and report.errors == []


def test_unreadable_files_are_refused_clearly(station: Database, tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("这不是Excel文件", encoding="utf-8")
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
    )
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    for path, message in (
        (text, "不是Excel工作簿"),
        (encrypted, "设置了打开密码"),
        (old, "另存为"),
        (damaged, "不是Excel工作簿|已损坏"),
        (tmp_path / "missing.xlsx", "找不到文件"),
    ):
        with pytest.raises(UserError, match=message):
            run(station, path)


def test_later_ids_keep_birth_order_rules_as_warnings(station: Database, tmp_path: Path) -> None:
    add_villages(station)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["村", "姓名", "关系", "身份证号"])
    ws.append(["东山村", "孙八", "户主", SUN])
    ws.append([None, "孙老", "父亲", pid(date(2000, 1, 1), 91)])  # a father younger than his son
    report = run(station, save(wb, tmp_path / "w.xlsx"))
    assert report.errors == [] and report.created == 1
    assert any("年龄" in p.reason for p in report.warnings)


def test_the_mapping_step_gets_a_guess_a_preview_and_progress(station: Database, tmp_path: Path) -> None:
    from app.spreadsheets.reader import guess, read_ledger

    path = messy_ledger(tmp_path / "l.xlsx")
    [sheet] = guess(path)
    assert sheet.sheet == "花名册" and sheet.header is not None and sheet.header.row == 3
    assert sheet.mapping["id_number"] == "家庭成员/公民身份号码" and sheet.mapping["village"] == "村(居)"
    assert sheet.preview[0][2] == "张 三"
    seen: list[str] = []
    read = read_ledger(path, mapping=sheet.mapping, progress=lambda done, total, what: seen.append(what))
    assert len(read.households) == 3 and seen and "花名册" in seen[0]


def test_a_failure_half_way_through_the_writes_leaves_the_database_as_it_was(
    station: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.spreadsheets import bulk

    add_villages(station)
    path = messy_ledger(tmp_path / "l.xlsx")
    before = dump(station)
    real = bulk.tracking.record_bulk

    def failing(session: Any, **kwargs: Any) -> None:
        if kwargs["table"] == "benefit":
            raise OSError("disk full")
        real(session, **kwargs)

    monkeypatch.setattr(bulk.tracking, "record_bulk", failing)
    with pytest.raises(OSError, match="disk full"):
        run(station, path)
    assert dump(station) == before
