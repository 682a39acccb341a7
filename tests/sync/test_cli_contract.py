"""The sync verbs under bad conditions (issue 11, "the CLI contract under bad conditions"): no terminal
for the passphrase, a stick that cannot be written, several files of which some are bad."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sync.conftest import World
from tests.sync.forge import forge, minimal
from tests.unwritable import KINDS, make_sink

STATION = "430623101"
NEW = "430623104"  # a township the county has not registered yet


def _jiuzhu_without_terminal(
    world: World, who: str, closed: bool, *args: str
) -> subprocess.CompletedProcess[str]:
    """``python -m app`` with no terminal: stdin is /dev/null, or closed altogether, and the process has
    no controlling terminal (a new session), as under a scheduled task or a service."""
    argv = [sys.executable, "-m", "app", "--data-dir", str(world.dir(who)), *args]
    if closed:
        argv = ["sh", "-c", 'exec "$@" <&-', "sh", *argv]
    return subprocess.run(
        argv,
        stdin=None if closed else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
        check=False,
    )


@pytest.mark.skipif(os.name != "posix", reason="closes stdin with sh")
@pytest.mark.parametrize("closed", [False, True], ids=["stdin-devnull", "stdin-closed"])
def test_a_passphrase_verb_without_a_terminal_exits_1_naming_the_option(world: World, closed: bool) -> None:
    """Each verb that needs a passphrase, run with no terminal and no passphrase file: exit 1, the
    option to use in the message, no traceback, nothing written."""
    usb = world.root / "usb-no-terminal"
    usb.mkdir()
    provision = world.root / f"{NEW}.jzp"
    bundle = world.export(STATION)
    assert bundle is not None
    cases = [
        ("county", ["station", "add", "--code", NEW, "--out", str(provision)], "--passphrase-file"),
        (STATION, ["join", "--provision", str(world.root / f"{STATION}.jzp")], "--passphrase-file"),
        (STATION, ["export-bundle", "--out", str(usb)], "--passphrase-file"),
        ("county", ["import-bundle", str(bundle)], "--passphrase-file"),
    ]
    # a county without keys yet: the provisioning file's passphrase comes from a file, its own does not
    world.ok("bare-county", "init", "--county", "430623", "--admin-password", "jiuzhu2026")
    secret = ["--passphrase-file", str(world.secret_file(STATION))]
    cases.append(
        (
            "bare-county",
            ["station", "add", "--code", NEW, "--out", str(provision), *secret],
            "--key-passphrase-file",
        )
    )
    for who, args, option in cases:
        before = world.fingerprint(who)
        done = _jiuzhu_without_terminal(world, who, closed, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr.startswith("错误：") and option in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr and "终端" in done.stderr
        assert world.fingerprint(who) == before, args
    assert not provision.exists() and list(usb.iterdir()) == []
    assert not (world.dir("bare-county") / "keys").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_export_bundle_to_a_stick_that_cannot_be_written_records_nothing(
    world: World, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused with the cause, naming the place; no bundle, no temporary file, and nothing recorded:
    the same bundle number is exported once the stick works."""
    sink = make_sink(kind, tmp_path, monkeypatch)
    out = sink.folder if sink.folder.is_dir() else sink.folder / "usb"
    before = world.fingerprint(STATION)
    sent = world.dir(STATION) / "sync" / "sent"
    kept = sorted(sent.iterdir()) if sent.exists() else []
    code, stdout, err = world.jz(
        STATION, "export-bundle", "--out", str(out), "--passphrase-file", str(world.secret_file(STATION))
    )
    sink.assert_refused(code, err, out)
    assert stdout == ""
    assert world.fingerprint(STATION) == before
    assert (sorted(sent.iterdir()) if sent.exists() else []) == kept
    monkeypatch.undo()
    bundle = world.export(STATION)
    assert bundle is not None and bundle.name.endswith("-000001.jzb")


@pytest.mark.parametrize("kind", KINDS)
def test_station_add_to_an_unwritable_place_registers_nothing(
    world: World, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = make_sink(kind, tmp_path, monkeypatch)
    out = sink.target(f"{NEW}.jzp")
    before = world.fingerprint("county")
    code, _, err = world.jz(
        "county", "station", "add", "--code", NEW, "--out", str(out),
        "--passphrase-file", str(world.secret_file(STATION)),
    )  # fmt: skip
    sink.assert_refused(code, err, out)
    assert world.fingerprint("county") == before


def test_every_file_of_an_import_gets_its_own_result(world: World) -> None:
    """One bad file never stops the others: each refusal is printed with its file name, the good
    bundles land, and the exit code is 1 because some were refused."""
    first = world.export(STATION)
    second = world.export("430623102")
    assert first is not None and second is not None
    garbage = world.root / "garbage.jzb"
    garbage.write_bytes(b"JZBUNDL1" + os.urandom(200))
    other_key = world.root / "other-key.jzb"
    from app.sync.keys import KeyPair

    other_key.write_bytes(forge(world, "430623103", minimal(), recipient=KeyPair.generate("430623").public))
    folder = world.root / "a-folder.jzb"
    folder.mkdir()
    missing = world.root / "missing.jzb"
    code, out, err = world.import_("county", garbage, first, other_key, folder, missing, second)
    assert code == 1
    expected = {
        garbage: ("损坏", "改动", "未知"),
        other_key: ("无法解密",),
        folder: ("文件夹",),
        missing: ("文件不存在",),
    }
    for bad, words in expected.items():
        line = next((x for x in err.splitlines() if bad.name in x), "")
        assert line.startswith("错误：") and any(w in line for w in words), (bad.name, err)
    assert f"已导入 {first.name}" in out and f"已导入 {second.name}" in out
    assert "Traceback" not in err
    code, out, _ = world.import_("county", first, second)  # both were applied: now replays
    assert code == 0 and out.count("重复导入") == 2


def test_a_first_station_add_that_cannot_write_its_file_leaves_the_county_as_it_was(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The county's own keys are made by its first `station add`: when the provisioning file then
    cannot be written, they go too, so the next try starts clean instead of finding a keystore whose
    record was rolled back."""
    import errno

    from app import fileio

    world.ok("bare-county", "init", "--county", "430623", "--admin-password", "jiuzhu2026")
    out = world.root / f"{NEW}.jzp"
    real = os.replace

    def stick_full(src: str, dst: str) -> None:
        if Path(dst) == out:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(fileio.os, "replace", stick_full)
    secrets = [
        "--passphrase-file",
        str(world.secret_file(STATION)),
        "--key-passphrase-file",
        str(world.secret_file("county")),
    ]
    before = world.fingerprint("bare-county")
    code, _, err = world.jz("bare-county", "station", "add", "--code", NEW, "--out", str(out), *secrets)
    assert code == 1 and "磁盘空间不足" in err and str(out) in err
    assert world.fingerprint("bare-county") == before and not out.exists()
    assert not (world.dir("bare-county") / "keys" / "sync-keys.age").exists()
    monkeypatch.undo()
    world.ok("bare-county", "station", "add", "--code", NEW, "--out", str(out), *secrets)
    assert out.exists()
