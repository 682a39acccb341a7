"""Scans and photos of signed forms, stored once by content (SHA-256) in the data folder."""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models.attachment import Attachment
from app.models.db import UnitOfWork
from app.models.household import Household
from app.paths import DataPaths, private_dir, private_file
from app.services.context import TOWNSHIP_ROLES, Actor, query, require_area, require_role

MAX_BYTES = 30 * 1024 * 1024
ALLOWED = {"image/jpeg", "image/png", "image/tiff", "application/pdf"}


def blob_path(paths: DataPaths, sha256: str) -> Path:
    return paths.attachments / sha256[:2] / sha256


def store(
    paths: DataPaths, file: Path, *, allowed: frozenset[str] | set[str] = ALLOWED
) -> tuple[str, int, str]:
    """Keep a copy of ``file`` in the data folder by content: (SHA-256, size, MIME type).

    Refused (UserError) when it cannot be read, is empty or over 30 MB, or is not of an ``allowed`` type.
    """
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise UserError(f"无法读取文件 {file.name}：{exc.strerror}") from exc
    if size == 0 or size > MAX_BYTES:
        raise UserError(f"文件 {file.name} 为空或超过30MB", field="文件")
    mime = mimetypes.guess_type(file.name)[0] or ""
    if mime not in allowed:
        kinds = "JPG、PNG、TIFF 图片或 PDF 文件" if "application/pdf" in allowed else "JPG、PNG 图片"
        raise UserError(f"只接受 {kinds}，{file.name} 不是", field="文件")
    digest = hashlib.sha256()
    with file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = blob_path(paths, sha)
    if not target.exists():
        private_dir(target.parent)
        tmp = target.with_suffix(".part")
        shutil.copyfile(file, tmp)
        private_file(tmp)
        tmp.replace(target)
    return sha, size, mime


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
    sha, size, mime = store(paths, file)
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


@query
def for_household(uow: UnitOfWork, actor: Actor, household_id: str) -> list[Attachment]:
    """The household's scans, oldest first; refused outside the actor's area."""
    household = uow.session.get(Household, household_id)
    if household is None:
        raise UserError("找不到该家庭档案")
    require_area(actor, household.village_code, "查看该户的扫描件")
    return listed(uow.session, household_id)


def listed(session: Session, household_id: str) -> list[Attachment]:
    """The household's scans, oldest first (callers have checked the area)."""
    return list(
        session.execute(
            select(Attachment).where(Attachment.household_id == household_id).order_by(Attachment.updated_at)
        ).scalars()
    )


@query
def copy_for_viewing(uow: UnitOfWork, actor: Actor, paths: DataPaths, attachment_id: str) -> Path:
    """A private copy of a scan under its own name (the viewer needs the extension); refused outside
    the actor's area or when the stored file is missing."""
    attachment = uow.session.get(Attachment, attachment_id)
    if attachment is None:
        raise UserError("找不到该扫描件，可能已被删除")
    household = uow.session.get(Household, attachment.household_id)
    assert household is not None
    require_area(actor, household.village_code, "查看该户的扫描件")
    blob = blob_path(paths, attachment.sha256)
    if not blob.is_file():
        raise UserError(f"数据目录中缺少扫描件 {attachment.filename} 的文件")
    folder = Path(tempfile.mkdtemp(prefix="jiuzhu-"))  # private to this user (mode 0700)
    copy = folder / Path(attachment.filename).name
    shutil.copyfile(blob, copy)
    return copy
