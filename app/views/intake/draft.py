"""What the intake wizard's pages fill in together: one draft, handed to each page, saved at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from app import clock
from app.domain.codes import Program, UrbanRural
from app.services.intake.household import HouseholdInput, IncomeInput, MemberInput
from app.services.intake.window import Application, AssetInput, Created, IntakeBasis, KnownApplicant


class PageId(IntEnum):
    LOOKUP = 0
    APPLICATION = 1
    HOUSEHOLD = 2
    MEMBERS = 3
    MEANS = 4
    CONFIRM = 5
    DONE = 6


@dataclass
class IntakeDraft:
    """The application as typed so far; each page reads what it needs and writes what it asks.

    ``known`` is the household already on file (its household and members are not typed again);
    ``looked_up`` the normalised ID number the lookup answered for ("" until it has).
    """

    basis: IntakeBasis | None = None
    looked_up: str = ""
    known: KnownApplicant | None = None
    program: Program = Program.DIBAO
    applied_on: date = field(default_factory=clock.today)
    single_person: bool = False
    near_relative: bool = False
    reason: str = ""
    village_code: str = ""
    village_name: str = ""
    urban_rural: UrbanRural = UrbanRural.RURAL
    address: str = ""
    phone: str = ""
    housing_type: str | None = None
    members: list[MemberInput] = field(default_factory=list)
    incomes: list[IncomeInput] = field(default_factory=list)
    assets: list[AssetInput] = field(default_factory=list)
    consent_on: date | None = None
    accept_now: bool = True
    created: Created | None = None

    def forget_lookup(self) -> None:
        self.looked_up, self.known = "", None

    def household_urban_rural(self) -> UrbanRural:
        """Urban or rural, from the file for a household on file, else as typed."""
        return UrbanRural(self.known.urban_rural) if self.known is not None else self.urban_rural

    def household_village(self) -> str | None:
        if self.known is not None:
            return self.known.village_code
        return self.village_code or None

    def covered(self) -> list[int] | None:
        """The members the estimate covers: the applicant alone for a single-person household or 特困."""
        if not (self.single_person or self.program is Program.TEKUN):
            return None
        for index, member in enumerate(self.members):
            if member.id_number.upper() == self.looked_up:
                return [index]
        return None

    def application(self) -> Application:
        """What the service saves: a new household with what was typed, or the one on file."""
        household = None
        if self.known is None:
            household = HouseholdInput(
                village_code=self.village_code,
                urban_rural=self.urban_rural,
                address=self.address,
                members=list(self.members),
                incomes=list(self.incomes),
                phone=self.phone,
                housing_type=self.housing_type,
            )
        return Application(
            applicant_id_number=self.looked_up,
            program=self.program,
            applied_on=self.applied_on,
            consent_on=self.consent_on,
            household=household,
            household_id=self.known.household_id if self.known else None,
            assets=list(self.assets) if self.known is None else [],
            single_person=self.single_person,
            near_relative=self.near_relative,
            accept_now=self.accept_now,
            reason=self.reason,
        )
