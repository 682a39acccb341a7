"""The next bundle read while the database server writes this one: decrypted and parsed in a thread.

A county imports its townships' bundles one after another. On PostgreSQL the server writes each
bundle's rows in a process of its own while the importer waits for it; reading the next file then
(decrypting and parsing it, a fifth of an import) overlaps what was done in turn, and the importer
takes the parsed document when that bundle's turn comes. On SQLite the writes are the importer's
own work, and a second reader only competes with them (measured: no faster), so it reads in turn.

Nothing is trusted ahead of its turn. The thread decrypts only a file whose signature holds with a
key this installation holds and whose payload hashes to its signed header; the importer still checks
the file in full (:func:`app.sync.importer.verify`, the sequence, the addressing) and takes the
document only for the very signed header it has checked. Whatever goes wrong ahead is dropped: the
importer then reads that file itself and says what is wrong with it, as without a read-ahead.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import log
from app.domain.codes import KeyStatus
from app.models.sync import SyncKey
from app.sync import format as fmt
from app.sync import state, stream
from app.sync.importer import Source, read_file
from app.sync.keys import KeyPair, PublicKeys
from app.sync.payload import Batch, read_tables
from app.sync.tables import UP_TABLES


@dataclass(frozen=True)
class Read:
    signed: bytes  # the header it was read from, as signed
    doc: dict[str, Any]
    tables: dict[str, Batch] | None  # an up bundle's tables, taken out of ``doc`` and checked


# The engines whose writes run in a server process of their own, so that the importer waits for them.
ENGINES = frozenset({"postgresql"})
# The largest payload read ahead, decompressed. A parsed bundle takes about twice its plain size, held
# beside the one being written: the importer's peak stays within 2 KB per row of the largest bundle
# (1,870 B at 150,000 persons, whose townships send 102 MB each) because the parser keeps a column's
# repeated text once (app/sync/format.py). A bundle past 256 MB (a million rows; a payload may reach
# 1 GB) is read in turn, so that the importer then holds one bundle at a time.
MAX_PLAIN = 256 * 2**20


class ReadAhead:
    """Reads the next file of an import in a thread of its own, one file ahead at most."""

    def __init__(self, session: Session, pair: KeyPair) -> None:
        self._pair = pair
        self._on = session.get_bind().dialect.name in ENGINES
        active = (
            session.scalars(select(SyncKey).where(SyncKey.status == KeyStatus.ACTIVE)) if self._on else ()
        )
        self._keys: dict[str, PublicKeys] = {k.key_id: state.public_of(k) for k in active}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jiuzhu-read-ahead")
        self._ahead: dict[Path, Future[Read | None]] = {}

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._ahead.clear()

    def source(self, path: Path, then: Path | None) -> Source | None:
        """How the import of ``path`` gets its document; ``then``, the file after it, is read ahead
        once this one's rows are being written (None: read in turn, on an engine not in ENGINES)."""
        if not self._on:
            return None
        return _Turn(self, self._ahead.pop(path, None), then)

    def start(self, path: Path) -> None:
        self._ahead[path] = self._pool.submit(self._read, path)

    def _read(self, path: Path) -> Read | None:
        frame = fmt.unpack(read_file(path))
        key = self._keys.get(frame.key_id)
        if key is None or not key.verify(frame.signature, frame.signed):
            return None
        header = fmt.Header.from_bytes(frame.header_bytes)
        if header.plain_size > MAX_PLAIN:
            return None
        fmt.check_payload(frame, header)
        signed, compressed = frame.signed, self._pair.decrypt(frame.payload)
        del frame  # the encrypted payload is not held while the plain one is parsed
        doc = stream.read_payload(compressed, header.plain_size)
        del compressed
        tables = read_tables(doc, UP_TABLES, with_meta=True) if header.kind == "up" else None
        return Read(signed, doc, tables)


class _Turn:
    """One file's turn: its document, read ahead or now; the next file started when it is written."""

    def __init__(self, ahead: ReadAhead, future: Future[Read | None] | None, then: Path | None) -> None:
        self._ahead, self._future, self._then = ahead, future, then
        self._tables: dict[str, Batch] | None = None

    def document(self, signed: bytes, read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        future, self._future = self._future, None
        got = _taken(future, signed)
        if got is None:
            return read()
        self._tables = got.tables
        return got.doc

    def tables(self) -> dict[str, Batch] | None:
        tables, self._tables = self._tables, None  # the rows are the applier's from now on
        return tables

    def writing(self) -> None:
        if self._then is not None:  # the server is busy now, and the importer mostly waits for it
            self._ahead.start(self._then)
            self._then = None


def _taken(future: Future[Read | None] | None, signed: bytes) -> Read | None:
    """What was read ahead, if it was read from the file whose signed header is ``signed``."""
    if future is None:
        return None
    try:
        got = future.result()
    except Exception as exc:  # the file is read again in turn, and what is wrong with it is said then
        log.sync.info("reading ahead failed (%s); read in turn", type(exc).__name__)
        return None
    if got is None or got.signed != signed:
        return None
    return got
