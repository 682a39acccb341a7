"""A later ledger updates what changed, reports it, and is versioned, audited and queued like any change."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.case import Benefit, BenefitMember
from app.models.db import Database
from app.models.household import Household, Person
from app.models.outbox import OutboxEntry
from app.services.intake.ledger import ImportOptions, import_ledger
from app.spreadsheets.errors_book import write_errors
from app.spreadsheets.report import ImportReport
from tests.spreadsheets.ledgers import (
    BABY,
    CLERK,
    LI,
    MING,
    QIAN,
    WANG,
    ZHANG,
    ZHAO,
    add_villages,
    dump,
    messy_ledger,
    save,
)

TODAY = date(2026, 11, 20)


def run(db: Database, path: Path, **options: object) -> ImportReport:
    with db.uow("clerk") as uow:
        report = import_ledger(uow, CLERK, path, ImportOptions(today=TODAY, **options))  # type: ignore[arg-type]
        uow.commit()
        return report


def later_ledger(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "2025年"
    ws.append(["村", "姓名", "与户主关系", "身份证号", "月保障金", "类别", "家庭住址"])
    ws.append(["东山村", "张三", "户主", ZHANG, "350元", "农村低保A类", "东山村3组12号"])
    ws.append([None, "张小明", "子", MING])
    ws.append([None, "张小宝", "孙子", BABY])  # born since: a new member
    ws.append(["东山村", "王伍", "本人", WANG, 510, "特困供养", None])  # renamed; 李四 no longer listed
    ws.append(["西湖村", "赵六", "户主", ZHAO, 400, "农村低保", None])
    ws.append([None, "钱七", "妻", QIAN])
    return save(wb, path)


def test_a_later_ledger_updates_what_changed_and_reports_it(station: Database, tmp_path: Path) -> None:
    add_villages(station)
    first = run(station, messy_ledger(tmp_path / "2024.xlsx"))
    assert first.written
    report = run(station, later_ledger(tmp_path / "2025.xlsx"))
    assert report.written and report.errors == [], [str(p) for p in report.errors]
    assert (report.created, report.updated, report.unchanged, report.persons_added) == (0, 2, 1, 1)
    text = "\n".join(report.changes)
    assert "家庭住址由“（空）”改为“东山村3组12号”" in text
    assert "月保障金由“320.00元”改为“350.00元”" in text
    assert "新增家庭成员张小宝" in text
    assert "王五的姓名由“王五”改为“王伍”" in text
    assert any("李四" in p.reason and "不在本台账中" in p.reason for p in report.warnings)
    with station.uow("t") as uow:
        s = uow.session
        zhang = s.execute(select(Person).where(Person.id_number == ZHANG)).scalar_one()
        household = s.get(Household, zhang.household_id)
        assert household is not None and household.address == "东山村3组12号" and household.version == 2
        wang = s.execute(select(Person).where(Person.id_number == WANG)).scalar_one()
        assert (wang.name, wang.name_pinyin, wang.version) == ("王伍", "wangwu", 2)
        wangs = s.get(Household, wang.household_id)  # the head renamed: the household's pinyin follows
        assert wangs is not None and (wangs.head_name, wangs.head_pinyin) == ("王伍", "wang wu")
        assert (
            s.execute(select(Person).where(Person.id_number == LI)).scalar_one().household_id == household.id
        )
        benefit = s.execute(select(Benefit).where(Benefit.household_id == household.id)).scalar_one()
        assert (benefit.monthly_fen, benefit.base_fen, benefit.version) == (35000, 35000, 2)
        baby = s.execute(select(Person).where(Person.id_number == BABY)).scalar_one()
        assert baby.household_id == household.id and baby.relation_code == "41"
        covered = s.execute(select(BenefitMember.person_id).where(BenefitMember.benefit_id == benefit.id))
        assert baby.id in set(covered.scalars())
        audit = s.execute(
            select(AuditEvent).where(AuditEvent.table_name == "benefit", AuditEvent.action == "update")
        ).scalar_one()
        assert json.loads(audit.old_values)["monthly_fen"] == 32000
        assert json.loads(audit.new_values)["monthly_fen"] == 35000
        queued = s.execute(
            select(OutboxEntry.version).where(OutboxEntry.record_id == benefit.id).order_by(OutboxEntry.seq)
        )
        assert list(queued.scalars()) == [1, 2]
    before = dump(station)
    again = run(station, later_ledger(tmp_path / "2025b.xlsx"))
    assert (again.updated, again.unchanged, again.changes) == (0, 3, [])
    assert dump(station) == before


def test_the_errors_workbook_lists_each_problem_beside_the_original_row(
    station: Database, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    add_villages(station)
    lost = [4, "西湖村", "孙八", "户主", 4.30623199006151e17, "男", 1990.06, 1, 300, "农村低保"]
    report = run(station, messy_ledger(tmp_path / "l.xlsx", extra=[lost]))
    out = tmp_path / "errors.xlsx"
    write_errors(out, report.problems, report.sheets, report.summary())
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "问题-花名册"]
    summary = [r[0] for r in wb["汇总"].iter_rows(values_only=True)]
    assert any("有错误未导入1户" in line for line in summary)
    rows = list(wb["问题-花名册"].iter_rows(values_only=True))
    assert rows[0][:5] == ("工作表", "行号", "列", "类别", "原因")
    assert rows[0][6:12] == (
        "序号",
        "村(居)",
        "家庭成员/姓名",
        "家庭成员/与户主关系",
        "家庭成员/公民身份号码",
        "性别",
    )
    error = next(r for r in rows[1:] if r[3] == "错误")
    assert error[:3] == ("花名册", 16, "E（家庭成员/公民身份号码）")
    assert "无法还原" in error[4]
    assert error[6:11] == (4, "西湖村", "孙八", "户主", "4.30623E+17")
    notes = [r for r in rows[1:] if r[3] == "说明"]
    assert len(notes) == 3 and notes[0][4] == "本户（第16行）因第16行有错误，整户未导入"
    assert "注：本表由村委会填报" in notes[1][6] and "看作表尾签名或说明" in notes[2][4]


def test_a_ledger_without_categories_follows_the_benefit_in_payment(
    station: Database, tmp_path: Path
) -> None:
    add_villages(station)
    run(station, messy_ledger(tmp_path / "2024.xlsx"))
    with station.uow("t") as uow:
        li = uow.session.execute(select(Person).where(Person.id_number == LI)).scalar_one()
        li.death_date = date(2025, 1, 5)
        uow.commit()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["村", "姓名", "关系", "身份证号", "月补助"])
    ws.append(["东山村", "王五", "本人", WANG, 520])  # 特困供养 in the file; the ledger says no category
    ws.append(["东山村", "张三", "户主", ZHANG, 320])
    ws.append([None, "李四", "妻", LI])
    ws.append([None, "张小明", "子", MING])
    report = run(station, save(wb, tmp_path / "2025.xlsx"))
    assert report.errors == [] and (report.updated, report.unchanged) == (1, 1)
    assert report.changes == ["王五户（Sheet第2行）：月保障金由“510.00元”改为“520.00元”"]
    assert any("已登记死亡" in p.reason for p in report.warnings)
