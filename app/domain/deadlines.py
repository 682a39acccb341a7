"""Statutory time limits (configurable per locality) and the deadlines running for a case."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import Protocol

from app.domain.codes import Program, RuleMode
from app.domain.workflow import POST_ACCEPTANCE_STATES, S1, S2, S3, S4, S5, S7, CaseState
from app.errors import UserError

CALENDAR_DAYS = "calendar"
WORKING_DAYS = "working"


class Calendar(Protocol):
    """Working-day arithmetic; implemented by the holiday calendar (``app.domain.calendar``).

    ``add_working_days(start, n)`` returns the n-th working day strictly after ``start`` (n >= 1).
    ``working_days_between(start, end)`` counts the working days d with start < d <= end (start <= end).
    """

    def add_working_days(self, start: date, n: int) -> date: ...

    def working_days_between(self, start: date, end: date) -> int: ...


class DayOffCalendar(Calendar, Protocol):
    """A calendar that also names a day off (``app.domain.calendar.WorkCalendar.day_off``)."""

    def day_off(self, d: date) -> str: ...


@dataclass(frozen=True)
class TimeLimits:
    """Time limits in working days (``_wd``) or days; defaults are the national rules [LOCAL]."""

    investigation_start_wd: int = 3  # S1 Art.15
    matching_start_wd: int = 3  # S1 Art.17
    notice_days: int = 7  # S1 Art.19
    notice_day_kind: str = CALENDAR_DAYS
    county_decision_wd: int = 10  # S1 Art.20
    refusal_notice_wd: int = 3  # S1 Art.21
    total_wd: int = 30  # S1 Art.22
    total_extended_wd: int = 45  # S1 Art.22
    delegated_total_wd: int = 20  # S5 §4(1)
    investigation_2012_wd: int = 10  # S2 Art.18
    appraisal_2012_wd: int = 5  # S2 Art.21
    county_review_2012_wd: int = 5  # S2 Art.26
    county_notice_days: int = 7  # S2 Art.29
    decision_after_county_notice_wd: int = 3  # S2 Art.29
    county_objection_2012_wd: int = 20  # S2 Art.29 ¶2
    tekun_investigation_wd: int = 15  # S4 Art.13, 15
    tekun_decision_wd: int = 15  # S4 Art.16
    linshi_total_wd: int = 15  # common local one-stop limit

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "notice_day_kind":
                if value not in (CALENDAR_DAYS, WORKING_DAYS):
                    raise UserError(
                        "应为“calendar”（自然日）或“working”（工作日）", field=FIELD_LABELS[f.name]
                    )
            elif not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 365:
                raise UserError(f"应为1至365之间的整数，实际为“{value}”", field=FIELD_LABELS[f.name])

    def to_dict(self) -> dict[str, int | str]:
        """The limits as a JSON-ready dict (stored as a business setting)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> TimeLimits:
        """Build limits from a stored setting; unknown keys are ignored, missing ones take defaults."""
        if not isinstance(data, Mapping):
            raise UserError("时限设置格式错误：应为键值对象（JSON对象）")
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


FIELD_LABELS: dict[str, str] = {
    "investigation_start_wd": "启动家庭经济状况调查（工作日）",
    "matching_start_wd": "启动信息核对（工作日）",
    "notice_days": "初审公示期（天）",
    "notice_day_kind": "公示期计算方式",
    "county_decision_wd": "县级审核确认（工作日）",
    "refusal_notice_wd": "不予确认书面告知（工作日）",
    "total_wd": "办理总时限（工作日）",
    "total_extended_wd": "延长后办理总时限（工作日）",
    "delegated_total_wd": "权限下放办理总时限（工作日）",
    "investigation_2012_wd": "2012年办法调查核实（工作日）",
    "appraisal_2012_wd": "2012年办法民主评议（工作日）",
    "county_review_2012_wd": "2012年办法县级审核（工作日）",
    "county_notice_days": "拟批准公示期（天）",
    "decision_after_county_notice_wd": "拟批准公示期满后审批决定（工作日）",
    "county_objection_2012_wd": "拟批准公示有异议时重新核查并决定（工作日）",
    "tekun_investigation_wd": "特困调查核实（工作日）",
    "tekun_decision_wd": "特困县级确认（工作日）",
    "linshi_total_wd": "临时救助办理总时限（工作日）",
}


@dataclass(frozen=True)
class CaseClock:
    """What the deadline rules need to know about a case."""

    program: Program
    mode: RuleMode
    state: CaseState
    accepted_on: date | None
    state_since: date
    extended: bool = False


@dataclass(frozen=True)
class Deadline:
    """One time limit running for a case: a stable key, a Chinese label, the due date and its legal basis."""

    key: str
    label: str
    due: date
    basis: str


def notice_end(start: date, days: int, kind: str, cal: Calendar) -> date:
    """Last day of a notice period of ``days`` starting on ``start`` (inclusive).

    Calendar days: ``start + days - 1`` (7 days from 3月11日 end on 3月17日). Working days: the
    ``days``-th working day counting ``start`` itself when it is a working day.
    """
    if kind == WORKING_DAYS:
        return cal.add_working_days(start - timedelta(days=1), days)
    return start + timedelta(days=days - 1)


def deadlines(clock: CaseClock, limits: TimeLimits, cal: Calendar) -> list[Deadline]:
    """The deadlines running in the case's current state, earliest first.

    Limits counted from acceptance need ``accepted_on``; when it is missing they are left out
    (except in ACCEPTED itself, where ``state_since`` is the acceptance date).
    """
    found = _step_deadlines(clock, limits, cal)
    total = _total_deadline(clock, limits, cal)
    if total is not None:
        found.append(total)
    return sorted(found, key=lambda d: d.due)


def days_left(deadline: Deadline, today: date, cal: Calendar) -> int:
    """Working days from ``today`` to the due date: 0 on the due date, at most -1 once it has passed."""
    if today <= deadline.due:
        return cal.working_days_between(today, deadline.due)
    return -max(1, cal.working_days_between(deadline.due, today))


def due_note(due: date, cal: DayOffCalendar) -> str:
    """``截止日为周六`` (or the holiday's name) when a period ends on a day off; else empty."""
    off = cal.day_off(due)
    return f"截止日为{off}" if off else ""


def countdown(due: date, today: date, cal: Calendar) -> str:
    """How a time limit stands, in Chinese; 今天到期 only on the due date itself.

    ``已超期2个工作日`` / ``今天到期`` / ``还剩3个工作日``, or ``11月22日到期`` when no working day is left
    before a due date that is a day off (add ``due_note`` to say which day off it is).
    """
    left = days_left(Deadline("", "", due, ""), today, cal)
    if left < 0:
        return f"已超期{-left}个工作日"
    if due == today:
        return "今天到期"
    if left == 0:
        return f"{due.month}月{due.day}日到期"
    return f"还剩{left}个工作日"


def _step_deadlines(clock: CaseClock, limits: TimeLimits, cal: Calendar) -> list[Deadline]:
    state, since = clock.state, clock.state_since
    tekun = clock.program is Program.TEKUN
    linshi = clock.program is Program.LINSHI
    mode_2012 = clock.mode is RuleMode.RULES_2012

    def wd(key: str, label: str, start: date, n: int, basis: str) -> Deadline:
        return Deadline(key, label, cal.add_working_days(start, n), basis)

    if state is CaseState.ACCEPTED and not linshi:
        accepted = clock.accepted_on or since
        if tekun:
            n, basis = limits.tekun_investigation_wd, f"{S4}第十三条"
            return [wd("preliminary_opinion", "调查核实并提出初审意见", accepted, n, basis)]
        if mode_2012:
            n, basis = limits.investigation_2012_wd, f"{S2}第十八条"
            return [wd("investigation_done", "完成家庭经济状况调查", accepted, n, basis)]
        n, basis = limits.investigation_start_wd, f"{S1}第十五条"
        return [wd("investigation_start", "启动入户调查", accepted, n, basis)]
    if state is CaseState.APPRAISAL and mode_2012 and not tekun:
        return [wd("appraisal", "完成民主评议", since, limits.appraisal_2012_wd, f"{S2}第二十一条")]
    if state is CaseState.OBJECTION and tekun:
        n, basis = limits.tekun_investigation_wd, f"{S4}第十五条第二款"
        return [wd("reinvestigation", "重新调查核实并提出初审意见", since, n, basis)]
    if state is CaseState.NOTICE:
        due = notice_end(since, limits.notice_days, limits.notice_day_kind, cal)
        return [Deadline("notice_end", "初审公示期满", due, _notice_basis(clock))]
    if state is CaseState.SUBMITTED and not linshi:
        if tekun:
            return [wd("county_decision", "县级确认意见", since, limits.tekun_decision_wd, f"{S4}第十六条")]
        if mode_2012:
            n = limits.county_review_2012_wd
            return [wd("county_review", "县级审核（提出审批意见）", since, n, f"{S2}第二十六条")]
        return [wd("county_decision", "审核确认决定", since, limits.county_decision_wd, f"{S1}第二十条")]
    if state is CaseState.COUNTY_NOTICE:
        end = notice_end(since, limits.county_notice_days, limits.notice_day_kind, cal)
        n, basis = limits.decision_after_county_notice_wd, f"{S2}第二十九条"
        return [
            Deadline("county_notice_end", "拟批准公示期满", end, basis),
            wd("county_decision", "公示期满后作出审批决定", end, n, basis),
        ]
    if state is CaseState.COUNTY_OBJECTION:
        n, basis = limits.county_objection_2012_wd, f"{S2}第二十九条第二款"
        return [wd("county_redecision", "重新调查核实并作出审批决定", since, n, basis)]
    if state is CaseState.REFUSED:
        basis = _refusal_basis(clock)
        return [wd("refusal_notice", "书面告知不予确认理由", since, limits.refusal_notice_wd, basis)]
    return []


def _refusal_basis(clock: CaseClock) -> str:
    if clock.program is Program.TEKUN:
        return f"{S4}第十八条"
    if clock.program is Program.LINSHI:
        return f"{S3}第四十八条"
    return f"{S2}第二十六条" if clock.mode is RuleMode.RULES_2012 else f"{S1}第二十一条"


def _notice_basis(clock: CaseClock) -> str:
    if clock.program is Program.TEKUN:
        return f"{S4}第十五条"
    if clock.program is Program.LINSHI:
        return f"{S3}第四十八条"
    return f"{S2}第二十五条" if clock.mode is RuleMode.RULES_2012 else f"{S1}第十九条"


def _total_deadline(clock: CaseClock, limits: TimeLimits, cal: Calendar) -> Deadline | None:
    """The overall limit from acceptance; 特困 has none (S4 sets only per-step limits)."""
    if clock.state not in POST_ACCEPTANCE_STATES or clock.program is Program.TEKUN:
        return None
    accepted = clock.accepted_on
    if accepted is None and clock.state is CaseState.ACCEPTED:
        accepted = clock.state_since
    if accepted is None:
        return None
    if clock.program is Program.LINSHI:
        n, basis = limits.linshi_total_wd, f"地方规定的临时救助办理时限；{S7}第二部分第（二）项"
    elif clock.extended:
        n, basis = limits.total_extended_wd, f"{S1}第二十二条；{S5}第四部分第（一）项"
    elif clock.mode is RuleMode.DELEGATED:
        n, basis = limits.delegated_total_wd, f"{S5}第四部分第（一）项"
    else:
        n, basis = limits.total_wd, f"{S1}第二十二条"
    return Deadline("total", "办理总时限", cal.add_working_days(accepted, n), basis)
