"""Key slots: the database key wrapped once per account and once for the recovery key (as LUKS does).

The SQLCipher database is encrypted with one random 256-bit key. It is never stored in clear: each
account holds its own copy, wrapped (AES-256-GCM) under a key derived from that account's password by
argon2id, and one more copy is wrapped under the recovery key printed at set-up. Signing in derives the
wrapping key from the password typed and unwraps the database key, so the clerk never sees a second
password; changing or resetting a password rewraps that account's copy and leaves the others alone.

An account's slot is derived from its password hash (the argon2id output the database keeps, through
HKDF), so sign-in, password changes and converting an old plain installation need no second
derivation and no password but the one typed; the recovery slot derives its own key with argon2id.

The slots live beside the database in ``keyslots.json`` (they must be readable before the database is
open). The file holds no secret by itself: with it, an attacker still needs a password of the
installation or the recovery key, and argon2id makes guessing slow. See docs/decisions (encryption at rest).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import UserError
from app.fileio import unreadable, write_atomically

FILENAME = "keyslots.json"
VERSION = 1
KEY_BYTES = 32
RECOVERY = "*recovery*"  # the slot name of the recovery key (no username can contain '*')
# argon2id as RFC 9106's second recommended option: 64 MiB, 3 passes; one lane (a clerk's PC may have two
# cores and other work). About 0.1–0.2 s on the reference machine, bounded memory on every PC.
TIME_COST, MEMORY_KIB, LANES = 3, 64 * 1024, 1
# The recovery key: 160 random bits as 32 Crockford base-32 characters, shown in 8 groups of 4.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BITS = 160


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the database key (all byte fields base64 in the file)."""

    salt: str
    nonce: str
    wrapped: str
    time_cost: int
    memory_kib: int
    lanes: int
    # >0: an account's slot, keyed by HKDF of its argon2id password hash (of this length); 0: argon2id itself
    hash_len: int = 0


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_key() -> str:
    """A recovery key to print and keep in the office safe, e.g. ``7KQ2-M9XD-…`` (8 groups of 4)."""
    number = secrets.randbits(_RECOVERY_BITS)
    chars = "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in range(_RECOVERY_BITS // 5))
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalise_recovery_key(text: str) -> str:
    """What was typed, as printed: upper case, O→0, I/L→1, spaces and dashes ignored; refused if malformed."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1"})
    chars = "".join(ch for ch in text.upper().translate(table) if ch not in " -\t")
    if len(chars) != _RECOVERY_BITS // 5 or any(ch not in _ALPHABET for ch in chars):
        raise UserError("恢复密钥格式不对：应为8组、每组4个字母或数字（如 7KQ2-M9XD-…）", field="恢复密钥")
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _kek(secret: str, salt: bytes, time_cost: int, memory_kib: int, lanes: int, length: int = 32) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=time_cost,
        memory_cost=memory_kib,
        parallelism=lanes,
        hash_len=length,
        type=Type.ID,
    )


def _aad(name: str) -> bytes:
    """A slot's copy is bound to its name: moving it to another account in the file does not unwrap."""
    return f"jiuzhu-keyslot:{name}".encode()


def _hkdf(raw: bytes, name: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_aad(name)).derive(raw)


def _unb64_loose(text: str) -> bytes:
    """The unpadded base64 of an argon2 PHC string."""
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def slot_from_hash(key: bytes, name: str, phc: str) -> Slot:
    """An account's slot from its password hash (``$argon2id$v=19$m=…,t=…,p=…$salt$hash``), no password
    needed: the key that wraps is HKDF of the hash's output, which only the password reproduces."""
    try:
        kind, version, params, salt_b64, out_b64 = phc.split("$")[1:]
        fields = dict(part.split("=") for part in params.split(","))
        salt, raw = _unb64_loose(salt_b64), _unb64_loose(out_b64)
        time_cost, memory_kib, lanes = int(fields["t"]), int(fields["m"]), int(fields["p"])
    except (ValueError, KeyError):
        raise ValueError("not an argon2 password hash") from None
    if kind != "argon2id" or version != "v=19":
        raise ValueError("not an argon2id (v=19) password hash")
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(_hkdf(raw, name)).encrypt(nonce, key, _aad(name))
    return Slot(_b64(salt), _b64(nonce), _b64(wrapped), time_cost, memory_kib, lanes, hash_len=len(raw))


def wrap(key: bytes, name: str, secret: str) -> Slot:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(secret, salt, TIME_COST, MEMORY_KIB, LANES)
    wrapped = AESGCM(kek).encrypt(nonce, key, _aad(name))
    return Slot(_b64(salt), _b64(nonce), _b64(wrapped), TIME_COST, MEMORY_KIB, LANES)


def unwrap(slot: Slot, name: str, secret: str) -> bytes | None:
    """The database key, or None when the secret is not this slot's."""
    try:
        kek = _kek(
            secret, _unb64(slot.salt), slot.time_cost, slot.memory_kib, slot.lanes, slot.hash_len or 32
        )
        if slot.hash_len:
            kek = _hkdf(kek, name)
        key = AESGCM(kek).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped), _aad(name))
    except (InvalidTag, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


class KeySlots:
    """The slots file of one installation: read, changed in memory, written whole (atomically)."""

    def __init__(
        self, path: Path, slots: dict[str, Slot] | None = None, installation: str = "", demo: bool = False
    ) -> None:
        self.path = path
        self.slots: dict[str, Slot] = dict(slots or {})
        self.installation = installation
        self.demo = demo  # a demo installation: the sign-in may show its accounts before unlocking

    @classmethod
    def in_folder(cls, folder: Path) -> Path:
        return folder / FILENAME

    @classmethod
    def exists(cls, folder: Path) -> bool:
        return cls.in_folder(folder).is_file()

    @classmethod
    def load(cls, folder: Path) -> KeySlots:
        path = cls.in_folder(folder)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise unreadable(path, exc) from None
        except ValueError:
            raise UserError(f"密钥文件 {path} 已损坏，无法读取") from None
        if (
            not isinstance(data, dict)
            or data.get("version") != VERSION
            or not isinstance(data.get("slots"), dict)
        ):
            raise UserError(
                f"密钥文件 {path} 的格式不对（版本 {data.get('version') if isinstance(data, dict) else '?'}）"
            )
        try:
            slots = {str(name): Slot(**fields) for name, fields in data["slots"].items()}
        except TypeError:
            raise UserError(f"密钥文件 {path} 已损坏，无法读取") from None
        return cls(path, slots, str(data.get("installation", "")), bool(data.get("demo", False)))

    @classmethod
    def create(
        cls, folder: Path, key: bytes, admin: str, password: str, recovery_key: str, installation: str = ""
    ) -> KeySlots:
        """A new slots file with the first account's slot and the recovery slot."""
        slots = cls(cls.in_folder(folder), installation=installation)
        slots.set(key, admin, password)
        slots.set(key, RECOVERY, normalise_recovery_key(recovery_key))
        slots.save()
        return slots

    def save(self) -> None:
        data: dict[str, Any] = {
            "version": VERSION,
            "installation": self.installation,
            "demo": self.demo,
            "slots": {name: asdict(slot) for name, slot in sorted(self.slots.items())},
        }
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        write_atomically(self.path, text.encode("utf-8"))
        self.path.chmod(0o600)

    @property
    def accounts(self) -> list[str]:
        """The accounts that can unlock the database (not the recovery slot)."""
        return sorted(name for name in self.slots if name != RECOVERY)

    def set(self, key: bytes, name: str, secret: str) -> None:
        """Give ``name`` (an account, or the recovery slot) its own copy of ``key`` under ``secret``."""
        self.slots[name] = wrap(key, name, secret)

    def set_from_hash(self, key: bytes, name: str, phc: str) -> None:
        """Give the account ``name`` a copy of ``key`` that its password (hashed as ``phc``) unlocks."""
        self.slots[name] = slot_from_hash(key, name, phc)

    def remove(self, name: str) -> None:
        self.slots.pop(name, None)

    def unlock(self, username: str, password: str) -> bytes:
        """The database key from an account's password; refused in the sign-in's own words."""
        slot = self.slots.get(username)
        key = unwrap(slot, username, password) if slot is not None else None
        if key is None:
            raise UserError("用户名或密码错误")
        return key

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        slot = self.slots.get(RECOVERY)
        key = unwrap(slot, RECOVERY, normalise_recovery_key(recovery_key)) if slot is not None else None
        if key is None:
            raise UserError("恢复密钥不对", field="恢复密钥")
        return key
