"""Posting records: a notice's posting is recorded with its photo, inside the notice's period and area."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, UserError
from app.models.attachment import Attachment
from app.models.case import Case
from app.models.db import Database
from app.models.notice import NoticeEntry, NoticePosting, PublicNotice
from app.paths import DataPaths
from app.services.cases import postings
from app.services.households import attachments
from tests.conftest import DEMO_TODAY
from tests.db.test_procedure import CADRE, CLERK

PNG = b"\x89PNG\r\n\x1a\n board photo"


def running_notice(db: Database) -> PublicNotice:
    with db.uow("test") as uow:
        q = select(PublicNotice).where(
            PublicNotice.village_code.startswith("430623101"),
            PublicNotice.starts_on <= DEMO_TODAY,
            PublicNotice.ends_on >= DEMO_TODAY,
        )
        notice = uow.session.execute(q.order_by(PublicNotice.ends_on).limit(1)).scalar_one()
        uow.session.expunge(notice)
    return notice


def test_the_running_notices_are_listed_with_their_end_dates(demo_db: Database) -> None:
    with demo_db.uow("clerk") as uow:
        listed = postings.running(uow, CLERK, DEMO_TODAY)
        stored = uow.session.execute(
            select(PublicNotice.id, PublicNotice.ends_on).where(
                PublicNotice.village_code.startswith("430623101"),
                PublicNotice.starts_on <= DEMO_TODAY,
                PublicNotice.ends_on >= DEMO_TODAY,
            )
        ).all()
        first = listed[0]
        count = uow.session.execute(
            select(NoticeEntry.id).where(NoticeEntry.notice_id == first.notice_id)
        ).all()
    assert listed, "the demo has notices up on the boards"
    assert {(n.notice_id, n.ends_on) for n in listed} == set(stored)
    assert [n.ends_on for n in listed] == sorted(n.ends_on for n in listed)
    assert first.rows == len(count) and first.postings == 0
    assert first.kind in {"初审公示", "拟批准公示"} and first.village


def test_a_posting_is_recorded_with_its_photo(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    notice = running_notice(demo_db)
    photo = tmp_path / "公示栏.png"
    photo.write_bytes(PNG)
    with demo_db.uow("clerk") as uow:
        kept = postings.record(
            uow,
            CLERK,
            demo_paths,
            notice_id=notice.id,
            posted_on=notice.starts_on,
            place=" 村务公开栏 ",
            posted_by="李春生",
            photo=photo,
        )
        uow.commit()
    assert attachments.blob_path(demo_paths, kept.photo_sha256).read_bytes() == PNG
    with demo_db.uow("clerk") as uow:  # filed as a scan of every case on the notice: it travels with them
        on_notice = set(
            uow.session.execute(
                select(Case.household_id)
                .join(NoticeEntry, NoticeEntry.case_id == Case.id)
                .where(NoticeEntry.notice_id == notice.id)
            ).scalars()
        )
        scans = uow.session.execute(
            select(Attachment.household_id, Attachment.kind, Attachment.sha256, Attachment.note).where(
                Attachment.sha256 == kept.photo_sha256
            )
        ).all()
    assert on_notice and {h for h, _, _, _ in scans} == on_notice and len(scans) == len(on_notice)
    assert all(k == postings.PHOTO_KIND and "村务公开栏" in n and "李春生" in n for _, k, _, n in scans)
    with demo_db.uow("cadre") as uow:
        (seen,) = postings.postings_of(uow, CLERK, notice.id)
        listed = {n.notice_id: n.postings for n in postings.running(uow, CLERK, DEMO_TODAY)}
    assert (seen.place, seen.posted_by, seen.recorded_by, seen.photo_name) == (
        "村务公开栏",
        "李春生",
        "clerk",
        "公示栏.png",
    )
    assert seen.posted_on == notice.starts_on and listed[notice.id] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"place": "  "}, "张贴地点"),
        ({"posted_by": ""}, "张贴人"),
        ({"days": -1}, "公示期"),
        ({"days": 400}, "晚于今天"),
        ({"photo": "board.pdf"}, "只接受"),
        ({"photo": "missing.png"}, "无法读取"),
    ],
)
def test_a_bad_posting_is_refused_and_nothing_is_written(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path, change: dict[str, object], message: str
) -> None:
    notice = running_notice(demo_db)
    for name in ("board.png", "board.pdf"):
        (tmp_path / name).write_bytes(PNG)
    photo = tmp_path / str(change.get("photo", "board.png"))
    days = int(str(change.get("days", 0)))
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match=message):
        postings.record(
            uow,
            CLERK,
            demo_paths,
            notice_id=notice.id,
            posted_on=notice.starts_on + timedelta(days=days),
            place=str(change.get("place", "村务公开栏")),
            posted_by=str(change.get("posted_by", "李春生")),
            photo=photo,
        )
    with demo_db.uow("clerk") as uow:
        assert uow.session.execute(select(NoticePosting)).first() is None
        assert (
            uow.session.execute(select(Attachment).where(Attachment.kind == postings.PHOTO_KIND)).first()
            is None
        )


def test_only_township_staff_of_the_area_record_a_posting(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    notice = running_notice(demo_db)
    photo = tmp_path / "board.jpg"
    photo.write_bytes(b"\xff\xd8\xff jpeg")
    with demo_db.uow("cadre") as uow, pytest.raises(PermissionDenied):
        postings.record(
            uow,
            CADRE,
            demo_paths,
            notice_id=notice.id,
            posted_on=notice.starts_on,
            place="村务公开栏",
            posted_by="李春生",
            photo=photo,
        )
    with demo_db.uow("test") as uow:
        elsewhere = uow.session.execute(
            select(PublicNotice.id).where(~PublicNotice.village_code.startswith("430623101")).limit(1)
        ).scalar()
    if elsewhere is not None:
        with demo_db.uow("clerk") as uow, pytest.raises(PermissionDenied):
            postings.postings_of(uow, CLERK, elsewhere)
