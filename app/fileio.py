"""Output files written whole or not at all: beside the target, synced to disk, then renamed over it.

Every file Jiuzhu hands to a user (backups, ledgers, rosters, reports, notices, forms, bundles,
provisioning files) goes through :func:`write_atomically` or :func:`write_together`, so a missing
folder, a read-only stick or a full disk ends in a :class:`UserError` naming the file and the cause,
and never in a half-written file or a stray temporary one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.errors import UserError

# What to write: the bytes, or a function that writes the file at the path it is given.
Content = bytes | Callable[[Path], Any]

_CAUSES = {
    getattr(errno, name): text
    for name, text in (
        ("ENOTDIR", "路径中有一项不是文件夹"),
        ("EROFS", "存储介质是只读的（U盘可能开了写保护）"),
        ("ENOSPC", "磁盘空间不足"),
        ("EDQUOT", "超出磁盘配额"),
        ("EFBIG", "文件过大，该存储介质放不下"),
        ("ENAMETOOLONG", "文件名过长"),
        ("EIO", "读写出错（存储介质可能已损坏或被拔出）"),
        ("ENODEV", "设备不存在（U盘可能已被拔出）"),
        ("ENXIO", "设备不存在（U盘可能已被拔出）"),
        ("EBUSY", "文件正被其他程序占用"),
        ("ETXTBSY", "文件正被其他程序占用"),
        ("EEXIST", "文件已存在"),
        ("EMFILE", "同时打开的文件过多"),
        ("ELOOP", "路径中的符号链接过多"),
    )
    if hasattr(errno, name)
}
# Where the words depend on what was being done: writing a file, reading one, or either.
_BY_USE = {
    errno.ENOENT: {"write": "文件夹不存在", "read": "文件不存在", "any": "文件或文件夹不存在"},
    errno.EACCES: {"write": "没有写入权限", "read": "没有读取权限", "any": "没有访问权限"},
    errno.EPERM: {"write": "没有写入权限", "read": "没有读取权限", "any": "没有访问权限"},
    errno.EISDIR: {
        "write": "该位置是一个文件夹",
        "read": "这是一个文件夹，不是文件",
        "any": "这是一个文件夹",
    },
}
SHARING_VIOLATION = (32, 33)  # Windows: the file is open in another program (Excel, WPS)


def cause(exc: OSError, use: str = "write") -> str:
    """Why an operating-system call failed, in Chinese (the system's own words as a fallback).

    ``use`` is "write", "read" or "any": what was being done with the file.
    """
    if getattr(exc, "winerror", None) in SHARING_VIOLATION:
        return "文件正被其他程序（如Excel、WPS）打开，请先关闭"
    by_use = _BY_USE.get(exc.errno or 0)
    if by_use:
        return by_use[use]
    known = _CAUSES.get(exc.errno or 0)
    if known:
        return known
    return exc.strerror or str(exc) or type(exc).__name__


def unreadable(path: Path, exc: OSError) -> UserError:
    return UserError(f"无法读取文件 {path}：{cause(exc, 'read')}")


def unwritable(path: Path, exc: OSError) -> UserError:
    return UserError(f"无法写入文件 {path}：{cause(exc)}")


def require_folder(path: Path) -> Path:
    """``path`` (expanded) when the folder it goes in exists; a clear refusal otherwise."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        if path.parent.exists():
            raise UserError(f"无法写入文件 {path}：{path.parent} 不是文件夹")
        raise UserError(f"无法写入文件 {path}：文件夹不存在（{path.parent}）")
    return path


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable; folders cannot be opened on Windows, where the rename is durable anyway."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


class Pending:
    """A file written and synced under a temporary name beside its target, not yet moved into place."""

    def __init__(self, target: Path, tmp: Path) -> None:
        self.target = target
        self.tmp = tmp
        self.placed = False

    def place(self) -> Path:
        """Rename over the target; a failure removes the temporary file and raises a UserError."""
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise unwritable(self.target, exc) from exc
        self.placed = True
        _fsync_folder(self.target.parent)
        return self.target

    def discard(self) -> None:
        if not self.placed:
            # with the rollback journal a writer through SQLite (a backup) may leave behind
            for leftover in (self.tmp, self.tmp.with_name(self.tmp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def stage(path: Path, content: Content) -> Pending:
    """Write ``content`` beside ``path`` under a temporary name and sync it; nothing is in place yet.

    The temporary file is private to the user (0600), and so is the file once it is placed:
    most of what Jiuzhu writes carries personal data.
    """
    target = require_folder(path)
    if target.is_dir():
        raise UserError(f"无法写入文件 {target}：该位置是一个文件夹")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise unwritable(target, exc) from exc
    pending = Pending(target, Path(name))
    try:
        try:
            if isinstance(content, bytes | bytearray | memoryview):
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                    fh.flush()
                    os.fsync(fh.fileno())
            else:
                os.close(fd)
                content(pending.tmp)
                _fsync(pending.tmp)
        except OSError as exc:
            raise unwritable(target, exc) from exc
        except UserError as exc:  # a writer that itself writes whole (a workbook): said of the target
            if isinstance(exc.__cause__, OSError):
                raise unwritable(target, exc.__cause__) from exc.__cause__
            raise
    except BaseException:
        pending.discard()
        raise
    return pending


def write_atomically(path: Path, content: Content, *, cancelled: Callable[[], bool] | None = None) -> Path:
    """Write ``content`` (bytes, or ``writer(tmp_path)``) to ``path`` whole or not at all.

    ``cancelled()`` is asked once the file is written: when true, it is dropped and ``path`` stays
    as it was. Returns the path written; raises UserError naming the file and the cause.
    """
    with stage(path, content) as pending:
        if cancelled is not None and cancelled():
            return pending.target
        return pending.place()


def write_together(files: Sequence[tuple[Path, Content]]) -> list[Path]:
    """Several files (an xlsx and its PDF) written first, then moved into place one after the other.

    A failure while writing leaves none of them; a failure to move one into place removes those
    already moved, so the set is never half delivered.
    """
    targets = [require_folder(path).resolve() for path, _ in files]
    if len(set(targets)) != len(targets):
        raise UserError("不能把两份输出写到同一个文件")
    staged: list[Pending] = []
    try:
        for path, content in files:
            staged.append(stage(path, content))
        placed: list[Path] = []
        for pending in staged:
            try:
                placed.append(pending.place())
            except UserError:
                for done in placed:
                    done.unlink(missing_ok=True)
                raise
        return placed
    finally:
        for pending in staged:
            pending.discard()
