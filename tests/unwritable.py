"""The ways an output cannot be written (a missing folder, a read-only one or medium, a full disk),
shared by the tests of every verb that writes a file."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NoReturn

import pytest

from app import fileio

KINDS = ("missing folder", "read-only folder", "read-only medium", "path under a file", "disk full")


@dataclass
class Sink:
    """Where a verb is told to write, the cause its message must give, and the folder that must
    look the same afterwards (no output, no temporary or partial file)."""

    kind: str
    folder: Path
    cause: str
    watched: Path
    before: list[str] = field(default_factory=list)

    def target(self, name: str) -> Path:
        return self.folder / name

    def listing(self) -> list[str]:
        return sorted(str(p.relative_to(self.watched)) for p in self.watched.rglob("*"))

    def assert_refused(self, code: int, err: str, named: str | Path) -> None:
        """Exit 1, the Chinese cause and the path in the message, nothing left behind."""
        assert code == 1, err
        assert err.startswith("错误：") and self.cause in err, (self.kind, err)
        assert str(named) in err, (self.kind, err)
        assert "Traceback" not in err
        assert self.listing() == self.before, (self.kind, self.listing())


def _fail(code: int) -> Any:
    def fail(*_args: Any, **_kwargs: Any) -> NoReturn:
        raise OSError(code, os.strerror(code))

    return fail


def make_sink(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sink:
    base = tmp_path / "out"
    base.mkdir()
    (base / "already-there.txt").write_text("x", encoding="utf-8")
    sink = Sink(kind, base, "", base)
    if kind == "missing folder":
        sink.folder, sink.cause = base / "no-such-folder", "文件夹不存在"
    elif kind == "read-only folder":
        base.chmod(0o500)
        if os.access(base, os.W_OK):  # root writes anyway: the other kinds cover it
            base.chmod(0o700)
            pytest.skip("running as root: a read-only folder is still writable")
        sink.cause = "没有写入权限"
    elif kind == "read-only medium":  # a write-protected stick: creating the file fails
        monkeypatch.setattr(fileio, "tempfile", SimpleNamespace(mkstemp=_fail(errno.EROFS)))
        sink.cause = "只读"
    elif kind == "path under a file":
        sink.folder, sink.cause = base / "already-there.txt", "不是文件夹"
    elif kind == "disk full":  # the data went out, syncing it to the disk fails
        monkeypatch.setattr(fileio.os, "fsync", _fail(errno.ENOSPC))
        sink.cause = "磁盘空间不足"
    else:  # pragma: no cover
        raise ValueError(kind)
    sink.before = sink.listing()
    return sink
