"""Who signed in, and where: the narrow context handed to the main window and its pages."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.codes import InstallationKind, Role
from app.services.context import Actor


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    installation_name: str
    installation_kind: InstallationKind
    must_change_password: bool = False  # an initial or reset password: a new one is chosen before work

    def __post_init__(self) -> None:  # the stored kind is a plain string; keep the enum here
        object.__setattr__(self, "installation_kind", InstallationKind(self.installation_kind))

    @property
    def is_county(self) -> bool:
        return self.installation_kind is InstallationKind.COUNTY

    @property
    def scope(self) -> str:
        """The 12-digit area whose households this user may see."""
        return self.actor.area_code

    @property
    def masks_id_numbers(self) -> bool:
        """Village cadres read and print for their board: they see ID numbers masked."""
        return self.actor.role is Role.VILLAGE_CADRE
