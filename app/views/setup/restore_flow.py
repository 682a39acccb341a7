"""Restoring replaces the open database: close it, restore the file, open the database again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import log
from app.errors import UserError
from app.models.db import Database
from app.paths import DataPaths
from app.services.context import Actor
from app.services.setup.backup import restore
from app.services.setup.installation import open_database
from app.views import tasks


@dataclass(frozen=True)
class RestoreOutcome:
    """The database open again, and what happened: the safety copy, or why nothing was changed."""

    db: Database
    safety: Path | None
    error: str  # "" once restored


def replace_database(db: Database, paths: DataPaths, file: Path, actor: Actor) -> RestoreOutcome:
    """Wait for running work, close ``db``, restore ``file`` as ``actor``, and open the database again.

    A refused restore (another installation's backup, a fake file, not the administrator) changes
    nothing: the same database is opened again and the reason is returned. Opening it again may raise
    a UserError (the caller shows it and quits).
    """
    tasks.wait_all()
    key = db.key  # an encrypted database: the backup must open with its key, and it opens again with it
    db.dispose()
    safety, error = None, ""
    try:
        safety = restore(paths, file, actor=actor, key=key)
    except UserError as exc:
        log.gui.warning("restore refused: %s", exc)
        error = str(exc)
    return RestoreOutcome(open_database(paths, key=key), safety, error)
