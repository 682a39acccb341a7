"""Scans and photos of signed forms, stored once by content (SHA-256) in the data folder."""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
from pathlib import Path

from sqlalchemy import select

from app.errors import UserError
from app.models.attachment import Attachment
from app.models.db import UnitOfWork
from app.models.household import Household
from app.paths import DataPaths
from app.services.context import TOWNSHIP_ROLES, Actor, require_area, require_role

MAX_BYTES = 30 * 1024 * 1024
ALLOWED = {"image/jpeg", "image/png", "image/tiff", "application/pdf"}


def blob_path(paths: DataPaths, sha256: str) -> Path:
    return paths.attachments / sha256[:2] / sha256


def add(
    uow: UnitOfWork,
    actor: Actor,
    paths: DataPaths,
    *,
    household_id: str,
    file: Path,
    kind: str,
    case_id: str | None = None,
    note: str = "",
) -> Attachment:
    """Keep a copy of ``file`` (JPEG, PNG, TIFF or PDF up to 30 MB) in the household's file."""
    require_role(actor, TOWNSHIP_ROLES, "上传扫描件")
    household = uow.session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案")
    require_area(actor, household.village_code, "为该户上传扫描件")
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise UserError(f"无法读取文件 {file.name}：{exc.strerror}") from exc
    if size == 0 or size > MAX_BYTES:
        raise UserError(f"文件 {file.name} 为空或超过30MB", field="文件")
    mime = mimetypes.guess_type(file.name)[0] or ""
    if mime not in ALLOWED:
        raise UserError(f"只接受 JPG、PNG、TIFF 图片或 PDF 文件，{file.name} 不是", field="文件")
    digest = hashlib.sha256()
    with file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = blob_path(paths, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        shutil.copyfile(file, tmp)
        tmp.replace(target)
    attachment = Attachment(
        household_id=household_id,
        case_id=case_id,
        kind=kind,
        filename=file.name,
        mime=mime,
        size=size,
        sha256=sha,
        note=note,
    )
    uow.session.add(attachment)
    uow.session.flush()
    return attachment


def for_household(uow: UnitOfWork, household_id: str) -> list[Attachment]:
    return list(
        uow.session.execute(
            select(Attachment).where(Attachment.household_id == household_id).order_by(Attachment.updated_at)
        ).scalars()
    )
