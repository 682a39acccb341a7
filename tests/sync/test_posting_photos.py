"""A posting's photo is filed as a scan of each case on the notice: it reaches the county with them."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.codes import Role
from app.models.attachment import Attachment
from app.models.notice import PublicNotice
from app.services.cases import postings
from app.services.context import Actor
from app.services.households import attachments
from tests.conftest import DEMO_TODAY
from tests.sync.conftest import World

STATION = "430623101"
CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, f"{STATION}000")
PNG = b"\x89PNG\r\n\x1a\n the board, photographed"


def test_the_posting_photo_travels_to_the_county_as_the_cases_scans(world: World) -> None:
    photo = world.root / "公示栏.png"
    photo.write_bytes(PNG)
    db = world.db(STATION)
    try:
        with db.uow("clerk") as uow:
            notice = (
                uow.session.execute(
                    select(PublicNotice).where(
                        PublicNotice.starts_on <= DEMO_TODAY, PublicNotice.ends_on >= DEMO_TODAY
                    )
                )
                .scalars()
                .first()
            )
            assert notice is not None
            kept = postings.record(
                uow,
                CLERK,
                world.paths(STATION),
                notice_id=notice.id,
                posted_on=notice.starts_on,
                place="村务公开栏",
                posted_by="李春生",
                photo=photo,
            )
            uow.commit()
        with db.uow("t") as uow:
            sent = set(
                uow.session.execute(
                    select(Attachment.household_id).where(Attachment.sha256 == kept.photo_sha256)
                ).scalars()
            )
    finally:
        db.dispose()
    bundle = world.export(STATION)
    assert bundle is not None and sent
    code, out, err = world.import_("county", bundle)
    assert code == 0, err or out
    county = world.db("county")
    try:
        with county.uow("t") as uow:
            arrived = set(
                uow.session.execute(
                    select(Attachment.household_id).where(
                        Attachment.sha256 == kept.photo_sha256, Attachment.kind == postings.PHOTO_KIND
                    )
                ).scalars()
            )
    finally:
        county.dispose()
    assert arrived == sent
    assert attachments.blob_path(world.paths("county"), kept.photo_sha256).read_bytes() == PNG
