"""Posting records: the notices now up on village boards, and where, when and by whom each was put up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app import clock
from app.domain.areas import scope_prefix
from app.domain.codes import Program
from app.errors import UserError
from app.models.area import Area
from app.models.attachment import Attachment
from app.models.case import Case
from app.models.db import UnitOfWork
from app.models.notice import NoticeEntry, NoticePosting, PublicNotice
from app.paths import DataPaths
from app.printing.catalog import NoticeKind
from app.services.context import TOWNSHIP_ROLES, Actor, query, require_area, require_role
from app.services.households import attachments

PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
PHOTO_KIND = "公示张贴照片"  # the kind of scan each household on the notice gets


@dataclass(frozen=True)
class PostedNotice:
    """A stored notice running on the day asked, with the number of rows and of posting records."""

    notice_id: str
    village_code: str
    village: str
    kind: str  # 初审公示, 拟批准公示 …
    program: str
    starts_on: date
    ends_on: date
    rows: int
    postings: int


@dataclass(frozen=True)
class PostingRecord:
    """One posting of a notice, as the 公示 page and the case file show it."""

    id: str
    notice_id: str
    posted_on: date
    place: str
    posted_by: str
    recorded_by: str
    photo_name: str
    photo_sha256: str
    note: str


def _kind_label(value: str) -> str:
    try:
        return NoticeKind(value).label
    except ValueError:
        return value


@query
def running(uow: UnitOfWork, actor: Actor, on: date | None = None) -> list[PostedNotice]:
    """The stored notices up on ``on`` (default today) in the actor's area, those ending first first."""
    on = on or clock.today()
    rows = select(NoticeEntry.notice_id, func.count().label("n")).group_by(NoticeEntry.notice_id).subquery()
    posts = select(NoticePosting.notice_id, func.count().label("n")).group_by(NoticePosting.notice_id)
    posted = posts.subquery()
    q = (
        select(PublicNotice, Area.name, func.coalesce(rows.c.n, 0), func.coalesce(posted.c.n, 0))
        .join(Area, Area.code == PublicNotice.village_code)
        .outerjoin(rows, rows.c.notice_id == PublicNotice.id)
        .outerjoin(posted, posted.c.notice_id == PublicNotice.id)
        .where(
            PublicNotice.village_code.startswith(scope_prefix(actor.area_code)),
            PublicNotice.starts_on <= on,
            PublicNotice.ends_on >= on,
        )
        .order_by(PublicNotice.ends_on, PublicNotice.village_code, PublicNotice.kind)
    )
    return [
        PostedNotice(
            n.id,
            n.village_code,
            name,
            _kind_label(n.kind),
            Program(n.program).label,
            n.starts_on,
            n.ends_on,
            int(count),
            int(done),
        )
        for n, name, count, done in uow.session.execute(q)
    ]


@query
def postings_of(uow: UnitOfWork, actor: Actor, notice_id: str) -> list[PostingRecord]:
    """The posting records of a notice, oldest first; refused outside the actor's area."""
    notice = _notice(uow, notice_id)
    require_area(actor, notice.village_code, "查看该公示的张贴记录")
    q = select(NoticePosting).where(NoticePosting.notice_id == notice_id)
    found = uow.session.execute(q.order_by(NoticePosting.posted_on, NoticePosting.updated_at)).scalars()
    return [_record(p) for p in found]


def record(
    uow: UnitOfWork,
    actor: Actor,
    paths: DataPaths,
    *,
    notice_id: str,
    posted_on: date,
    place: str,
    posted_by: str,
    photo: Path,
    note: str = "",
) -> PostingRecord:
    """Record that a notice was put up at ``place`` on ``posted_on`` by ``posted_by``, with its photo.

    The photo (JPG or PNG up to 30 MB) is kept by content beside the scans and filed as a scan
    (「公示张贴照片」) of each case on the notice, so every household's file shows that its 公示 was
    posted, and the photo travels to the county with the scans. The day must lie within the notice's
    period and not after today.
    """
    require_role(actor, TOWNSHIP_ROLES, "登记公示张贴")
    notice = _notice(uow, notice_id)
    require_area(actor, notice.village_code, "登记该村（居）的公示张贴")
    place, posted_by, note = place.strip(), posted_by.strip(), note.strip()
    if not place:
        raise UserError("请填写张贴地点，例如“村务公开栏”", field="张贴地点")
    if len(place) > 100:
        raise UserError("张贴地点不能超过100个字", field="张贴地点")
    if not posted_by:
        raise UserError("请填写张贴人", field="张贴人")
    if len(posted_by) > 40:
        raise UserError("张贴人不能超过40个字", field="张贴人")
    if len(note) > 200:
        raise UserError("备注不能超过200个字", field="备注")
    if posted_on > clock.today():
        raise UserError(f"张贴日期{posted_on:%Y-%m-%d}晚于今天", field="张贴日期")
    if not notice.starts_on <= posted_on <= notice.ends_on:
        period = f"{notice.starts_on:%Y-%m-%d}至{notice.ends_on:%Y-%m-%d}"
        raise UserError(f"张贴日期应在公示期（{period}）内", field="张贴日期")
    sha, size, mime = attachments.store(paths, photo, allowed=PHOTO_TYPES)
    posting = NoticePosting(
        notice_id=notice.id,
        posted_on=posted_on,
        place=place,
        posted_by=posted_by,
        photo_name=photo.name[-200:],
        photo_mime=mime,
        photo_size=size,
        photo_sha256=sha,
        note=note,
    )
    uow.session.add(posting)
    cases = uow.session.execute(
        select(Case.id, Case.household_id)
        .join(NoticeEntry, NoticeEntry.case_id == Case.id)
        .where(NoticeEntry.notice_id == notice.id)
        .distinct()
    )
    for case_id, household_id in cases:
        uow.session.add(
            Attachment(
                household_id=household_id,
                case_id=case_id,
                kind=PHOTO_KIND,
                filename=posting.photo_name,
                mime=mime,
                size=size,
                sha256=sha,
                note=f"{posted_on:%Y-%m-%d}张贴于{place}，张贴人{posted_by}"[:200],
            )
        )
    uow.session.flush()
    return _record(posting)


def _notice(uow: UnitOfWork, notice_id: str) -> PublicNotice:
    notice = uow.session.get(PublicNotice, notice_id)
    if notice is None:
        raise UserError("找不到该公示，可能已被删除")
    return notice


def _record(p: NoticePosting) -> PostingRecord:
    return PostingRecord(
        p.id,
        p.notice_id,
        p.posted_on,
        p.place,
        p.posted_by,
        p.updated_by,
        p.photo_name,
        p.photo_sha256,
        p.note,
    )
