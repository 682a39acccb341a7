"""Bring in the townships' Excel ledgers (台账) all-or-nothing, and give the registry back in that shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.codes import AreaLevel, InstallationKind, Program
from app.domain.money import parse_month
from app.domain.workflow import BENEFIT_STATES
from app.errors import UserError
from app.models import tracking
from app.models.area import Area
from app.models.case import Benefit
from app.models.db import UnitOfWork
from app.models.household import Household, Person
from app.models.settings import Counter
from app.services import settings
from app.services.context import COUNTY_ROLES, TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.setup import installation
from app.spreadsheets import plan as planning
from app.spreadsheets.model import LedgerHousehold, LedgerRead, Problem, Severity, row_spans
from app.spreadsheets.records import HOUSEHOLD_FIELDS
from app.spreadsheets.report import ImportReport

if TYPE_CHECKING:
    from app.spreadsheets.reader import SheetGuess

Progress = Callable[[int, int, str], None]
MAPPING_KEY = "local.ledger.mapping"
_ACTIVE = [s.value for s in BENEFIT_STATES]
# Said where a village is not in the area table; the desktop offers the choice, the CLI its option.
NEW_VILLAGE_HINT = "如确为新村，可选择在本乡镇下新建该村（社区）"


@dataclass(frozen=True)
class ImportOptions:
    sheet: str | None = None
    dry_run: bool = False
    accept_partial: bool = False
    create_villages: bool = False
    mapping: dict[str, str] | None = None  # field → column label, from the mapping step (else guessed)
    program: str = Program.DIBAO.value  # for ledgers with amounts but no category column
    start_month: str | None = None  # for ledgers without a start month (default: this month)
    today: date | None = None
    remember_mapping: dict[str, str] | None = None  # kept for the next ledger once the import is not refused


def _match_villages(
    session: Session, read: LedgerRead, options: ImportOptions
) -> tuple[dict[str, str], list[Area]]:
    """Set each household's village code; return code → name and the villages to create.

    Villages are looked up under the installation's townships; one that matches none is an error
    with the closest name suggested, or (``create_villages``, on a station) a new village.
    """
    from app.spreadsheets.villages import VillageMatcher, clean_name, free_code

    inst = installation.require(session)
    station = InstallationKind(inst.kind) is InstallationKind.STATION
    townships = installation.township_codes(session, inst)
    names = {c: n for c, n in session.execute(select(Area.code, Area.name).where(Area.code.in_(townships)))}
    in_townships = (Area.level == AreaLevel.VILLAGE.value) & Area.parent_code.in_(townships)
    known = [(c, n) for c, n in session.execute(select(Area.code, Area.name).where(in_townships))]
    matcher = VillageMatcher(known, names.values())
    used = set(session.execute(select(Area.code)).scalars())
    to_create: list[Area] = []
    for h in read.households:
        found = matcher.match(h.village) if h.village else None
        if found is None or found.code:
            h.village_code = found.code if found else None
            continue
        if found.ambiguous:
            reason = f"村（社区）“{h.village}”可能是{'或'.join(found.ambiguous)}，请写全称"
        elif h.village == h.sheet:
            reason = f"表中没有“村（社区）”列，工作表名“{h.sheet}”也不是本乡镇的村（社区）名"
        elif options.create_villages and station:
            township = installation.scope_code(inst)
            name = clean_name(h.village, names.values())
            h.village_code = free_code(township, used, name)
            used.add(h.village_code)
            to_create.append(
                Area(code=h.village_code, level=AreaLevel.VILLAGE.value, name=name, parent_code=township)
            )
            matcher.add(h.village_code, name)
            continue
        else:
            hint = f"，是否为“{found.suggestion}”？" if found.suggestion else "。"
            create = f"；{NEW_VILLAGE_HINT}" if station else ""
            reason = f"村（社区）“{h.village}”不在区划表中{hint}请改正{create}"
        read.problems.append(Problem(h.sheet, h.first_row, h.village_column, reason))
    return dict(known) | {a.code: a.name for a in to_create}, to_create


def _load_existing(session: Session, households: list[LedgerHousehold]) -> planning.Existing:
    ex = planning.Existing()
    numbers = sorted({m.id_number for h in households for m in h.members})
    person_cols: list[Any] = [
        Person.id,
        Person.household_id,
        Person.name,
        Person.id_number,
        Person.relation_code,
    ]
    person_cols += [Person.death_date, Person.version]
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        for row in session.execute(select(*person_cols).where(Person.id_number.in_(chunk))).mappings():
            ex.persons[row["id_number"]] = dict(row)
    hids = sorted({p["household_id"] for p in ex.persons.values()})
    hh_cols: list[Any] = [Household.id, *(getattr(Household, k) for k in HOUSEHOLD_FIELDS)]
    b_cols: list[Any] = [Benefit.id, Benefit.household_id, Benefit.program, Benefit.tier, Benefit.monthly_fen]
    b_cols += [Benefit.topup_fen, Benefit.start_month]
    for start in range(0, len(hids), 500):
        chunk = hids[start : start + 500]
        for row in session.execute(select(*hh_cols).where(Household.id.in_(chunk))).mappings():
            ex.households[row["id"]] = dict(row)
        for row in session.execute(select(*person_cols).where(Person.household_id.in_(chunk))).mappings():
            ex.members.setdefault(row["household_id"], []).append(dict(row))
        active = select(*b_cols).where(Benefit.household_id.in_(chunk), Benefit.status.in_(_ACTIVE))
        for row in session.execute(active).mappings():
            ex.benefits.setdefault(row["household_id"], []).append(dict(row))
    return ex


def _refusals(households: list[LedgerHousehold], bad: set[tuple[str, int]]) -> list[Problem]:
    """Each household an error keeps out, with all its rows: the neighbours above and below come in."""
    out = []
    for h in households:
        wrong = [r for r in h.rows if (h.sheet, r) in bad]
        if wrong:
            reason = f"本户（第{row_spans(h.rows)}行）因第{row_spans(wrong)}行有错误，整户未导入"
            out.append(Problem(h.sheet, h.first_row, "", reason, Severity.INFO))
    return out


class _CaseNumbers:
    """Case numbers handed out in a block; the counter is saved only when the import is written."""

    def __init__(self, session: Session, station: str, year: int) -> None:
        self.key = f"case:{station}:{year}"
        self.prefix = f"{station}-{year}"
        counter = session.get(Counter, self.key)
        self.start = self.value = counter.value if counter else 0

    def __call__(self) -> str:
        self.value += 1
        return f"{self.prefix}-{self.value:06d}"

    def save(self, session: Session) -> None:
        if self.value != self.start:
            session.merge(Counter(name=self.key, value=self.value))


def import_ledger(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Read a ledger, compare it with the file and write it in the caller's unit of work (unless refused).

    Nothing is written on a dry run, or when any problem is an error and ``accept_partial`` is off
    (``report.written`` says which). Households are matched to the file by ID number: the same ledger
    twice changes nothing. The caller commits.
    """
    from app.spreadsheets.bulk import write_plan
    from app.spreadsheets.reader import read_ledger

    options = options or ImportOptions()
    require_role(actor, TOWNSHIP_ROLES, "导入台账")
    today = options.today or clock.today()
    session = uow.session
    inst = installation.require(session)
    read = read_ledger(
        path, sheet=options.sheet, mapping=options.mapping, today=today, progress=progress, cancel=cancel
    )
    report = ImportReport(Path(path).name, len(read.households), sheets=read.sheets, dry_run=options.dry_run)
    village_names, new_villages = _match_villages(session, read, options)
    for h in read.households:
        if h.village_code and not actor.covers(h.village_code):
            reason = f"村（社区）“{h.village}”不在您的管辖范围内"
            read.problems.append(Problem(h.sheet, h.first_row, h.village_column, reason))
    bad = read.error_rows
    valid = [
        h
        for h in read.households
        if h.village_code and h.members and not (bad & {(h.sheet, r) for r in h.rows})
    ]
    read.problems += _refusals(read.households, bad)
    numbers = _CaseNumbers(session, uow.station or actor.area_code[:9], today.year)
    ctx = planning.Context(
        station=uow.station,
        actor=actor.username,
        now=clock.now(),
        today=today,
        rule_mode=settings.rule_mode(session).value,
        default_program=Program(options.program).value,
        start_month=parse_month(options.start_month) if options.start_month else f"{today:%Y-%m}",
        village_names=village_names,
        next_case_number=numbers,
        covers=actor.covers,
    )
    planner = planning.Planner(ctx, _load_existing(session, valid))
    for h in valid:
        planner.add(h)
    plan = planner.plan
    order = {s.name: n for n, s in enumerate(read.sheets)}
    report.problems = sorted(read.problems + plan.problems, key=lambda p: (order.get(p.sheet, -1), p.row))
    report.created, report.updated, report.unchanged = plan.created, plan.updated, plan.unchanged
    report.refused = len(read.households) - plan.created - plan.updated - plan.unchanged
    report.persons_added = len(plan.inserts["person"])
    report.changes = plan.changes
    used = {r["village_code"] for r in plan.inserts["household"]}
    used |= {u.values.get("village_code") for u in plan.updates if u.table == "household"}
    new_villages = [a for a in new_villages if a.code in used]
    report.villages_created = [f"{a.name}（{a.code}）" for a in new_villages]
    report.problem_households = _with_problems(read.households, report.problems)
    if options.dry_run or (report.errors and not options.accept_partial):
        return report
    if cancel is not None and cancel():
        raise UserError("已取消导入，未写入任何数据")
    if progress:
        progress(1, 1, "写入数据库")
    if plan.updates or any(plan.inserts.values()):
        for area in new_villages:
            require_area(actor, area.code, "新建村（社区）")
            session.add(area)
        session.flush()
        outbox = InstallationKind(inst.kind) is InstallationKind.STATION
        write_plan(session, plan, actor=actor.username, station=uow.station, outbox=outbox, file=report.file)
        numbers.save(session)
        report.written = True
    if options.remember_mapping is not None and (report.written or not report.errors):
        remember_mapping(uow, actor, options.remember_mapping)
    return report


def _with_problems(households: list[LedgerHousehold], problems: list[Problem]) -> int:
    """How many of the ledger's households have a row in the problems list (the errors workbook)."""
    rows = {(p.sheet, p.row) for p in problems if p.row}
    return sum(1 for h in households if any((h.sheet, r) in rows for r in h.rows))


def remember_mapping(uow: UnitOfWork, actor: Actor, mapping: dict[str, str]) -> None:
    """Keep the clerk's column mapping for the next ledger (a local setting: it does not travel)."""
    require_role(actor, TOWNSHIP_ROLES, "保存台账列对应关系")
    settings.put(uow.session, MAPPING_KEY, mapping)


@query
def remembered_mapping(uow: UnitOfWork, actor: Actor) -> dict[str, str]:
    """field → column title as the clerk chose it last time (no personal data)."""
    value = settings.get(uow.session, MAPPING_KEY)
    return dict(value) if isinstance(value, dict) else {}


@dataclass(frozen=True)
class LedgerGuess:
    """A ledger file's sheets with their headers and guessed columns, and the remembered mapping."""

    path: Path
    sheets: list[SheetGuess]
    remembered: dict[str, str]


@query
def guess_columns(uow: UnitOfWork, actor: Actor, path: Path) -> LedgerGuess:
    """Read a ledger's sheets and guess which column holds each field (nothing is written)."""
    from app.spreadsheets.reader import guess

    return LedgerGuess(Path(path), guess(Path(path)), remembered_mapping(uow, actor))


@dataclass(frozen=True)
class SavedErrors:
    path: Path
    households: int
    problems: int


def save_errors(uow: UnitOfWork, actor: Actor, out: Path, report: ImportReport) -> SavedErrors:
    """Write the errors workbook (each problem beside a copy of its original row); audited like an export.

    The copied rows hold ID numbers: who wrote it, when, for how many households and where is recorded.
    """
    from app.spreadsheets.errors_book import write_errors

    require_role(actor, TOWNSHIP_ROLES, "导出台账问题清单（含身份证号）")
    out = Path(out)
    write_errors(out, report.problems, report.sheets, report.summary())
    tracking.record_bulk(
        uow.session,
        actor=actor.username,
        action="export",
        table="household",
        summary={
            "kind": "台账问题清单",
            "file": out.name,
            "folder": str(out.resolve().parent),
            "ledger": report.file,
            "households": report.problem_households,
            "problems": len(report.problems),
        },
    )
    return SavedErrors(out, report.problem_households, len(report.problems))


@dataclass(frozen=True)
class ExportResult:
    path: Path
    households: int
    persons: int


def export_ledger(
    uow: UnitOfWork, actor: Actor, out: Path, village_code: str | None = None, today: date | None = None
) -> ExportResult:
    """The registry as a ledger: title row, usual columns, one row per member under the head; audited.

    The caller commits (the audit event of the file written)."""
    from app.spreadsheets.export import write_ledger
    from app.spreadsheets.registry_rows import ledger_rows

    require_role(actor, TOWNSHIP_ROLES | COUNTY_ROLES, "导出台账（含身份证号）")
    session = uow.session
    today = today or clock.today()
    inst = installation.require(session)
    village = None
    if village_code:
        village = session.get(Area, village_code.strip())
        if village is None or village.level != AreaLevel.VILLAGE.value:
            raise UserError(f"村（社区）代码“{village_code}”不存在", field="村（社区）")
        require_area(actor, village.code, "导出该村台账")
    households = ledger_rows(session, actor.covers, village.code if village else None)
    title = f"{inst.name}社会救助对象台账" + (f"（{village.name}）" if village else "")
    office = settings.get(session, "office.name") or inst.name
    subtitle = f"制表单位：{office}    制表日期：{today:%Y-%m-%d}"
    count, persons = write_ledger(Path(out), title, households, subtitle)
    tracking.record_bulk(
        session,
        actor=actor.username,
        action="export",
        table="household",
        summary={
            "file": Path(out).name,
            "folder": str(Path(out).resolve().parent),
            "kind": "台账",
            "households": count,
            "persons": persons,
            "village": village_code or "",
        },
    )
    return ExportResult(Path(out), count, persons)
