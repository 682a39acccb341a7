"""No CLI verb answers bad input with a traceback (issue 11, "Done when"): every verb, given an empty or
broken data folder or the wrong kind of file, exits 1 (refused) or 2 (usage) with a message; a bug
shows the user one line and leaves its traceback in the log file."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app import cli, log
from app.paths import DataPaths

VERBS: dict[str, list[str]] = {
    "stats": ["stats"],
    "check": ["check"],
    "areas": ["areas", "--import", "{file}"],
    "backup": ["backup", "--out", "{out}/b.sqlite3"],
    "restore": ["restore", "{file}"],
    "notice": ["notice", "--village", "430623101205", "--kind", "preliminary", "--out", "{out}/n.pdf"],
    "print-form": [
        "print-form",
        "--case",
        "430623101-2017-000001",
        "--form",
        "summary",
        "--out",
        "{out}/f.pdf",
    ],
    "station list": ["station", "list"],
    "station add": [
        "station",
        "add",
        "--code",
        "430623104",
        "--out",
        "{out}/p.jzp",
        "--passphrase-file",
        "{file}",
    ],
    "station revoke": ["station", "revoke", "--code", "430623104"],
    "join": ["join", "--provision", "{file}", "--passphrase-file", "{file}"],
    "export-bundle": ["export-bundle", "--out", "{out}", "--passphrase-file", "{file}"],
    "import-bundle": ["import-bundle", "{file}", "--passphrase-file", "{file}"],
    "import-ledger": ["import-ledger", "{file}"],
    "export-ledger": ["export-ledger", "--out", "{out}/l.xlsx"],
    "roster": ["roster", "--month", "2026-10", "--out", "{out}/r.xlsx"],
    "payment-run": ["payment-run", "--month", "2026-10"],
    "bank-return": ["bank-return", "--month", "2026-10", "{file}"],
    "report": ["report", "--month", "2026-10", "--out", "{out}/m.xlsx"],
    "match": ["match", "--kind", "death", "{file}"],
    "demo": ["demo", "--households", "5"],
    "init": ["init", "--township", "430623102", "--admin-password-file", "{file}"],
    "user add": [
        "user",
        "add",
        "new",
        "--role",
        "township_clerk",
        "--name",
        "新",
        "--password-file",
        "{file}",
    ],
    "user passwd": ["user", "passwd", "admin", "--password-file", "{file}"],
    "user list": ["user", "list"],
}
READS_A_FILE = [name for name, argv in VERBS.items() if "{file}" in argv]


def _bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    text = folder / "notes.xlsx"  # text under a spreadsheet's name
    text.write_text("这不是表格\n", encoding="utf-8")
    binary = folder / "noise.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = folder / "empty.csv"
    empty.write_bytes(b"")
    not_xlsx = folder / "archive.xlsx"  # a zip, but no workbook inside
    with zipfile.ZipFile(not_xlsx, "w") as z:
        z.writestr("readme.txt", "hello")
    (folder / "a-folder").mkdir()
    return {
        "missing": folder / "missing.xlsx",
        "folder": folder / "a-folder",
        "empty": empty,
        "text": text,
        "binary": binary,
        "zip": not_xlsx,
    }


def _data_folders(root: Path) -> dict[str, Path]:
    root.mkdir()
    empty = root / "empty"
    empty.mkdir()
    a_file = root / "a-file"
    a_file.write_text("x", encoding="utf-8")
    broken = root / "broken"
    broken.mkdir()
    (broken / "jiuzhu.sqlite3").write_bytes(b"not a database, only text " * 200)
    unreadable = root / "unreadable"
    unreadable.mkdir()
    (unreadable / "jiuzhu.sqlite3").mkdir()  # the database's name is taken by a folder
    return {"empty": empty, "a file": a_file, "broken database": broken, "database is a folder": unreadable}


def _argv(verb: str, data: Path, file: Path, out: Path) -> list[str]:
    return ["--data-dir", str(data), *(a.format(file=file, out=out) for a in VERBS[verb])]


def _assert_refused(code: int, err: str, what: object) -> None:
    assert code in (1, 2), (what, code, err)
    assert err.strip(), what
    assert err.startswith("错误：") or "usage:" in err, (what, err)
    assert "Traceback" not in err and "程序内部错误" not in err, (what, err)


@pytest.fixture
def county_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    d = tmp_path / "county"
    assert (
        cli.run(["--data-dir", str(d), "init", "--county", "430623", "--admin-password", "jiuzhu2026"]) == 0
    )
    capsys.readouterr()
    return d


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_verb_on_a_missing_or_broken_data_folder_is_refused_with_a_message(
    verb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folders = _data_folders(tmp_path / "data")
    file = _bad_files(tmp_path / "files")["text"]
    out = tmp_path / "out"
    out.mkdir()
    for name, data in folders.items():
        if name == "empty" and verb in ("demo", "init"):
            continue  # an empty folder is where these two make an installation
        code = cli.run(_argv(verb, data, file, out))
        _assert_refused(code, capsys.readouterr().err, (verb, name))
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("verb", READS_A_FILE)
def test_every_verb_given_the_wrong_kind_of_file_is_refused_with_a_message(
    verb: str, tmp_path: Path, demo_paths: DataPaths, county_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _bad_files(tmp_path / "files")
    out = tmp_path / "out"
    out.mkdir()
    for where, data in (("station", demo_paths.root), ("county", county_dir)):
        for kind, file in files.items():
            code = cli.run(_argv(verb, data, file, out))
            _assert_refused(code, capsys.readouterr().err, (verb, where, kind))
    assert list(out.iterdir()) == []


def test_no_traceback_reaches_the_terminal_of_a_real_process(tmp_path: Path, demo_paths: DataPaths) -> None:
    """The same bad inputs through ``python -m app``: stderr holds a message and never "Traceback"."""
    folders = _data_folders(tmp_path / "data")
    files = _bad_files(tmp_path / "files")
    out = tmp_path / "out"
    out.mkdir()
    runs = [_argv(verb, folders["broken database"], files["text"], out) for verb in VERBS]
    runs += [_argv(verb, demo_paths.root, files["binary"], out) for verb in READS_A_FILE]
    runs += [_argv(verb, demo_paths.root, files["folder"], out) for verb in READS_A_FILE]

    def jiuzhu(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=180,
            start_new_session=True,
            check=False,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        for argv, done in zip(runs, pool.map(jiuzhu, runs), strict=True):
            _assert_refused(done.returncode, done.stderr, argv[2:])


@pytest.fixture
def failing_stats(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[BaseException], None]]:
    def install(exc: BaseException) -> None:
        def handler(*_args: object) -> int:
            raise exc

        monkeypatch.setitem(cli.VERBS, "stats", handler)

    yield install


def test_a_bug_shows_one_line_and_leaves_its_traceback_in_the_log(
    demo_paths: DataPaths, capsys: pytest.CaptureFixture[str], failing_stats: Callable[[BaseException], None]
) -> None:
    failing_stats(RuntimeError("the answer is 41"))
    code = cli.run(["--data-dir", str(demo_paths.root), "stats"])
    err = capsys.readouterr().err
    logged = log.log_file(demo_paths.logs)
    assert code == 1
    assert err.startswith("错误：程序内部错误（RuntimeError）") and str(logged) in err
    assert "Traceback" not in err and err.count("\n") == 1
    text = logged.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: the answer is 41" in text


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (OSError(errno.EIO, "Input/output error", "/media/usb/x.xlsx"), "/media/usb/x.xlsx：读写出错"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (sqlite3.OperationalError("database is locked"), "正被其他程序使用"),
        (MemoryError(), "内存不足"),
    ],
)
def test_a_failure_of_the_environment_is_said_in_its_own_words(
    demo_paths: DataPaths,
    capsys: pytest.CaptureFixture[str],
    failing_stats: Callable[[BaseException], None],
    exc: BaseException,
    words: str,
) -> None:
    failing_stats(exc)
    code = cli.run(["--data-dir", str(demo_paths.root), "stats"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("错误：") and words in err, err
    assert "程序内部错误" not in err and "Traceback" not in err


def test_ctrl_c_is_a_message_not_a_traceback(
    demo_paths: DataPaths, capsys: pytest.CaptureFixture[str], failing_stats: Callable[[BaseException], None]
) -> None:
    failing_stats(KeyboardInterrupt())
    assert cli.run(["--data-dir", str(demo_paths.root), "stats"]) == cli.EXIT_INTERRUPTED
    assert capsys.readouterr().err == "已中断：该操作没有完成\n"
