"""Failures of the environment (files, disks, memory, the database file or server) in the user's words."""

from __future__ import annotations

import sqlite3

from app.fileio import cause
from app.log import mask

# SQLite's own messages (sqlite3 and SQLAlchemy alike carry them) and what they mean to a user.
_SQLITE = (
    ("database is locked", "数据库正被其他程序使用（例如正在写入的救助通桌面程序），请稍后再试"),
    ("database or disk is full", "磁盘空间不足，数据库无法写入"),
    ("disk i/o error", "读写数据库文件出错（磁盘可能已损坏或被拔出）"),
    ("readonly database", "数据库文件是只读的，无法写入"),
    ("unable to open database file", "无法打开数据库文件（文件夹不存在或没有权限）"),
    ("file is not a database", "数据库文件已损坏，或不是救助通数据库"),
    ("database disk image is malformed", "数据库文件已损坏，请用备份恢复（jiuzhu restore）"),
)


def _database(error: BaseException) -> str | None:
    text = str(error).lower()
    for words, meaning in _SQLITE:
        if words in text:
            return meaning
    return None


def environment_failure(exc: BaseException) -> str | None:
    """A message for a failure of the environment, or None when ``exc`` looks like a bug.

    The message is shown and logged: an ID number or account in a file name or a driver's message is
    masked (app/log.py).
    """
    found = _environment_failure(exc)
    return mask(found) if found is not None else None


def _environment_failure(exc: BaseException) -> str | None:
    if isinstance(exc, MemoryError):
        return "内存不足，无法完成该操作"
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        return f"{where}：{cause(exc, 'any')}" if where else f"操作系统报告错误：{cause(exc, 'any')}"
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.IntegrityError | sqlite3.ProgrammingError
    ):
        return _database(exc)
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper of the driver's error
    if orig is not None and type(exc).__module__.startswith("sqlalchemy"):
        from sqlalchemy import exc as sa

        if isinstance(exc, sa.OperationalError):
            first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
            return _database(orig) or f"数据库无法访问：{first}"
        if isinstance(exc, sa.DatabaseError) and not isinstance(exc, sa.IntegrityError | sa.ProgrammingError):
            return _database(orig)
    return None
