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
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.field:
            where.append(f"字段“{self.field}”")
        return f"{'，'.join(where)}：{self.message}" if where else self.message


class PermissionDenied(UserError):
    """The actor's role or area scope does not allow the action."""


class IllegalTransition(UserError):
    """A case action that the procedure does not allow in the current state."""
