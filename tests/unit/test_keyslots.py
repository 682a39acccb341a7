"""Key slots: each account's password and the recovery key unwrap the same database key; nothing else does."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from app.errors import UserError
from app.services.setup import keyslots
from app.services.setup.keyslots import RECOVERY, KeySlots


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at 64 MiB is the point in production; the tests need its behaviour, not its cost."""
    monkeypatch.setattr(keyslots, "MEMORY_KIB", 1024)
    monkeypatch.setattr(keyslots, "TIME_COST", 1)


def made(tmp_path: Path) -> tuple[KeySlots, bytes, str]:
    key, recovery = keyslots.new_database_key(), keyslots.new_recovery_key()
    return (
        KeySlots.create(tmp_path, key, "admin", "first-password", recovery, installation="i-1"),
        key,
        recovery,
    )


def test_each_account_and_the_recovery_key_unwrap_the_same_key(tmp_path: Path) -> None:
    slots, key, recovery = made(tmp_path)
    slots.set(key, "clerk", "clerk-password")
    slots.save()
    again = KeySlots.load(tmp_path)
    assert again.installation == "i-1"
    assert again.accounts == ["admin", "clerk"]
    assert again.unlock("admin", "first-password") == key
    assert again.unlock("clerk", "clerk-password") == key
    assert again.unlock_with_recovery(recovery.lower().replace("-", " ")) == key


@pytest.mark.parametrize(
    ("username", "password"),
    [("admin", "wrong-password"), ("clerk", "first-password"), ("nobody", "x"), ("admin", "")],
)
def test_a_wrong_password_or_unknown_account_unlocks_nothing(
    tmp_path: Path, username: str, password: str
) -> None:
    slots, _, _ = made(tmp_path)
    with pytest.raises(UserError, match="用户名或密码错误"):
        slots.unlock(username, password)


def test_a_wrong_or_malformed_recovery_key_is_refused(tmp_path: Path) -> None:
    slots, _, _ = made(tmp_path)
    with pytest.raises(UserError, match="恢复密钥不对"):
        slots.unlock_with_recovery(keyslots.new_recovery_key())
    with pytest.raises(UserError, match="格式不对"):
        slots.unlock_with_recovery("1234-5678")


def test_a_password_change_rewraps_only_that_account(tmp_path: Path) -> None:
    slots, key, recovery = made(tmp_path)
    before = json.loads(slots.path.read_text())["slots"][RECOVERY]
    slots.set(key, "admin", "second-password")
    slots.save()
    again = KeySlots.load(tmp_path)
    assert again.unlock("admin", "second-password") == key
    with pytest.raises(UserError):
        again.unlock("admin", "first-password")
    assert json.loads(slots.path.read_text())["slots"][RECOVERY] == before
    assert again.unlock_with_recovery(recovery) == key


def test_a_slot_moved_to_another_account_does_not_unwrap(tmp_path: Path) -> None:
    """Each copy is bound to its account's name: copying the admin's slot onto the clerk's gives nothing."""
    slots, key, _ = made(tmp_path)
    slots.set(key, "clerk", "clerk-password")
    slots.slots["clerk"] = slots.slots["admin"]
    with pytest.raises(UserError):
        slots.unlock("clerk", "first-password")


def test_the_file_holds_no_key_and_only_its_owner_reads_it(tmp_path: Path) -> None:
    slots, key, recovery = made(tmp_path)
    raw = slots.path.read_bytes()
    assert key.hex().encode() not in raw and key not in raw
    assert recovery.encode() not in raw and b"first-password" not in raw
    assert stat.S_IMODE(slots.path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content", ["", "{", '{"version": 99, "slots": {}}', '{"version": 1, "slots": {"a": {"x": 1}}}']
)
def test_a_damaged_file_is_refused_in_words(tmp_path: Path, content: str) -> None:
    KeySlots.in_folder(tmp_path).write_text(content)
    with pytest.raises(UserError, match="密钥文件"):
        KeySlots.load(tmp_path)


def test_recovery_keys_are_random_and_read_back_as_printed() -> None:
    keys = {keyslots.new_recovery_key() for _ in range(50)}
    assert len(keys) == 50
    for key in keys:
        assert len(key) == 39 and key.count("-") == 7
        assert keyslots.normalise_recovery_key(key.lower()) == key
    assert keyslots.normalise_recovery_key("O0IL" + "0" * 28) == "0011-" + "-".join(["0000"] * 7)
