"""County fixtures: an empty county master (copied per test), a small county demo, hand-made beneficiaries."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from app import log
from app.domain import idcard
from app.domain.codes import Role
from app.models.area import Area
from app.models.case import Benefit, BenefitMember, Case, Decision
from app.models.db import Database, UnitOfWork
from app.models.household import Household, Person
from app.paths import DataPaths
from app.services.context import Actor, system_actor
from app.services.setup.installation import initialise, open_database

ADMIN = system_actor("430623")
STAFF = Actor("county", "刘敏", Role.COUNTY_STAFF, "430623000000")
HEAD = Actor("countyhead", "陈志远", Role.COUNTY_HEAD, "430623000000")
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")
VILLAGE = "430623101201"
VILLAGE2 = "430623102201"
TODAY = date(2026, 11, 20)
COUNTY_DEMO_HOUSEHOLDS = 150


def _add_villages(db: Database) -> None:
    with db.uow("test") as uow:
        uow.session.add(Area(code=VILLAGE, level="village", name="长岭村", parent_code="430623101000"))
        uow.session.add(Area(code=VILLAGE2, level="village", name="河口村", parent_code="430623102000"))
        uow.commit()


@pytest.fixture(scope="session")
def county_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty county master with two villages, built once and copied per test."""
    root = tmp_path_factory.mktemp("county-template")
    db = open_database(DataPaths(root), create=True)
    try:
        initialise(db, kind="county", code="430623", admin_password="adminpass")
        _add_villages(db)
    finally:
        db.dispose()
        log.shutdown()
    return root


@pytest.fixture(params=["sqlite", "postgresql"])
def county(request: pytest.FixtureRequest, tmp_path: Path, county_template: Path) -> Iterator[Database]:
    """The empty county master, on SQLite and (when a server is given) on PostgreSQL."""
    if request.param == "sqlite":
        target = tmp_path / "county"
        shutil.copytree(county_template, target)
        db = open_database(DataPaths(target))
        yield db
        db.dispose()
        return
    from tests.postgres.server import fresh_database

    with fresh_database() as url:
        db = open_database(DataPaths(tmp_path / "county-pg"), url, create=True)
        try:
            initialise(db, kind="county", code="430623", admin_password="adminpass")
            with db.uow("test") as uow:
                uow.session.add(
                    Area(code=VILLAGE, level="village", name="长岭村", parent_code="430623101000")
                )
                uow.session.add(
                    Area(code=VILLAGE2, level="village", name="河口村", parent_code="430623102000")
                )
                uow.commit()
            yield db
        finally:
            db.dispose()


@pytest.fixture(scope="session")
def county_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small deterministic county demo (all 14 townships), built once per run."""
    from app.demo.run import run_demo

    root = tmp_path_factory.mktemp("county-demo")
    db = open_database(DataPaths(root), create=True)
    try:
        initialise(db, kind="county", code="430623", admin_password="adminpass")
    finally:
        db.dispose()
    run_demo(DataPaths(root), None, households=COUNTY_DEMO_HOUSEHOLDS, seed=5, today=TODAY)
    log.shutdown()
    return root


@pytest.fixture
def demo_county_paths(tmp_path: Path, county_demo_template: Path) -> DataPaths:
    target = tmp_path / "county-demo"
    shutil.copytree(county_demo_template, target)
    return DataPaths(target)


@pytest.fixture
def demo_county(demo_county_paths: DataPaths) -> Iterator[Database]:
    db = open_database(demo_county_paths)
    yield db
    db.dispose()


@dataclass
class Member:
    name: str
    born: date
    seq: int  # odd = male
    relation: str = "02"
    topup_fen: int = 0
    covered: bool = True
    disability: str | None = None
    grade: int | None = None

    @property
    def id_number(self) -> str:
        return idcard.make_id("430623", self.born, self.seq)


@dataclass
class Made:
    household_id: str
    case_id: str
    benefit_id: str
    person_ids: list[str] = field(default_factory=list)


def add_beneficiary(
    uow: UnitOfWork,
    members: list[Member],
    *,
    base_fen: int,
    start_month: str = "2026-01",
    program: str = "dibao",
    village: str = VILLAGE,
    urban_rural: str = "rural",
    account: str = "",
    status: str = "active",
    single_person: bool = False,
    number: int = 1,
) -> Made:
    """A household receiving a benefit, written straight to the tables (as a bundle import would)."""
    s = uow.session
    head = members[0]
    household = Household(
        village_code=village,
        urban_rural=urban_rural,
        head_name=head.name,
        bank_name="华容县农村商业银行" if account else "",
        account_no=account,
        account_holder=head.name if account else "",
        address=f"{number}组",
    )
    s.add(household)
    s.flush()
    people = []
    for m in members:
        person = Person(
            household_id=household.id,
            name=m.name,
            id_number=m.id_number,
            sex="M" if m.seq % 2 else "F",
            birth_date=m.born,
            relation_code=m.relation,
            disability_category=m.disability,
            disability_grade=m.grade,
        )
        s.add(person)
        people.append(person)
    s.flush()
    case = Case(
        case_number=f"430623101-2025-{number:06d}",
        household_id=household.id,
        applicant_id=people[0].id,
        program=program,
        state=status,
        rule_mode="2021",
        applied_on=date(2025, 11, 3),
        accepted_on=date(2025, 11, 3),
        state_since=date(2025, 12, 10),
        single_person=single_person,
    )
    s.add(case)
    s.flush()
    topup = sum(m.topup_fen for m in members if m.covered)
    s.add(
        Decision(
            case_id=case.id,
            kind="approve",
            decided_on=date(2025, 12, 10),
            decided_by="county",
            amount_fen=base_fen + topup,
            start_month=start_month,
        )
    )
    benefit = Benefit(
        case_id=case.id,
        household_id=household.id,
        program=program,
        status=status,
        start_month=start_month,
        base_fen=base_fen,
        topup_fen=topup,
        monthly_fen=base_fen + topup,
    )
    s.add(benefit)
    s.flush()
    for m, person in zip(members, people, strict=True):
        if m.covered:
            s.add(BenefitMember(benefit_id=benefit.id, person_id=person.id, topup_fen=m.topup_fen))
    s.flush()
    return Made(household.id, case.id, benefit.id, [p.id for p in people])
