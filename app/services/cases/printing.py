"""Print notices and case forms: load the data (notices only through privacy.py), check roles, build PDFs."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, null, or_, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import privacy
from app.domain.areas import scope_prefix
from app.domain.calendar import DayKind
from app.domain.codes import AreaLevel, Program, Role, RuleMode, UrbanRural
from app.domain.money import month_cn, month_of
from app.domain.names import sort_key
from app.domain.workflow import CaseState
from app.errors import UserError
from app.models import tracking
from app.models.area import Area
from app.models.case import Benefit, BenefitMember, Case, Decision
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.notice import NoticeEntry, PublicNotice
from app.printing import fonts
from app.printing.casefile import CaseFile, Means, Office
from app.printing.catalog import FORMS, NoticeKind, Paper, form_name
from app.printing.notice_data import Candidate, NoticeData, assemble, notice_texts
from app.printing.output import Printed, write_pdf
from app.printing.records import Records, case_file
from app.printing.wording import category
from app.services import settings
from app.services.cases import assessment, notices
from app.services.context import COUNTY_ROLES, TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.names import Names

NOTICE_ROLES = TOWNSHIP_ROLES | COUNTY_ROLES | {Role.VILLAGE_CADRE}
FORM_ROLES = TOWNSHIP_ROLES | COUNTY_ROLES
FONT_SETTING = "print.font"
# Cases that may go on a draft notice: ready for it, or in it without a stored notice entry.
_READY = {NoticeKind.PRELIMINARY: CaseState.PRELIMINARY}
_RUNNING = {NoticeKind.PRELIMINARY: CaseState.NOTICE, NoticeKind.APPROVED: CaseState.COUNTY_NOTICE}
_LISTED = (Program.DIBAO, Program.TEKUN)  # 临时救助 is one-off: never on the standing list


def find_village(session: Session, text: str) -> tuple[str, Office]:
    """The village's code and office by its 12-digit code or exact name; UserError if there is none."""
    text = text.strip()
    area = session.get(Area, text) if text.isdigit() else None
    if area is None and not text.isdigit():
        q = select(Area).where(Area.name == text, Area.level == AreaLevel.VILLAGE.value)
        matches = list(session.execute(q).scalars())
        if len(matches) > 1:
            raise UserError(f"有{len(matches)}个村（居）名为“{text}”，请改用12位村（居）代码")
        area = matches[0] if matches else None
    if area is None:
        raise UserError(f"找不到村（居）“{text}”，请使用村（居）的12位区划代码")
    if area.level != AreaLevel.VILLAGE.value:
        raise UserError(f"“{area.name}”（{area.code}）不是村（居），公示按村（居）打印")
    return area.code, office_of(session, area)


def office_of(session: Session, village: Area) -> Office:
    """The county, township and village names, with the office contacts from the settings."""
    township = session.get(Area, village.parent_code) if village.parent_code else None
    county = session.get(Area, township.parent_code) if township and township.parent_code else None

    def setting(key: str, default: str = "") -> str:
        return str(settings.get(session, key) or default)

    return Office(
        county=county.name if county else "",
        township=township.name if township else "",
        village=village.name,
        office_name=setting("office.name"),
        phone=setting("office.phone"),
        address=setting("office.address"),
        hotline=setting("office.hotline", "12349"),
    )


def font_set(session: Session) -> fonts.FontSet:
    """The document fonts: the ``print.font`` setting (a family name or a file path), else found ones."""
    value = settings.get(session, FONT_SETTING)
    return fonts.load(value if isinstance(value, str) else None)


# ---------------------------------------------------------------- notices


@query
def notice_villages(uow: UnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of every village the actor may print a 公示 for, in code order."""
    require_role(actor, NOTICE_ROLES, "打印公示")
    rows = uow.session.execute(
        select(Area.code, Area.name)
        .where(Area.level == AreaLevel.VILLAGE.value, Area.code.startswith(scope_prefix(actor.area_code)))
        .order_by(Area.code)
    )
    return [(code, name) for code, name in rows]


@query
def notice(
    uow: UnitOfWork,
    actor: Actor,
    village: str,
    kind: NoticeKind,
    on: date,
    paper: Paper = Paper.A4,
    program: Program | None = None,
) -> Printed:
    """The 公示 of ``kind`` for a village on ``on``; a village cadre may print only their own village's.

    初审/拟批准: the stored notice running on ``on`` if there is one (a reprint), else a draft of the
    cases ready for it, its period counted from ``on`` with the calendar settings. 长期公示: the
    benefits paid in the month of ``on``. 停发公示: the stops decided in the month of ``on``.
    """
    from app.printing.notices import build_notice

    session = uow.session
    require_role(actor, NOTICE_ROLES, "打印公示")
    code, office = find_village(session, village)
    require_area(actor, code, f"打印{office.village}的公示")
    data = notice_data(session, code, office, kind, on, program)
    texts = notice_texts(data)
    privacy.assert_public(texts.all_text(data.rows), allowed=[data.office_phone, data.hotline])
    font = font_set(session)
    doc = build_notice(data, font, paper)
    warn = () if font.embedded else ("未找到可嵌入的中文字体，打印时可能显示为空白方框",)
    name = f"{texts.title}_{on:%Y%m%d}.pdf"
    return Printed.of(
        doc, name, warn, kind=f"notice:{kind.value}", area_code=code, households=data.households
    )


def notice_data(
    session: Session, village: str, office: Office, kind: NoticeKind, on: date, program: Program | None
) -> NoticeData:
    """The notice's content; UserError when the village has nothing to post."""
    lines = notice_lines(session, village, office, kind, on, program)
    return assemble(*lines)


NoticeLines = tuple[NoticeKind, Office, str, list[Candidate], date, tuple[date, date] | None, int, DayKind]


def notice_lines(
    session: Session, village: str, office: Office, kind: NoticeKind, on: date, program: Program | None
) -> NoticeLines:
    """What ``assemble`` takes: the kind, office, issuer, candidate lines (maybe none), day and period."""
    limits = settings.time_limits(session)
    cal = settings.calendar(session)
    day_kind = DayKind(limits.notice_day_kind)
    days = limits.county_notice_days if kind is NoticeKind.APPROVED else limits.notice_days
    period: tuple[date, date] | None = None
    issuer = office.county_bureau if kind is NoticeKind.APPROVED else office.township_government
    lines: list[Candidate] = []
    ur = {u.value: u.label for u in UrbanRural}

    def add(
        case: Case, hh: Household, name: str, persons: int, cat: str, fen: int | None, remark: str
    ) -> None:
        where = privacy.public_place(office.village, hh.address)
        mode = RuleMode(case.rule_mode)
        held = case.id in appraised
        lines.append(Candidate(where, name, persons, cat, fen, remark, Program(case.program), mode, held))

    appraised: set[str] = set()
    if kind in _RUNNING:
        appraised = _appraised(session, village)

    stored: list[PublicNotice] = []
    if kind in _RUNNING:
        stored = _stored_notices(session, village, kind, on, program)
        if stored:
            first = stored[0]
            period, day_kind = (first.starts_on, first.ends_on), DayKind(first.day_kind)
            days = (first.ends_on - first.starts_on).days + 1
            if day_kind is DayKind.WORKING:
                days = cal.working_days_between(first.starts_on - timedelta(days=1), first.ends_on)
            issuer = first.issued_by or issuer
            for e, case, hh in _entries(session, [n.id for n in stored]):
                add(case, hh, e.display_name, e.persons, e.category, e.monthly_fen, e.remark)
        else:
            period = cal.notice_period(on, days, day_kind)
            for case, hh, applicant in _draft_cases(session, village, kind, on, program):
                persons, fen = notices.proposal(session, case, hh, on)
                cat = category(Program(case.program), ur[hh.urban_rural])
                add(case, hh, applicant.name, persons, cat, fen, "")
    elif kind is NoticeKind.STANDING:
        for case, hh, b, applicant, persons, _ in _benefits(session, village, on, program):
            remark = ""
            if b.status == CaseState.GRADUAL_EXIT.value and b.exit_end_month:
                remark = f"渐退期至{month_cn(b.exit_end_month)}"
            cat = category(Program(case.program), ur[hh.urban_rural], b.tier)
            add(case, hh, applicant.name, persons, cat, b.monthly_fen, remark)
    else:
        period = cal.notice_period(on, limits.notice_days, day_kind)
        days = limits.notice_days
        for case, hh, b, applicant, persons, stop in _benefits(session, village, on, program, stops=True):
            since = stop.start_month if stop else None
            remark = f"自{month_cn(since)}起停发" if since else "已停发"
            cat = category(Program(case.program), ur[hh.urban_rural], b.tier)
            add(case, hh, applicant.name, persons, cat, b.monthly_fen, remark)
    if not stored:  # a stored notice keeps the order it was published in
        lines.sort(key=lambda c: (_natural(c.place), *sort_key(c.name)))  # by 组, names in pinyin order
    return kind, office, issuer, lines, on, period, days, day_kind


def _appraised(session: Session, village: str) -> set[str]:
    """Ids of the village's cases a 民主评议 was held for."""
    from app.models.case import Appraisal

    q = (
        select(Appraisal.case_id)
        .join(Case, Case.id == Appraisal.case_id)
        .join(Household, Household.id == Case.household_id)
        .where(Household.village_code == village)
    )
    return set(session.execute(q).scalars())


def _natural(text: str) -> list[int | str]:
    """Sort key reading digit runs as numbers: 兴隆村2组 before 兴隆村10组."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _entries(session: Session, notice_ids: list[str]) -> list[tuple[NoticeEntry, Case, Household]]:
    rows = session.execute(
        select(NoticeEntry, Case, Household)
        .join(Case, Case.id == NoticeEntry.case_id)
        .join(Household, Household.id == Case.household_id)
        .where(NoticeEntry.notice_id.in_(notice_ids))
        .order_by(NoticeEntry.seq)
    )
    return [(e, c, h) for e, c, h in rows]


def _stored_notices(
    session: Session, village: str, kind: NoticeKind, on: date, program: Program | None
) -> list[PublicNotice]:
    """Stored notices of ``kind`` running on ``on``: those that started last (several on one day merge)."""
    q = select(PublicNotice).where(
        PublicNotice.village_code == village,
        PublicNotice.kind == kind.value,
        PublicNotice.starts_on <= on,
        PublicNotice.ends_on >= on,
    )
    if program is not None:
        q = q.where(PublicNotice.program == program.value)
    found = list(session.execute(q.order_by(PublicNotice.starts_on.desc())).scalars())
    return [n for n in found if n.starts_on == found[0].starts_on]


def _draft_cases(
    session: Session, village: str, kind: NoticeKind, on: date, program: Program | None
) -> list[tuple[Case, Household, Person]]:
    states = [s.value for s in (_READY.get(kind), _RUNNING.get(kind)) if s is not None]
    listed = select(NoticeEntry.case_id).join(PublicNotice, PublicNotice.id == NoticeEntry.notice_id)
    listed = listed.where(PublicNotice.kind == kind.value)
    running = _RUNNING[kind].value
    q = (
        select(Case, Household, Person)
        .join(Household, Household.id == Case.household_id)
        .join(Person, Person.id == Case.applicant_id)
        .where(Household.village_code == village, Case.state.in_(states), Case.state_since <= on)
        .where(or_(Case.state != running, Case.id.not_in(listed)))
    )
    if program is not None:
        q = q.where(Case.program == program.value)
    return [(c, h, p) for c, h, p in session.execute(q.order_by(Household.address, Person.name_pinyin))]


def _benefits(
    session: Session, village: str, on: date, program: Program | None, *, stops: bool = False
) -> list[tuple[Case, Household, Benefit, Person, int, Decision | None]]:
    """Benefits paid in the month of ``on`` (or, with ``stops``, stopped by a decision that month)."""
    counts = (
        select(BenefitMember.benefit_id, func.count().label("n"))
        .group_by(BenefitMember.benefit_id)
        .subquery()
    )
    q = (
        select(Case, Household, Benefit, Person, func.coalesce(counts.c.n, 0))
        .join(Case, Case.id == Benefit.case_id)
        .join(Household, Household.id == Benefit.household_id)
        .join(Person, Person.id == Case.applicant_id)
        .outerjoin(counts, counts.c.benefit_id == Benefit.id)
        .where(Household.village_code == village, Benefit.program.in_([p.value for p in _LISTED]))
    )
    if stops:
        q = q.add_columns(Decision).join(Decision, Decision.case_id == Case.id)
        q = q.where(Decision.kind == "stop", Decision.decided_on.between(on.replace(day=1), on))
    else:
        month, end = month_of(on), func.coalesce(Benefit.end_month, Benefit.exit_end_month)
        q = q.add_columns(null()).where(Benefit.start_month <= month, or_(end.is_(None), end >= month))
    if program is not None:
        q = q.where(Benefit.program == program.value)
    return [tuple(r) for r in session.execute(q.order_by(Household.address, Person.name_pinyin))]


# ---------------------------------------------------------------- forms


@query
def form(uow: UnitOfWork, actor: Actor, case_number: str, name: str, on: date | None = None) -> Printed:
    """A paper form of a case, pre-filled from the file (staff only: forms show ID numbers)."""
    from app.printing.forms import build_form

    try:
        key = form_name(name)
    except KeyError:
        names = "、".join(f"{k}={v}" for k, v in FORMS.items())
        raise UserError(f"没有名为“{name}”的表格。可打印的表格：{names}") from None
    session = uow.session
    require_role(actor, FORM_ROLES, "打印案卷表格")
    case = session.execute(select(Case).where(Case.case_number == case_number.strip())).scalar_one_or_none()
    if case is None:
        raise UserError(f"找不到申请编号为“{case_number}”的申请")
    household = session.get(Household, case.household_id)
    assert household is not None
    require_area(actor, household.village_code, "打印该户的表格")
    data = load_case_file(session, case, household, on or clock.today())
    doc = build_form(key, data, font_set(session))
    name = f"{doc.title}_{case.case_number}.pdf"
    return Printed.of(doc, name, kind=f"form:{key}", area_code=household.village_code, households=1)


# ---------------------------------------------------------------- saving


def save(uow: UnitOfWork, actor: Actor, printed: Printed, out: Path) -> Path:
    """Write a printed document to ``out`` (whole or not at all) and audit it: who, what, how many
    households, where. The roles and the area are checked again: a form shows ID numbers."""
    notice_doc = printed.kind.startswith("notice:")
    require_role(actor, NOTICE_ROLES if notice_doc else FORM_ROLES, "保存打印文件")
    if printed.area_code:
        require_area(actor, printed.area_code, "保存该地区的打印文件")
    path = write_pdf(printed, out)
    tracking.record_bulk(
        uow.session,
        actor=actor.username,
        action="export",
        table=PublicNotice.__tablename__ if notice_doc else Case.__tablename__,
        summary={
            "file": path.name,
            "folder": str(path.resolve().parent),
            "kind": printed.kind,
            "title": printed.title,
            "households": printed.households,
            "area": printed.area_code,
            "pages": printed.pages,
        },
    )
    return path


def load_case_file(session: Session, case: Case, household: Household, on: date) -> CaseFile:
    """Everything the forms print about one case, read in a handful of queries."""
    from app.models.case import Appraisal, CaseEvent, Investigation, Objection
    from app.models.household import AssetItem, IncomeItem, Supporter

    area = session.get(Area, household.village_code)
    assert area is not None

    def rows(model: Any, column: Any, value: str, *order: Any) -> list[Any]:
        return list(session.execute(select(model).where(column == value).order_by(*order)).scalars())

    benefit = session.execute(select(Benefit).where(Benefit.case_id == case.id)).scalars().first()
    covered: list[str] = []
    if benefit is not None:
        covered = [m.person_id for m in rows(BenefitMember, BenefitMember.benefit_id, benefit.id)]
    decisions = rows(Decision, Decision.case_id, case.id, Decision.decided_on, Decision.updated_at)
    notices = list(
        session.execute(
            select(PublicNotice)
            .join(NoticeEntry, NoticeEntry.notice_id == PublicNotice.id)
            .where(NoticeEntry.case_id == case.id)
            .order_by(PublicNotice.starts_on)
        ).scalars()
    )
    return case_file(
        Records(
            office=office_of(session, area),
            case=case,
            household=household,
            persons=rows(Person, Person.household_id, household.id),
            on=on,
            incomes=rows(IncomeItem, IncomeItem.household_id, household.id),
            assets=rows(AssetItem, AssetItem.household_id, household.id),
            supporters=rows(Supporter, Supporter.household_id, household.id),
            investigations=rows(Investigation, Investigation.case_id, case.id, Investigation.started_on),
            appraisals=rows(Appraisal, Appraisal.case_id, case.id, Appraisal.held_on),
            decisions=decisions,
            events=rows(CaseEvent, CaseEvent.case_id, case.id, CaseEvent.seq),
            objections=rows(Objection, Objection.case_id, case.id, Objection.received_on),
            notices=notices,
            benefit=benefit,
            covered_ids=covered,
            means=_means(session, case, household, decisions[-1].decided_on if decisions else on, covered),
            users=Names(session, [case.origin_station]).mapping(),
        )
    )


def _means(session: Session, case: Case, household: Household, on: date, covered: list[str]) -> Means | None:
    if case.program == Program.LINSHI.value:
        return None
    try:
        income, result = assessment.case_estimate(session, case, on, covered or None)
    except UserError:
        return None
    return Means(
        result.standard_fen,
        income.net_monthly_fen,
        income.per_capita_fen,
        result.total_fen,
        result.eligible,
        result.reason,
    )
