"""What every county-office service checks first: a county master, a county role, the area names.

Also the two callbacks a long use case takes (``progress(done, total, message)``, ``cancel()``) and the
SQL condition that keeps a read inside the actor's area.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.domain.areas import parent_of, scope_prefix
from app.domain.codes import InstallationKind, Role
from app.errors import UserError
from app.models.area import Area
from app.models.settings import Installation
from app.services.context import COUNTY_ROLES, Actor, require_area, require_role
from app.services.setup import installation

COUNTY_HEADS = frozenset({Role.COUNTY_HEAD})
Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def in_area(code: InstrumentedAttribute[str], actor: Actor) -> ColumnElement[bool]:
    """``code`` (a 12-digit area column) lies in the actor's area: a range on the code, so indexes serve."""
    prefix = scope_prefix(actor.area_code)
    return and_(code >= prefix, code < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def require_county(session: Session, what: str) -> Installation:
    """The county master's installation; a township station is refused with a clear message."""
    inst = installation.require(session)
    if inst.kind != InstallationKind.COUNTY:
        raise_station(inst, what)
    return inst


def raise_station(inst: Installation, what: str) -> None:
    raise UserError(
        f"本机是乡镇工作站（{inst.name}，{inst.code}），不能{what}："
        "发放名册、银行回盘、统计报表和信息比对只在县级主库（县民政局）办理"
    )


def require_county_actor(
    session: Session, actor: Actor, what: str, roles: frozenset[Role] = COUNTY_ROLES
) -> Installation:
    """A county master, an actor with one of ``roles`` (or the administrator), scoped to the whole county."""
    inst = require_county(session, what)
    require_role(actor, roles, what)
    require_area(actor, inst.county_code.ljust(12, "0"), what)
    return inst


def area_names(session: Session, codes: Iterable[str] | None = None) -> dict[str, str]:
    """Every area's name by its 12-digit code (or only those of ``codes``)."""
    query = select(Area.code, Area.name)
    if codes is not None:
        query = query.where(Area.code.in_(list(codes)))
    return dict(session.execute(query).all())


def place_names(names: Mapping[str, str], village: str) -> tuple[str, str]:
    """A village's township name and its own name, from ``area_names`` (codes where a name is missing)."""
    township = parent_of(village) or village
    return names.get(township, township[:9]), names.get(village, village)


def office_name(session: Session, inst: Installation) -> str:
    from app.services import settings

    name = settings.get(session, "office.name")
    return str(name) if name else f"{inst.name}民政局"
