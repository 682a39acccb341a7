"""Unlocking an encrypted installation from the command line: an administrator's account and password
from the options, the environment or nowhere (refused, exit 1); `encrypt`, `recover`; init shows the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.demo.run import DEMO_PASSWORD
from app.models import cipher
from app.paths import DataPaths
from app.services.setup import installation
from tests.cli.test_cli import jiuzhu

KEY = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}")


def secret(tmp_path: Path, text: str, name: str = "pw.txt") -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIUZHU_USER")
    monkeypatch.delenv("JIUZHU_PASSWORD_FILE")


def test_init_encrypts_and_shows_the_recovery_key_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    d = tmp_path / "station"
    code, out, _ = jiuzhu(
        capsys, "--data-dir", str(d), "init", "--township", "430623101",
        "--admin-password-file", secret(tmp_path, DEMO_PASSWORD),
    )  # fmt: skip
    assert code == 0
    shown = KEY.findall(out)
    assert len(shown) == 1
    assert cipher.is_encrypted(d / "jiuzhu.sqlite3")
    assert shown[0] not in (d / "keyslots.json").read_text(encoding="utf-8")
    assert not any(shown[0].encode() in f.read_bytes() for f in d.rglob("*") if f.is_file())


@pytest.mark.usefixtures("no_env")
def test_a_verb_needs_an_administrator_to_unlock(
    capsys: pytest.CaptureFixture[str], encrypted_demo: tuple[DataPaths, str], tmp_path: Path
) -> None:
    d = str(encrypted_demo[0].root)
    code, _, err = jiuzhu(capsys, "--data-dir", d, "stats")
    assert code == 1 and "--user" in err and "JIUZHU_PASSWORD_FILE" in err  # no terminal here
    good, bad = secret(tmp_path, DEMO_PASSWORD), secret(tmp_path, "wrong-password", "bad.txt")
    code, _, err = jiuzhu(capsys, "--data-dir", d, "--user", "admin", "--password-file", bad, "stats")
    assert code == 1 and "用户名或密码错误" in err
    code, _, err = jiuzhu(capsys, "--data-dir", d, "stats", "--user", "clerk", "--password-file", good)
    assert code == 1 and "不是管理员" in err
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "stats", "--user", "admin", "--password-file", good)
    assert code == 0 and "家庭户数" in out
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "--user", "admin", "--password-file", good, "user", "list")
    assert code == 0 and "clerk" in out


def test_the_environment_unlocks(
    capsys: pytest.CaptureFixture[str], encrypted_demo: tuple[DataPaths, str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("JIUZHU_USER", "admin")
    monkeypatch.setenv("JIUZHU_PASSWORD_FILE", secret(tmp_path, DEMO_PASSWORD))
    assert jiuzhu(capsys, "--data-dir", str(encrypted_demo[0].root), "check")[0] in (0, 1)
    code, out, _ = jiuzhu(capsys, "--data-dir", str(encrypted_demo[0].root), "stats", "--json")
    assert code == 0 and '"households"' in out


def test_encrypt_converts_a_plain_installation_once(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths
) -> None:
    d = str(demo_paths.root)
    code, out, _ = jiuzhu(capsys, "--data-dir", d, "encrypt")
    assert code == 0 and len(KEY.findall(out)) == 1
    assert cipher.is_encrypted(demo_paths.database)
    assert any(demo_paths.backups.glob("jiuzhu-before-encryption-*.sqlite3"))
    code, _, err = jiuzhu(capsys, "--data-dir", d, "encrypt")
    assert code == 1 and "已经加密" in err
    assert jiuzhu(capsys, "--data-dir", d, "stats")[0] == 0  # the demo's admin password still unlocks


def test_recover_resets_the_admin_password(
    capsys: pytest.CaptureFixture[str], encrypted_demo: tuple[DataPaths, str], tmp_path: Path
) -> None:
    paths, recovery_key = encrypted_demo
    d = str(paths.root)
    new = secret(tmp_path, "brand-new-admin-pw", "new.txt")
    wrong = secret(tmp_path, "0000-0000-0000-0000-0000-0000-0000-0000", "wrong.txt")
    code, _, err = jiuzhu(
        capsys, "--data-dir", d, "recover", "--recovery-key-file", wrong, "--password-file", new
    )
    assert code == 1 and "恢复密钥不对" in err
    assert jiuzhu(capsys, "--data-dir", d, "recover")[0] == 2
    key_file = secret(tmp_path, recovery_key, "key.txt")
    code, _, _ = jiuzhu(
        capsys, "--data-dir", d, "recover", "--recovery-key-file", key_file, "--password-file", new
    )
    assert code == 0
    db = installation.open_unlocked(paths, "admin", "brand-new-admin-pw")
    db.dispose()
