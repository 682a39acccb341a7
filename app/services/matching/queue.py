"""The county's 信息比对 queue as the desktop shows it: open flags with their household; a dry run of 处理.

``flag_lines`` reads the queue within the actor's area (ID numbers masked to their last 4 digits);
``preview_act`` runs ``actions.act_on_flag`` in the caller's unit of work and rolls it back, so the
officer sees exactly what 处理 will do (the share stopped from which month, the new amount, months to
recover, the review's due date) before confirming it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.domain.calendar import format_cn
from app.domain.codes import FlagStatus
from app.domain.money import fen_to_yuan, month_cn
from app.models.case import Benefit, Case
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.matching import MatchFlag, MatchList
from app.services.context import Actor, query
from app.services.county_office import area_names, in_area, place_names, require_county
from app.services.matching.actions import act_on_flag
from app.services.matching.lists import KIND_LABELS


@dataclass(frozen=True)
class FlagLine:
    """One open flag with what the queue shows about it."""

    id: str
    kind: str
    kind_label: str
    village_code: str
    township: str
    village: str
    head_name: str
    person_id: str
    person_name: str
    id_masked: str
    covered: bool  # a covered beneficiary, not only a member of the household
    reason: str
    found_on: date  # the day the list was imported
    event_date: date | None
    case_id: str | None
    case_number: str
    list_file: str
    list_source: str
    row_no: int
    row_data: tuple[tuple[str, str], ...]  # the list's row, ID numbers masked


@dataclass(frozen=True)
class ActPreview:
    """What 处理 would do, from a dry run: one line per effect."""

    flag_id: str
    kind: str
    person_name: str
    death_date: date | None
    lines: tuple[str, ...]


def mask_id(number: str) -> str:
    """Every character but the last 4 as ``*``: "430623195005011234" → "**************1234"."""
    number = number.strip()
    return "*" * max(len(number) - 4, 0) + number[-4:]


def _row_data(raw: str, number: str) -> tuple[tuple[str, str], ...]:
    try:
        data = json.loads(raw)
    except ValueError:
        return ()
    if not isinstance(data, dict):
        return ()
    out = []
    for title, value in data.items():
        text = "" if value is None else str(value)
        if text.strip().upper() == number.upper():
            text = mask_id(text)
        out.append((str(title), text))
    return tuple(out)


@query
def flag_lines(uow: UnitOfWork, actor: Actor, kind: str | None = None) -> list[FlagLine]:
    """The open flags in the actor's area (of one kind, or all): deaths first, then by kind and ID number."""
    session = uow.session
    require_county(session, "查看比对疑点")
    query = (
        select(
            MatchFlag,
            Person.name,
            Household.head_name,
            Household.village_code,
            MatchList.imported_at,
            MatchList.file_name,
            MatchList.source,
            Case.case_number,
        )
        .join(Person, Person.id == MatchFlag.person_id)
        .join(Household, Household.id == MatchFlag.household_id)
        .join(MatchList, MatchList.id == MatchFlag.list_id)
        .outerjoin(Case, Case.id == MatchFlag.case_id)
        .where(MatchFlag.status == FlagStatus.OPEN.value, in_area(Household.village_code, actor))
        .order_by(MatchFlag.kind, MatchFlag.id_number)
    )
    if kind:
        query = query.where(MatchFlag.kind == kind)
    names = area_names(session)
    lines = []
    for flag, person, head, village, imported, file_name, source, case_no in session.execute(query):
        township, village_name = place_names(names, village)
        lines.append(
            FlagLine(
                id=flag.id,
                kind=flag.kind,
                kind_label=KIND_LABELS.get(flag.kind, flag.kind),
                village_code=village,
                township=township,
                village=village_name,
                head_name=head,
                person_id=flag.person_id,
                person_name=person,
                id_masked=mask_id(flag.id_number),
                covered=flag.covered,
                reason=flag.reason,
                found_on=imported.astimezone().date(),
                event_date=flag.event_date,
                case_id=flag.case_id,
                case_number=case_no or "",
                list_file=file_name,
                list_source=source,
                row_no=flag.row_no,
                row_data=_row_data(flag.row_data, flag.id_number),
            )
        )
    return sorted(lines, key=lambda line: line.kind != "death")


def preview_act(
    uow: UnitOfWork, actor: Actor, flag_id: str, on: date, death_date: date | None = None
) -> ActPreview:
    """Run 处理 and roll it back; a refusal (no date of death, a flag already handled) is raised as is."""
    session = uow.session
    try:
        flag = session.get(MatchFlag, flag_id)
        benefit = session.get(Benefit, flag.benefit_id) if flag is not None and flag.benefit_id else None
        monthly = benefit.monthly_fen if benefit is not None else 0
        result = act_on_flag(uow, actor, flag_id, on, death_date=death_date)
        person = session.get(Person, result.flag.person_id)
        name = person.name if person is not None else ""
        lines = []
        decision = result.decision
        if decision is not None and decision.kind == "stop":
            lines.append(
                f"自{month_cn(decision.start_month or '')}起停发该户保障金（现每月{fen_to_yuan(monthly)}元）"
            )
        elif decision is not None:
            lines.append(
                f"自{month_cn(decision.start_month or '')}起减发{name}的个人份额：该户保障金由每月"
                f"{fen_to_yuan(monthly)}元调整为{fen_to_yuan(decision.amount_fen or 0)}元"
            )
        elif result.flag.kind == "death":
            lines.append(f"{name}不是保障对象，保障金不变")
        if result.overpaid_months:
            months = "、".join(month_cn(m) for m in result.overpaid_months)
            lines.append(f"{months}已按原金额发放，应予追回")
        if result.review is not None:
            lines.append(f"安排家庭复核，应于{format_cn(result.review.due_on)}前完成")
        lines.append("该疑点标记为已处理，移出比对队列")
        return ActPreview(flag_id, result.flag.kind, name, result.flag.event_date, tuple(lines))
    finally:
        session.rollback()
