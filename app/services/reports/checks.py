"""`jiuzhu check`: database integrity, the audit chain, and the audit-finding checks of domain.md §5.

Items 2, 4, 5, 7, 8 and 9 here; 1, 3, 6 and 10 in ``app.services.reports.checks_more``, which also says which
checks cannot run (fully) on this database and why.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app import clock
from app.domain import checks
from app.domain.assessment import (
    PersonFacts,
    assessed_alone,
    compute,
    income_line,
    living_members,
    member_facts,
)
from app.domain.checks_rows import (
    BenefitRow,
    CaseDeadline,
    CaseRow,
    Finding,
    NearRelativeCase,
    PersonRow,
    ReviewDue,
    Severity,
)
from app.domain.codes import Program, RuleMode, Sex
from app.domain.deadlines import CaseClock, deadlines
from app.domain.income import IncomeLine
from app.domain.workflow import BENEFIT_STATES, PRE_DECISION_STATES, TERMINAL_STATES, CaseState
from app.models import replay, search_index
from app.models.audit import verify_chain
from app.models.case import Benefit, BenefitMember, Case, Decision, Review
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.services import settings
from app.services.cases import assessment
from app.services.context import COUNTY_ROLES, TOWNSHIP_ROLES, Actor, query, require_role
from app.services.households.registry import scope_condition
from app.services.reports import checks_more

MAX_LINES_PER_CODE = 30


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    audit: list[str] = field(default_factory=list)
    audit_events: int = 0
    findings: list[Finding] = field(default_factory=list)
    coverage: replay.Coverage = field(default_factory=replay.Coverage)

    @property
    def severe(self) -> bool:
        """A broken database or audit chain, or any severe finding."""
        return bool(self.integrity or self.audit) or any(f.severity is Severity.SEVERE for f in self.findings)

    def lines(self, limit: int | None = MAX_LINES_PER_CODE) -> list[str]:
        out = ["数据库完整性：" + ("正常" if not self.integrity else "发现问题")]
        out += [f"  ✗ {p}" for p in self.integrity]
        out.append(f"审计链：{'完好' if not self.audit else '被改动'}（{self.audit_events}条记录）")
        out += [f"  ✗ {p}" for p in self.audit]
        if self.coverage.replayed or self.coverage.counted:
            out.append(
                f"  家庭、人员、待遇和用户记录：{self.coverage.replayed}条按审计记录逐字段核对，"
                f"{self.coverage.counted}条为批量写入（演示、台账导入、同步），只核对数量"
            )
        counts = checks.summarise(self.findings)
        out.append(
            f"核查发现：严重{counts.get('severe', 0)}条，警告{counts.get('warning', 0)}条，"
            f"提示{counts.get('info', 0)}条"
        )
        shown: dict[str, int] = defaultdict(int)
        order = {Severity.SEVERE: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for f in sorted(self.findings, key=lambda f: (order[f.severity], f.item, f.code, f.subject)):
            shown[f.code] += 1
            if limit is None or shown[f.code] <= limit or f.severity is Severity.SEVERE:
                out.append(f"  [{f.severity.label}] 第{f.item}项 {f.subject}：{f.reason}")
        for code, n in shown.items():
            if limit is not None and n > limit:
                out.append(f"  （{code} 另有{n - limit}条未列出，可用 --all 查看全部）")
        return out


def integrity_problems(session: Session, *, full: bool = False) -> list[str]:
    """SQLite's own integrity and foreign-key checks (PostgreSQL enforces these itself).

    By default ``PRAGMA quick_check``: every page, record and constraint, but not whether each index
    holds exactly its table's rows (a third of the time on a 30,000-household station). ``full`` runs
    ``PRAGMA integrity_check``, which checks that too, and the ID search index against the persons.
    """
    if session.get_bind().dialect.name != "sqlite":
        return []
    pragma = "integrity_check" if full else "quick_check"
    problems = [r[0] for r in session.execute(text(f"PRAGMA {pragma}")) if r[0] != "ok"]
    if full:
        problems += search_index.integrity_problems(session.connection())
    for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"表{table}第{rowid}行引用的{parent}记录不存在")
    return problems


_PERSON_COLUMNS = (
    Person.name,
    Person.id_number,
    Person.sex,
    Person.relation_code,
    *assessment.FACT_COLUMNS,
)


def _all(session: Session, stmt: Any) -> Sequence[Any]:
    """Every row of a bulk read as plain column rows: no ORM entities, one fetchall (iterating a
    result fetches row by row, a third of the time of reading a table here)."""
    return session.connection().execute(stmt).all()


def _person_rows(session: Session) -> Sequence[Any]:
    """Every person, read once for all the checks: the identity columns and the calculation's facts
    (each row is a ``PersonFacts``)."""
    return _all(session, select(*_PERSON_COLUMNS))


def _persons(rows: Iterable[Any]) -> list[PersonRow]:
    sexes = {s.value: s for s in Sex}
    return [
        PersonRow(
            r.id,
            r.household_id,
            r.name,
            r.id_number,
            sexes.get(r.sex) or Sex(r.sex),
            r.birth_date,
            r.relation_code,
            r.death_date,
        )
        for r in rows
    ]


def _cases(session: Session) -> list[CaseRow]:
    rows = _all(
        session,
        select(
            Case.id,
            Case.case_number,
            Case.household_id,
            Case.program,
            Case.state,
            Case.single_person,
            Case.applicant_id,
        ),
    )
    return [CaseRow(r[0], r[1], r[2], Program(r[3]), CaseState(r[4]), r[5], r[6]) for r in rows]


class _Expected:
    """Recomputes what the rules give for each benefit, from the whole file loaded once."""

    def __init__(self, session: Session, people: Iterable[PersonFacts]) -> None:
        self.rules = settings.benefit_rules(session)
        self.standards = assessment.load_standards(session)
        # Column rows, not entities: the whole county is loaded at once. Income rows become
        # IncomeLines only for the households whose benefits are recomputed, once per household.
        self._income_rows: dict[str, list[Any]] = defaultdict(list)
        for item in _all(session, select(*assessment.INCOME_COLUMNS)):
            self._income_rows[item.household_id].append(item)
        self.incomes: dict[str, list[IncomeLine]] = {}
        self._standards: dict[tuple[str, str, date, str], int | None] = {}
        self.people: dict[str, PersonFacts] = {p.id: p for p in people}
        self.members: dict[str, list[PersonFacts]] = defaultdict(list)
        for p in living_members(self.people.values()):
            self.members[p.household_id].append(p)
        self.households = {
            h.id: h
            for h in _all(
                session,
                select(Household.id, Household.urban_rural, Household.three_no, Household.village_code),
            )
        }

    def lines(self, household_id: str) -> list[IncomeLine]:
        """The household's income lines (converted on first use)."""
        found = self.incomes.get(household_id)
        if found is None:
            found = self.incomes[household_id] = [
                income_line(i) for i in self._income_rows.get(household_id, ())
            ]
        return found

    def amount(
        self, b: Any, covered: Iterable[str], decided_on: date | None, alone: str | None = None
    ) -> int | None:
        """What the rules give; ``alone``: a 单人户's applicant, assessed as a household of one on their own
        income (S1 Art.8; S5), as the approval did."""
        household = self.households.get(b.household_id)
        if household is None or decided_on is None:
            return None
        key = (b.program, household.urban_rural, decided_on, household.village_code)
        standard = self._standards.get(key, -1)
        if standard == -1:  # looked up once per programme, 城/乡, day and village
            standard = self._standards[key] = self.standards.monthly(*key)
        members = self.members.get(b.household_id, [])
        lines = self.lines(b.household_id)
        if alone is not None and len(members) > 1:  # a household of one keeps its household-level lines
            members = [p for p in members if p.id == alone]
            lines = [line for line in lines if line.person_id == alone]
            covered = [alone]
        facts = [member_facts(self.people[pid], decided_on) for pid in covered if pid in self.people]
        if standard is None or not members or not facts:
            return None
        _, result = compute(standard, lines, len(members), facts, self.rules, three_no=household.three_no)
        return result.total_fen if result.eligible else 0


def _alone(case: CaseRow) -> bool:
    return assessed_alone(
        _CaseFacts(case.household_id, case.applicant_id, case.program.value, case.single_person)
    )


@dataclass(frozen=True)
class _CaseFacts:
    household_id: str
    applicant_id: str
    program: str
    single_person: bool


def _benefits(session: Session, cases: dict[str, CaseRow], people: Iterable[PersonFacts]) -> list[BenefitRow]:
    covered: dict[str, set[str]] = defaultdict(set)
    for benefit_id, person_id in _all(session, select(BenefitMember.benefit_id, BenefitMember.person_id)):
        covered[benefit_id].add(person_id)
    decided: dict[str, date] = {}
    approved: dict[str, date] = {}
    for case_id, kind, on in _all(
        session, select(Decision.case_id, Decision.kind, Decision.decided_on).order_by(Decision.decided_on)
    ):
        if kind in ("approve", "adjust"):
            decided[case_id] = on
        if kind == "approve":
            approved[case_id] = on
    expected = _Expected(session, people)
    alone_in = {c.id: c.applicant_id for c in cases.values() if _alone(c)}
    states: dict[str, CaseState] = {s.value: s for s in CaseState}
    programs: dict[str, Program] = {p.value: p for p in Program}
    rows = []
    for b in _all(session, select(*Benefit.__table__.c)):
        case = cases.get(b.case_id)
        status = states.get(b.status, CaseState.ACTIVE)
        alone = alone_in.get(b.case_id) if case is not None else None
        want = (
            expected.amount(b, covered[b.id], decided.get(b.case_id), alone)
            if status in BENEFIT_STATES
            else None
        )
        rows.append(
            BenefitRow(
                b.id,
                b.case_id,
                case.case_number if case else "",
                b.household_id,
                programs.get(b.program) or Program(b.program),
                status,
                b.monthly_fen,
                want,
                b.start_month,
                approved.get(b.case_id),
                b.exit_start_month,
                b.exit_end_month,
                frozenset(covered[b.id]),
            )
        )
    return rows


def findings(session: Session, today: date | None = None) -> list[Finding]:
    """Every audit-finding check over the whole database."""
    today = today or clock.today()
    person_rows = _person_rows(session)
    persons = _persons(person_rows)
    case_rows = _cases(session)
    cases = {c.id: c for c in case_rows}
    benefits = _benefits(session, cases, person_rows)
    members: dict[str, set[str]] = defaultdict(set)
    for p in living_members(person_rows):
        members[p.household_id].add(p.id)
    open_reviews = [
        ReviewDue(r.case_id, cases[r.case_id].case_number, r.due_on)
        for r in _all(session, select(Review.case_id, Review.due_on).where(Review.done_on.is_(None)))
        if r.case_id in cases and cases[r.case_id].state in BENEFIT_STATES
    ]
    limits = settings.time_limits(session)
    cal = settings.calendar(session)
    running = []
    open_states = [s.value for s in PRE_DECISION_STATES if s not in TERMINAL_STATES]
    clock_columns: tuple[Any, ...] = (Case.id, Case.case_number, Case.program, Case.rule_mode, Case.state)
    clock_columns += (Case.accepted_on, Case.state_since, Case.extended)
    for c in _all(session, select(*clock_columns).where(Case.state.in_(open_states))):
        case_clock = CaseClock(
            Program(c.program),
            RuleMode(c.rule_mode),
            CaseState(c.state),
            c.accepted_on,
            c.state_since,
            c.extended,
        )
        running += [CaseDeadline(c.id, c.case_number, d) for d in deadlines(case_clock, limits, cal)]
    found = checks.check_duplicate_ids(persons, case_rows)
    found += checks.check_covered_members(benefits, {k: frozenset(v) for k, v in members.items()}, cases)
    found += checks.check_amounts(benefits)
    found += checks.check_reviews(open_reviews, today)
    found += checks.check_deadlines(running, today, cal)
    found += checks.check_identity(persons, today)
    found += checks.check_near_relatives(
        NearRelativeCase(c.id, c.case_number, CaseState(c.state), c.relative_filed, c.county_visit_done)
        for c in _all(
            session,
            select(Case.id, Case.case_number, Case.state, Case.relative_filed, Case.county_visit_done).where(
                Case.near_relative.is_(True)
            ),
        )
    )
    found += checks_more.more_findings(session, persons, benefits, today)
    return found


def _ids(session: Session, column: Any, scope: str) -> set[str]:
    stmt = select(column).join(Household, Household.id == column.table.c.household_id)
    return set(session.execute(stmt.where(scope_condition(scope))).scalars())


def findings_in(session: Session, scope: str, today: date | None = None) -> list[Finding]:
    """The findings about records inside ``scope`` (a 12-digit area). Where the scope holds every
    household on file, every finding, including the notes of checks that could not run."""
    found = findings(session, today)
    outside = select(Household.id).where(~scope_condition(scope)).limit(1)
    if session.execute(outside).first() is None:
        return found
    allowed: dict[str, set[str]] = {
        "person": _ids(session, Person.id, scope),
        "case": _ids(session, Case.id, scope),
        "benefit": _ids(session, Benefit.id, scope),
        "village": set(
            session.execute(select(Household.village_code).where(scope_condition(scope)).distinct()).scalars()
        ),
    }
    return [f for f in found if f.record_id in allowed.get(f.record_kind, set())]


@query
def run_all(uow: UnitOfWork, actor: Actor, today: date | None = None, *, full: bool = False) -> CheckReport:
    """`jiuzhu check`: the database's integrity and audit chain, and the findings in the actor's area.

    ``full`` checks the indexes against their tables too (``PRAGMA integrity_check``, slower).
    """
    require_role(actor, TOWNSHIP_ROLES | COUNTY_ROLES, "运行数据核查")
    session = uow.session
    report = CheckReport()
    integrity = _integrity_aside(session, full=full)
    conn = session.connection()
    report.audit = verify_chain(conn) + replay.missing_log(conn)
    report.audit += replay.differences(conn, coverage=report.coverage)
    report.audit_events = int(session.execute(text("SELECT count(*) FROM audit_event")).scalar_one())
    report.findings = findings_in(session, actor.area_code, today)
    report.integrity = integrity()
    return report


def _integrity_aside(session: Session, *, full: bool) -> Callable[[], list[str]]:
    """Start :func:`integrity_problems`; returns the function that waits for its answer.

    On a SQLite file it runs in a thread on a connection of its own: SQLite checks the pages without
    holding the GIL, so the check overlaps the findings (pure Python) instead of preceding them, 1.3 s
    of a 30,000-household station's `jiuzhu check` on a second core. Nothing is written, and in WAL the
    other connection reads the same last commit. Elsewhere (PostgreSQL, an in-memory database, which
    a second connection would not see) it runs at once.
    """
    engine = session.get_bind()
    database = engine.url.database if isinstance(engine, Engine) else None
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or "mode=memory" in database:
        done = integrity_problems(session, full=full)
        return lambda: done
    answer: list[list[str]] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            with Session(engine) as own:
                answer.append(integrity_problems(own, full=full))
        except BaseException as exc:  # handed to the caller, raised there
            failed.append(exc)

    worker = threading.Thread(target=work, name="jiuzhu-integrity", daemon=True)
    worker.start()

    def wait() -> list[str]:
        worker.join()
        if failed:
            raise failed[0]
        return answer[0]

    return wait
