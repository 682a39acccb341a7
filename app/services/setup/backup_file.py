"""The backup file of an encrypted installation: one zip, stored (not compressed), that holds

- ``jiuzhu.sqlite3``: the database, encrypted with the installation's key (a SQLCipher copy made through
  SQLite's backup API: no page is ever written in clear);
- ``keyslots.json``: the installation's key slots at the time of the backup, so that the backup opens on a
  new PC with a password of the installation or its recovery key (and with nothing else);
- ``manifest.json``: what the file is (format, version, when it was made, which installation and schema
  revision). It holds no personal data and is not trusted: whatever a restore decides, it decides on the
  database itself once it opens with the key.

A backup of a plain database (an installation not yet encrypted) stays a plain SQLite file, as before.
Three kinds are read: this container, a plain SQLite file (backups made before encryption), and a bare
encrypted database (the copy kept before an upgrade), which opens with this installation's key only.
See docs/decisions/0012-encryption-at-rest.md ("Copies").
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app import clock
from app.errors import UserError
from app.fileio import unreadable
from app.models.cipher import PLAIN_HEADER, configure, connect, encrypt_copy, raw_key
from app.models.migrate import backup_sqlite
from app.paths import private_file

FORMAT, VERSION = "jiuzhu-backup", 1
SUFFIX = ".zip"  # an encrypted installation's backups; a plain one's stay ".sqlite3"
DATABASE, SLOTS, MANIFEST = "jiuzhu.sqlite3", "keyslots.json", "manifest.json"
ZIP_MAGIC = b"PK\x03\x04"
CONTAINER, PLAIN, ENCRYPTED = "container", "plain", "encrypted"


def kind_of(file: Path) -> str:
    """``container``, ``plain`` (SQLite) or ``encrypted`` (a bare SQLCipher file); refused otherwise."""
    try:
        with file.open("rb") as fh:
            head = fh.read(len(PLAIN_HEADER))
        size = file.stat().st_size
    except OSError as exc:
        raise unreadable(file, exc) from exc
    if head.startswith(ZIP_MAGIC):
        return CONTAINER
    if head == PLAIN_HEADER:
        return PLAIN
    if size >= 1024 and size % 512 == 0:  # SQLCipher pages: nothing readable, but whole pages
        return ENCRYPTED
    raise UserError(f"{file.name} 不是救助通数据库（不是 SQLite 文件）")


def write(db_file: Path, key: bytes, slots_file: Path, dest: Path) -> None:
    """Write the container of the live encrypted database ``db_file`` to ``dest`` (a new, private file).

    The encrypted copy is made beside ``dest`` and removed once it is in the zip.
    """
    work = dest.with_name(dest.name + ".db")
    try:
        backup_sqlite(db_file, work, key)
        manifest = _manifest(work, key)
        try:
            slots = slots_file.read_bytes()
        except OSError as exc:
            raise unreadable(slots_file, exc) from exc
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr(SLOTS, slots)
            archive.write(work, DATABASE)
        private_file(dest)
    finally:
        for part in ("", "-journal", "-wal", "-shm"):
            work.with_name(work.name + part).unlink(missing_ok=True)


def _manifest(db_copy: Path, key: bytes) -> dict[str, Any]:
    conn = connect(db_copy, key)
    try:
        row = conn.execute("SELECT kind, code, name FROM installation").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_at": clock.now().isoformat(timespec="seconds"),
        "installation": dict(zip(("kind", "code", "name"), map(str, row), strict=True)) if row else {},
        "revision": str(revision[0]) if revision else "",
        "database": {"name": DATABASE, "cipher": "SQLCipher 4, raw 256-bit key"},
    }


def _archive(file: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{file.name} 不是救助通备份，或已损坏：{exc}") from exc
    names = set(archive.namelist())
    if not {DATABASE, MANIFEST} <= names:
        archive.close()
        raise UserError(f"{file.name} 不是救助通备份（压缩包中缺少 {DATABASE} 或 {MANIFEST}）")
    return archive


def manifest(file: Path) -> dict[str, Any]:
    """The container's manifest (what the file says of itself; {} when it cannot be read)."""
    with contextlib.suppress(UserError, KeyError, ValueError, OSError), _archive(file) as archive:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
        return data if isinstance(data, dict) else {}
    return {}


def slots(file: Path) -> bytes | None:
    """The key slots a container carries (None: it has none)."""
    with _archive(file) as archive:
        try:
            return archive.read(SLOTS)
        except KeyError:
            return None


@contextlib.contextmanager
def scratch(folder: Path | None) -> Iterator[Path]:
    """A private temporary folder (in ``folder`` when it exists, else the system's) for encrypted copies."""
    where = folder if folder is not None and folder.is_dir() else None
    made = Path(tempfile.mkdtemp(prefix="jiuzhu-restore-", dir=where))
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)


def extract_database(file: Path, into: Path) -> Path:
    """The container's (encrypted) database copied out to ``into``; returns its path."""
    dest = into / DATABASE
    with _archive(file) as archive:
        info = archive.getinfo(DATABASE)
        if info.compress_type != zipfile.ZIP_STORED or info.file_size > file.stat().st_size:
            raise UserError(f"{file.name} 不是救助通备份（数据库的存放方式不对）")
        try:
            with archive.open(info) as src, dest.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
        except zipfile.BadZipFile as exc:
            raise UserError(f"{file.name} 已损坏：{exc}") from exc
    private_file(dest)
    return dest


def open_encrypted(file: Path, key: bytes, *, immutable: bool = True) -> Any:
    """A read-only connection to an encrypted database file (a backup: ``immutable``, nothing is written
    beside it; a live database: read-only); ``WrongKey`` when ``key`` does not open it."""
    import sqlcipher3

    configure()
    mode = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    conn = sqlcipher3.connect(f"{file.resolve().as_uri()}{mode}", uri=True)
    conn.execute(f'PRAGMA key = "{raw_key(key)}"')
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise WrongKey(file) from None
    return conn


class WrongKey(UserError):
    """An encrypted backup that this installation's key does not open (another installation's, or damaged)."""

    def __init__(self, file: Path) -> None:
        super().__init__(
            f"{file.name} 不能用本机的密钥打开：它是另一个安装的备份，或已损坏，不能恢复到本机。"
            "数据库没有任何改动。"
        )
        self.file = file


def encrypt_plain(plain: Path, key: bytes, dest: Path) -> None:
    """An encrypted copy of a plain SQLite backup (read without writing beside it) at ``dest``."""
    encrypt_copy(plain, dest, key, immutable=True)
    private_file(dest)
