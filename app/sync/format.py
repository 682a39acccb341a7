"""The bundle file: framing, signed clear header, age-encrypted gzip payload; every size bounded first."""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zlib
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from app.errors import UserError

FORMAT_VERSION = 1
MAGIC = b"JZBUNDL1"
KEY_ID_LEN = 16
SIG_LEN = 64
PREFIX_LEN = len(MAGIC) + KEY_ID_LEN + 4
MAX_HEADER_BYTES = 16 * 1024
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
MAX_PLAIN_BYTES = 1024 * 1024 * 1024
GENESIS = "0" * 64
MAX_SEQ = 2**31 - 1  # sequence numbers are stored in 32-bit integer columns
KINDS = ("up", "down")


class BundleError(UserError):
    """A bundle that is damaged, forged, misaddressed or otherwise refused; nothing was written."""


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Header:
    """The signed clear header; it names the parties and commits to the encrypted payload."""

    format: int
    bundle_id: str
    kind: str
    sender: str
    recipient: str
    seq: int
    prev_hash: str
    created_at: str
    payload_sha256: str
    payload_size: int
    plain_size: int
    signer_key: str
    recipient_key: str
    app_version: str

    def to_bytes(self) -> bytes:
        return canonical_json(asdict(self))

    @classmethod
    def from_bytes(cls, data: bytes) -> Header:
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BundleError("数据包头部格式错误") from None
        if not isinstance(raw, dict):
            raise BundleError("数据包头部格式错误")
        fields = cls.__dataclass_fields__
        if set(raw) != set(fields):
            raise BundleError("数据包头部字段不符，可能由不兼容的版本生成")
        for name, value in raw.items():
            expected = int if fields[name].type == "int" else str
            if type(value) is not expected:
                raise BundleError(f"数据包头部字段“{name}”类型错误")
        header = cls(**raw)
        header.check()
        return header

    def check(self) -> None:
        """The fields as docs/bundle-format.md defines them; anything else refuses the bundle."""
        if self.format != FORMAT_VERSION:
            raise BundleError(
                f"数据包格式版本为{self.format}，本程序只支持第{FORMAT_VERSION}版，请升级救助通"
            )
        if self.kind not in KINDS:
            raise BundleError(f"未知的数据包类型“{self.kind[:20]}”")
        if not _is_uuid(self.bundle_id):
            raise BundleError("数据包头部的编号（bundle_id）格式错误")
        up = self.kind == "up"
        station, county = (self.sender, self.recipient) if up else (self.recipient, self.sender)
        if not (_digits(station, 9) and _digits(county, 6) and station.startswith(county)):
            raise BundleError("数据包头部的发送方或接收方代码格式错误")
        if not 1 <= self.seq <= MAX_SEQ:
            raise BundleError("数据包头部的序号超出范围")
        if not all(_hex(v, 64) for v in (self.prev_hash, self.payload_sha256)):
            raise BundleError("数据包头部的哈希格式错误")
        if not all(_hex(v, KEY_ID_LEN) for v in (self.signer_key, self.recipient_key)):
            raise BundleError("数据包头部的密钥编号格式错误")
        if not _is_utc_time(self.created_at):
            raise BundleError("数据包头部的生成时间（created_at）不是带UTC时区的ISO 8601时间")
        if not 0 < len(self.app_version) <= 40 or not self.app_version.isprintable():
            raise BundleError("数据包头部的程序版本格式错误")
        if not 0 < self.payload_size <= MAX_BUNDLE_BYTES or not 0 < self.plain_size <= MAX_PLAIN_BYTES:
            raise BundleError("数据包声明的大小超出允许范围")


def _digits(text: str, length: int) -> bool:
    return len(text) == length and text.isascii() and text.isdigit()


def _hex(text: str, length: int) -> bool:
    return len(text) == length and all(c in "0123456789abcdef" for c in text)


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _is_utc_time(text: str) -> bool:
    """ISO 8601 with an explicit offset of zero ("+00:00" or "Z"), as ``datetime.isoformat`` writes."""
    if not 19 <= len(text) <= 40 or text[4] != "-" or text[10] not in "T ":
        return False
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return False
    return at.utcoffset() == timedelta(0)


@dataclass(frozen=True)
class Frame:
    """A bundle file split into its parts, before anything in it is trusted."""

    key_id: str
    signed: bytes  # magic + key id + header length + header: what the signature covers
    header_bytes: bytes
    signature: bytes
    payload: bytes

    @cached_property
    def file_hash(self) -> str:
        digest = hashlib.sha256(self.signed)  # the parts hashed in turn, not copied into one
        digest.update(self.signature)
        digest.update(self.payload)
        return digest.hexdigest()


def pack(header: Header, signature_of: Any, payload: bytes) -> bytes:
    """Assemble a bundle; ``signature_of(bytes) -> 64 bytes`` signs magic, key id, length and header."""
    header_bytes = header.to_bytes()
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise BundleError("数据包头部过大")
    key_id = header.signer_key.encode("ascii")
    if len(key_id) != KEY_ID_LEN:
        raise BundleError("签名密钥编号长度不正确")
    signed = MAGIC + key_id + struct.pack(">I", len(header_bytes)) + header_bytes
    signature = signature_of(signed)
    assert len(signature) == SIG_LEN
    return bytes(signed + signature + payload)


def unpack(data: bytes) -> Frame:
    """Split a bundle file, checking every length before using it (no trust yet)."""
    if len(data) > MAX_BUNDLE_BYTES + MAX_HEADER_BYTES + PREFIX_LEN + SIG_LEN:
        raise BundleError("文件过大，不是有效的数据包")
    if len(data) < PREFIX_LEN or data[: len(MAGIC)] != MAGIC:
        if len(data) < len(MAGIC) and MAGIC.startswith(data):
            raise BundleError("文件不完整（可能被截断），不是有效的数据包")
        raise BundleError("不是救助通数据包（文件标识不符），或文件已损坏")
    raw_key = data[len(MAGIC) : len(MAGIC) + KEY_ID_LEN]
    try:
        key_id = raw_key.decode("ascii")
    except UnicodeDecodeError:
        raise BundleError("签名密钥编号损坏：文件被改动") from None
    (header_len,) = struct.unpack(">I", data[len(MAGIC) + KEY_ID_LEN : PREFIX_LEN])
    if header_len == 0 or header_len > MAX_HEADER_BYTES:
        raise BundleError("数据包头部长度不正确：文件被改动或损坏")
    end = PREFIX_LEN + header_len
    if len(data) < end + SIG_LEN:
        raise BundleError("文件不完整（可能被截断）")
    return Frame(
        key_id=key_id,
        signed=data[:end],
        header_bytes=data[PREFIX_LEN:end],
        signature=data[end : end + SIG_LEN],
        payload=data[end + SIG_LEN :],
    )


def check_payload(frame: Frame, header: Header) -> None:
    """The encrypted payload must be exactly as long as declared and hash to the signed value."""
    if header.signer_key != frame.key_id:
        raise BundleError("头部中的签名密钥与文件标识不符：文件被改动")
    if len(frame.payload) != header.payload_size:
        if len(frame.payload) < header.payload_size:
            raise BundleError("文件不完整（可能被截断），请重新拷贝该数据包")
        raise BundleError("数据包内容长度与头部不符：文件被改动")
    if sha256_hex(frame.payload) != header.payload_sha256:
        raise BundleError("数据包内容的哈希与签名头部不符：文件被改动或损坏")


def compress(plain: bytes) -> bytes:
    """gzip (so that `gunzip` reads a decrypted payload), level 6."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return packer.compress(plain) + packer.flush()


class Inflater:
    """gunzip fed chunk by chunk (``write``), held to the declared size (the importer itself reads a
    payload through ``stream.read_payload``, which never holds the plain text whole).

    Output past ``declared`` is refused the moment it appears, before it is kept: a small bundle that
    inflates without end never makes this process hold more than the size its header states.
    """

    BATCH = 256 * 1024  # compressed bytes gathered before each inflate call

    def __init__(self, declared: int) -> None:
        self.declared = declared
        self._inflater = zlib.decompressobj(31)
        self._out = bytearray()
        self._pending = bytearray()

    def write(self, chunk: bytes) -> int:
        self._pending += chunk
        if len(self._pending) >= self.BATCH:
            self._inflate()
        return len(chunk)

    def flush(self) -> None:
        """File-like for the decrypter; what is pending is inflated by the next write or finish()."""

    def _inflate(self) -> None:
        data, self._pending = bytes(self._pending), bytearray()
        while data:
            if self._inflater.eof:
                raise BundleError("数据包内容不完整或带有多余数据")
            try:
                piece = self._inflater.decompress(data, self.declared + 1 - len(self._out))
            except zlib.error:
                raise BundleError("数据包内容无法解压：格式错误") from None
            self._out += piece
            if len(self._out) > self.declared:
                self._out = bytearray()
                raise BundleError("数据包解压后超过声明的大小，已拒绝（可能是恶意构造的文件）")
            data = self._inflater.unconsumed_tail

    def finish(self) -> bytearray:
        """The whole plain payload, once the stream ended exactly at the declared size."""
        self._inflate()
        if not self._inflater.eof or self._inflater.unused_data:
            raise BundleError("数据包内容不完整或带有多余数据")
        if len(self._out) != self.declared:
            raise BundleError("数据包解压后的大小与头部声明不符")
        out, self._out = self._out, bytearray()
        return out


def decompress(data: bytes, declared: int) -> bytearray:
    """Inflate at most ``declared`` bytes; more than that is refused before it is kept."""
    inflater = Inflater(declared)
    inflater.write(data)
    return inflater.finish()


MAX_DEPTH = 8  # the deepest a payload nests: tables, table, rows, row, _changed make 6 levels
_CONTAINERS = frozenset({list, dict})
_TEXT = frozenset({str, type(None)})


class Columns(list[tuple[Any, ...]]):
    """A table's rows as parsed, one tuple per column (rows of one width holding only values).

    Made while the payload is parsed, table by table, so that a table's rows are never held twice:
    its row lists go as soon as it is read, and a text value repeated down a column (a date, a code,
    a household's id in each of its members' rows) is kept once. Every text column is shared, not
    only those whose first values repeat: on the bench's largest bundle (402,770 rows) that keeps
    75 MB of text instead of 122 MB, for 0.1 s more of a 2.5 s read, so that the next bundle read
    ahead fits beside the one being written (app/sync/ahead.py).
    """

    height: int = 0  # how many rows


def _as_columns(rows: list[Any]) -> Columns | None:
    """``rows`` as columns when they are lists of one width holding only values; else None (the table
    reader then refuses them with the reason)."""
    if not rows or set(map(type, rows)) != {list}:
        return None
    widths = set(map(len, rows))
    if len(widths) != 1 or 0 in widths:
        return None
    columns = Columns(zip(*rows, strict=True))
    columns.height = len(rows)
    for at, column in enumerate(columns):
        types = set(map(type, column))
        if not _CONTAINERS.isdisjoint(types):
            return None
        if types <= _TEXT:
            shared: dict[Any, Any] = {}
            columns[at] = tuple(map(shared.setdefault, column, column))
    return columns


def columns_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if obj.keys() == {"name", "columns", "rows"} and type(obj["rows"]) is list:
        columns = _as_columns(obj["rows"])
        if columns is not None:
            obj["rows"] = columns
    return obj


def check_depth(doc: Any) -> None:
    """Walk the containers level by level (never the parser's recursion); refuse past MAX_DEPTH.

    A table's rows are left to the table reader, which takes only scalars as values (and a list of
    names as ``_changed``): walking each of a county's million rows here would double the parse.
    """
    tables = doc.get("tables") if type(doc) is dict else None
    entries = {id(e) for e in tables if type(e) is dict} if type(tables) is list else set()
    walked = _CONTAINERS | {Columns, tuple}  # columns nest as deep as the rows they were
    level: list[Any] = [doc]
    for _ in range(MAX_DEPTH):
        inner: list[Any] = []
        for node in level:
            if type(node) is dict:
                rows = id(node) in entries
                values = [v for k, v in node.items() if not (rows and k == "rows")]
            else:
                values = node
            if not walked.isdisjoint(set(map(type, values))):
                inner.extend(v for v in values if type(v) in walked)
        if not inner:
            return
        level = inner
    raise BundleError("数据包内容嵌套过深，不是有效的数据包，已拒绝")


def parse_payload(plain: bytes | bytearray, *, columns: bool = False) -> dict[str, Any]:
    """The payload's JSON document, its nesting bounded by MAX_DEPTH.

    A ``bytearray`` is emptied once decoded (the payload is not held as bytes and text at once). With
    ``columns``, each table's rows come as :class:`Columns` where they can (the importer's form).
    """
    try:
        text = plain.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError("数据包内容不是有效的数据（格式错误），已拒绝") from None
    if isinstance(plain, bytearray):
        plain.clear()
    try:
        doc = json.loads(text, object_pairs_hook=columns_hook if columns else None)
    except RecursionError:
        raise BundleError("数据包内容嵌套过深，不是有效的数据包，已拒绝") from None
    except ValueError:  # also an integer of more than 4,300 digits
        raise BundleError("数据包内容不是有效的数据（格式错误），已拒绝") from None
    del text
    if not isinstance(doc, dict):
        raise BundleError("数据包内容结构错误，已拒绝")
    check_depth(doc)
    return doc


def encode_payload(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
