"""What every page of a signed-in window works with: the database, who signed in, the data folder."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.codes import InstallationKind
from app.models.db import Database
from app.paths import DataPaths
from app.services.context import Actor
from app.views.signed_in import SignedIn


@dataclass(frozen=True)
class Workspace:
    """Handed to every page and dialog; operations (``app.views.ops``) run as ``actor`` on ``db``."""

    db: Database
    signed_in: SignedIn
    paths: DataPaths | None = None  # None in tests of a bare window: bundles and backups need the folder

    @property
    def actor(self) -> Actor:
        return self.signed_in.actor

    @property
    def kind(self) -> InstallationKind:
        return self.signed_in.installation_kind

    @property
    def is_county(self) -> bool:
        return self.signed_in.installation_kind is InstallationKind.COUNTY
