"""Any list a user can filter, saved as a spreadsheet of what it shows; audited (it holds personal data).

ID numbers are masked here, in the service, for a user who sees them masked on screen (a village cadre),
whatever the caller passes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.documents.shown_list import ShownList
from app.domain import idcard
from app.domain.codes import Role
from app.errors import UserError
from app.fileio import write_atomically
from app.models import tracking
from app.models.db import UnitOfWork
from app.services.context import Actor

MAX_ROWS = 1_048_000  # what one sheet holds


def masks_ids(actor: Actor) -> bool:
    """Village cadres read and print for their board: ID numbers reach them masked."""
    return actor.role is Role.VILLAGE_CADRE


def export_list(uow: UnitOfWork, actor: Actor, shown: ShownList, out: Path) -> int:
    """Write ``shown`` to ``out`` (xlsx) and audit who wrote which list, how many rows; returns the rows."""
    from app.spreadsheets.shown_list import write_shown_list

    if not shown.headers:
        raise UserError("该列表没有可导出的列")
    if len(shown.rows) > MAX_ROWS:
        raise UserError(f"列表共{len(shown.rows)}行，超过一张工作表能容纳的行数，请先筛选")
    masked = masks_ids(actor) and bool(shown.id_columns)
    if masked:
        rows = [
            tuple(idcard.mask(v) if i in shown.id_columns and v else v for i, v in enumerate(row))
            for row in shown.rows
        ]
        shown = replace(shown, rows=rows)
    write_atomically(Path(out), lambda tmp: write_shown_list(tmp, shown))
    tracking.record_bulk(
        uow.session,
        actor=actor.username,
        action="export",
        table=shown.table,
        summary={"file": Path(out).name, "list": shown.title, "rows": len(shown.rows), "masked": masked},
    )
    return len(shown.rows)
