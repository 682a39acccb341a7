"""Sealed files cost the same bounded memory to unlock on every PC; age-sealed keystores still open."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase

from app.errors import UserError
from app.paths import DataPaths
from app.sync import keys, sealed

SECRET = "county-secret-1"
LIMIT = 256 * 1024 * 1024


def test_a_sealed_file_names_the_fixed_work_factor_and_opens_with_its_passphrase_only() -> None:
    doc = {"format": 1, "kind": "jiuzhu-keys", "keys": keys.KeyPair.generate("430623").to_dict()}
    data = keys.seal(doc, SECRET)
    assert data.startswith(sealed.MAGIC) and tuple(data[8:11]) == (17, 8, 1)
    keys._UNSEALED.clear()  # as in a new process
    assert keys.unseal(data, SECRET, "密钥文件") == doc
    with pytest.raises(UserError, match="口令错误"):
        keys.unseal(data, "not-the-secret", "密钥文件")
    damaged = data[:-1] + bytes([data[-1] ^ 1])
    with pytest.raises(UserError, match="口令错误"):
        keys.unseal(damaged, SECRET, "密钥文件")


def test_other_parameters_are_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytearray(sealed.seal(b"{}", SECRET))
    data[8] = 30  # 2^30 blocks would need 128 GiB: never tried

    def no_scrypt(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scrypt ran")

    monkeypatch.setattr(sealed, "Scrypt", no_scrypt)
    with pytest.raises(sealed.SealError):
        sealed.unseal(bytes(data), SECRET)
    with pytest.raises(UserError, match="口令错误"):
        keys.unseal(bytes(data), SECRET, "密钥文件")


def test_unlocking_stays_within_256_mb(tmp_path: Path) -> None:
    path = tmp_path / "keys.sealed"
    path.write_bytes(sealed.seal(b'{"ok": 1}', SECRET))
    probe = (
        "import sys; from pathlib import Path; from app.sync import sealed; "
        "assert sealed.unseal(Path(sys.argv[1]).read_bytes(), sys.argv[2]) == b'{\"ok\": 1}'; "
        "print(next(l for l in Path('/proc/self/status').read_text().splitlines() if l.startswith('VmHWM')))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", probe, str(path), SECRET], cwd=root, capture_output=True, text=True, check=True
    )
    peak = int(done.stdout.split()[1]) * 1024  # the whole process, Python included
    assert sealed.MEMORY <= peak <= LIMIT, done.stdout


def test_an_age_sealed_keystore_opens_and_is_sealed_again_the_fixed_way(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    pair = keys.KeyPair.generate("430623")
    doc = {"format": 1, "kind": "jiuzhu-keys", "keys": pair.to_dict()}
    legacy = age_passphrase.encrypt(json.dumps(doc).encode("utf-8"), SECRET)  # as versions before this one
    keys.install_keystore(paths, legacy)
    assert keys.load_keystore(paths, SECRET) == pair
    rewritten = keys.keystore_path(paths).read_bytes()
    assert rewritten.startswith(sealed.MAGIC)
    keys._UNSEALED.clear()
    assert keys.load_keystore(paths, SECRET) == pair
    assert keys.keystore_path(paths).read_bytes() == rewritten  # a sealed one is left as it is
