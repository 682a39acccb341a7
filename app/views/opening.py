"""The database behind the sign-in: opened on the database thread once the sign-in window is painted.

Importing SQLAlchemy and the models, and opening and checking the database, take most of a cold start.
The sign-in window needs none of it to be drawn, so `run_gui` shows it first and the first task that
needs the database (the demo-account hint, queued when the window is first shown) opens it on the
database thread. Tasks on that thread run one after another, so a sign-in typed meanwhile simply
waits its turn behind the opening. ``opened`` and ``failed`` reach the GUI thread, where `Startup`
(app/views/startup.py) hands the sign-in to the session (or explains why the database cannot be opened).

An encrypted database cannot be opened before someone signs in: the sign-in unlocks it
(:meth:`DatabaseHolder.unlock`) with the key the account's password unwraps. A plain database left by an
older version is encrypted on this first start, before anyone signs in (``installation.encrypt``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app import log
from app.errors import DatabaseLocked, UserError

KEYSLOTS_FILE = (
    "keyslots.json"  # app/services/setup/keyslots.py FILENAME (not imported: the sign-in stays light)
)

if TYPE_CHECKING:
    from app.models.db import Database
    from app.paths import DataPaths


class DatabaseHolder(QObject):
    """The installation's database: given already open, or opened by the first ``get()``."""

    opened = Signal(object)  # the Database, once
    failed = Signal(str)  # why it cannot be opened, once

    def __init__(
        self,
        db: Database | None = None,
        *,
        paths: DataPaths | None = None,
        database_url: str | None = None,
    ) -> None:
        super().__init__()
        if db is None and paths is None:
            raise ValueError("a database or the data folder to open it from")
        self._db = db
        self._paths = paths
        self._url = database_url
        self._error: UserError | None = None
        self._lock = threading.Lock()

    @property
    def paths(self) -> DataPaths | None:
        return self._paths

    @property
    def encrypted(self) -> bool:
        """The data folder's database is encrypted (it has key slots); read without importing a model."""
        return self.local and self._paths is not None and (self._paths.root / KEYSLOTS_FILE).is_file()

    @property
    def local(self) -> bool:
        """The data folder's own database (not a server's)."""
        return self._paths is not None and self._url is None

    @property
    def database(self) -> Database | None:
        """The database if it is open (no waiting, no opening)."""
        return self._db

    def get(self) -> Database:
        """The open database; the first call opens it (on a worker thread, never the GUI's).

        An encrypted database not yet unlocked raises ``DatabaseLocked`` (see :meth:`unlock`).
        """
        with self._lock:
            if self._db is None and self._error is None:
                self._open(None)
            return self._result()

    def unlock(self, username: str, password: str) -> Database:
        """The open database, unlocked with the key the account's password unwraps if it is encrypted.

        A wrong password raises ``UserError`` ("用户名或密码错误") and may be tried again.
        """
        with self._lock:
            if self._db is None and self._error is None:
                from app.services.setup.installation import unlock

                assert self._paths is not None
                try:
                    self._open(None)
                except DatabaseLocked:
                    self._open(unlock(self._paths, username, password))
            return self._result()

    def demo_accounts(self, usernames: tuple[str, ...]) -> list[str]:
        """Which of the demo's accounts the sign-in may name: read from the key slots of an encrypted
        demo (nothing is unlocked for it), else from the open database."""
        from app.services.setup import auth, installation
        from app.services.setup.keyslots import KeySlots

        paths = self._paths
        if self._db is None and paths is not None and installation.is_encrypted(paths):
            slots = KeySlots.load(paths.root)
            return [name for name in usernames if slots.demo and name in slots.slots]
        return auth.existing_accounts(self.get(), usernames)

    def _result(self) -> Database:
        if self._db is None:
            assert self._error is not None
            raise self._error
        return self._db

    def _open(self, key: bytes | None) -> None:
        from app.services.setup import installation

        assert self._paths is not None
        try:
            if key is None and self._url is None and installation.needs_encryption(self._paths):
                installation.encrypt(self._paths)  # an older version's plain database, once
            self._db = installation.open_database(self._paths, self._url, key=key)
        except DatabaseLocked:
            raise  # not a failure: the sign-in unlocks it
        except UserError as exc:
            self._error = exc
        except Exception as exc:  # an unexpected failure still ends in a message, never a hang
            log.gui.exception("opening the database failed")
            self._error = UserError(str(exc) or type(exc).__name__)
        if self._db is not None:
            self.opened.emit(self._db)
        else:
            log.gui.warning("cannot open the database: %s", self._error)
            self.failed.emit(str(self._error))
