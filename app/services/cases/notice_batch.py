"""A kind of 公示 for every village at once: one PDF per village into a folder, or all in one PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain import privacy
from app.domain.areas import scope_prefix
from app.domain.calendar import format_cn
from app.domain.codes import AreaLevel, Program
from app.errors import UserError
from app.fileio import Pending, stage
from app.models import tracking
from app.models.area import Area
from app.models.db import UnitOfWork
from app.models.notice import PublicNotice
from app.printing.catalog import NoticeKind, Paper
from app.printing.notice_data import NoticeData, assemble, notice_texts
from app.printing.output import Printed
from app.services.cases.printing import NOTICE_ROLES, font_set, notice_lines, office_of
from app.services.context import Actor, query, require_role

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class VillageNotice:
    """One village's notice, built and checked, with the file name it is saved under."""

    code: str
    village: str
    printed: Printed


def _collect(
    uow: UnitOfWork,
    actor: Actor,
    kind: NoticeKind,
    on: date,
    program: Program | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> list[tuple[Area, NoticeData]]:
    """Each village of the actor's area with something to post, with its notice's content."""
    require_role(actor, NOTICE_ROLES, "打印公示")
    session = uow.session
    villages = list(
        session.execute(
            select(Area)
            .where(Area.level == AreaLevel.VILLAGE.value, Area.code.startswith(scope_prefix(actor.area_code)))
            .order_by(Area.code)
        ).scalars()
    )
    found: list[tuple[Area, NoticeData]] = []
    for n, village in enumerate(villages):
        if cancel and cancel():
            raise UserError("已取消批量打印公示，未写出任何文件")
        if progress:
            progress(n, len(villages), f"正在汇集{village.name}的{kind.label}……")
        lines = notice_lines(session, village.code, office_of(session, village), kind, on, program)
        if lines[3]:
            data = assemble(*lines)
            privacy.assert_public(
                notice_texts(data).all_text(data.rows), allowed=[data.office_phone, data.hotline]
            )
            found.append((village, data))
    if not found:
        where = "所辖村（居）" if len(villages) != 1 else villages[0].name
        raise UserError(f"{where}在{format_cn(on)}都没有需要张贴的{kind.label}，未写出任何文件")
    return found


def file_name(code: str, village: str, title: str, on: date) -> str:
    """「430623101201_兴隆村_…初审公示_20261120.pdf」: the code first, so a folder lists in code order."""
    return _UNSAFE.sub("_", f"{code}_{village}_{title}_{on:%Y%m%d}.pdf")


@query
def each_village(
    uow: UnitOfWork,
    actor: Actor,
    kind: NoticeKind,
    on: date,
    paper: Paper = Paper.A4,
    program: Program | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[VillageNotice]:
    """The notice of ``kind`` of every village in the actor's area that has something to post.

    UserError when none has: nothing is to be written then.
    """
    from app.printing.notices import build_notice

    found = _collect(uow, actor, kind, on, program, progress, cancel)
    font = font_set(uow.session)
    warn = () if font.embedded else ("未找到可嵌入的中文字体，打印时可能显示为空白方框",)
    out = []
    for n, (village, data) in enumerate(found):
        if cancel and cancel():
            raise UserError("已取消批量打印公示，未写出任何文件")
        if progress:
            progress(n, len(found), f"正在排版{village.name}的{kind.label}（{n + 1}/{len(found)}）……")
        doc = build_notice(data, font, paper)
        name = file_name(village.code, village.name, doc.title, on)
        printed = Printed.of(
            doc, name, warn, kind=f"notice:{kind.value}", area_code=village.code, households=data.households
        )
        out.append(VillageNotice(village.code, village.name, printed))
    return out


@query
def one_file(
    uow: UnitOfWork,
    actor: Actor,
    kind: NoticeKind,
    on: date,
    paper: Paper = Paper.A4,
    program: Program | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Printed:
    """The notices of every village with something to post in one PDF, each from a new page."""
    from app.printing.notices import build_notices

    found = _collect(uow, actor, kind, on, program, progress, cancel)
    if progress:
        progress(len(found), len(found) + 1, f"正在排版{len(found)}个村（居）的{kind.label}……")
    font = font_set(uow.session)
    warn = () if font.embedded else ("未找到可嵌入的中文字体，打印时可能显示为空白方框",)
    area = uow.session.get(Area, actor.area_code)
    where = area.name if area is not None else ""
    title = f"{where}各村（居）{kind.label}"
    doc = build_notices([data for _, data in found], font, paper, title)
    households = sum(data.households for _, data in found)
    return Printed.of(
        doc,
        file_name(actor.area_code, where, title, on),
        warn,
        kind=f"notice:{kind.value}",
        area_code=actor.area_code,
        households=households,
    )


def save_each(uow: UnitOfWork, actor: Actor, notices: list[VillageNotice], folder: Path) -> list[Path]:
    """Write each village's PDF into ``folder`` and audit each as an export of personal data.

    Every file is staged beside its target now and renamed into place once the audit is committed
    (a failure to place one removes those placed); a refusal or a rollback leaves none.
    """
    require_role(actor, NOTICE_ROLES, "保存打印文件")
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise UserError(f"无法写入文件夹 {folder}：文件夹不存在", field="输出文件夹")
    for notice in notices:
        if not actor.covers(notice.code):
            raise UserError(f"{notice.village}不在管辖范围内，未写出任何文件")
    staged: list[Pending] = []
    try:
        for n in notices:
            staged.append(stage(folder / n.printed.filename, n.printed.pdf))
    except BaseException:
        for pending in staged:
            pending.discard()
        raise

    def place() -> None:
        placed: list[Path] = []
        try:
            for pending in staged:
                placed.append(pending.place())
        except UserError:
            for done in placed:
                done.unlink(missing_ok=True)
            raise
        finally:
            for pending in staged:
                pending.discard()

    def drop() -> None:
        for pending in staged:
            pending.discard()

    paths = [pending.target for pending in staged]
    for notice, path in zip(notices, paths, strict=True):
        printed = notice.printed
        tracking.record_bulk(
            uow.session,
            actor=actor.username,
            action="export",
            table=PublicNotice.__tablename__,
            summary={
                "file": path.name,
                "kind": printed.kind,
                "title": printed.title,
                "households": printed.households,
                "area": printed.area_code,
                "pages": printed.pages,
            },
        )
    uow.after_commit(place)
    uow.after_rollback(drop)
    return paths
