"""List the division table and load an official division list (code, name, parent code)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain import areas as divisions
from app.domain.areas import scope_prefix
from app.domain.codes import AreaLevel, Role
from app.errors import UserError
from app.fileio import unreadable
from app.models.area import Area
from app.models.db import UnitOfWork
from app.services.context import Actor, query, require_role

AREA_LOADERS = frozenset({Role.ADMIN})


def add_area(session: Session, code12: str, name: str) -> Area:
    """Add a division under its parent (the level and parent follow from the code); keep an existing one."""
    area = session.get(Area, code12)
    if area is None:
        area = Area(
            code=code12,
            level=divisions.level_of(code12).value,
            name=name,
            parent_code=divisions.parent_of(code12),
        )
        session.add(area)
        session.flush()
    return area


@query
def list_areas(uow: UnitOfWork, actor: Actor) -> list[Area]:
    """The divisions the actor works in: those inside the actor's area, and the ones above it."""
    prefix = scope_prefix(actor.area_code)
    above: set[str] = set()
    parent = divisions.parent_of(actor.area_code)
    while parent is not None:
        above.add(parent)
        parent = divisions.parent_of(parent)
    rows = uow.session.execute(
        select(Area).where(or_(Area.code.startswith(prefix), Area.code.in_(above))).order_by(Area.code)
    )
    return list(rows.scalars())


@dataclass(frozen=True)
class AreaImport:
    added: int
    renamed: int
    unchanged: int


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"文件 {path.name} 的编码无法识别（应为 UTF-8 或 GBK）")


def import_csv(uow: UnitOfWork, actor: Actor, path: Path) -> AreaImport:
    """Load ``code,name,parent_code`` rows; all rows are checked before anything is written.

    A header row is recognised and skipped. Codes may be 6, 9 or 12 digits. A row whose parent
    is neither in the file nor in the database, or whose level does not fit its parent, is refused
    with its line number, and then nothing is written. The administrator loads it.
    """
    require_role(actor, AREA_LOADERS, "导入区划")
    session = uow.session
    try:
        rows = list(csv.reader(io.StringIO(_read_text(path))))
    except csv.Error as exc:
        raise UserError(f"文件 {path.name} 不是CSV文本文件：{exc}") from None
    parsed: list[tuple[int, str, str, str | None]] = []
    for lineno, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if lineno == 1 and not cells[0].isdigit():
            continue
        if len(cells) < 2 or not cells[1]:
            raise UserError("每行应为：代码,名称,上级代码", row=lineno)
        try:
            code = divisions.full_code(cells[0])
            parent = divisions.full_code(cells[2]) if len(cells) > 2 and cells[2] else None
        except UserError as exc:
            raise UserError(exc.message, row=lineno, field="代码") from None
        parsed.append((lineno, code, cells[1], parent))
    if not parsed:
        raise UserError(f"文件 {path.name} 中没有区划（每行应为：代码,名称,上级代码）")
    known = {code for (code,) in session.execute(select(Area.code))} | {p[1] for p in parsed}
    for lineno, code, _name, parent in parsed:
        level = divisions.level_of(code)
        expected = divisions.parent_of(code)
        if level is AreaLevel.COUNTY:
            continue
        parent = parent or expected
        if parent != expected:
            raise UserError(f"代码{code}的上级应为{expected}，文件中为{parent}", row=lineno, field="上级代码")
        if parent not in known:
            raise UserError(f"上级地区{parent}既不在文件中也不在数据库中", row=lineno, field="上级代码")
    added = renamed = unchanged = 0
    for _lineno, code, name, _parent in sorted(parsed, key=lambda p: p[1]):
        area = session.get(Area, code)
        if area is None:
            add_area(session, code, name)
            added += 1
        elif area.name != name:
            area.name = name
            renamed += 1
        else:
            unchanged += 1
    session.flush()
    return AreaImport(added, renamed, unchanged)
