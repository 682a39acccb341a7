"""Key pairs (age X25519 via pyrage, Ed25519 via cryptography) and passphrase-sealed files.

Sealed files (the keystore, a provisioning file) are made by :mod:`app.sync.sealed` with a fixed scrypt
work factor; those made by earlier versions are age passphrase files and still open (a keystore is
sealed again the fixed way the first time it is unlocked).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import passphrase as age_passphrase  # the files earlier versions sealed
from pyrage import x25519

from app import log
from app.errors import UserError
from app.fileio import write_atomically
from app.paths import DataPaths, private_dir
from app.sync import sealed

KEYSTORE_NAME = "sync-keys.age"
MIN_PASSPHRASE = 8
MAX_SEALED_BYTES = 1024 * 1024
# Unsealed files by (sha256 of the file, sha256 of the passphrase): scrypt costs a second or more, so a
# process unlocks each file once (like an agent); the right passphrase is still needed to hit the cache.
_UNSEALED: dict[tuple[str, str], dict[str, Any]] = {}


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(sign_public_hex: str, age_recipient: str) -> str:
    """A short stable name for a key pair: the first 16 hex digits of SHA-256 over both public keys."""
    data = b"jiuzhu-key-v1\n" + bytes.fromhex(sign_public_hex) + b"\n" + age_recipient.encode("ascii")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class PublicKeys:
    code: str
    age_recipient: str
    sign_public: str  # hex

    @property
    def key_id(self) -> str:
        return key_id_of(self.sign_public, self.age_recipient)

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.sign_public)).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def recipient(self) -> x25519.Recipient:
        return x25519.Recipient.from_str(self.age_recipient)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "age_recipient": self.age_recipient, "sign_public": self.sign_public}


@dataclass(frozen=True)
class KeyPair:
    """An installation's private keys; they live only in memory and in passphrase-sealed files."""

    code: str
    age_identity: str
    sign_key: str  # hex of the raw 32-byte Ed25519 private key

    @classmethod
    def generate(cls, code: str) -> KeyPair:
        sign = Ed25519PrivateKey.generate()
        raw = sign.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return cls(code, str(x25519.Identity.generate()), raw.hex())

    @property
    def public(self) -> PublicKeys:
        sign = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self.sign_key))
        age_public = str(x25519.Identity.from_str(self.age_identity).to_public())
        return PublicKeys(self.code, age_public, _raw(sign.public_key()).hex())

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, data: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self.sign_key)).sign(data)

    def decrypt(self, ciphertext: bytes) -> bytes:
        try:
            return bytes(pyrage.decrypt(ciphertext, [x25519.Identity.from_str(self.age_identity)]))
        except pyrage.DecryptError:
            raise UserError("无法解密数据包：它不是用本站当前密钥加密的，或内容已损坏") from None

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "age_identity": self.age_identity, "sign_key": self.sign_key}

    @classmethod
    def from_dict(cls, raw: Any) -> KeyPair:
        try:
            pair = cls(str(raw["code"]), str(raw["age_identity"]), str(raw["sign_key"]))
            _ = pair.public
        except (KeyError, TypeError, ValueError, pyrage.IdentityError):
            raise UserError("密钥文件内容不正确") from None
        return pair


def _cache_key(data: bytes, secret: str) -> tuple[str, str]:
    return hashlib.sha256(data).hexdigest(), hashlib.sha256(secret.encode("utf-8")).hexdigest()


def seal(doc: dict[str, Any], secret: str) -> bytes:
    """Seal a JSON document with a passphrase (scrypt at a fixed work factor, ChaCha20-Poly1305)."""
    data = sealed.seal(json.dumps(doc, ensure_ascii=False).encode("utf-8"), secret)
    _UNSEALED[_cache_key(data, secret)] = doc
    return data


def is_legacy(data: bytes) -> bool:
    """An age passphrase file, as versions before the fixed work factor sealed them."""
    return not sealed.is_sealed(data)


def unseal(data: bytes, secret: str, what: str) -> dict[str, Any]:
    """Decrypt a sealed file; a wrong passphrase or a damaged file gets one clear message."""
    if len(data) > MAX_SEALED_BYTES:
        raise UserError(f"{what}过大，不是救助通的密钥文件")
    cached = _UNSEALED.get(_cache_key(data, secret))
    if cached is not None:
        return cached
    try:
        plain = age_passphrase.decrypt(data, secret) if is_legacy(data) else sealed.unseal(data, secret)
        doc = json.loads(plain.decode("utf-8"))
    except (sealed.SealError, pyrage.DecryptError, ValueError, UnicodeDecodeError):
        raise UserError(f"口令错误，或{what}已损坏，无法打开") from None
    if not isinstance(doc, dict):
        raise UserError(f"{what}内容不正确")
    _UNSEALED[_cache_key(data, secret)] = doc
    return doc


def check_new_passphrase(secret: str) -> str:
    if len(secret) < MIN_PASSPHRASE:
        raise UserError(f"口令至少需要{MIN_PASSPHRASE}个字符")
    return secret


def keystore_path(paths: DataPaths) -> Path:
    return paths.root / "keys" / KEYSTORE_NAME


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only, whole or not at all."""
    private_dir(path.parent)
    write_atomically(path, data)  # its temporary file, and so the file, is made 0600


def save_keystore(paths: DataPaths, pair: KeyPair, secret: str) -> None:
    doc = {"format": 1, "kind": "jiuzhu-keys", "keys": pair.to_dict()}
    write_private(keystore_path(paths), seal(doc, secret))


def install_keystore(paths: DataPaths, sealed: bytes) -> None:
    """Keep an already sealed file (a provisioning file) as this installation's keystore."""
    write_private(keystore_path(paths), sealed)


def load_keystore(paths: DataPaths, secret: str) -> KeyPair:
    path = keystore_path(paths)
    if not path.exists():
        raise UserError(
            "本机还没有同步密钥：县级主库在登记第一个乡镇工作站时生成，"
            "乡镇工作站在用县里制作的配置文件加入同步时取得"
        )
    data = path.read_bytes()
    doc = unseal(data, secret, "同步密钥文件")
    raw = doc.get("keys") if doc.get("kind") == "jiuzhu-keys" else doc.get("station")
    pair = KeyPair.from_dict(raw)
    if is_legacy(data):  # sealed again with the fixed work factor, so that the next unlock is bounded
        try:
            write_private(path, seal(doc, secret))
        except OSError as exc:
            log.sync.warning("the keystore could not be sealed again: %s", exc)
    return pair


def has_keystore(paths: DataPaths) -> bool:
    return keystore_path(paths).exists()
