"""SQLCipher: the database file encrypted with a raw 256-bit key (no passphrase stretching per connection).

The key comes from a key slot (app/services/setup/keyslots.py), never from a setting or a file in clear.
SQLAlchemy's ``sqlite+pysqlcipher`` dialect sends ``PRAGMA key`` first on every new connection; a raw
key (``x'…'``) skips SQLCipher's own PBKDF2, which would otherwise cost every short unit of work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from app.errors import UserError

PLAIN_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


def raw_key(key: bytes) -> str:
    """SQLCipher's raw-key literal, as PRAGMA key and ATTACH … KEY take it (inside double quotes)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"x'{key.hex()}'"


def encrypted_url(url: str, key: bytes) -> URL:
    """``url`` (a SQLite file) through the SQLCipher dialect with ``key``."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise ValueError("only a SQLite file can be encrypted")
    configure()
    return parsed.set(drivername="sqlite+pysqlcipher", password=raw_key(key))


def is_encrypted(path: Path) -> bool:
    """True for a file that is not a plain SQLite database (SQLCipher leaves no readable header)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return False
    return len(head) == len(PLAIN_HEADER) and head != PLAIN_HEADER


# The page HMAC. SQLCipher 4 defaults to HMAC-SHA512; HMAC-SHA256 is as sound for a page MAC and, where the
# processor has SHA instructions (every x86 from 2019 on, ARMv8), reading a page costs about half (a
# cold scan of 15,000 pages: 168 ms against 95 ms; plain SQLite 14 ms). AES-256 and 4 KB pages stay as
# SQLCipher sets them: bigger pages cost more for a search's scattered reads (decision 0012).
HMAC_ALGORITHM = "HMAC_SHA256"
_configured = False


def configure() -> None:
    """Set SQLCipher's process-wide defaults, once, before any encrypted database is opened or made.

    The page HMAC (above), for every connection opened after it, SQLAlchemy's included; and no log of
    SQLCipher's own on stderr ("hmac check failed …"): a file that does not open with a key is an
    expected refusal here (another installation's backup), said to the user in words.
    """
    global _configured
    if not _configured:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA cipher_default_hmac_algorithm = {HMAC_ALGORITHM}")
        finally:
            conn.close()
        _configured = True


def connect(path: Path, key: bytes | None) -> Any:
    """A raw SQLCipher connection (for copying and converting files), checked to open with ``key``."""
    import sqlcipher3

    configure()
    conn = sqlcipher3.connect(str(path))
    if key is not None:
        conn.execute(f'PRAGMA key = "{raw_key(key)}"')
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise UserError(f"数据库文件 {path} 无法用这个密钥打开") from None
    return conn


def is_plain(path: Path) -> bool:
    """True for a plain SQLite database file (readable header); False for anything else or no file."""
    try:
        with path.open("rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def encrypt_copy(plain: Path, dest: Path, key: bytes, *, immutable: bool = False) -> None:
    """Write an encrypted copy of the plain database ``plain`` to ``dest`` (which must not exist).

    The source is opened read-only; ``immutable`` also keeps SQLite from writing anything beside it (a
    backup on a stick: no -shm), for a file that no one else has open.
    """
    import sqlcipher3

    configure()
    mode = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlcipher3.connect(f"{plain.resolve().as_uri()}?{mode}", uri=True)
    try:
        conn.execute(f'ATTACH DATABASE ? AS encrypted KEY "{raw_key(key)}"', (str(dest),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def encrypted_backup(source: Path, key: bytes, dest: Path) -> None:
    """A consistent encrypted copy of the live encrypted database ``source`` (same key) at ``dest``."""
    src = connect(source, key)
    try:
        out = connect(dest, key)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
