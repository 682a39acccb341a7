"""Scans of signed forms are kept once by content and refused when they are not images or PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.models.db import Database
from app.models.household import Household
from app.paths import DataPaths
from app.services.households import attachments
from tests.db.test_procedure import CLERK


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
        listed = attachments.for_household(uow, hh_id)
    assert [a.filename for a in listed] == ["核对授权书.pdf", "核对授权书.pdf"]


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
