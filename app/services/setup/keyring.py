"""The open database's key, and its slots kept in step with the accounts (app/services/setup/keyslots.py).

Whenever a committed change gives an account a password hash (add, reset, change, sign-in's rehash), or
takes one away (disabled, deleted, renamed), the account's slot follows: a slot for every active account
with a password, and none for the others. The change is seen at flush (the ORM's history of
``password_hash``, ``active`` and ``username``) and written to ``keyslots.json`` only once the transaction
commits; a rollback forgets it. Services and views never touch slots themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app import log
from app.models.user import User
from app.services.setup.keyslots import KeySlots

_STAGED = "keyslots.staged"  # Session.info: username → password hash (a slot) or None (no slot)
_KEYRING = "keyring"  # Session.info: the Keyring of an encrypted database


def of(session: Session) -> Keyring | None:
    """The keyring of the database ``session`` writes to; None for a plain database or a server."""
    ring = session.info.get(_KEYRING)
    return ring if isinstance(ring, Keyring) else None


class Keyring:
    """The key of one installation's database and the folder of its slots file."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self.key = key

    def attach(self, sessions: sessionmaker[Session]) -> None:
        """Keep the slots in step with the accounts written through ``sessions``."""
        sessions.configure(info={_KEYRING: self})
        event.listen(sessions, "after_flush", self._stage)
        event.listen(sessions, "after_commit", self._apply)
        event.listen(sessions, "after_rollback", _forget)

    def _stage(self, session: Session, _context: Any) -> None:
        staged: dict[str, str | None] = session.info.setdefault(_STAGED, {})
        for user in session.deleted:
            if isinstance(user, User) and user.password_hash:
                staged[user.username] = None
        for user in (*session.new, *session.dirty):
            # Another office's account (received from a station, without its hash) never has a slot
            # here, and its name may be one of this office's own: it is left alone.
            if not isinstance(user, User) or not user.password_hash:
                continue
            state = inspect(user)
            changed = [state.attrs[name].history for name in ("password_hash", "active", "username")]
            if user in session.new or any(h.has_changes() for h in changed):
                for old in changed[2].deleted or ():
                    staged[str(old)] = None
                staged[user.username] = user.password_hash if user.active and user.password_hash else None

    def _apply(self, session: Session) -> None:
        staged: dict[str, str | None] = session.info.pop(_STAGED, {})
        if staged:
            self.apply(staged)

    def apply(self, changes: dict[str, str | None]) -> None:
        """Write the slots of ``changes`` (username → password hash, or None to remove the slot)."""
        slots = KeySlots.load(self.folder)
        for username, phc in changes.items():
            if phc is None:
                slots.remove(username)
            else:
                slots.set_from_hash(self.key, username, phc)
        slots.save()
        log.db.info("key slots updated for %d account(s)", len(changes))

    def new_recovery_key(self) -> str:
        """A new recovery key in place of the old one (which stops working); to be shown once."""
        from app.services.setup.keyslots import RECOVERY, new_recovery_key

        recovery = new_recovery_key()
        slots = KeySlots.load(self.folder)
        slots.set(self.key, RECOVERY, recovery)
        slots.save()
        log.db.info("a new recovery key was made")
        return recovery

    @property
    def has_recovery_key(self) -> bool:
        from app.services.setup.keyslots import RECOVERY

        return RECOVERY in KeySlots.load(self.folder).slots


def _forget(session: Session) -> None:
    session.info.pop(_STAGED, None)
