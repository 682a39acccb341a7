"""信息比对: import another department's list keyed by ID number and flag every beneficiary or member on it.

Kinds (domain.md §1.2 信息核对, §5 checks 1 and 3): deaths and cremations, vehicles, real estate,
business registration, public payroll, housing fund. Each match on a member of a household receiving
assistance becomes an open flag with its reason; ``app.services.matching.actions`` clears or acts on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from app.domain.calendar import format_cn
from app.domain.codes import FlagStatus
from app.domain.payments import category
from app.domain.workflow import BENEFIT_STATES
from app.errors import UserError
from app.models import tracking
from app.models.base import new_id, utcnow
from app.models.case import Benefit, BenefitMember, Case
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.matching import MatchFlag, MatchList
from app.services.context import Actor
from app.services.county_office import Cancel, Progress, require_county_actor
from app.spreadsheets import cells
from app.spreadsheets.lists import ID_FIELD, NAME_FIELD, FieldSpec, Table, looks_like_id, read_table

_S1 = "《最低生活保障审核确认办法》"
# kind → (the list, what it says about the person, what to check and on which legal basis)
KINDS: dict[str, tuple[str, str, str]] = {
    "death": (
        "死亡、火化信息",
        "已死亡",
        "应自死亡次月起停发其保障金，并在3个月内重新核查家庭情况（民政部等2022年通知）",
    ),
    "vehicle": (
        "车辆登记信息",
        "名下登记有机动车",
        f"核实车辆价值和用途（残疾人代步车、唯一谋生工具除外）是否超过财产标准（{_S1}第十四条）",
    ),
    "property": (
        "不动产登记信息",
        "名下登记有不动产",
        f"核实房产套数、面积和取得时间是否超过当地财产标准（{_S1}第十四条）",
    ),
    "business": (
        "市场主体登记信息",
        "登记为企业法定代表人、股东或个体工商户",
        f"核实经营收入和财产（{_S1}第十三条、第十四条）",
    ),
    "payroll": (
        "财政供养人员名单",
        "在财政供养（公职）人员名单中",
        f"核实工资性收入，公职人员家庭纳入保障须单独备案（{_S1}第十一条、第十三条）",
    ),
    "fund": ("住房公积金缴存信息", "有住房公积金缴存记录", f"核实就业和工资收入（{_S1}第十三条）"),
}
KIND_LABELS = {
    "death": "死亡火化",
    "vehicle": "车辆",
    "property": "不动产",
    "business": "市场主体",
    "payroll": "财政供养",
    "fund": "住房公积金",
}
DATE_FIELD = FieldSpec(
    "event_date", "死亡日期", ("死亡日期", "火化日期", "死亡时间", "火化时间", "注销日期"), ("死亡", "火化")
)
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class Candidate:
    """A member of a household receiving assistance, as the matching reads it."""

    person_id: str
    household_id: str
    name: str
    case_id: str
    case_number: str
    benefit_id: str
    category: str
    covered: bool


@dataclass
class MatchImport:
    list_id: str
    kind: str
    rows: int = 0
    unreadable: int = 0
    matched: int = 0
    new_flags: int = 0
    already: int = 0
    problems: list[str] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)


def candidates(session: Session) -> dict[str, list[Candidate]]:
    """Per ID number: the members of households with a benefit in payment (covered persons first)."""
    query = (
        select(
            Person.id,
            Person.household_id,
            Person.name,
            Person.id_number,
            Benefit.case_id,
            Case.case_number,
            Benefit.id,
            Benefit.program,
            Household.urban_rural,
            BenefitMember.id,
        )
        .join(Benefit, Benefit.household_id == Person.household_id)
        .join(Case, Case.id == Benefit.case_id)
        .join(Household, Household.id == Person.household_id)
        .outerjoin(
            BenefitMember, and_(BenefitMember.benefit_id == Benefit.id, BenefitMember.person_id == Person.id)
        )
        .where(
            Benefit.status.in_([s.value for s in BENEFIT_STATES]),
            or_(Person.is_member.is_(True), BenefitMember.id.is_not(None)),
        )
    )
    out: dict[str, list[Candidate]] = {}
    for pid, hid, name, number, case_id, case_no, bid, program, ur, member in session.execute(query):
        cat = category(program, ur)
        out.setdefault(number.upper(), []).append(
            Candidate(pid, hid, name, case_id, case_no, bid, cat, member is not None)
        )
    for found in out.values():
        found.sort(key=lambda c: not c.covered)
    return out


def _detail(row_data: dict[str, str], skip: set[str]) -> str:
    parts = [f"{k}：{v}" for k, v in row_data.items() if k not in skip][:3]
    return "（" + "；".join(parts) + "）" if parts else ""


def reason_for(kind: str, c: Candidate, event: date | None, detail: str) -> str:
    source, says, check = KINDS[kind]
    who = (
        f"{c.name}（{c.category}保障对象，案件{c.case_number}）"
        if c.covered
        else (f"{c.name}（{c.category}保障家庭成员，案件{c.case_number}）")
    )
    if kind == "death":
        when = f"于{format_cn(event)}" if event else ""
        if not c.covered:
            check = "家庭人口发生变化，应在3个月内重新核查家庭情况（民政部等2022年通知）"
        return f"{source}显示{who}{when}{says}{detail}；{check}"
    return f"{source}显示{who}{says}{detail}；{check}"


def _event_date(table: Table, row: tuple[Any, ...]) -> date | None:
    found = cells.partial_date(table.value(row, "event_date"))
    if found is None or len(found.months) != 1 or found.day is None:
        return None
    return date(found.year, found.months[0], found.day)


def _known(session: Session, kind: str) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(person, kind) → [(status, row data)] of earlier flags, to avoid flagging the same thing twice."""
    rows = session.execute(
        select(MatchFlag.person_id, MatchFlag.status, MatchFlag.row_data).where(MatchFlag.kind == kind)
    )
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for pid, status, data in rows:
        out.setdefault((pid, kind), []).append((status, data))
    return out


def import_list(
    uow: UnitOfWork,
    actor: Actor,
    kind: str,
    path: Path,
    *,
    source: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> MatchImport:
    """Read the list, match it on ID numbers, and store the list and one open flag per new match.

    ``cancel()`` is looked at once the list is read and once it is matched; a stop writes nothing.
    """
    session = uow.session
    if kind not in KINDS:
        raise UserError(f"比对名单种类应为{'、'.join(KINDS)}之一，不是“{kind}”")
    require_county_actor(session, actor, "导入比对名单")
    fields = [ID_FIELD, NAME_FIELD] + ([DATE_FIELD] if kind == "death" else [])
    table = read_table(path, fields, ["id_number"], what="比对名单", guess={"id_number": looks_like_id})
    stopped = UserError(f"已停止导入比对名单 {Path(path).name}，未写入任何内容")
    if cancel is not None and cancel():
        raise stopped
    if progress:
        progress(1, 3, f"已读取比对名单{len(table.rows)}行，正在比对……")
    people = candidates(session)
    known = _known(session, kind)
    now = utcnow()
    batch = MatchList(
        kind=kind,
        file_name=Path(path).name[:200],
        source=source[:100],
        imported_by=actor.username,
        imported_at=now,
    )
    session.add(batch)
    session.flush()
    result = MatchImport(batch.id, kind)
    skip = {table.titles[c] for c in table.mapping.values() if c < len(table.titles)}
    seen: set[tuple[str, str]] = set()
    for row_no, row in table.rows:
        raw = table.value(row, "id_number")
        if cells.is_blank(raw):
            continue
        result.rows += 1
        try:
            number = cells.id_number(raw)
        except (ValueError, UserError) as exc:
            result.unreadable += 1
            if len(result.problems) < SHOWN_PROBLEMS:
                result.problems.append(f"第{row_no}行：{exc}")
            continue
        for c in people.get(number, ()):
            if (c.person_id, c.benefit_id) in seen:
                continue
            seen.add((c.person_id, c.benefit_id))
            result.matched += 1
            data = table.row_data(row)
            data_json = json.dumps(data, ensure_ascii=False, sort_keys=True)
            earlier = known.get((c.person_id, kind), [])
            if any(s in (FlagStatus.OPEN, FlagStatus.ACTED) or d == data_json for s, d in earlier):
                result.already += 1
                continue
            event = _event_date(table, row) if kind == "death" else None
            result.flags.append(
                {
                    "id": new_id(),
                    "origin_station": uow.station,
                    "version": 1,
                    "updated_at": now,
                    "updated_by": actor.username,
                    "list_id": batch.id,
                    "kind": kind,
                    "id_number": number,
                    "row_no": row_no,
                    "row_data": data_json,
                    "event_date": event,
                    "person_id": c.person_id,
                    "household_id": c.household_id,
                    "case_id": c.case_id,
                    "benefit_id": c.benefit_id,
                    "covered": c.covered,
                    "reason": reason_for(kind, c, event, _detail(data, skip)),
                    "status": FlagStatus.OPEN.value,
                    "resolved_by": "",
                    "resolved_at": None,
                    "note": "",
                    "decision_id": None,
                    "review_id": None,
                }
            )
    if result.rows and result.unreadable == result.rows:
        raise UserError(f"比对名单 {Path(path).name} 中没有一个可识别的身份证号：{result.problems[0]}")
    if cancel is not None and cancel():
        raise stopped
    if progress:
        progress(2, 3, f"比对完成：{result.rows}行，新疑点{len(result.flags)}条，正在保存……")
    if result.flags:
        session.execute(insert(MatchFlag), result.flags)
    result.new_flags = len(result.flags)
    batch.rows, batch.unreadable, batch.matched = result.rows, result.unreadable, result.matched
    summary = {"list": batch.id, "kind": kind, "rows": result.rows, "flags": result.new_flags}
    tracking.record_bulk(
        session, actor=actor.username, action="match_import", table="match_flag", summary=summary
    )
    session.flush()
    if progress:
        progress(3, 3, f"比对完成：{result.rows}行，新疑点{result.new_flags}条")
    return result
