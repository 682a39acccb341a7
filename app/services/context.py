"""Who is acting, and the role and area checks every service applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.domain.areas import scope_prefix
from app.domain.codes import Role
from app.errors import PermissionDenied

F = TypeVar("F", bound=Callable[..., object])
QUERY_MARK = "__jiuzhu_query__"

TOWNSHIP_ROLES = frozenset({Role.TOWNSHIP_CLERK, Role.TOWNSHIP_HEAD})
COUNTY_ROLES = frozenset({Role.COUNTY_STAFF, Role.COUNTY_HEAD})
WRITERS = TOWNSHIP_ROLES | COUNTY_ROLES | {Role.ADMIN}


@dataclass(frozen=True)
class Actor:
    """The signed-in user (or the command line acting as the administrator)."""

    username: str
    display_name: str
    role: Role
    area_code: str  # 12-digit scope: the county, a township or a village

    def covers(self, area_code: str) -> bool:
        """True when ``area_code`` lies inside this actor's scope."""
        return area_code.startswith(scope_prefix(self.area_code))


def system_actor(county_code: str) -> Actor:
    """The command line acting for the administrator of the installation."""
    return Actor("system", "系统", Role.ADMIN, county_code.ljust(12, "0"))


def require_role(actor: Actor, roles: frozenset[Role] | set[Role], what: str) -> None:
    if actor.role not in roles and actor.role is not Role.ADMIN:
        allowed = "、".join(sorted(r.label for r in roles))
        raise PermissionDenied(f"“{actor.role.label}”无权{what}（需要：{allowed}）")


def require_area(actor: Actor, area_code: str, what: str) -> None:
    if not actor.covers(area_code):
        raise PermissionDenied(f"“{actor.display_name}”的管辖范围不包括该地区，无权{what}")


def query(fn: F) -> F:
    """Mark a read use case ``fn(uow, actor, …)``: it returns only what lies in the actor's area.

    tests/db/test_scoped_reads.py finds every marked function and calls it as a village cadre.
    """
    setattr(fn, QUERY_MARK, True)
    return fn


def is_query(fn: object) -> bool:
    return bool(getattr(fn, QUERY_MARK, False))
