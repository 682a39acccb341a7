"""Passphrase-sealed files (keystore, provisioning file): scrypt with a fixed work factor + ChaCha20-Poly1305.

age's passphrase mode (pyrage) picks scrypt's work factor by timing the machine that seals, so unlocking
cost 256 MB to 1 GB depending on how idle that PC was, and pyrage gives no way to fix it. A sealed file
is therefore made with reviewed primitives from ``cryptography`` and one fixed work factor
(docs/decisions/0005-sealed-files.md):

    offset  size  content
    0       8     magic b"JZSEAL1\\n"
    8       1     log2 of scrypt's N (17)
    9       1     scrypt r (8)
    10      1     scrypt p (1)
    11      16    salt (random)
    27      12    nonce (random)
    39      rest  ChaCha20-Poly1305 ciphertext and tag of the UTF-8 JSON document

The key is scrypt(passphrase as UTF-8, salt, N, r, p, 32 bytes); the 39 bytes before the ciphertext are
the associated data, so that no parameter can be changed without the tag failing. Unlocking costs
128 × r × N = 128 MiB on every PC. A file with other parameters is refused before any work is done.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"JZSEAL1\n"
LOG_N, R, P = 17, 8, 1
SALT_LEN, NONCE_LEN = 16, 12
HEADER_LEN = len(MAGIC) + 3 + SALT_LEN + NONCE_LEN
MEMORY = 128 * R * 2**LOG_N  # what scrypt holds while unlocking: 128 MiB


class SealError(Exception):
    """Not a sealed file this program reads, a wrong passphrase, or a damaged file."""


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def _key(secret: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**LOG_N, r=R, p=P).derive(secret.encode("utf-8"))


def seal(plain: bytes, secret: str) -> bytes:
    salt, nonce = os.urandom(SALT_LEN), os.urandom(NONCE_LEN)
    header = MAGIC + bytes((LOG_N, R, P)) + salt + nonce
    return header + ChaCha20Poly1305(_key(secret, salt)).encrypt(nonce, plain, header)


def unseal(data: bytes, secret: str) -> bytes:
    """The plain bytes; SealError for a file with other parameters (refused before scrypt runs), a
    wrong passphrase or a damaged file."""
    if not is_sealed(data) or len(data) < HEADER_LEN + 16:
        raise SealError("not a sealed file")
    at = len(MAGIC)
    if tuple(data[at : at + 3]) != (LOG_N, R, P):
        raise SealError("unsupported work factor")
    salt = data[at + 3 : at + 3 + SALT_LEN]
    nonce = data[at + 3 + SALT_LEN : HEADER_LEN]
    try:
        return ChaCha20Poly1305(_key(secret, salt)).decrypt(nonce, data[HEADER_LEN:], data[:HEADER_LEN])
    except InvalidTag:
        raise SealError("wrong passphrase or damaged") from None
