"""Helpers for the casework screens' tests: the demo's day, a fresh application, signed-in users."""

from __future__ import annotations

from datetime import date

from app.domain import idcard
from app.domain.codes import IncomeKind, Program, UrbanRural
from app.models.db import Database
from app.services.households import registry
from app.services.intake.household import HouseholdInput, IncomeInput, MemberInput
from app.services.intake.window import Application, Created, submit_application
from app.views.signed_in import SignedIn
from tests.conftest import DEMO_TODAY

TOWNSHIP = "430623101000"
HEAD_ID = idcard.make_id("430623", date(1958, 3, 14), 15)  # male
WIFE_ID = idcard.make_id("430623", date(1961, 7, 2), 26)  # female


def today() -> date:
    return DEMO_TODAY


def first_village(db: Database) -> tuple[str, str]:
    """The demo's first village: the village cadre's."""
    with db.uow("test") as uow:
        return registry.village_list(uow.session, TOWNSHIP)[0]


def new_case(db: Database, who: SignedIn, *, accept: bool = False) -> Created:
    """A two-person household in the first village, applying for 低保 on the demo's day."""
    household = HouseholdInput(
        village_code=first_village(db)[0],
        urban_rural=UrbanRural.RURAL,
        address="五组18号",
        members=[MemberInput("周德明", HEAD_ID, "02"), MemberInput("罗桂兰", WIFE_ID, "12")],
        incomes=[IncomeInput(IncomeKind.FARMING, 240000, 12, member_index=0)],
    )
    app = Application(HEAD_ID, Program.DIBAO, DEMO_TODAY, DEMO_TODAY, household=household, accept_now=accept)
    with db.uow(who.actor.username) as uow:
        created = submit_application(uow, who.actor, app, DEMO_TODAY)
        uow.commit()
    return created
