"""Who signed: a user name recorded on a record, shown as its user's name.

A user name is unique per office, not county-wide (every office has an ``admin``), and the county holds
the stations' accounts it received in their bundles (decision 0006). So a name is looked up among the
accounts of the office that recorded it (the record's ``origin_station``), then among this
installation's own (the county's staff acting on a station's case; the demo county's township heads),
and shown as recorded when neither knows it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.user import User
from app.services.setup.auth import here


class Names:
    def __init__(self, session: Session, origins: Iterable[str] = ()) -> None:
        self.here = here(session)
        wanted = {*origins, self.here}
        rows = session.execute(
            select(User.origin_station, User.username, User.display_name).where(
                User.origin_station.in_(wanted)
            )
        )
        self.by_office = {(origin, user): name for origin, user, name in rows}

    def of(self, who: str, origin: str = "") -> str:
        """The display name of ``who`` as recorded by office ``origin``."""
        return self.by_office.get((origin, who)) or self.by_office.get((self.here, who)) or who

    def mapping(self) -> dict[str, str]:
        """For the printed records: ``"origin:user"`` keys, and this office's own by bare user name."""
        out = {f"{origin}:{user}": name for (origin, user), name in self.by_office.items()}
        out.update({user: name for (origin, user), name in self.by_office.items() if origin == self.here})
        return out
