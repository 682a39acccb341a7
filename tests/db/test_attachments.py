"""Scans of signed forms are kept once by content and refused when they are not images or PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, UserError
from app.models.db import Database
from app.models.household import Household
from app.paths import DataPaths
from app.services.households import attachments
from tests.db.test_procedure import CADRE, CLERK, VILLAGE


def test_a_scan_is_stored_by_content_and_listed(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    scan = tmp_path / "核对授权书.pdf"
    scan.write_bytes(b"%PDF-1.4 signed form")
    with demo_db.uow("clerk") as uow:
        hh_id = uow.session.execute(select(Household.id).limit(1)).scalar_one()
        first = attachments.add(uow, CLERK, demo_paths, household_id=hh_id, file=scan, kind="核对授权书")
        second = attachments.add(uow, CLERK, demo_paths, household_id=hh_id, file=scan, kind="核对授权书")
        uow.commit()
    assert first.sha256 == second.sha256
    assert attachments.blob_path(demo_paths, first.sha256).read_bytes() == b"%PDF-1.4 signed form"
    with demo_db.uow("clerk") as uow:
        listed = attachments.for_household(uow, CLERK, hh_id)
    assert [a.filename for a in listed] == ["核对授权书.pdf", "核对授权书.pdf"]


def test_a_scan_is_opened_from_a_private_copy_inside_the_area_only(
    demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    scan = tmp_path / "授权书.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n signed")
    with demo_db.uow("clerk") as uow:
        mine = uow.session.execute(select(Household.id).where(Household.village_code == VILLAGE).limit(1))
        other = uow.session.execute(select(Household.id).where(Household.village_code != VILLAGE).limit(1))
        mine_id, other_id = mine.scalar_one(), other.scalar_one()
        kept = attachments.add(uow, CLERK, demo_paths, household_id=mine_id, file=scan, kind="授权书")
        elsewhere = attachments.add(uow, CLERK, demo_paths, household_id=other_id, file=scan, kind="授权书")
        uow.commit()
    with demo_db.uow("cadre") as uow:
        copy = attachments.copy_for_viewing(uow, CADRE, demo_paths, kept.id)  # his village: he may read it
        assert copy.name == "授权书.png" and copy.read_bytes() == scan.read_bytes()
        assert copy.parent != attachments.blob_path(demo_paths, kept.sha256).parent
        with pytest.raises(PermissionDenied):
            attachments.copy_for_viewing(uow, CADRE, demo_paths, elsewhere.id)
        with pytest.raises(PermissionDenied):
            attachments.for_household(uow, CADRE, other_id)
    attachments.blob_path(demo_paths, kept.sha256).unlink()
    with demo_db.uow("clerk") as uow, pytest.raises(UserError, match="缺少"):
        attachments.copy_for_viewing(uow, CLERK, demo_paths, kept.id)


def test_other_files_are_refused(demo_db: Database, demo_paths: DataPaths, tmp_path: Path) -> None:
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ")
    with demo_db.uow("clerk") as uow:
        hh_id = uow.session.execute(select(Household.id).limit(1)).scalar_one()
        with pytest.raises(UserError, match="只接受"):
            attachments.add(uow, CLERK, demo_paths, household_id=hh_id, file=exe, kind="其他")
        with pytest.raises(UserError, match="无法读取"):
            attachments.add(
                uow, CLERK, demo_paths, household_id=hh_id, file=tmp_path / "missing.pdf", kind="x"
            )
