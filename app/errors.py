"""Expected failures (bad input, refused actions) as opposed to bugs."""

from __future__ import annotations


class UserError(Exception):
    """An expected problem the user can fix; carries a clear Chinese message.

    Raising it means nothing was written: services raise before committing, and the
    unit of work rolls back on any exception.
    """

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row

    def __str__(self) -> str:
        """The message as a user reads it: “第3行，核对授权：…” (the field's own name, no “字段” prefix;
        left out when the message already begins with it)."""
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.field and not self.message.startswith(self.field):
            where.append(self.field)
        if not where:
            return self.message
        if self.field and self.message.startswith(self.field):
            return f"{'，'.join(where)}，{self.message}"
        return f"{'，'.join(where)}：{self.message}"


class PermissionDenied(UserError):
    """The actor's role or area scope does not allow the action."""


class IllegalTransition(UserError):
    """A case action that the procedure does not allow in the current state."""


class DatabaseLocked(UserError):
    """The database is encrypted and no account has unlocked it yet (sign in, or give a user and password)."""


class NotSetUp(UserError):
    """The data folder holds no installation yet (the desktop's first-run setup or `jiuzhu init` makes one;
    each front end says its own way)."""
